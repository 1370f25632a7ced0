"""Build real MkDocs sites in temporary folders and look at what came out."""

from __future__ import annotations

import logging
import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SITE = ROOT / "example-site"
MERMAID_JS = {
    "11": ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js",
    "12": ROOT / "node_modules" / "mermaid12" / "dist" / "mermaid.min.js",
}

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
        config_file = self.root / "mkdocs.yml"
        text = yaml.safe_dump(self.config, allow_unicode=True) + textwrap.dedent(extra_yaml)
        config_file.write_text(text, encoding="utf-8")
        self.docs.mkdir(parents=True, exist_ok=True)
        return build_config(config_file, self.root / "site", strict=strict)


def build_config(config_file: Path, site_dir: Path, *, strict: bool = False,
                 **overrides: Any) -> BuildResult:
    """Build the project of `config_file` into `site_dir`, collecting the log."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    error: BaseException | None = None
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, SystemExit, Exception) as caught:
        error = caught
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    return BuildResult(site_dir, handler.records, error)
