"""The vault-wide pages: index, series, categories, people, as Markdown text.

Pure functions from the vault to Markdown (no MkDocs, no files): the plugin adds the pages with
`File.generated(config, uri, content=...)`, so MkDocs renders them like any page (table of
contents, search, link validation). Every author's word is inert Markdown (`render.plain`),
every link relative to the page, and the same vault always gives the same text.

    pages = generate(entries, settings, overview=html)
    for uri, page in author_pages_win(pages, set(files.src_uris)).items():
        files.append(File.generated(config, uri, content=page.markdown))
    # an author's own page at one of those uris: place_listing(markdown, pages[uri].listing)
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs_vault.site.authors import MARKER, author_pages_win, place_listing
from mkdocs_vault.site.categories import category_page, category_pages
from mkdocs_vault.site.collect import (
    CategoryGroup,
    PersonGroup,
    SeriesGroup,
    SiteVault,
    collect,
)
from mkdocs_vault.site.index import index_page
from mkdocs_vault.site.neighbours import Neighbour, prev_next, prev_next_html
from mkdocs_vault.site.people import person_page, person_pages
from mkdocs_vault.site.series import series_page, series_pages
from mkdocs_vault.site.settings import DEFAULT_STRINGS, SeriesInfo, SiteEntry, SiteSettings
from mkdocs_vault.site.uris import PageUris, assign_uris, page_uris, slug
from mkdocs_vault.site.write import Context, GeneratedPage

__all__ = [
    "DEFAULT_STRINGS",
    "MARKER",
    "CategoryGroup",
    "Context",
    "GeneratedPage",
    "Neighbour",
    "PageUris",
    "PersonGroup",
    "SeriesGroup",
    "SeriesInfo",
    "SiteEntry",
    "SiteSettings",
    "SiteVault",
    "assign_uris",
    "author_pages_win",
    "category_page",
    "category_pages",
    "collect",
    "context",
    "generate",
    "index_page",
    "page_uris",
    "pages_of",
    "person_page",
    "person_pages",
    "place_listing",
    "prev_next",
    "prev_next_html",
    "series_page",
    "series_pages",
    "site_pages",
    "slug",
]


def context(entries: Iterable[SiteEntry], settings: SiteSettings | None = None) -> Context:
    """The grouped vault and its page uris, for the single-page functions."""
    settings = settings or SiteSettings()
    vault = collect(entries, settings)
    return Context(vault, assign_uris(vault, settings), settings)


def generate(entries: Iterable[SiteEntry], settings: SiteSettings | None = None, *,
             overview: str = "") -> dict[str, GeneratedPage]:
    """Every enabled vault-wide page by uri: the index, then series, categories, people.

    `overview` is the raw HTML of the overview graph, placed on the index after the counts.
    """
    return pages_of(context(entries, settings), overview=overview)


def pages_of(ctx: Context, *, overview: str = "") -> dict[str, GeneratedPage]:
    """`generate` from an already grouped vault."""
    index = index_page(ctx, overview=overview)
    pages = [*([index] if index else []), *series_pages(ctx), *category_pages(ctx),
             *person_pages(ctx)]
    return {page.uri: page for page in pages}


def site_pages(entries: Iterable[SiteEntry], settings: SiteSettings | None = None, *,
               overview: str = "") -> dict[str, str]:
    """`generate`, as uri -> the page's whole Markdown."""
    return {uri: page.markdown for uri, page in generate(entries, settings,
                                                          overview=overview).items()}
