"""Everything computed from the whole vault at once, before any page renders.

One pure function, `build_vault`, turns the loaded entries into: the generated pages (index,
series, categories, people), what each entry page adds about the others (related entries,
`see:` links, "Referenced by", previous/next), the exports, and the problems of links between
entries. The plugin calls it once per build in `on_files`; the CLI can call it the same way.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import networkx as nx

from mkdocs_vault import collector
from mkdocs_vault.export import vault_graphml, vault_json
from mkdocs_vault.graph import colors
from mkdocs_vault.graph.knowledge import (
    LinkProblem,
    Related,
    VaultEntry,
    backlinks,
    knowledge_graph,
    reasons_text,
    related_entries,
    resolve,
)
from mkdocs_vault.graph.mermaid import SEARCH_EXCLUDE, diagram
from mkdocs_vault.graph.overview import overview_graph
from mkdocs_vault.model import Entry
from mkdocs_vault.pickling import compact
from mkdocs_vault.render.extras import EntryExtras, Link
from mkdocs_vault.render.links import relative_url
from mkdocs_vault.site import (
    GeneratedPage,
    PageUris,
    SiteEntry,
    SiteSettings,
    context,
    pages_of,
    prev_next,
)

Url = Callable[[str], str]
"""The site URL (from the site root, `lex/deepseek/`) of a page given by its source uri."""


@compact
@dataclass(frozen=True, slots=True)
class VaultBuild:
    """The vault-wide results of one build."""

    pages: dict[str, GeneratedPage]
    extras: dict[str, EntryExtras]
    problems: list[LinkProblem]
    json: str
    graphml: bytes


def build_vault(entries: Mapping[str, Entry], titles: Mapping[str, str], url: Url,
                settings: SiteSettings, *, related: int = 5, site_url: str | None = None,
                exports: bool = True) -> VaultBuild:
    """The whole vault's derived pages and data (see the module docstring).

    Arguments:
        entries: valid entries by their source uri (`lex/deepseek.md`).
        titles: page titles of entries that have no `title` of their own.
        url: site URL of a source uri.
        settings: names, URLs and words of the generated pages.
        related: how many related entries each entry lists.
        site_url: where the site is published; the URLs in `vault.json` start with it
            (without it they are relative to the site's root).
        exports: whether to make `vault.json` and `vault.graphml` (else both are empty).
    """
    with collector.paused():
        return _build(entries, titles, url, settings, related, site_url, exports)


def _build(entries: Mapping[str, Entry], titles: Mapping[str, str], url: Url,
           settings: SiteSettings, related: int, site_url: str | None,
           exports: bool) -> VaultBuild:
    records = [VaultEntry(uri, url(uri), entries[uri]) for uri in sorted(entries)]
    knowledge = knowledge_graph(records)
    ranked = related_entries(knowledge, k=related) if related else {}
    shown = {uri: entries[uri].title or titles.get(uri) or posixpath.basename(uri)
             for uri in entries}
    site_entries = [SiteEntry(r.uri, r.entry, titles.get(r.uri)) for r in records]
    ctx = context(site_entries, settings)  # grouped once, for the pages and the links to them
    overview = _overview(records, knowledge.graph, ctx.uris, settings, url)
    pages = pages_of(ctx, overview=overview)
    referenced = backlinks(knowledge)
    extras = _extras(entries, shown, ranked, referenced, prev_next(site_entries),
                     knowledge.problems, settings)
    extras = _with_vault_links(extras, entries, ctx.uris, settings)
    return VaultBuild(
        pages=pages,
        extras=extras,
        problems=knowledge.problems,
        json=vault_json(records, knowledge, ranked, _published(site_url),
                        referenced=referenced) if exports else "",
        graphml=vault_graphml(knowledge) if exports else b"",
    )


def _overview(records: list[VaultEntry], graph: nx.MultiDiGraph, uris: PageUris,
              settings: SiteSettings, url: Url) -> str:
    """The index's overview graph as raw HTML, its links relative to the index page."""
    if not records or not settings.index:
        return ""
    index_url = url(settings.index_uri)

    def url_of(kind: str, name: str) -> str:
        target = {"series": uris.of_series, "category": uris.of_category}.get(kind)
        uri = target(name) if target else name
        return relative_url(url(uri), index_url) if uri else ""

    chart = overview_graph(records, graph, url_of=url_of, settings=settings)
    # Focusable and named: on phones the box scrolls sideways, and keyboards must reach it.
    return (f'<div class="vault-graph vault-overview" tabindex="0" role="figure" {SEARCH_EXCLUDE} '
            f'aria-label="{html.escape(settings.name, quote=True)}" '
            f'style="--md-mermaid-label-fg-color:{colors.LABEL_COLOR}">\n'
            f'{diagram(chart.source())}\n</div>')


def _published(site_url: str | None) -> Callable[[str], str]:
    """A URL relative to the site's root as published (`site_url` prefixed, if known)."""
    if not site_url:
        return lambda url: url
    base = site_url if site_url.endswith("/") else site_url + "/"
    return lambda url: base + url


def _extras(entries: Mapping[str, Entry], shown: Mapping[str, str],
            ranked: Mapping[str, list[Related]], referenced: Mapping[tuple[str, int],
            list[tuple[str, int]]], neighbours: Mapping[str, tuple[str | None, str | None]],
            problems: list[LinkProblem], settings: SiteSettings) -> dict[str, EntryExtras]:
    broken = {(p.uri, p.idea, p.index) for p in problems if p.idea is not None}
    back_of = _backlinks_by_entry(referenced, shown)
    out = {}
    for uri, entry in entries.items():
        related = tuple(Link(shown[r.uri], r.uri, note=reasons_text(r.why, settings.strings))
                        for r in ranked.get(uri, []))
        see = {}
        for idea in entry.ideas:
            links = [_see_link(uri, target, entries, shown) for i, target in enumerate(idea.see)
                     if (uri, idea.number, i) not in broken]
            if links:
                see[idea.number] = tuple(link for link in links if link is not None)
        back = back_of.get(uri, {})
        previous, following = neighbours.get(uri, (None, None))
        out[uri] = EntryExtras(
            related=related, see=see, referenced_by=back,
            previous=Link(shown[previous], previous) if previous else None,
            following=Link(shown[following], following) if following else None)
    return out


def _backlinks_by_entry(referenced: Mapping[tuple[str, int], list[tuple[str, int]]],
                        shown: Mapping[str, str]) -> dict[str, dict[int, tuple[Link, ...]]]:
    """"Referenced by" grouped by the entry pointed at, in one pass (looking each entry's
    up among all the vault's backlinks made the build quadratic)."""
    out: dict[str, dict[int, tuple[Link, ...]]] = {}
    for (target, number), refs in referenced.items():
        out.setdefault(target, {})[number] = tuple(
            Link(f"{shown[src]}, {number_from}", src, f"idea-{number_from}")
            for src, number_from in refs)
    return out


def _with_vault_links(extras: dict[str, EntryExtras], entries: Mapping[str, Entry],
                      uris: PageUris, settings: SiteSettings) -> dict[str, EntryExtras]:
    """The header's links into the vault pages: its name, the series, the people."""
    vault = Link(settings.name, uris.index) if uris.index else None
    out = {}
    for uri, entry in entries.items():
        series_uri = uris.of_series(entry.series) if entry.series else None
        names = [*entry.speakers, *([entry.host] if entry.host else [])]
        people = {n: found for n in names if (found := uris.of_person(n))}
        out[uri] = dataclasses.replace(
            extras[uri], vault=vault, people=people,
            series=Link(entry.series, series_uri) if entry.series and series_uri else None,
            series_total=settings.info(entry.series).total if entry.series else None)
    return out


def _see_link(uri: str, target: str, entries: Mapping[str, Entry], shown: Mapping[str, str]
              ) -> Link | None:
    found = resolve(uri, target, entries)
    if isinstance(found, str):
        return None
    title = shown.get(found.uri, found.uri)
    if found.idea is None:
        return Link(title, found.uri)
    return Link(f"{title}, {found.idea}", found.uri, f"idea-{found.idea}")
