"""MkDocs hooks of the documentation site: the references are generated, never hand-copied.

Markers in pages are replaced while the site builds:

- `<!-- generated: options -->`: the `mkdocs.yml` options, from `VaultConfig` and its
  SubConfigs (names, types, defaults; descriptions are the attribute docstrings, read with
  `ast` from the source, as MkDocs options carry no documentation at run time).
- `<!-- generated: fields -->`: the front-matter field table,
  `mkdocs_vault.loading.fields.field_table_markdown()`, when that module exists.
- `<!-- generated: cli -->`: the help of `mkdocs-vault` and of each subcommand that imports.
- `<!-- generated: changelog -->`: CHANGELOG.md at the repository root.
- `<!-- generated: version -->`: `mkdocs_vault.__version__`.
- `<!-- generated: schema-link -->`: a link to the published JSON Schema, when there is one.

`schema/vault-front-matter.json` is added to the site (File.generated) from
`mkdocs_vault.loading.fields.json_schema()`, a stable URL for editors' YAML validation.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import itertools
import json
import logging
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.reference")

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_URI = "schema/vault-front-matter.json"

PENDING_PAGES = {"performance.md", "cli.md", "zensical.md"}
"""Pages other contributors are writing: left out of the nav (with a note in the log) until
they exist, so the strict build of the docs does not depend on their timing."""


# -- the field table and the JSON Schema (mkdocs_vault.loading.fields, when it exists) ------

def _fields() -> Any:
    try:
        return importlib.import_module("mkdocs_vault.loading.fields")
    except ImportError:
        return None


def _schema_text() -> str | None:
    fields = _fields()
    if fields is None or not hasattr(fields, "json_schema"):
        return None
    return json.dumps(fields.json_schema(), indent=2, ensure_ascii=False) + "\n"


def fields_markdown() -> str:
    """The generated front-matter table, or a note saying why there is none."""
    fields = _fields()
    if fields is None or not hasattr(fields, "field_table_markdown"):
        return ("*This build of mkdocs-vault has no generated field table yet "
                "(`mkdocs_vault.loading.fields`); the hand-written table of "
                "[Front matter](../front-matter.md#fields) applies.*")
    table: str = fields.field_table_markdown()
    return table


# -- the option reference, from the plugin's config classes --------------------------------

def attribute_docs(cls: type) -> dict[str, str]:
    """Docstrings of the class attributes of `cls` (a string right after an assignment)."""
    source = textwrap.dedent(inspect.getsource(cls))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.ClassDef)
    docs: dict[str, str] = {}
    body = node.body
    for statement, following in itertools.pairwise(body):
        targets: list[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = list(statement.targets)
        elif isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        if (targets and isinstance(targets[0], ast.Name) and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[targets[0].id] = " ".join(inspect.cleandoc(following.value.value).split())
    return docs


def _type_of(option: base.BaseConfigOption[Any]) -> str:
    """A reader's name for what an option accepts."""
    name = type(option).__name__
    if isinstance(option, c.Optional):
        return _type_of(option.option) + ", or null"
    if isinstance(option, c.Choice):
        return "one of " + ", ".join(f"`{choice}`" for choice in option.choices)
    if isinstance(option, c.ListOfItems):
        return "list of " + _type_of(option.option_type)
    if isinstance(option, c.DictOfItems):
        return "mapping of name to " + _type_of(option.option_type)
    if isinstance(option, c.SubConfig):
        return "a mapping of the options below"
    if name in {"_Int", "_OptionalInt"}:
        low, high = option.minimum, option.maximum  # type: ignore[attr-defined]
        bounds = f"{low} to {high}" if high is not None else f"at least {low}"
        return f"whole number, {bounds}" + (", or null" if name == "_OptionalInt" else "")
    if name == "_Templates":
        what = option.what  # type: ignore[attr-defined]
        return f"mapping of {what} name to text"
    if name == "_DateFormat":
        return "`strftime` format"
    if isinstance(option, c.Type):
        kinds = option._type if isinstance(option._type, tuple) else (option._type,)
        words = {bool: "boolean", str: "text", int: "whole number", dict: "mapping",
                 list: "list"}
        spoken = [words.get(kind, kind.__name__) for kind in kinds]
        if spoken == ["text", "boolean"]:
            return "path, or `false`"
        return " or ".join(spoken)
    return name.strip("_")


def _default_of(option: base.BaseConfigOption[Any]) -> str:
    if isinstance(option, c.SubConfig):
        return "—"
    default = option.default
    if default is None:
        return "`null`"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if default in ({}, []):
        return "empty" if not isinstance(option, c.ListOfItems) else "`[]`"
    if isinstance(default, list):
        return "`[" + ", ".join(str(item) for item in default) + "]`"
    return f"`{default}`"


def _section(cls: type[base.Config], prefix: str, title: str, intro: str) -> list[str]:
    """A heading per option (linkable, readable on a phone), then its nested options."""
    docs = attribute_docs(cls)
    lines = [f"## {title}", "", intro, ""]
    nested: list[tuple[str, type[base.Config]]] = []
    for name, option in cls._schema:
        lines += [f"### `{prefix}{name}`", "",
                  f"**Accepts** {_type_of(option)} · **Default** {_default_of(option)}", ""]
        if docs.get(name):
            lines += [docs[name], ""]
        if isinstance(option, c.SubConfig):
            nested.append((f"{prefix}{name}", option.config_class))
        elif isinstance(option, c.DictOfItems) and isinstance(option.option_type, c.SubConfig):
            nested.append((f"{prefix}{name}.<name>", option.option_type.config_class))
    for path, sub in nested:
        doc = " ".join(inspect.cleandoc(sub.__doc__ or "").split())
        lines += _section(sub, f"{path}.", f"`{path}`", doc)
    return lines


def options_markdown() -> str:
    """Every option of the plugin, generated from `VaultConfig`."""
    from mkdocs_vault.plugin.config import VaultConfig

    doc = " ".join(inspect.cleandoc(VaultConfig.__doc__ or "").split())
    return "\n".join(_section(VaultConfig, "", "Top level", doc))


def option_names() -> list[str]:
    """Dotted names of every option (for tests): `graph.layout`, `series.<name>.title` …"""
    from mkdocs_vault.plugin.config import VaultConfig

    names: list[str] = []

    def walk(cls: type[base.Config], prefix: str) -> None:
        for name, option in cls._schema:
            names.append(prefix + name)
            if isinstance(option, c.SubConfig):
                walk(option.config_class, f"{prefix}{name}.")
            elif isinstance(option, c.DictOfItems) and isinstance(option.option_type,
                                                                  c.SubConfig):
                walk(option.option_type.config_class, f"{prefix}{name}.<name>.")

    walk(VaultConfig, "")
    return names


# -- the CLI reference, from the click commands' help ----------------------------------------

def cli_commands() -> tuple[list[tuple[str, str]], list[str]]:
    """(`mkdocs-vault …` command line, its help) for the group and every subcommand that
    imports, and the names of those that do not (yet)."""
    import click

    from mkdocs_vault.cli import main

    root = click.Context(main, info_name="mkdocs-vault")
    found: dict[str, click.Command] = {}
    missing: list[str] = []
    for name in main.list_commands(root):
        try:
            command = main.get_command(root, name)
        except Exception as error:  # being written: import or attribute errors
            log.info("CLI reference: 'mkdocs-vault %s' is left out: %s", name, error)
            missing.append(name)
            continue
        if command is None:
            missing.append(name)
            continue
        found[name] = command
    # The group's own help lists its commands, so it is shown with those that import only
    # (the lazy group's help fails while a listed module is missing).
    group = click.Group(name=main.name, commands=found, help=main.help, params=main.params,
                        context_settings=main.context_settings)
    parent = click.Context(group, info_name="mkdocs-vault", **group.context_settings)
    shown = [("mkdocs-vault", group.get_help(parent))]
    for name, command in found.items():
        context = click.Context(command, info_name=name, parent=parent,
                                **command.context_settings)
        shown.append((f"mkdocs-vault {name}", command.get_help(context)))
    return shown, missing


def cli_markdown() -> str:
    shown, missing = cli_commands()
    lines: list[str] = []
    for command_line, help_text in shown:
        lines += [f"## `{command_line}`", "", "```text", help_text.rstrip(), "```", ""]
    if missing:
        names = ", ".join(f"`{name}`" for name in missing)
        lines += [f"*Not in this build yet: {names}.*", ""]
    return "\n".join(lines)


# -- changelog and version -------------------------------------------------------------------

def changelog_markdown() -> str:
    """CHANGELOG.md without its own top heading (the page has one)."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join(lines).strip() + "\n"


def _version() -> str:
    from mkdocs_vault import __version__

    return __version__


# -- MkDocs events ---------------------------------------------------------------------------

def _drop_pending(nav: list[Any], docs_dir: Path) -> list[Any]:
    kept: list[Any] = []
    for item in nav:
        target = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(target, list):
            kept.append({next(iter(item)): _drop_pending(target, docs_dir)})
        elif (isinstance(target, str) and target in PENDING_PAGES
              and not (docs_dir / target).is_file()):
            log.info("nav: %s is not written yet; left out", target)
        else:
            kept.append(item)
    return kept


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    version = _version()
    config.extra["version"] = version
    config.copyright = f"mkdocs-vault {version} · MIT licence"
    if config.nav:
        config.nav = _drop_pending(config.nav, Path(config.docs_dir))
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    schema = _schema_text()
    if schema is not None:
        files.append(File.generated(config, SCHEMA_URI, content=schema))
    return files


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig,
                     files: Files) -> str:
    if "<!-- generated: " not in markdown:
        return markdown
    schema_link = ""
    if files.get_file_from_path(SCHEMA_URI) is not None:
        depth = page.file.src_uri.count("/")
        schema_link = (f"The JSON Schema of `vault:` is published at "
                       f"[`{SCHEMA_URI}`]({'../' * depth}{SCHEMA_URI}).")
    generators: dict[str, Callable[[], str]] = {
        "options": options_markdown,
        "fields": fields_markdown,
        "cli": cli_markdown,
        "changelog": changelog_markdown,
        "version": _version,
        "schema-link": functools.partial(str, schema_link),
    }
    for name, generate in generators.items():
        marker = f"<!-- generated: {name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, generate())
    return markdown
