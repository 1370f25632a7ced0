"""One page per series: its description, how many of its entries there are, the entries."""

from __future__ import annotations

from mkdocs_vault.render.page import plain
from mkdocs_vault.site.collect import SeriesGroup
from mkdocs_vault.site.write import Context, GeneratedPage, bullets, entry_line, finish


def series_page(ctx: Context, group: SeriesGroup) -> GeneratedPage | None:
    """The page of one series (None when series pages are off)."""
    uri = ctx.uris.of_series(group.name)
    if uri is None:
        return None
    s = ctx.settings
    out = ""
    if group.info.description and plain(group.info.description):
        out += plain(group.info.description) + "\n\n"
    count, total = len(group.entries), group.total
    shown = (s.string("of_total", count=count, total=total) if total is not None
             else s.count("entry_count", count))
    out += plain(shown) + "\n\n"
    out += bullets(entry_line(ctx, uri, item) for item in group.entries)
    return GeneratedPage(uri, group.title, finish(out))


def series_pages(ctx: Context) -> list[GeneratedPage]:
    """The pages of all series, in title order."""
    return [page for group in ctx.vault.series if (page := series_page(ctx, group))]
