"""Writing the generated pages' Markdown: every author's word through `render.plain`, every
link relative; and the page that carries a title and its listing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs_vault.pickling import compact
from mkdocs_vault.render.page import format_date, plain, text
from mkdocs_vault.site.collect import SiteVault
from mkdocs_vault.site.settings import SiteEntry, SiteSettings, name_key
from mkdocs_vault.site.uris import PageUris, href

SEPARATOR = " · "


@compact
@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """One vault-wide page: its title (plain text) and the listing under it (Markdown)."""

    uri: str
    title: str
    listing: str
    """Everything below the title; what `place_listing` puts into an author's own page."""
    searched: bool = True
    """False: the page's front matter keeps it out of the search index (its text repeats
    records that the search has elsewhere)."""

    @property
    def markdown(self) -> str:
        """The whole page as MkDocs gets it."""
        head = "" if self.searched else "---\nsearch:\n  exclude: true\n---\n\n"
        return f"{head}# {plain(self.title)}\n\n{self.listing}"


@dataclass(frozen=True, slots=True)
class Context:
    """What every page writer needs."""

    vault: SiteVault
    uris: PageUris
    settings: SiteSettings

    def series_title(self, name: str) -> str:
        """What readers see for the series an entry names (its `mkdocs.yml` title)."""
        group = self.vault.series_by_key.get(name_key(name))
        return group.title if group else name


def link(label: str, page_uri: str, target_uri: str, anchor: str = "") -> str:
    """`[label](relative target)`, the label inert (its brackets are character references)."""
    return f"[{plain(label)}]({href(page_uri, target_uri, anchor)})"


def link_to(label: str, target: str) -> str:
    """`link` with a target already made by `uris.href`."""
    return f"[{plain(label)}]({target})"


HTML_OPEN = '<div class="vault-listing">\n'
HTML_CLOSE = "\n</div>"


def html_block(html: str) -> str:
    """A listing written as HTML, as a raw HTML block of the page's Markdown (no blank line in
    `html`). Its links are relative to the page's source file, as in Markdown links; a host
    resolves them (`render.links.resolve_hrefs`). The plugin hands MkDocs a placeholder
    instead: Python-Markdown takes seconds on a listing of thousands of ideas, which it would
    only pass through."""
    return f"{HTML_OPEN}{html}{HTML_CLOSE}\n"


def find_html_block(markdown: str) -> tuple[int, int] | None:
    """Where the inside of the page's `html_block` is, if it has one."""
    start = markdown.find(HTML_OPEN)
    if start < 0:
        return None
    start += len(HTML_OPEN)
    end = markdown.find(HTML_CLOSE, start)
    return (start, end) if end >= 0 else None


def html_link(label: str, target: str) -> str:
    """`link_to` as HTML: the label as text, the target made by `uris.href` (a host resolves
    it, `html_block`)."""
    return f'<a href="{target}">{text(label)}</a>'


def maybe_link(label: str, page_uri: str, target_uri: str | None) -> str:
    """A link when there is a page to go to, else the label as plain text."""
    return link(label, page_uri, target_uri) if target_uri else plain(label)


def heading(level: int, content: str) -> str:
    """A heading of already safe Markdown."""
    return "#" * level + " " + content + "\n\n"


def paragraph(parts: Iterable[str]) -> str:
    """Non-empty parts of already safe Markdown, on one line."""
    shown = [part for part in parts if part]
    return SEPARATOR.join(shown) + "\n\n" if shown else ""


def bullets(lines: Iterable[str]) -> str:
    """A list of already safe Markdown lines."""
    text = "".join(f"- {line}\n" for line in lines)
    return text + "\n" if text else ""


def names(ctx: Context, page_uri: str, people: Iterable[str]) -> str:
    """Speakers as links to their person pages (plain text when those are off)."""
    return ", ".join(maybe_link(p, page_uri, ctx.uris.of_person(p)) for p in people)


def entry_line(ctx: Context, page_uri: str, item: SiteEntry) -> str:
    """Number, date, linked title and speakers of one entry."""
    entry, settings = item.entry, ctx.settings
    parts = []
    if entry.number is not None:
        parts.append(plain(settings.string("number", number=entry.number)))
    if entry.date is not None:
        parts.append(plain(format_date(entry.date, settings.date_format)))
    parts.append(link(item.shown_title, page_uri, item.uri))
    if entry.speakers:
        parts.append(names(ctx, page_uri, entry.speakers))
    return SEPARATOR.join(parts)


def finish(text: str) -> str:
    """One newline at the end, no blank lines trailing."""
    return text.rstrip("\n") + "\n"
