"""One page per category label: its ideas across the vault, grouped by entry."""

from __future__ import annotations

from mkdocs_vault.graph.labels import plain_text
from mkdocs_vault.render.page import IDEA_ANCHOR, plain
from mkdocs_vault.site.collect import CategoryGroup
from mkdocs_vault.site.uris import href
from mkdocs_vault.site.write import (
    SEPARATOR,
    Context,
    GeneratedPage,
    finish,
    html_block,
    html_link,
)

def category_page(ctx: Context, group: CategoryGroup) -> GeneratedPage | None:
    """The page of one category (None when category pages are off).

    Each entry is a heading linking to it; each idea a list item linking to its `idea-N`
    anchor, showing its number and its text as plain text (the idea's Markdown reduced to
    what a reader sees: no markup, no links, nothing an extension could read).

    The listing is HTML: in a large vault it holds every idea of a category (25,000 at
    10,000 entries), which Python-Markdown would take seconds to pass through and Material's
    search would index in time that grows with the square of its headings. Its headings stay
    out of the table of contents, as on the listing pages of Material's blog, and the page
    out of the search index: each of its ideas has a search record on its own page.
    """
    uri = ctx.uris.of_category(group.name)
    if uri is None:
        return None
    s = ctx.settings
    template = s.string("idea")
    out = []
    for item, ideas in group.ideas:
        target = href(uri, item.uri)  # once per entry: thousands of ideas share it
        out.append(f"<h2>{html_link(item.shown_title, target)}</h2>\n<ul>\n")
        for idea in ideas:
            label = template.format(number=idea.number, text=plain_text(idea.text))
            anchor = IDEA_ANCHOR.format(number=idea.number)
            out.append(f"<li>{html_link(label, f'{target}#{anchor}')}</li>\n")
        out.append("</ul>\n")
    counts = plain(SEPARATOR.join((s.count("idea_count", group.count),
                                   s.count("entry_count", len(group.ideas)))))
    listing = f'{counts}\n\n{html_block("".join(out).rstrip())}'
    return GeneratedPage(uri, group.name, finish(listing), searched=False)


def category_pages(ctx: Context) -> list[GeneratedPage]:
    """The pages of all categories, in label order."""
    return [page for group in ctx.vault.categories if (page := category_page(ctx, group))]
