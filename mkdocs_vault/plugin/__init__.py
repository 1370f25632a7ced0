"""The MkDocs adapter: maps MkDocs events onto the core, and nothing else.

Flow of one build:
    on_config        options from mkdocs.yml; the Markdown instance for authors' fields (with
                     the site's allowlisted extensions); checks the theme and the local Mermaid
    on_files (-45)   loads and validates every vault page (and `.meta.yml` defaults) before any
                     page renders, logs problems, computes the vault-wide data and adds the
                     vault pages, the exports and the assets (only to sites with vault pages)
    on_nav           with `nav_entries: false`, takes the entries and the vault pages but the
                     index out of the global nav
    on_page_markdown replaces a vault page's Markdown by the expanded entry, in which the HTML
                     of everything the author wrote is only a placeholder (render/fragments.py)
    on_page_content  puts that HTML in place of the placeholders, and links the stylesheet (and
                     local Mermaid) from vault pages only, so other pages stay byte-identical
    on_page_context  one search record per idea (and one per category page, which MkDocs' search
                     skips); fills the placeholders of blog excerpts
    on_post_build    checks hand-written links to `entry.md#idea-N`; writes the cache

Its helpers: config.py (options), cache.py (on-disk cache, --dirty), exports.py (the export
files), links.py (URLs between pages), navigation.py, search.py, timing.py.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from mkdocs_vault import collector
from mkdocs_vault.loading.frontmatter import decode_page, has_vault_key
from mkdocs_vault.loading.metafiles import defaults_for
from mkdocs_vault.loading.pages import (
    LoadedPage,
    Vault,
    digest,
    load_bytes,
    load_meta,
    load_source,
)
from mkdocs_vault.loading.problems import Problem
from mkdocs_vault.loading.without_vault import without_vault
from mkdocs_vault.model import Category
from mkdocs_vault.plugin.cache import AheadPage, BuildState, Deferred
from mkdocs_vault.plugin.config import VaultConfig, render_options, vault_categories
from mkdocs_vault.plugin.exports import ExportFolder
from mkdocs_vault.plugin.links import file_at, href_from, resolver, url_of
from mkdocs_vault.plugin.navigation import without as _without
from mkdocs_vault.plugin.search import add_idea_records, add_page_record, broken_idea_links
from mkdocs_vault.plugin.timing import timed
from mkdocs_vault.render import languages
from mkdocs_vault.render.ahead import MIN_JOBS, Setup, Source, second_core
from mkdocs_vault.render.extras import EntryExtras
from mkdocs_vault.render.fragments import Fragments, new_nonce
from mkdocs_vault.render.links import resolve_hrefs
from mkdocs_vault.render.markdown import MarkdownFields, Resolve, choose_extensions
from mkdocs_vault.render.page import Rendered, render_page, render_problems
from mkdocs_vault.site import GeneratedPage, SeriesInfo, SiteSettings, place_listing
from mkdocs_vault.site.build import build_vault
from mkdocs_vault.site.write import find_html_block

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from mkdocs_vault.render.options import RenderOptions

log = get_plugin_logger("vault")

CSS_URI = "assets/vault/vault.css"
MERMAID_URI = "assets/vault/mermaid.min.js"
CSS_PATH = Path(__file__).parents[1] / "assets" / "vault.css"


class VaultPlugin(BasePlugin[VaultConfig]):
    """Expands `vault:` front matter into a full knowledge-vault entry."""

    def __init__(self) -> None:
        self.vault = Vault()
        self.options: RenderOptions | None = None
        self.mermaid_js: str | None = None
        self.global_assets = False
        self.fields: MarkdownFields | None = None
        self.categories: tuple[Category, ...] = ()
        self.language = "en"
        """The theme's language, for the words the plugin writes."""
        """Declared once for the whole vault in mkdocs.yml."""
        self.nonce = new_nonce()
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, so unchanged
        # pages are not validated again.
        self._cache: dict[str, tuple[tuple[str, int, tuple[Category, ...]], LoadedPage]] = {}
        self._fragments: dict[str, Fragments] = {}
        self._keep_fragments = False
        self.extras: dict[str, EntryExtras] = {}
        """What each entry shows of the rest of the vault, for this build."""
        self._listings: dict[str, str] = {}
        self._rendered: list[Page] = []
        self._generated: dict[str, GeneratedPage] = {}
        """The vault-wide pages of this build, by source path."""
        self._index_uri: str | None = None
        """The vault's index page, if generated."""
        self._frozen = False
        """Whether this build froze the loaded vault out of the garbage collector's way."""
        self._exports = ExportFolder()
        """Where vault.json and vault.graphml wait for MkDocs to copy them."""
        self._dirty = False
        """Generated listings for authors' own pages at a generated page's path."""
        self._sources: dict[str, str] = {}
        """Source paths of pages whose content the plugin replaced (MkDocs then forgets it)."""
        self._noted_extensions: set[str] = set()
        self._field_spec: tuple[tuple[str, ...], dict[str, Any]] = ((), {})
        """The fields' Markdown extensions and their settings (for the worker)."""
        self._ahead_sources: dict[str, Source] = {}
        """Where this build's vault pages are, for the worker (`_render_ahead`)."""
        # Problems logged in this build, and the config object that identifies the build.
        self._reported: set[tuple[str, str]] = set()
        self._build_config: MkDocsConfig | None = None
        self._config_dir = "."
        self.state = BuildState()
        """vault cache: the on-disk cache, what --dirty compares, the timers (cache.py)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self._cache.clear()
        self._dirty = dirty
        self.state = BuildState()  # vault cache: a new session reads only what is on disk

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # mkdocs-static-i18n builds each further language by calling `build()` again with the
        # same config object: every event runs once per language, and on_files (before i18n's)
        # sees the files of all languages. A new config object is a new build (`mkdocs serve`
        # loads one per rebuild); the same one is another language of this build.
        if config is not self._build_config:
            self._build_config = config
            self._reported.clear()
        if not self.config.enabled:
            self.options = None  # this instance may have served an enabled build before
            return None
        self.language = config.theme.get("language") or "en"
        self.options = render_options(self.config, self.language)
        try:
            self.categories = vault_categories(self.config)
        except base.ValidationError as error:
            raise PluginError(f"vault: {error}") from error
        self.nonce = new_nonce()  # placeholders of this build cannot be forged by its pages
        self.fields = self._fields(config)
        self._config_dir = os.path.dirname(config.config_file_path or ".") or "."
        self.mermaid_js = self._find_mermaid(self.config.mermaid_js)
        # vault cache: where it is, and what every page's key includes
        self.state.configure(self.config, self._config_dir, self.options,
                             (config.markdown_extensions, config.mdx_configs), config.site_dir)
        if config.theme.name != "material":
            log.warning(
                "concept graphs are drawn by Material for MkDocs' Mermaid support; with theme "
                "'%s' they show as Mermaid source. Set `theme: name: material`.", config.theme.name)
        # With instant navigation, pages are swapped without loading their <head>, so the
        # assets must be on every page.
        self.global_assets = "navigation.instant" in config.theme.get("features", [])
        return config

    def _fields(self, config: MkDocsConfig) -> MarkdownFields:
        """Authors' fields get the site's extensions, as far as they are safe for them."""
        names, settings, skipped = choose_extensions(config.markdown_extensions,
                                                     config.mdx_configs)
        for name in skipped:
            if name not in self._noted_extensions and name not in _NOT_FOR_FIELDS:
                self._noted_extensions.add(name)
                log.info("the Markdown extension '%s' is not applied to vault fields (résumé, "
                         "ideas, credits): it is not known to be safe for text the site does "
                         "not own", name)
        self._field_spec = (tuple(names), settings)
        return MarkdownFields(names, settings, raw_html=self.config.raw_html)

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

    # After plugins that generate pages (gen-files, at 0), before Material's blog (-50), which
    # takes its posts out of the documentation pages.
    @event_priority(-45)
    @timed("collect")  # all but its vault-wide and render parts (loading, the worker's start)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.options is None:
            return None
        self.vault = Vault()
        self._fragments.clear()
        # Blog excerpts are rendered after their posts: keep the posts' fragments for them.
        self._keep_fragments = any(n in config.plugins for n in ("material/blog", "blog"))
        self._ahead_sources = {}
        self._start_ahead(files)
        # What is loaded and derived from it (millions of objects at 10,000 entries) would be
        # rescanned again and again: 1.6 s of collections in this event at that size.
        with collector.paused():
            self._collect(files, config)
            self.state.load_ahead(self._ahead_sources)
            for gone in set(self._cache) - set(self.vault.pages):
                del self._cache[gone]  # deleted, renamed, or no longer a vault page
            if self.vault:
                self._add_assets(files, config)
                self._vault_wide(files, config)
            self._render_ahead(files)  # with no vault pages: the worker stops
            if self.vault:
                # Frozen before the collector is back on: all the event allocated is still
                # in the youngest generation, which the first collection would scan whole
                # (0.7 s at 10,000 entries).
                collector.freeze()  # thawed in on_post_build / on_build_error
                self._frozen = True
        return files

    def _collect(self, files: Files, config: MkDocsConfig) -> None:
        """Every vault page loaded (by the worker, in part) into `self.vault`."""
        meta_files = _meta_files(config)
        found = []
        for file in files.documentation_pages():
            defaults = defaults_for(file.src_path, meta_files) if meta_files else {}
            found.append((file, self._load(file, defaults if "vault" in defaults else None)))
        for file, loaded in self._pick_up(found):
            if loaded is not None:
                self.vault.pages[file.src_uri] = loaded
                self._report(loaded.problems, file)

    @timed("vault-wide")
    def _vault_wide(self, files: Files, config: MkDocsConfig) -> None:
        """Generated pages, exports, and what entries show of each other."""
        valid = {uri: p.entry for uri, p in self.vault.pages.items() if p.ok and p.entry}
        self.extras, self._listings, self._generated = {}, {}, {}
        if not valid:
            return
        if "i18n" in config.plugins:
            # mkdocs-static-i18n fails on generated files (it expects a source path for each).
            log.info("vault-wide pages are not generated in sites that use mkdocs-static-i18n")
            return
        pages = self.config.pages
        settings = SiteSettings(
            name=self.config.name or config.site_name,
            **_page_setting("index", pages.index, "index_uri", "index"),
            **_page_setting("series", pages.series, "series_uri", "series_pages"),
            **_page_setting("categories", pages.categories, "category_uri", "category_pages"),
            **_page_setting("people", pages.people, "person_uri", "people_pages"),
            series={name: SeriesInfo(s.title, s.description, s.total)
                    for name, s in self.config.series.items()},
            date_format=self.config.date_format,
            strings=languages.site_strings(self.language),
        )
        self._index_uri = settings.index_uri if settings.index else None
        titles = {uri: _body_title(self.vault.pages[uri].body) for uri in valid}
        directory_urls = config.use_directory_urls

        def url(uri: str) -> str:
            found = files.get_file_from_path(uri)
            return found.url if found is not None else url_of(uri, directory_urls)

        shown = {u: t for u, t in titles.items() if t}
        related = self.config.related
        # vault cache: the vault-wide results from disk when no entry changed
        keys = [(u, self._cache[u][0]) for u in sorted(valid)
                if u in self._cache and self._cache[u][1] is self.vault.pages[u]]
        site_url, exports = config.site_url, self.config.exports
        build = self.state.vault_wide(
            (keys, shown, settings, related, site_url, exports) if len(keys) == len(valid)
            else None, url,
            lambda url: build_vault(valid, shown, url, settings, related=related,
                                    site_url=site_url, exports=exports))
        for problem in build.problems:
            loaded = self.vault.pages[problem.uri]
            line = loaded.lines.get(problem.field)
            self._report((Problem(f"{problem.target!r}: {problem.reason}", problem.field, line,
                                  severity="warning"),), file_at(files, problem.uri))
        existing = {f.src_uri for f in files}
        self._generated = build.pages
        for uri, page in build.pages.items():
            if uri in existing:
                self._listings[uri] = page.listing  # the author's own page wins
            else:
                # vault cache: under --dirty, MkDocs rebuilds only generated pages that changed
                source = self.state.generated_path(uri, page.markdown, dirty=self._dirty)
                files.append(File.generated(config, uri, abs_src_path=source) if source else
                             File.generated(config, uri, content=page.markdown))
        if self.config.exports:
            for export in self._exports.files(config, {"vault.json": build.json,
                                                       "vault.graphml": build.graphml}):
                files.append(export)
        self.extras = build.extras
        self._rebuild_dependents(files)

    def _start_ahead(self, files: Files) -> None:
        """A worker process may render entry pages while MkDocs works (`render/ahead.py`),
        if the site is large enough; it starts when there is work for it."""
        if not self.config.render_ahead or self.options is None or not second_core() \
                or sum(1 for _ in files.documentation_pages()) < MIN_JOBS:
            self.state.prepare_ahead(None)
            return
        options, (names, settings) = self.options, self._field_spec
        raw_html, nonce, categories = self.config.raw_html, self.nonce, tuple(self.categories)
        self.state.prepare_ahead(lambda: Setup(options, names, settings, raw_html, nonce,
                                               categories))

    @timed("render")
    def _render_ahead(self, files: Files) -> None:
        """The entries MkDocs will render, in its order, to the worker: those without
        problems, whose title is the one their page will have (from `title:` or the body's
        first heading)."""
        sources, self._ahead_sources = self._ahead_sources, {}
        if not self.state.may_run_ahead:
            return
        pages = []
        for file in files.documentation_pages():
            uri = file.src_uri
            loaded, cached = self.vault.pages.get(uri), self._cache.get(uri)
            if loaded is None or loaded.entry is None or not loaded.ok or cached is None \
                    or cached[1] is not loaded or uri in self._listings:
                continue
            title = loaded.meta["title"] if "title" in loaded.meta else _body_title(loaded.body)
            if isinstance(title, str) and title and uri in sources:
                pages.append(AheadPage(uri, cached[0], title, file.url, loaded.body_line,
                                       self.extras.get(uri)))
        self.state.render_ahead(pages, {f.src_uri: f.url for f in files})

    def _rebuild_dependents(self, files: Files) -> None:
        """Under `--dirty`, MkDocs skips pages whose file did not change, but an entry page
        shows data of the others (related, backlinks, prev/next) and a page at a generated
        page's path shows its listing: the pages whose inputs (text, what they show of the
        vault, the site's files and URLs, options) differ from the last finished build's are
        marked modified. Generated pages are rebuilt when their content changed (with the cache
        on, see `BuildState.generated_path`), or always (without it)."""
        # vault cache: precise --dirty (BuildState.changed)
        inputs = {uri: (self._cache[uri][0] if uri in self._cache else None,
                        self.extras.get(uri), self._listings.get(uri))
                  for uri in {*self.vault.pages, *self._listings}}
        site = sorted((f.src_uri, f.url) for f in files.documentation_pages())
        marked = self.state.changed(inputs, site)
        if not self._dirty:
            return
        for uri in sorted(marked):
            file = files.get_file_from_path(uri)
            if file is not None and file.abs_src_path is not None:
                self._sources[uri] = file.abs_src_path  # setting the content forgets it
                file.content_string = file.content_string  # marks it modified

    def _add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The stylesheet (and local Mermaid), only in sites that have vault pages."""
        files.append(File.generated(config, CSS_URI, abs_src_path=str(CSS_PATH)))
        if self.mermaid_js:
            files.append(File.generated(config, MERMAID_URI, abs_src_path=self.mermaid_js))
        # With instant navigation, pages are swapped without loading their <head>, so the
        # assets must be on every page.
        if self.global_assets:
            if CSS_URI not in config.extra_css:
                config.extra_css.append(CSS_URI)
            if self.mermaid_js and MERMAID_URI not in config.extra_javascript:
                config.extra_javascript.append(MERMAID_URI)

    def _load(self, file: File, defaults: dict[str, Any] | None = None
              ) -> LoadedPage | _Loading | None:
        """The page's entry, if it is a vault page; `defaults` come from `.meta.yml` files."""
        assert self.options is not None
        try:
            text = file.content_string
        except UnicodeDecodeError:
            return self._load_undecodable(file)
        except OSError:
            return None  # MkDocs reports unreadable files itself
        if defaults is None and not has_vault_key(text):  # most pages: nothing more to do
            return None
        text_digest = digest(text)
        if self.state.may_run_ahead:  # the worker reads the file, and checks it read this
            path = file.abs_src_path
            self._ahead_sources[file.src_uri] = Source(text_digest, path,
                                                       None if path else text, defaults)
        # Derived labels depend on label_length, which mkdocs.yml may change while serving.
        source_digest = text_digest if defaults is None else digest(
            text + json.dumps(defaults, default=str))
        key = (source_digest, self.options.label_chars, self.categories)
        cached = self._cache.get(file.src_uri)
        if cached is not None and cached[0] == key:
            return self._keep(file, key, text, cached[1])  # a serve rebuild: a new File

        def load() -> LoadedPage | None:
            assert self.options is not None
            return load_source(text, defaults, label_chars=self.options.label_chars,
                               categories=self.categories)

        # vault cache: the LoadedPage from disk when the text and options did not change;
        # else, every other one, loaded by the worker meanwhile (`_pick_up`)
        loaded = self.state.load(file.src_uri, key, load, self._ahead_sources.get(file.src_uri))
        if isinstance(loaded, Deferred):
            return _Loading(key, text, load)
        return self._keep(file, key, text, loaded) if loaded is not None else None

    def _keep(self, file: File, key: tuple[str, int, tuple[Category, ...]], text: str,
              loaded: LoadedPage) -> LoadedPage:
        """A loaded page kept for the next rebuild of a serve, and handed over to MkDocs."""
        self._cache[file.src_uri] = (key, loaded)
        self._hand_over(file, text, loaded)
        return loaded

    def _pick_up(self, found: list[tuple[File, LoadedPage | _Loading | None]]
                 ) -> list[tuple[File, LoadedPage | None]]:
        """`found` with the pages the worker loaded (or that are loaded here if it did not)."""
        picked = self.state.pick_up([(f.src_uri, p.load) for f, p in found
                                     if isinstance(p, _Loading)])
        done: list[tuple[File, LoadedPage | None]] = []
        for file, found_page in found:
            if not isinstance(found_page, _Loading):
                done.append((file, found_page))
                continue
            page = picked[file.src_uri]
            if page is not None:
                self._keep(file, found_page.key, found_page.text, page)
            done.append((file, page))
        return done

    def _hand_over(self, file: File, text: str, loaded: LoadedPage) -> None:
        """MkDocs parses every page's front matter again, though it has no use for `vault:`
        (half a millisecond of YAML per entry): it is given the page without that block,
        which it then reads exactly as before (`without_vault` checks that the other keys come
        out as the plugin read them). Not under `--dirty`, where a page whose content was set
        counts as modified; nor for pages with problems, which show the page as written."""
        if self._dirty or not loaded.ok:
            return
        cut = without_vault(text, {k: v for k, v in loaded.meta.items() if k != "vault"})
        if cut is not None:
            # Workaround: MkDocs 1.6's `content_string` setter also forgets `abs_src_path`,
            # which plugins such as git-revision-date-localized and Material's blog read.
            file._content = cut

    def _load_undecodable(self, file: File) -> LoadedPage | None:
        """A vault page that is not valid UTF-8: MkDocs would abort the whole build on it; the
        page is shown with the bad bytes replaced and a located error instead."""
        assert self.options is not None
        if file.abs_src_path is None:
            return None
        with open(file.abs_src_path, "rb") as handle:
            data = handle.read()
        text, _ = decode_page(data)
        if not has_vault_key(text):
            return None  # not ours: MkDocs reports it as before
        self._sources[file.src_uri] = file.abs_src_path  # setting the content forgets it
        file.content_string = text  # so Page.read_source does not abort the build
        return load_bytes(data, label_chars=self.options.label_chars,
                          categories=self.categories)

    @timed("render")
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str | None:
        if self.options is None or self.fields is None:
            return None
        listing = self._listings.get(page.file.src_uri)
        if listing is not None:
            return self._without_block(page, files, place_listing(markdown, listing))
        if page.file.src_uri in self._generated:
            return self._without_block(page, files, markdown)
        loaded = self.vault.get(page.file.src_uri)
        if loaded is not None and "vault" in loaded.meta:
            page.meta.setdefault("vault", loaded.meta["vault"])  # cut out by _hand_over
        if loaded is None:
            if "vault" not in page.meta:
                return None
            # Front matter supplied by another plugin (e.g. material/meta's .meta.yml files).
            loaded = load_meta(page.meta, markdown, label_chars=self.options.label_chars,
                               categories=self.categories)
            self.vault.pages[page.file.src_uri] = loaded
            self._report(loaded.problems, page.file)
        if loaded.entry is None or not loaded.ok:
            rendered = render_problems(loaded.problems, self._display_path(page.file),
                                       loaded.body, nonce=self.nonce,
                                       title=languages.problems_title(self.language))
        else:
            entry, fields, options = loaded.entry, self.fields, self.options
            uri, title = page.file.src_uri, page.title or ""

            def render(resolve: Resolve, href: Callable[[str], str]) -> Rendered:
                fields.resolve = resolve
                try:
                    # Our own parse of the page: MkDocs' misses front matter without a final
                    # newline.
                    return render_page(entry, loaded.body, options, title=title,
                                       body_line=loaded.body_line, fields=fields,
                                       nonce=self.nonce, extras=self.extras.get(uri), href=href)
                finally:
                    fields.resolve = None

            # vault cache: the rendered page from disk when nothing it shows changed
            cached = self._cache.get(uri)
            rendered = self.state.render(
                uri, cached[0] if cached is not None and cached[1] is loaded else None,
                title=title, url=page.url, body_line=loaded.body_line,
                extras=self.extras.get(uri), nonce=self.nonce, resolve=resolver(page, files),
                href=href_from(page, files), render=render)
            self._report(rendered.problems, page.file)
        self._fragments[page.file.src_uri] = rendered.fragments
        return rendered.markdown

    def _without_block(self, page: Page, files: Files, markdown: str) -> str:
        """A generated listing's raw HTML block (`site.write.html_block`) as a placeholder,
        filled in on_page_content with its links resolved as MkDocs resolves Markdown links
        (blog posts get their URLs after on_files), also where another plugin changed it."""
        found = find_html_block(markdown)
        if found is None:
            return markdown
        start, end = found
        fragments = Fragments(self.nonce)
        self._fragments[page.file.src_uri] = fragments
        token = fragments.token(resolve_hrefs(markdown[start:end], resolver(page, files)))
        return markdown[:start] + token + markdown[end:]

    @timed("collect")
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
               ) -> Navigation | None:
        """`nav_entries: false`: entries leave the global nav, and so do the series, category
        and people pages (MkDocs renders the whole nav into every page, so a nav that grows
        with the vault makes the build time grow with its square); the vault's index remains
        the way in, and links to all of them."""
        if self.options is None or self.config.nav_entries or not self.vault:
            return None
        leaving = {uri for uri, loaded in self.vault.pages.items() if loaded.ok}
        leaving |= set(self._generated) - {self._index_uri}
        nav.items = _without(nav.items, leaving)
        return nav

    @event_priority(50)  # before other plugins read the page's HTML
    @timed("html fill")
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str | None:
        if self.options is not None:
            self._rendered.append(page)  # for the check of links to ideas, after the build
        fragments = (self._fragments.get if self._keep_fragments else self._fragments.pop)(
            page.file.src_uri, None)
        if fragments is None:
            # Generated pages draw the overview graph: they need the stylesheet and Mermaid.
            return self._assets(page) + html if page.file.src_uri in self._generated else None
        html, missing = fragments.fill(html)
        if missing:
            # Another extension or plugin removed a placeholder; nothing the author wrote may
            # be lost, so the pieces go at the end of the page.
            log.warning("%s: %d part(s) of the vault entry were removed from the page by another "
                        "Markdown extension or plugin and are shown at its end instead",
                        self._display_path(page.file), len(missing))
            html += "\n".join(fragments.pieces[i] for i in missing)
        return self._assets(page) + html

    @event_priority(-50)  # after the search plugin has indexed the page
    @timed("search")
    def _index_ideas(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                     nav: Navigation) -> TemplateContext | None:
        loaded = self.vault.get(page.file.src_uri)
        if loaded is not None and loaded.ok and loaded.entry is not None and self.options:
            add_idea_records(config, page, loaded.entry, self.options)
        generated = self._generated.get(page.file.src_uri)
        if generated is not None and not generated.searched \
                and page.file.src_uri not in self._listings:  # an author's page is searched
            add_page_record(config, page)
        return None

    @event_priority(-110)  # after Material's blog rendered its excerpts (at -100)
    def _fill_excerpts(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                       nav: Navigation) -> TemplateContext | None:
        """Material's blog renders post excerpts from their Markdown with its own pass, which
        never reaches on_page_content: their placeholders are filled here."""
        posts: Any = context.get("posts") or ()
        for excerpt in posts:
            fragments = self._fragments.get(excerpt.file.src_uri)
            if fragments is not None and excerpt.content:
                excerpt.content = fragments.fill(excerpt.content)[0]
        return None

    on_page_context = CombinedEvent(_index_ideas, _fill_excerpts)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._exports.remove()  # copied into the site
        self._thaw()
        self._check_idea_links()
        self.state.finish(self.vault.pages)  # vault cache: outputs for --dirty, prune, timings

    def on_build_error(self, *, error: Exception) -> None:
        self._exports.remove()
        self._thaw()
        self.state.abandon()

    def on_shutdown(self) -> None:
        """The end of `mkdocs serve`, or of a host that drives the events itself without
        on_post_build (`render/expand.py`): no worker process or export file outlives it."""
        self._exports.remove()
        self.state.abandon()

    def _thaw(self) -> None:
        """Only what this build froze: a host may freeze objects of its own."""
        if self._frozen:
            collector.thaw()
            self._frozen = False

    @timed("finish")
    def _check_idea_links(self) -> None:
        """Links written by hand to `page.md#idea-N` are checked here, where MkDocs has
        collected every page's links (with `validation.anchors` at its default, `info`, a
        broken one would pass `--strict` silently)."""
        counts = {uri: len(p.entry.ideas) for uri, p in self.vault.pages.items() if p.entry}
        for page in self._rendered:
            for problem in broken_idea_links(page, counts):
                log.warning("%s: %s", self._display_path(page.file), problem)
        self._rendered = []

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
            message = problem.format(path)
            if (problem.severity, message) in self._reported:
                continue  # the same file again, in another language's build
            self._reported.add((problem.severity, message))
            if problem.severity == "info":
                log.info(message)
            else:
                log.warning(message)

    def _display_path(self, file: File) -> str:
        """The file as the author knows it: relative to mkdocs.yml (`docs/talks/x.md`)."""
        source = file.abs_src_path or self._sources.get(file.src_uri)
        if source is None:
            return file.src_uri
        return os.path.relpath(source, self._config_dir).replace(os.sep, "/")



# Extensions the fields leave out on purpose (see fields.SAFE_EXTENSIONS); no notice for them.
_NOT_FOR_FIELDS = frozenset({"toc", "meta", "markdown.extensions.toc", "markdown.extensions.meta",
                             "pymdownx.snippets", "pymdownx.b64", "pymdownx.critic",
                             "pymdownx.striphtml", "pymdownx.pathconverter"})


def _meta_files(config: MkDocsConfig) -> dict[str, Any]:
    """The `.meta.yml` data that Material's meta plugin loaded in its own on_files (which runs
    before ours), by path; empty when the plugin is not used."""
    for name in ("material/meta", "meta"):
        plugin = config.plugins.get(name)
        meta = getattr(plugin, "meta", None)
        if isinstance(meta, dict) and getattr(getattr(plugin, "config", None), "enabled", True):
            return meta
    return {}


def _page_setting(kind: str, value: object, uri_key: str, flag_key: str) -> dict[str, Any]:
    """`pages.<kind>`: a path, `true` for the default path, or `false` to turn it off."""
    if value is False:
        return {flag_key: False}
    if value is True:
        return {}
    return {uri_key: value}


_H1_RE = re.compile(r"^ {0,3}# +(.+?)[ #]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class _Loading:
    """A page the worker loads (`VaultPlugin._load`), and how to load it here instead."""

    key: tuple[str, int, tuple[Category, ...]]
    text: str
    load: Callable[[], LoadedPage | None]


def _body_title(body: str) -> str | None:
    """The title MkDocs would take from the body's first `# Heading`."""
    match = _H1_RE.search(body)
    return match.group(1).strip() if match else None


