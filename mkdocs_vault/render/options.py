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
}
"""Words of the header and graph captions, for sites in other languages."""


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
