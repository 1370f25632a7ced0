"""One page per person (speaker or host): their entries by date, with their roles."""

from __future__ import annotations

from mkdocs_vault.render.page import format_date, plain
from mkdocs_vault.site.collect import PersonGroup
from mkdocs_vault.site.settings import SiteEntry
from mkdocs_vault.site.write import (
    SEPARATOR,
    Context,
    GeneratedPage,
    bullets,
    finish,
    link,
    maybe_link,
)


def person_page(ctx: Context, group: PersonGroup) -> GeneratedPage | None:
    """The page of one person (None when person pages are off)."""
    uri = ctx.uris.of_person(group.name)
    if uri is None:
        return None
    s = ctx.settings
    out = plain(s.count("entry_count", len(group.entries))) + "\n\n"
    out += bullets(_line(ctx, uri, item, roles) for item, roles in group.entries)
    return GeneratedPage(uri, group.name, finish(out))


def _line(ctx: Context, uri: str, item: SiteEntry, roles: tuple[str, ...]) -> str:
    """Date, linked title, series and number, roles."""
    entry, s = item.entry, ctx.settings
    parts = []
    if entry.date is not None:
        parts.append(plain(format_date(entry.date, s.date_format)))
    parts.append(link(item.shown_title, uri, item.uri))
    if entry.series:
        series = maybe_link(ctx.series_title(entry.series), uri, ctx.uris.of_series(entry.series))
        if entry.number is not None:
            series += " " + plain(s.string("number", number=entry.number))
        parts.append(series)
    parts.append(plain(", ".join(s.string(role) for role in roles)))
    return SEPARATOR.join(parts)


def person_pages(ctx: Context) -> list[GeneratedPage]:
    """The pages of all people, in name order."""
    return [page for group in ctx.vault.people if (page := person_page(ctx, group))]
