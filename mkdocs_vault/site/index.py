"""The vault index: counts, the overview graph, every entry by series, categories, people."""

from __future__ import annotations

from mkdocs_vault.render.page import plain
from mkdocs_vault.render.sanitize import encode_braces
from mkdocs_vault.site.write import (
    SEPARATOR,
    Context,
    GeneratedPage,
    bullets,
    entry_line,
    finish,
    heading,
    maybe_link,
    paragraph,
)


def index_page(ctx: Context, *, overview: str = "") -> GeneratedPage | None:
    """The index page (None when it is switched off).

    `overview` is raw HTML (the overview graph) placed after the counts, as its own HTML
    block; its braces are written as character references, so it must not hold `<script>`
    or `<style>` (the overview's Mermaid source, text and attributes are fine).
    """
    uri = ctx.uris.index
    if uri is None:
        return None
    vault, s = ctx.vault, ctx.settings
    counts = [(s.string("entries"), len(vault.entries)), (s.string("ideas"), vault.idea_count),
              (s.string("series"), len(vault.series)), (s.string("people"), len(vault.people))]
    out = [paragraph(plain(s.string("count", label=label, count=count))
                     for label, count in counts)]
    if overview.strip():
        out.append(encode_braces(overview.strip("\n")) + "\n\n")
    for group in vault.series:
        out.append(heading(2, maybe_link(group.title, uri, ctx.uris.of_series(group.name))))
        out.append(bullets(entry_line(ctx, uri, item) for item in group.entries))
    if vault.loose:
        out.append(heading(2, plain(s.string("no_series"))))
        out.append(bullets(entry_line(ctx, uri, item) for item in vault.loose))
    if vault.categories and ctx.uris.categories:
        out.append(heading(2, plain(s.string("categories"))))
        out.append(SEPARATOR.join(
            f"{maybe_link(g.name, uri, ctx.uris.of_category(g.name))} ({g.count})"
            for g in vault.categories) + "\n\n")
    if vault.people and ctx.uris.people:
        out.append(heading(2, plain(s.string("people"))))
        out.append(SEPARATOR.join(
            f"{maybe_link(g.name, uri, ctx.uris.of_person(g.name))} ({len(g.entries)})"
            for g in vault.people) + "\n\n")
    return GeneratedPage(uri, s.name, finish("".join(out)))
