"""`mkdocs-vault check`: validate every vault page without building the site.

The pages are loaded as the plugin loads them in a build (with `.meta.yml` defaults when the
meta plugin is configured), then checked as a vault (`see:` and `related:` links), then their
Markdown fields are rendered to find links to missing pages: what `mkdocs build --strict`
would report of the plugin, in a fraction of the time.
"""

from __future__ import annotations

import json
import os
import posixpath
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlsplit

import click
import yaml

from mkdocs_vault.cli.common import (
    find_config,
    interruptible,
    load_mkdocs_config,
    plural,
    progress,
)
from mkdocs_vault.graph.knowledge import VaultEntry, knowledge_graph
from mkdocs_vault.loading.frontmatter import has_vault_key
from mkdocs_vault.loading.metafiles import defaults_for
from mkdocs_vault.loading.pages import LoadedPage, load_bytes, load_page, load_with_defaults
from mkdocs_vault.loading.problems import Problem, printable
from mkdocs_vault.render.markdown import MarkdownFields, Resolve, choose_extensions
from mkdocs_vault.render.options import RenderOptions
from mkdocs_vault.render.page import render_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

Format = Literal["text", "json", "github"]


@dataclass
class Site:
    """What to check: the docs folder's pages and the options that matter for checking."""

    docs_dir: Path
    base: Path
    """Paths are shown relative to this folder (mkdocs.yml's, or the current one)."""
    pages: list[tuple[str, Path]]
    """(path inside docs/ with `/`, file) of every Markdown page, sorted."""
    others: set[str] = field(default_factory=set)
    """Paths inside docs/ of every other file, for links in fields."""
    options: RenderOptions = field(default_factory=RenderOptions)
    extensions: tuple[list[str], dict[str, Any]] = ([], {})
    raw_html: bool = False
    meta_file: str | None = None
    """Name of the meta plugin's files (`.meta.yml`) when the plugin is configured."""
    vault_wide: bool = True
    """False in sites whose build skips the vault-wide data (mkdocs-static-i18n)."""


@dataclass
class Report:
    """Problems by displayed path, and how many vault pages were checked."""

    pages: int = 0
    problems: list[tuple[str, Problem]] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for _, p in self.problems if p.severity == severity)


# -- finding the site ------------------------------------------------------------------------


def site_from_config(path: Path) -> Site:
    """The site of a mkdocs.yml: its docs_dir, the files MkDocs would build, the options."""
    from mkdocs.structure.files import get_files

    from mkdocs_vault.plugin.config import render_options

    config = load_mkdocs_config(path)
    base = path.resolve().parent
    docs = Path(config.docs_dir)
    if not docs.is_dir():
        raise click.UsageError(f"{path}: docs_dir {docs} is not a folder")
    site = Site(docs, base, [])
    files = get_files(config)
    site.pages = sorted((f.src_uri, Path(f.abs_src_path)) for f in files.documentation_pages()
                        if f.abs_src_path)
    site.others = {f.src_uri for f in files}
    plugin = config.plugins.get("vault")
    vault_config = getattr(plugin, "config", None)
    if vault_config is None:
        click.echo(f"note: {path} does not configure the vault plugin; checking with its "
                   f"default options", err=True)
    else:
        site.options = render_options(vault_config)
        site.raw_html = bool(vault_config.raw_html)
    site.extensions = _extensions(config)
    site.meta_file = _meta_file(config)
    site.vault_wide = "i18n" not in config.plugins
    return site


def _extensions(config: MkDocsConfig) -> tuple[list[str], dict[str, Any]]:
    names, settings, _ = choose_extensions(config.markdown_extensions, config.mdx_configs)
    return list(names), dict(settings)


def _meta_file(config: MkDocsConfig) -> str | None:
    for name in ("material/meta", "meta"):
        plugin = config.plugins.get(name)
        options = getattr(plugin, "config", None)
        if options is not None and getattr(options, "enabled", True):
            return str(getattr(options, "meta_file", ".meta.yml"))
    return None


def site_from_folder(docs: Path) -> Site:
    """A docs folder given directly: every Markdown file in it (dot-folders skipped, as MkDocs
    does), the plugin's default options."""
    pages, others = [], set()
    for folder, dirs, names in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            file = Path(folder) / name
            uri = file.relative_to(docs).as_posix()
            others.add(uri)
            if name.endswith(".md") and not name.startswith("."):
                pages.append((uri, file))
    return Site(docs, Path.cwd(), sorted(pages), others)


# -- checking --------------------------------------------------------------------------------


def _read_meta_files(site: Site, report: Report) -> dict[str, Any]:
    """The meta plugin's files, by path inside docs/, loaded as it loads them."""
    if site.meta_file is None:
        return {}
    found: dict[str, Any] = {}
    for folder, dirs, names in os.walk(site.docs_dir):
        dirs.sort()
        if site.meta_file in names:
            file = Path(folder) / site.meta_file
            uri = file.relative_to(site.docs_dir).as_posix()
            try:
                found[uri] = yaml.load(file.read_text(encoding="utf-8-sig"), yaml.SafeLoader)
            except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
                mark = getattr(error, "problem_mark", None)
                line = mark.line + 1 if mark is not None else None
                column = mark.column + 1 if mark is not None else None
                report.problems.append((_shown(site, file), Problem(
                    f"the meta file cannot be read: {error}", None, line, column)))
    return found


def _load(file: Path, defaults: dict[str, Any] | None, label_chars: int) -> LoadedPage | None:
    """A page as the plugin loads it (MkDocs reads files as UTF-8 text, universal newlines)."""
    try:
        with open(file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        data = file.read_bytes()
        return load_bytes(data, label_chars=label_chars)
    if defaults is None:
        return load_page(text, label_chars=label_chars) if has_vault_key(text) else None
    return load_with_defaults(text, defaults, label_chars=label_chars)


def _shown(site: Site, file: Path) -> str:
    return os.path.relpath(file.resolve(), site.base).replace(os.sep, "/")


def check_site(site: Site) -> Report:
    """Every problem the plugin would report of the site's vault pages."""
    report = Report()
    meta = _read_meta_files(site, report)
    loaded: dict[str, tuple[str, LoadedPage]] = {}
    label_chars = site.options.label_chars
    with progress(site.pages, "Checking vault pages") as pages:
        for uri, file in pages:
            defaults = defaults_for(uri, meta) if meta else {}
            try:
                page = _load(file, defaults if "vault" in defaults else None, label_chars)
            except OSError as error:
                report.problems.append((_shown(site, file), Problem(
                    f"cannot be read: {error.strerror}")))
                continue
            if page is not None:
                loaded[uri] = (_shown(site, file), page)
    report.pages = len(loaded)
    by_uri: dict[str, list[Problem]] = {uri: list(p.problems) for uri, (_, p) in loaded.items()}
    valid = {uri: p.entry for uri, (_, p) in loaded.items() if p.ok and p.entry is not None}
    if valid and site.vault_wide:
        records = [VaultEntry(uri, uri.removesuffix(".md") + "/", valid[uri])
                   for uri in sorted(valid)]
        for link in knowledge_graph(records).problems:
            line = loaded[link.uri][1].lines.get(link.field)
            by_uri[link.uri].append(Problem(f"{link.target!r}: {link.reason}", link.field, line,
                                            severity="warning"))
    fields = MarkdownFields(*site.extensions, raw_html=site.raw_html) if valid else None
    for uri, entry in sorted(valid.items()):
        assert fields is not None
        fields.resolve = _resolver(uri, site.others)
        rendered = render_page(entry, loaded[uri][1].body, site.options, title="",
                               body_line=loaded[uri][1].body_line, fields=fields)
        by_uri[uri].extend(rendered.problems)
    for uri in sorted(loaded):
        report.problems.extend((loaded[uri][0], p) for p in by_uri[uri])
    return report


def _resolver(uri: str, known: set[str]) -> Resolve:
    """Relative links in fields as MkDocs resolves links in pages: None for a missing `.md`."""

    def resolve(url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
            return url
        target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), unquote(parts.path)))
        if target in known or not parts.path.endswith(".md"):
            return url
        return None

    return resolve


# -- output ----------------------------------------------------------------------------------


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(path: str, problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the file (`::error file=...::...`)."""
    level = {"error": "error", "warning": "warning"}.get(problem.severity, "notice")
    props = [f"file={_github_property(path)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
        if problem.column is not None:
            props.append(f"col={problem.column}")
    title = f"vault: {problem.field}" if problem.field else "vault: front matter"
    props.append(f"title={_github_property(printable(title))}")
    return f"::{level} {','.join(props)}::{_github_data(printable(problem.message))}"


def as_json(report: Report) -> str:
    """The problems as a JSON list of {path, line, column, field, severity, message}."""
    return json.dumps([{"path": path, "line": p.line, "column": p.column, "field": p.field,
                        "severity": p.severity, "message": p.message}
                       for path, p in report.problems], ensure_ascii=False, indent=2)


def summary(report: Report) -> str:
    """`12 pages checked, 2 errors, 1 warning`."""
    parts = [f"{plural(report.pages, 'page')} checked", plural(report.count("error"), "error"),
             plural(report.count("warning"), "warning")]
    if report.count("info"):
        parts.append(f"{report.count('info')} info")
    return ", ".join(parts)


# -- the command -----------------------------------------------------------------------------


def _site(target: Path | None, config_file: Path | None) -> Site:
    if target is not None and config_file is not None:
        raise click.UsageError("give either -f mkdocs.yml or a docs folder, not both")
    if config_file is None and target is not None:
        if target.is_file():
            config_file = target
        else:
            config_file = find_config(target)  # a project folder rather than its docs/
            if config_file is None:
                return site_from_folder(target)
    if config_file is None:
        config_file = find_config(Path.cwd())
        if config_file is None:
            raise click.UsageError("no mkdocs.yml here: give -f path/to/mkdocs.yml or a docs "
                                   "folder")
    return site_from_config(config_file)


@click.command("check")
@click.argument("target", required=False, metavar="[DOCS_DIR]",
                type=click.Path(exists=True, path_type=Path))
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False,
                                                     path_type=Path),
              help="The site's mkdocs.yml (default: the one in the current folder).")
@click.option("--format", "output", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True,
              help="text: path:line:col: field: message; json: a list of objects; github: "
                   "GitHub Actions annotations.")
@click.option("--warnings-ok", is_flag=True, help="Exit 0 when there are warnings but no errors.")
@interruptible
def command(target: Path | None, config_file: Path | None, output: Format,
            warnings_ok: bool) -> None:
    """Validate every vault page without building the site.

    Checks what the plugin checks in a build: each page's front matter (with
    .meta.yml defaults when the meta plugin is on), see: and related: links
    across the vault, and links to missing pages in Markdown fields. Paths are
    relative to mkdocs.yml's folder, as in the build log (to the current
    folder for a DOCS_DIR, and always for --format github).

    Exit status: 0 clean, 1 errors or warnings, 2 usage error, 130 Ctrl-C.

    \b
    Examples:
      mkdocs-vault check                      # ./mkdocs.yml
      mkdocs-vault check -f site/mkdocs.yml --format json
      mkdocs-vault check docs/ --warnings-ok
      mkdocs-vault check --format github      # in a GitHub Actions step
    """
    site = _site(target, config_file)
    report = check_site(site)
    if output == "github":
        cwd = Path.cwd()
        for path, problem in report.problems:
            shown = os.path.relpath((site.base / path).resolve(), cwd).replace(os.sep, "/")
            click.echo(github_line(shown, problem))
    elif output == "json":
        click.echo(as_json(report))
    else:
        for path, problem in report.problems:
            click.echo(problem.format(path))
    click.echo(summary(report), err=True)
    errors, warnings = report.count("error"), report.count("warning")
    sys.exit(1 if errors or (warnings and not warnings_ok) else 0)
