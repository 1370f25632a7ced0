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
    bullets,
    finish,
    heading,
    link_to,
)


def category_page(ctx: Context, group: CategoryGroup) -> GeneratedPage | None:
    """The page of one category (None when category pages are off).

    Each entry is a heading linking to it; each idea a list item linking to its `idea-N`
    anchor, showing its number and its text as plain text (the idea's Markdown reduced to
    what a reader sees: no markup, no links, nothing an extension could read).
    """
    uri = ctx.uris.of_category(group.name)
    if uri is None:
        return None
    s = ctx.settings
    template = s.string("idea")
    out = [plain(SEPARATOR.join((s.count("idea_count", group.count),
                                 s.count("entry_count", len(group.ideas))))) + "\n\n"]
    for item, ideas in group.ideas:
        target = href(uri, item.uri)
        out.append(heading(2, link_to(item.shown_title, target)))
        out.append(bullets(
            link_to(template.format(number=idea.number, text=plain_text(idea.text)),
                    f"{target}#{IDEA_ANCHOR.format(number=idea.number)}")
            for idea in ideas))
    return GeneratedPage(uri, group.name, finish("".join(out)))


def category_pages(ctx: Context) -> list[GeneratedPage]:
    """The pages of all categories, in label order."""
    return [page for group in ctx.vault.categories if (page := category_page(ctx, group))]
