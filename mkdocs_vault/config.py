"""Options of the `vault` plugin in `mkdocs.yml` (imports MkDocs; the core does not)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_vault.labels import LABEL_CHARS
from mkdocs_vault.layouts import GraphStyle
from mkdocs_vault.model import LAYOUTS, SECTIONS
from mkdocs_vault.options import DEFAULT_HEADINGS, DEFAULT_STRINGS, RenderOptions

_GRAPH = GraphStyle()


class GraphConfig(base.Config):
    """`graph:` options."""

    layout = c.Choice(LAYOUTS, default="lanes")
    """`lanes` (readable default) or `classic` (centre -> idea -.-> category)."""
    font_size = c.Type(int, default=_GRAPH.font_size)
    columns = c.Type(int, default=_GRAPH.columns)
    """Ideas side by side in a lane (`lanes` layout)."""
    node_width = c.Type(int, default=_GRAPH.node_width)
    """Width of idea cards in px, before the graph is scaled to the page."""
    max_ideas = c.Type(int, default=_GRAPH.max_ideas)
    """Entries with more ideas get several graphs."""
    tooltips = c.Type(bool, default=True)
    """Idea nodes link to their list item and show the full idea as a tooltip."""
    legend = c.Type(bool, default=True)


class VaultConfig(base.Config):
    """`plugins: - vault:` options."""

    enabled = c.Type(bool, default=True)
    sections = c.ListOfItems(c.Choice(SECTIONS), default=list(SECTIONS))
    """Order of the parts of an entry page; `body` is the author's own Markdown."""
    headings = c.DictOfItems(c.Type(str), default={})
    """Overrides of the section headings: `graph`, `resume`, `ideas` (`{count}` = ideas)."""
    strings = c.DictOfItems(c.Type(str), default={})
    """Overrides of the header's words, for other languages."""
    heading_level = c.Type(int, default=2)
    date_format = c.Type(str, default="%Y-%m-%d")
    idea_tags = c.Type(bool, default=True)
    """Show each idea's category next to it in the list."""
    raw_html = c.Type(bool, default=False)
    """Allow raw HTML in résumés, idea texts and credits; by default it is shown as text."""
    label_length = c.Type(int, default=LABEL_CHARS)
    """Length budget of graph labels derived from idea text."""
    graph = c.SubConfig(GraphConfig)
    mermaid_js = c.Optional(c.Type(str))
    """Local `mermaid.min.js` (relative to mkdocs.yml) to use instead of Material's CDN copy."""


def render_options(config: VaultConfig) -> RenderOptions:
    """The core's options from the validated plugin config."""
    graph = config.graph
    unknown = (set(config.headings) - set(DEFAULT_HEADINGS)) | (
        set(config.strings) - set(DEFAULT_STRINGS))
    if unknown:
        raise base.ValidationError(f"unknown headings or strings: {', '.join(sorted(unknown))}")
    for name, value in [("heading_level", config.heading_level), ("graph.font_size",
                        graph.font_size), ("graph.columns", graph.columns),
                        ("graph.max_ideas", graph.max_ideas), ("label_length",
                        config.label_length), ("graph.node_width", graph.node_width)]:
        if value < 1 or (name == "heading_level" and value > 6):
            raise base.ValidationError(f"{name} must be a positive number, got {value}")
    return RenderOptions(
        sections=tuple(dict.fromkeys(config.sections)),
        layout=graph.layout,
        headings=DEFAULT_HEADINGS | dict(config.headings),
        strings=DEFAULT_STRINGS | dict(config.strings),
        heading_level=config.heading_level,
        date_format=config.date_format,
        idea_tags=config.idea_tags,
        legend=graph.legend,
        label_chars=config.label_length,
        raw_html=config.raw_html,
        graph=GraphStyle(
            font_size=graph.font_size,
            columns=graph.columns,
            node_width=graph.node_width,
            max_ideas=graph.max_ideas,
            tooltips=graph.tooltips,
        ),
    )
