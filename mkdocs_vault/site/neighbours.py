"""Previous and next entry of the same series, for the links on entry pages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from mkdocs_vault.render.page import attr, text
from mkdocs_vault.site.collect import entry_order
from mkdocs_vault.site.settings import DEFAULT_STRINGS, SiteEntry, name_key
from mkdocs_vault.urls import safe_url


class Neighbour(NamedTuple):
    """A link to a neighbouring entry: URL relative to the page, and its title."""

    url: str
    title: str


def prev_next(entries: Iterable[SiteEntry]) -> dict[str, tuple[str | None, str | None]]:
    """uri -> (previous uri, next uri) for every entry in a series, in the series page's order
    (number, then date, then title). Entries without a series are not in the result."""
    series: dict[str, list[SiteEntry]] = {}
    for item in entries:
        if item.entry.series and name_key(item.entry.series):
            series.setdefault(name_key(item.entry.series), []).append(item)
    found: dict[str, tuple[str | None, str | None]] = {}
    for members in series.values():
        members.sort(key=entry_order)
        uris = [m.uri for m in members]
        for i, uri in enumerate(uris):
            found[uri] = (uris[i - 1] if i else None, uris[i + 1] if i + 1 < len(uris) else None)
    return found


def prev_next_html(previous: Neighbour | None, following: Neighbour | None,
                   strings: Mapping[str, str] = DEFAULT_STRINGS) -> str:
    """The previous/next line of an entry page as HTML (empty without neighbours).

    URLs are written as given (relative ones, from the page being rendered); one with an
    unsafe scheme (`javascript:`) is left out, and so is its link.
    """
    links = []
    for neighbour, key, rel in ((previous, "previous", "prev"), (following, "next", "next")):
        if neighbour is None or not safe_url(neighbour.url):
            continue
        word = strings.get(key, DEFAULT_STRINGS[key])
        links.append(f'<a class="vault-{rel}" rel="{rel}" href="{attr(neighbour.url)}">'
                     f'<span class="vault-prev-next-label">{text(word)}</span> '
                     f"{text(neighbour.title)}</a>")
    if not links:
        return ""
    return '<nav class="vault-prev-next">' + "".join(links) + "</nav>"
