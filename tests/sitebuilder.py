"""Build real MkDocs sites in temporary folders and look at what came out."""

from __future__ import annotations

import logging
import os
import textwrap
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.livereload import _serve_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SITE = ROOT / "example-site"
MERMAID_JS = {
    "11": ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js",
    "12": ROOT / "node_modules" / "mermaid12" / "dist" / "mermaid.min.js",
}

ENTRIES_ONLY = {"pages": {"index": False, "series": False, "categories": False, "people": False},
                "exports": False}
"""Plugin options without the vault-wide pages, which join the nav (so change other pages)."""

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is stderr noise


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class BuildResult:
    """What a build produced: the site folder, the log, and the error if it failed."""

    site_dir: Path
    records: list[logging.LogRecord]
    error: BaseException | None = None
    config: MkDocsConfig | None = None
    """The loaded config (None if mkdocs.yml could not be loaded); `config.plugins["vault"]`
    is the plugin instance that built the site."""

    @property
    def warnings(self) -> list[str]:
        """Messages logged at WARNING or above."""
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    @property
    def vault_warnings(self) -> list[str]:
        """Warnings of this plugin only."""
        return [r.getMessage() for r in self.records
                if r.levelno >= logging.WARNING and r.name == "mkdocs.plugins.vault"]

    def html(self, page: str) -> str:
        """The HTML of a page given by its URL (`talk/`) or its source (`talk.md`)."""
        path = page
        if path.endswith(".md"):
            path = path[:-3]
            path = "" if path == "index" else path.removesuffix("/index") + "/"
        target = self.site_dir / path
        if target.is_dir() or path.endswith("/") or not path:
            target = target / "index.html"
        return target.read_text(encoding="utf-8")

    def files(self, suffix: str = "") -> list[str]:
        """Every file of the built site ending in `suffix`, as sorted paths (`talk/index.html`)."""
        return sorted(path.relative_to(self.site_dir).as_posix()
                      for path in self.site_dir.rglob(f"*{suffix}") if path.is_file())

    def nav_links(self, page: str = "") -> list[tuple[str, str]]:
        """(title, href) of every page link in Material's primary nav, as shown on `page`.

        Links of the page's own table of contents (the nested secondary nav) are left out.
        """
        parser = _NavLinks()
        parser.feed(self.html(page))
        return parser.links

    def nav_titles(self, page: str = "") -> list[str]:
        """The titles of Material's primary nav on `page`, in order (see `nav_links`)."""
        return [title for title, _ in self.nav_links(page)]


class _NavLinks(HTMLParser):
    """Links of `nav.md-nav--primary`, outside any nested `nav.md-nav--secondary`."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._navs: list[str] = []  # "primary", "secondary" or "" for each open <nav>
        self._link: tuple[str, list[str]] | None = None  # href, text so far

    def _in_primary(self) -> bool:
        return "primary" in self._navs and "secondary" not in self._navs

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "nav":
            self._navs.append("primary" if "md-nav--primary" in classes else
                              "secondary" if "md-nav--secondary" in classes else "")
        elif tag == "a" and "md-nav__link" in classes and self._in_primary():
            self._link = (found.get("href") or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._navs:
            self._navs.pop()
        elif tag == "a" and self._link is not None:
            href, text = self._link
            self.links.append((" ".join("".join(text).split()), href))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[1].append(data)


@dataclass
class _Serving:
    """An open `mkdocs serve` session of a SiteBuilder (see `SiteBuilder.serve`)."""

    config_file: Path
    site_dir: Path
    strict: bool
    serve_url: str
    config: MkDocsConfig


@dataclass
class SiteBuilder:
    """A throwaway MkDocs project: write pages, set options, build."""

    root: Path
    config: dict[str, Any] = field(default_factory=lambda: {
        "site_name": "Test vault",
        "theme": {"name": "material", "font": False},
        "plugins": ["vault"],
    })

    @property
    def docs(self) -> Path:
        """The docs folder."""
        return self.root / "docs"

    def page(self, path: str, text: str) -> Path:
        """Write a Markdown (or other) file below docs/; the text is dedented."""
        target = self.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    def entry(self, path: str, vault: object, *, title: str | None = "A talk",
              body: str = "") -> Path:
        """Write a vault page from Python data."""
        meta: dict[str, Any] = {} if title is None else {"title": title}
        meta["vault"] = vault
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return self.page(path, f"---\n{front}---\n{textwrap.dedent(body).lstrip()}")

    def plugin_options(self, **options: Any) -> None:
        """Set options of the vault plugin."""
        plugins = [p for p in self.config["plugins"] if p != "vault" and not
                   (isinstance(p, dict) and "vault" in p)]
        self.config["plugins"] = [*plugins, {"vault": options}]

    def build(self, *, strict: bool = False, extra_yaml: str = "") -> BuildResult:
        """Build into root/site; never raises for build failures, see `BuildResult.error`.

        `extra_yaml` is appended to mkdocs.yml as written (for tags like `!!python/name`).
        """
        return build_config(self._write_config(extra_yaml), self.root / "site", strict=strict)

    def _write_config(self, extra_yaml: str = "") -> Path:
        config_file = self.root / "mkdocs.yml"
        text = yaml.safe_dump(self.config, allow_unicode=True) + textwrap.dedent(extra_yaml)
        config_file.write_text(text, encoding="utf-8")
        self.docs.mkdir(parents=True, exist_ok=True)
        return config_file

    # `mkdocs serve`, step by step (mimics mkdocs/commands/serve.py of MkDocs 1.6): the config
    # is loaded again for every rebuild, but plugins that define on_startup or on_shutdown
    # come from the plugin cache of MkDocs' `plugins` option (one object for the whole
    # process), so the same VaultPlugin instance builds every time. on_startup runs once,
    # before the first build; on_shutdown once, in `stop`.

    _serving: _Serving | None = field(default=None, init=False, repr=False)

    def serve(self, *, strict: bool = False, extra_yaml: str = "") -> BuildResult:
        """Start a `mkdocs serve` session and do its first build into root/site.

        Call `rebuild` after changing pages or `self.config`, and `stop` at the end. If
        mkdocs.yml cannot be loaded, no session starts (as `mkdocs serve` exits) and the
        result carries the error.
        """
        assert self._serving is None, "already serving; call stop() first"
        config_file = self._write_config(extra_yaml)
        site_dir = self.root / "site"

        def first(loaded: list[MkDocsConfig]) -> None:
            config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
            loaded.append(config)
            config.plugins.on_startup(command="serve", dirty=False)
            host, port = config.dev_addr
            serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
            config.site_url = serve_url
            self._serving = _Serving(config_file, site_dir, strict, serve_url, config)
            try:
                build(config, serve_url=serve_url, dirty=False)
            except BaseException:
                self.stop()  # `mkdocs serve` exits when its first build fails
                raise

        return _collecting(site_dir, first)

    def rebuild(self, *, extra_yaml: str = "") -> BuildResult:
        """Build again in the open session, as `mkdocs serve` does after a change.

        mkdocs.yml is written again from `self.config` (plus `extra_yaml`) and re-read; a
        failure is returned in `BuildResult.error` and the session stays open, as the server
        keeps running after a failed rebuild.
        """
        serving = self._serving
        assert serving is not None, "call serve() first"
        self._write_config(extra_yaml)

        def again(loaded: list[MkDocsConfig]) -> None:
            config = load_config(str(serving.config_file), site_dir=str(serving.site_dir),
                                 strict=serving.strict)
            loaded.append(config)
            config.site_url = serving.serve_url
            build(config, serve_url=serving.serve_url, dirty=False)

        return _collecting(serving.site_dir, again)

    def stop(self) -> None:
        """End the session: on_shutdown, as when `mkdocs serve` is interrupted."""
        serving, self._serving = self._serving, None
        if serving is not None:
            serving.config.plugins.on_shutdown()


def build_config(config_file: Path, site_dir: Path, *, strict: bool = False,
                 **overrides: Any) -> BuildResult:
    """Build the project of `config_file` into `site_dir`, collecting the log."""

    def once(loaded: list[MkDocsConfig]) -> None:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
        loaded.append(config)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()

    return _collecting(site_dir, once)


def _collecting(site_dir: Path, run: Callable[[list[MkDocsConfig]], None]) -> BuildResult:
    """Call `run` with MkDocs' log collected; `run` appends the config it loads to its
    argument. Failures end up in `BuildResult.error`."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    error: BaseException | None = None
    loaded: list[MkDocsConfig] = []
    try:
        run(loaded)
    except (Abort, SystemExit, Exception) as caught:
        error = caught
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return BuildResult(site_dir, handler.records, error, loaded[-1] if loaded else None)
