"""The MkDocs adapter: maps MkDocs events onto the core, and nothing else.

Flow of one build:
    on_config        options from mkdocs.yml; checks the theme and the local Mermaid file
    on_files (-50)   loads and validates every vault page before any page renders, logs problems,
                     adds the stylesheet (and Mermaid) to the site
    on_page_markdown replaces a vault page's Markdown by the expanded entry
    on_page_content  filters the HTML of the authors' Markdown fields (see sanitize.py), puts
                     the `idea-N` ids on the list items, and links the stylesheet (and local
                     Mermaid) from vault pages only, so other pages stay byte-identical
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from mkdocs_vault.config import VaultConfig, render_options
from mkdocs_vault.frontmatter import has_vault_key
from mkdocs_vault.render import lift_idea_ids, problems_box, render_page, sanitize_fields
from mkdocs_vault.vault import LoadedPage, Vault, digest, load_meta, load_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from mkdocs_vault.options import RenderOptions
    from mkdocs_vault.problems import Problem

log = get_plugin_logger("vault")

CSS_URI = "assets/vault/vault.css"
MERMAID_URI = "assets/vault/mermaid.min.js"
CSS_PATH = Path(__file__).parent / "assets" / "vault.css"


class VaultPlugin(BasePlugin[VaultConfig]):
    """Expands `vault:` front matter into a full knowledge-vault entry."""

    def __init__(self) -> None:
        self.vault = Vault()
        self.options: RenderOptions | None = None
        self.mermaid_js: str | None = None
        self.global_assets = False
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, so unchanged
        # pages are not validated again.
        self._cache: dict[str, tuple[tuple[str, int], LoadedPage]] = {}
        self._config_dir = "."

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._cache.clear()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            self.options = None  # this instance may have served an enabled build before
            return None
        try:
            options = render_options(self.config)
        except base.ValidationError as error:
            raise PluginError(f"vault: invalid option: {error}") from error
        # Marks the authors' Markdown fields so on_page_content can filter their HTML.
        self.options = dataclasses.replace(options, field_guard=secrets.token_hex(8))
        self._config_dir = os.path.dirname(config.config_file_path or ".") or "."
        self.mermaid_js = self._find_mermaid(self.config.mermaid_js)
        if config.theme.name != "material":
            log.warning(
                "concept graphs are drawn by Material for MkDocs' Mermaid support; with theme "
                "'%s' they show as Mermaid source. Set `theme: name: material`.", config.theme.name)
        # With instant navigation, pages are swapped without loading their <head>, so the
        # assets must be on every page.
        self.global_assets = "navigation.instant" in config.theme.get("features", [])
        if self.global_assets:
            config.extra_css.append(CSS_URI)
            if self.mermaid_js:
                config.extra_javascript.append(MERMAID_URI)
        return config

    def _find_mermaid(self, option: str | None) -> str | None:
        if not option:
            return None
        path = os.path.normpath(os.path.join(self._config_dir, option))
        if not os.path.isfile(path):
            raise PluginError(
                f"vault: mermaid_js: '{option}' is not a file (looked for {path}). Install it "
                f"with `npm install mermaid@11` next to mkdocs.yml and point to "
                f"node_modules/mermaid/dist/mermaid.min.js, or remove the option to let "
                f"Material load Mermaid from its CDN.")
        return path

    @event_priority(-50)  # after plugins that generate pages, such as gen-files
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.options is None:
            return None
        self.vault = Vault()
        for file in files.documentation_pages():
            loaded = self._load(file)
            if loaded is not None:
                self.vault.pages[file.src_uri] = loaded
                self._report(loaded.problems, file)
        files.append(File.generated(config, CSS_URI, abs_src_path=str(CSS_PATH)))
        if self.mermaid_js:
            files.append(File.generated(config, MERMAID_URI, abs_src_path=self.mermaid_js))
        return files

    def _load(self, file: File) -> LoadedPage | None:
        try:
            text = file.content_string
        except (OSError, ValueError):
            return None  # MkDocs reports unreadable files itself
        if not has_vault_key(text):  # most pages of a site: nothing more to do
            return None
        assert self.options is not None
        # Derived labels depend on label_length, which mkdocs.yml may change while serving.
        key = (digest(text), self.options.label_chars)
        cached = self._cache.get(file.src_uri)
        if cached is not None and cached[0] == key:
            return cached[1]
        loaded = load_page(text, label_chars=self.options.label_chars)
        if loaded is not None:
            self._cache[file.src_uri] = (key, loaded)
        return loaded

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if self.options is None:
            return None
        loaded = self.vault.get(page.file.src_uri)
        if loaded is None:
            if "vault" not in page.meta:
                return None
            # Front matter supplied by another plugin (e.g. material/meta's .meta.yml files).
            loaded = load_meta(page.meta, markdown, label_chars=self.options.label_chars)
            self.vault.pages[page.file.src_uri] = loaded
            self._report(loaded.problems, page.file)
        if loaded.entry is None or not loaded.ok:
            return problems_box(loaded.problems, self._display_path(page.file)) + loaded.body
        rendered = render_page(loaded.entry, markdown, self.options, title=page.title or "",
                               body_line=loaded.body_line)
        self._report(rendered.problems, page.file)
        return rendered.markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        loaded = self.vault.get(page.file.src_uri)
        if loaded is None or not loaded.ok or self.options is None:
            return None
        if self.options.field_guard:
            html = sanitize_fields(html, self.options.field_guard)
        return self._assets(page) + lift_idea_ids(html)

    def _assets(self, page: Page) -> str:
        """Stylesheet and local Mermaid for this page, at the top of its content.

        In the content rather than in <head>: only vault pages get them (other pages stay
        byte-identical), and no string surgery on the whole page, whose size grows with the
        nav. The script still runs before Material's bundle, which looks for Mermaid.
        """
        if self.global_assets:
            return ""
        links = f'<link rel="stylesheet" href="{get_relative_url(CSS_URI, page.url)}">\n'
        if self.mermaid_js:
            links += f'<script src="{get_relative_url(MERMAID_URI, page.url)}"></script>\n'
        return links

    def _report(self, problems: tuple[Problem, ...], file: File) -> None:
        path = self._display_path(file)
        for problem in problems:
            if problem.severity == "info":
                log.info(problem.format(path))
            else:
                log.warning(problem.format(path))

    def _display_path(self, file: File) -> str:
        """The file as the author knows it: relative to mkdocs.yml (`docs/talks/x.md`)."""
        if file.abs_src_path is None:
            return file.src_uri
        return os.path.relpath(file.abs_src_path, self._config_dir).replace(os.sep, "/")

