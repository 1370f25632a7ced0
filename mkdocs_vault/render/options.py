"""Rendering options of the core, independent of where they were configured."""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_vault.graph.labels import LABEL_CHARS
from mkdocs_vault.graph.layouts import GraphStyle
from mkdocs_vault.model import SECTIONS

DEFAULT_HEADINGS = {
    "graph": "Concept Graph",
    "resume": "Résumé",
    "ideas": "{count} Key Ideas",
    "related": "Related entries",
}
"""Section headings; `{count}` is the number of ideas. An empty heading is left out."""

PROBLEMS_TITLE_EN = "This vault entry cannot be shown until these problems are fixed"
"""Title of the box a page with errors shows (`render.languages` has it in other languages)."""

DEFAULT_STRINGS = {
    "number": "No. {number}",
    "of": "of {total}",
    "host": "Host: {host}",
    "source": "Source:",
    "graph_part": "Part {part} of {parts}",
    "see": "See:",
    "referenced_by": "Referenced by:",
    "previous": "Previous:",
    "next": "Next:",
    "graph_name": "Concept graph of {title}: {count} key ideas in {categories} categories",
    "graph_name_plain": "Concept graph of {title}: {count} key ideas",
    "graph_name_parts": "{name}, in {parts} parts",
    "skip_graph": "Skip the graph: the {count} key ideas are listed below",
    "graph_key_lanes": "Lines join each idea to its category (the hexagon), directly or through "
                       "the idea before it; the numbers are those of the list below.",
    "graph_key_classic": "A dotted arrow joins each idea to its category (on a narrow screen, a "
                         "line runs from the category through its ideas); the numbers are those "
                         "of the list below.",
    "linked_ideas": "Linked ideas:",
}
"""Words of the header, the graph and its legend, for sites in other languages.

`graph_name` names the graph's figure for screen readers (`graph_name_plain` when no idea has
a category; `graph_name_parts` adds the number of parts to either, `{name}`); `skip_graph` is
the link past the graph; `graph_key_*` say what the lines of each layout mean."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How entries are turned into Markdown; the plugin fills this from `mkdocs.yml`."""

    sections: tuple[str, ...] = SECTIONS
    layout: str = "lanes"
    headings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_HEADINGS))
    strings: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STRINGS))
    heading_level: int = 2
    date_format: str = "%Y-%m-%d"
    idea_tags: bool = True
    """Show each idea's category as a small coloured tag in the list."""
    legend: bool = True
    """Show the colour legend (category, idea count) under the graph."""
    label_chars: int = LABEL_CHARS
    raw_html: bool = False
    """Let raw HTML in résumés, idea texts and credits through (off: it is shown as text)."""
    graph: GraphStyle = field(default_factory=GraphStyle)
