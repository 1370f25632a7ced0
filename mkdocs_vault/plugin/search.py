"""The search index and links to ideas: one search record per idea, and hand-written links to
`page.md#idea-N` checked.

Material's search splits pages at headings, so a word of a key idea would lead to the
"30 Key Ideas" heading. Each idea gets a record of its own, pointing at its `#idea-N` anchor,
and the heading's record keeps only what is not an idea (search results then land on the
idea). The records are added to Material's index object after it indexed the page, so its own
merging under `mkdocs serve --dirtyreload` keeps working.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from mkdocs_vault.graph.labels import plain_text
from mkdocs_vault.render.page import IDEA_ANCHOR

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from mkdocs_vault.model import Entry
    from mkdocs_vault.render.options import RenderOptions

_IDEA_ANCHOR_RE = re.compile(r"idea-([0-9]+)")


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The record list of Material's search plugin, if it runs."""
    for name in ("material/search", "search"):
        index = getattr(config.plugins.get(name), "search_index", None)
        entries = getattr(index, "entries", None)
        if isinstance(entries, list):
            return entries
    return None


def add_idea_records(config: MkDocsConfig, page: Page, entry: Entry,
                     options: RenderOptions) -> None:
    """One record per idea of `page`, right after the page's own records."""
    records = _search_entries(config)
    if records is None:
        return
    heading = options.headings.get("ideas", "").format(count=len(entry.ideas)).strip()
    for record in reversed(records):
        if not str(record.get("location", "")).startswith(page.url):
            break
        if heading and record.get("title", "").replace("¶", "").strip() == heading:
            record["text"] = ""  # the ideas are records of their own
    title = page.title or entry.title or ""
    for idea in entry.ideas:
        records.append({
            "location": f"{page.url}#{IDEA_ANCHOR.format(number=idea.number)}",
            "title": f"{idea.number}. {idea.label}" + (f" · {title}" if title else ""),
            "text": plain_text(idea.text),
        })


def add_page_record(config: MkDocsConfig, page: Page) -> None:
    """A record of the page's title alone, for a generated page that its front matter keeps
    out of the index (a category page: its ideas have records of their own), so that a
    search for its name still finds it."""
    records = _search_entries(config)
    if records is None:
        return
    last = str(records[-1].get("location", "")) if records else ""
    if last == page.url or last.startswith(page.url + "#"):
        return  # indexed after all (MkDocs' own search plugin knows no `exclude`)
    records.append({"location": page.url, "title": page.title or "", "text": ""})


def broken_idea_links(page: Page, counts: Mapping[str, int]) -> Iterator[str]:
    """Links of `page` to `#idea-N` of a vault entry that has no idea N."""
    for target, links in (page.links_to_anchors or {}).items():
        count = counts.get(target.src_uri)
        if count is None:
            continue
        for anchor, written in links.items():
            match = _IDEA_ANCHOR_RE.fullmatch(anchor)
            if match and not 1 <= int(match.group(1)) <= count:
                yield (f"links to '{written}', but {target.src_uri} has ideas 1 to {count}, "
                       f"no idea {match.group(1)}")
