"""A whole docs tree as the plugin hands it to MkDocs, written out as plain Markdown.

`render_tree(config_file, out_dir)` writes `out_dir/docs/` and `out_dir/mkdocs.yml` so that a
generator that runs no MkDocs plugins (Zensical, MkDocs 2, plain MkDocs without this package)
publishes the vault:

- every entry expanded by the plugin's own events, with the HTML of its fields in place
  (`Rendered.inline()`: no placeholders left), relative links in fields already resolved to the
  target's URL relative to the page (as MkDocs resolves them, `use_directory_urls` included);
  the page's other front matter (`title`, `tags`, `hide` ...) is kept;
- every generated vault page (index, series, categories, people) and the exports;
- the stylesheet at `assets/vault/vault.css` (and the local Mermaid, if configured), linked
  from the written `mkdocs.yml` through `extra_css` / `extra_javascript`;
- every other file copied byte for byte;
- `mkdocs.yml` without the `vault` plugin; other plugins, the theme and every option kept
  (YAML tags such as `!!python/name:` and `!ENV` are written back as they were).

The plugin's events are run, not imitated (`on_config`, `on_files`, `on_page_markdown`,
`on_page_content`), so the output is the plugin's output. This module imports MkDocs only
inside `render_tree`: the rest of `render/` stays free of it.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

CSS_URI = "assets/vault/vault.css"
MERMAID_URI = "assets/vault/mermaid.min.js"
TARGETS = ("mkdocs", "zensical")
"""How links in the HTML of entries are written: relative to the page's URL, as the plugin
writes them for MkDocs (which leaves raw HTML alone), or relative to the page's source file
with `.md` targets, which Zensical resolves and checks in raw HTML as in Markdown links."""
_ATTRIBUTE_RE = re.compile(r'(?P<lead>\s(?:href|src)=")(?P<url>[^"]*)"')
_PATH_OPTIONS = ("hooks", "watch")
"""Top-level options that hold paths relative to mkdocs.yml."""


class RenderError(Exception):
    """The tree cannot be rendered (no vault plugin, a broken mkdocs.yml, ...)."""


@dataclass
class RenderSummary:
    """What `render_tree` wrote."""

    out_dir: Path
    config_file: Path
    """The written mkdocs.yml."""
    entries: list[str] = field(default_factory=list)
    """Expanded vault pages (paths inside docs/)."""
    generated: list[str] = field(default_factory=list)
    """Vault-wide pages, exports and assets the plugin adds."""
    copied: list[str] = field(default_factory=list)
    """Other files, copied as they are."""
    problems: list[str] = field(default_factory=list)
    """What the plugin logged at warning level (as `mkdocs build` would show it)."""
    notes: list[str] = field(default_factory=list)
    """What it logged at info level."""

    @property
    def docs_dir(self) -> Path:
        """The written docs folder (`out_dir/docs`)."""
        return self.out_dir / "docs"

    def line(self) -> str:
        """One line for people: what was written, where."""
        return (f"{len(self.entries)} entries expanded, {len(self.generated)} files generated, "
                f"{len(self.copied)} copied, {len(self.problems)} warnings -> {self.out_dir}")


# ---- YAML that keeps its tags ---------------------------------------------------------------


@dataclass(frozen=True)
class Tagged:
    """A YAML node with a tag this module does not interpret (`!ENV`, `!!python/name:`)."""

    tag: str
    value: Any
    kind: str


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value, kind = loader.construct_scalar(node), "scalar"
    elif isinstance(node, yaml.SequenceNode):
        value, kind = loader.construct_sequence(node, deep=True), "sequence"
    else:
        assert isinstance(node, yaml.MappingNode)
        value, kind = loader.construct_mapping(node, deep=True), "mapping"
    return Tagged(node.tag, value, kind)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if data.kind == "scalar":
        return dumper.represent_scalar(data.tag, str(data.value))
    if data.kind == "sequence":
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_mapping(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def load_yaml(path: Path) -> dict[str, Any]:
    """mkdocs.yml as written, tags kept, `INHERIT` merged in (as MkDocs merges it)."""
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(loaded, dict):
        raise RenderError(f"{path}: not a YAML mapping")
    data: dict[str, Any] = dict(loaded)
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        data = _merge(load_yaml(path.parent / parent), data)
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def dump_yaml(data: dict[str, Any]) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=False, width=100))


def _without_vault(plugins: Any) -> Any:
    """The `plugins` option without `vault` (a list of names/mappings, or a mapping)."""
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != "vault"}
    if isinstance(plugins, list):
        return [p for p in plugins if p != "vault" and not (isinstance(p, dict) and "vault" in p)]
    return plugins


def written_config(data: dict[str, Any], source_dir: Path, out_dir: Path, *,
                   css: bool, scripts: Sequence[str]) -> dict[str, Any]:
    """The mkdocs.yml of the rendered tree."""
    out = dict(data)
    out["docs_dir"] = "docs"
    out.pop("site_dir", None)  # builds into out_dir/site
    if "plugins" in out:
        out["plugins"] = _without_vault(out["plugins"])  # `[]` stays `[]`: no search either

    def moved(value: Any) -> Any:
        if isinstance(value, str) and not os.path.isabs(value):
            return os.path.relpath(source_dir / value, out_dir).replace(os.sep, "/")
        return value

    for key in _PATH_OPTIONS:
        if isinstance(out.get(key), list):
            out[key] = [moved(v) for v in out[key]]
    theme = out.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme:
        out["theme"] = {**theme, "custom_dir": moved(theme["custom_dir"])}
    if css:
        extra_css = list(out.get("extra_css") or [])
        if CSS_URI not in extra_css:
            extra_css.append(CSS_URI)
        out["extra_css"] = extra_css
    if scripts:
        extra_js = list(out.get("extra_javascript") or [])
        out["extra_javascript"] = [*[s for s in scripts if s not in extra_js], *extra_js]
    return out


# ---- the tree -------------------------------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _collecting() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs.plugins.vault")
    previous, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        logger.propagate = propagate


def default_config(docs_dir: Path, into: Path) -> Path:
    """A minimal mkdocs.yml for a folder of pages that has none (Material, the plugin)."""
    path = into / "mkdocs.yml"
    path.write_text(dump_yaml({
        "site_name": docs_dir.resolve().name or "Vault",
        "docs_dir": str(docs_dir.resolve()),
        "theme": {"name": "material"},
        "plugins": ["search", "vault"],
    }), encoding="utf-8")
    return path


def source_relative(html_text: str, page_uri: str, page_url: str,
                    sources: dict[str, str]) -> str:
    """`href`/`src` attributes written relative to the page's URL (`../../vault/`) rewritten
    relative to its source file (`../vault/index.md`); `sources` maps site URLs to source
    paths. URLs with a scheme, absolute paths, fragments and unknown targets are left alone."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    here = posixpath.dirname(page_uri)

    def rewrite(match: re.Match[str]) -> str:
        url = match.group("url")
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return match.group()
        target = posixpath.normpath(posixpath.join(base, parts.path))
        target = "" if target == "." else target
        source = None
        for candidate in (target, target + "/", target.rstrip("/") + "/", target.rstrip("/")):
            source = sources.get(candidate)
            if source is not None:
                break
        if source is None:
            return match.group()
        out = posixpath.relpath(source, here or ".")
        if parts.query:
            out += "?" + parts.query
        if parts.fragment:
            out += "#" + parts.fragment
        return f'{match.group("lead")}{out}"'

    return _ATTRIBUTE_RE.sub(rewrite, html_text)


def render_tree(config_file: str | Path, out_dir: str | Path, *,
                mermaid_js: str | Path | None = None, only: Sequence[str] = (),
                clean: bool = False, target: str = "mkdocs") -> RenderSummary:
    """Write the docs tree of `config_file` as the plugin hands it to MkDocs (module docstring).

    Arguments:
        config_file: the site's mkdocs.yml (with the `vault` plugin).
        out_dir: where `docs/` and `mkdocs.yml` are written; must not be the source folder.
        mermaid_js: a local Mermaid to ship instead of the plugin's `mermaid_js` option (e.g.
            Mermaid 12 for Zensical); linked through `extra_javascript`.
        only: write only these pages (paths inside docs/) and the assets.
        clean: empty `out_dir/docs` first.
        target: `mkdocs` or `zensical`, how links in raw HTML are written (see `TARGETS`).

    Raises `RenderError` when the site cannot be rendered.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    from mkdocs_vault.plugin import VaultPlugin

    if target not in TARGETS:
        raise RenderError(f"target must be one of {', '.join(TARGETS)}, not {target!r}")
    config_path = Path(config_file).resolve()
    out = Path(out_dir).resolve()
    try:
        config = load_config(str(config_path))
    except (ConfigurationError, Abort, OSError) as error:
        raise RenderError(f"{config_path}: {error}") from None
    docs = Path(config.docs_dir).resolve()
    if out == config_path.parent or out == docs or docs.is_relative_to(out) or (
            out.is_relative_to(docs)):
        raise RenderError(f"{out}: the output must be outside the site's folder and its docs")
    plugin = config.plugins.get("vault")
    if not isinstance(plugin, VaultPlugin):
        raise RenderError(f"{config_path}: the `vault` plugin is not enabled in `plugins`")
    summary = RenderSummary(out, out / "mkdocs.yml")
    out_docs = out / "docs"
    if clean and out_docs.exists():
        shutil.rmtree(out_docs)
    with _collecting() as log:
        try:
            # Every plugin's startup, config and files events run, as in a build: pages that
            # other plugins generate, and `.meta.yml` defaults, reach the vault plugin.
            config.plugins.on_startup(command="build", dirty=False)
            config = config.plugins.on_config(config)
            # Assets are linked from the written mkdocs.yml, not from each page's content.
            plugin.global_assets = True
            if mermaid_js is not None:
                plugin.mermaid_js = str(Path(mermaid_js).resolve())
            files = get_files(config)
            before = {f.src_uri for f in files}
            files = config.plugins.on_files(files, config=config)
        except PluginError as error:
            raise RenderError(str(error)) from None
        get_navigation(files, config)  # page titles from `nav:`, as in a build
        sources = {f.url: f.src_uri for f in files}

        def for_target(text: str, file: Any) -> str:
            if target == "zensical":
                return source_relative(text, file.src_uri, file.url, sources)
            return text
        for file in files:
            uri = file.src_uri
            if only and uri not in only and uri not in (CSS_URI, MERMAID_URI):
                continue
            written = out_docs / uri
            written.parent.mkdir(parents=True, exist_ok=True)
            generated = uri not in before
            if generated:
                if file.generated_by != "vault":
                    continue  # other plugins stay in mkdocs.yml and generate their own again
                summary.generated.append(uri)
            if not file.is_documentation_page():
                _copy(file.abs_src_path, file.content_bytes, written)
                if not generated:
                    summary.copied.append(uri)
                continue
            page = file.page if isinstance(file.page, Page) else Page(None, file, config)
            page.read_source(config)
            markdown = page.markdown or ""
            expanded = plugin.on_page_markdown(markdown, page=page, config=config, files=files)
            if expanded is None:
                _copy(file.abs_src_path, file.content_bytes, written)
                if not generated:
                    summary.copied.append(uri)
                continue
            # Generated pages too: their listings' links are resolved as the plugin fills them.
            filled = plugin.on_page_content(expanded, page=page, config=config, files=files)
            meta = {k: v for k, v in page.meta.items() if k != "vault"}
            text = for_target(filled if filled is not None else expanded, file)
            if meta:
                text = "---\n" + dump_yaml(meta) + "---\n\n" + text
            written.write_text(text, encoding="utf-8")
            if not generated:
                summary.entries.append(uri)
        for record in log.records:
            message = record.getMessage()
            (summary.problems if record.levelno >= logging.WARNING else summary.notes).append(
                message)
    config.plugins.on_shutdown()
    scripts = [MERMAID_URI] if MERMAID_URI in summary.generated else []
    data = written_config(load_yaml(config_path), config_path.parent, out,
                          css=CSS_URI in summary.generated, scripts=scripts)
    _write(summary.config_file, dump_yaml(data))
    return summary


def _copy(source: str | None, content: bytes, target: Path) -> None:
    if source:
        shutil.copyfile(source, target)
    else:
        target.write_bytes(content)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)
