"""Concept-graph layouts: an entry becomes one or more Mermaid flowcharts.

Both layouts are drawn from the same `Entry` as the numbered list, so every idea appears exactly
once, with the number and category it has in the list.

`lanes` (default) is built for reading in a ~700 px content column: the centre on the left, one
lane per category (its hub node, then its ideas in rows of `columns`). Width stays bounded
whatever the number of ideas, so Mermaid's scale-to-fit never shrinks text below ~12 px; more
ideas make the graph taller instead. On the 30-idea DeepSeek entry it draws 15 px labels in a
graph about 1,080 px tall.

`classic` is the seed's shape: centre -> idea -.-> category, all ideas in one column.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from mkdocs_vault.graph import colors
from mkdocs_vault.graph.labels import LABEL_MAX, clip, plain_text, wrap
from mkdocs_vault.graph.mermaid import CLASSIC_APPEARANCE, CLASSIC_FLOWCHART, Flowchart, escape
from mkdocs_vault.model import Category, Entry, Idea

_Lane = tuple[Category | None, list[Idea]]

PLAIN_FILL = "#e9edf2"
MAX_SOURCE = 45_000
"""Mermaid draws an error instead of diagrams over 50,000 characters; keep a margin."""
MAX_EDGES = 450
"""Mermaid refuses more than 500 edges."""
TOOLTIP_MAX = 500
CENTER_FILL = "#ffffff"
CENTER_SHAPE = "round"
"""A rounded box: Mermaid 11 and 12 size it alike. A stadium grows by its height in Mermaid 12
(which keeps the label clear of the round ends), 16-30 px more than in Mermaid 11 for a centre
of two or three lines, enough to shrink every label of the graph."""


@dataclass(frozen=True, slots=True)
class GraphStyle:
    """Sizes passed to Mermaid; the defaults were tuned in headless Chromium (see the tests)."""

    font_size: int = 18
    columns: int = 2
    """Ideas side by side in one lane row (`lanes`)."""
    node_width: int = 260
    """Width of idea cards, in px before Mermaid scales the graph to the column."""
    node_spacing: int = 10
    rank_spacing: int = 24
    padding: int = 8
    hub_chars: int = 14
    """Centre and category labels are wrapped at this many characters, to keep columns narrow."""
    max_ideas: int = 80
    """More ideas than this are drawn in several graphs (Mermaid caps text and edge counts)."""
    tooltips: bool = True
    """Full idea text as the tooltip of its node."""


def idea_id(number: int) -> str:
    """Node id of an idea; also the anchor suffix used by the list (`idea-N`)."""
    return f"k{number}"


@functools.lru_cache(maxsize=4096)  # entries of a vault share most of their category names
def _hub_label(text: str, hub_chars: int) -> str:
    lines = wrap(clip(text, LABEL_MAX), hub_chars)
    return "<br>".join(f"<b>{escape(line)}</b>" for line in lines) or " "


def _tooltip(text: str) -> str:
    return clip(plain_text(text), TOOLTIP_MAX)


def _idea_label(idea: Idea, style: GraphStyle) -> str:
    # A fixed-width inline block gives cards of one width (a tidy grid) and, being atomic,
    # stops the underline of the node's link from reaching the text. The title is the
    # tooltip: a native one, as Material never binds Mermaid's own tooltip script.
    title = f" title='{escape(_tooltip(idea.text), attribute=True)}'" if style.tooltips else ""
    # An explicit line height keeps Mermaid's measurement and the final rendering equal.
    return (f"<span{title} style='display:inline-block;width:{style.node_width}px;"
            f"white-space:normal;overflow-wrap:anywhere;line-height:1.35;text-align:left'>"
            f"<b>{idea.number}</b> {escape(clip(idea.label, LABEL_MAX))}</span>")


class _Card(NamedTuple):
    """What drawing an idea takes, in any layout."""

    node_id: str
    label: str
    class_key: str
    href: str


class _Drawing:
    """An entry's graphs being drawn. Each idea's card is made once, and shared by the wide and
    the narrow graph (and by the parts tried when one is too big): escaping the labels is most
    of the work."""

    def __init__(self, entry: Entry, style: GraphStyle, href: Callable[[int], str]) -> None:
        self.entry, self.style, self.href = entry, style, href
        self._known = {c.key for c in entry.categories}
        # By id: hashing an Idea hashes all its text. Each card keeps its idea alive, so no
        # other object can take that id while this drawing lasts.
        self._cards: dict[int, tuple[Idea, _Card]] = {}
        self._lanes: dict[int, tuple[tuple[Idea, ...], list[_Lane]]] = {}

    def card(self, idea: Idea) -> _Card:
        """The card of an idea."""
        made = self._cards.get(id(idea))
        if made is None:
            key = f"cat:{idea.category}" if idea.category in self._known else "plain"
            card = _Card(idea_id(idea.number), _idea_label(idea, self.style), key,
                         self.href(idea.number))
            made = self._cards[id(idea)] = (idea, card)
        return made[1]

    def lanes(self, ideas: tuple[Idea, ...]) -> list[_Lane]:
        """`_lanes_of` these ideas (a part, drawn in each layout)."""
        made = self._lanes.get(id(ideas))
        if made is None:
            made = self._lanes[id(ideas)] = (ideas, _lanes_of(self.entry, ideas))
        return made[1]

    def hub(self, text: str) -> str:
        """The label of the centre or of a category's hub."""
        return _hub_label(text, self.style.hub_chars)


def _init(style: GraphStyle) -> dict[str, object]:
    # The sizes below were tuned on Mermaid 11; the classic look, dagre and no minimum node
    # width make Mermaid 12 (Zensical's default) draw the same graph, not one 37% wider.
    return {
        **CLASSIC_APPEARANCE,
        "flowchart": {
            **CLASSIC_FLOWCHART,
            "nodeSpacing": style.node_spacing,
            "rankSpacing": style.rank_spacing,
            "padding": style.padding,
            # Mermaid wraps only what is wider than our cards (a single unbroken word).
            "wrappingWidth": style.node_width + 2 * style.padding,
            "useMaxWidth": True,
        },
        "themeVariables": {"fontSize": f"{style.font_size}px"},
    }


def _lanes_of(entry: Entry, ideas: tuple[Idea, ...]) -> list[_Lane]:
    """Ideas grouped by category, in the declared category order; uncategorised ones last.

    Categories without ideas here get no lane (the legend still lists them): a graph of one
    idea must not carry hundreds of empty hubs past Mermaid's limits.
    """
    groups: dict[str | None, list[Idea]] = {}
    known = {c.key for c in entry.categories}
    for idea in ideas:
        groups.setdefault(idea.category if idea.category in known else None, []).append(idea)
    lanes: list[_Lane] = [
        (c, groups[c.key]) for c in entry.categories if c.key in groups
    ]
    if None in groups:
        lanes.append((None, groups[None]))
    return lanes


def _style_classes(chart: Flowchart, entry: Entry, placed: dict[str, list[str]]) -> None:
    chart.class_def("center", fill=CENTER_FILL, stroke="#444444", stroke_width="2px",
                    color=colors.LABEL_COLOR)
    chart.assign("center", placed.pop("center", []))
    # Only classes this graph uses: a part of a large entry must not carry them all.
    for index, category in enumerate(entry.categories):
        ideas = placed.pop(f"cat:{category.key}", [])
        hubs = placed.pop(f"hub:{category.key}", [])
        if not ideas and not hubs:
            continue
        stroke = colors.shade(category.color, 0.45)
        chart.class_def(f"cat{index}", fill=category.color, stroke=stroke, color=colors.LABEL_COLOR)
        chart.class_def(f"hub{index}", fill=category.color, stroke=stroke, stroke_width="2px",
                        color=colors.LABEL_COLOR)
        chart.assign(f"cat{index}", ideas)
        chart.assign(f"hub{index}", hubs)
    if "plain" in placed:
        chart.class_def("plain", fill=PLAIN_FILL, stroke="#59636e", color=colors.LABEL_COLOR)
        chart.assign("plain", placed.pop("plain"))


def _add_ideas(chart: Flowchart, drawing: _Drawing, ideas: Iterable[Idea],
               placed: dict[str, list[str]]) -> list[str]:
    """Declare the ideas' nodes; their ids, in the same order."""
    ids = []
    for idea in ideas:
        card = drawing.card(idea)
        chart.node(card.node_id, card.label, "round")
        placed.setdefault(card.class_key, []).append(card.node_id)
        chart.click(card.node_id, card.href)
        ids.append(card.node_id)
    return ids


def link_pairs(ideas: tuple[Idea, ...] | list[Idea]) -> list[tuple[int, int]]:
    """Each `links` pair once, between ideas drawn in this graph.

    Links are not edges of the graph: every Mermaid edge takes part in the layout, and links
    across lanes pulled cards out of their lanes and drew lines across other cards. They are
    listed under the graph instead (`render.page.legend`).
    """
    present = {i.number for i in ideas}
    pairs = {(min(i.number, o), max(i.number, o)) for i in ideas for o in i.links if o in present}
    return sorted(pairs)


def _rows(members: list[str], columns: int) -> list[list[str]]:
    """A lane's ideas in rows of `columns`, in number order."""
    return [members[i : i + columns] for i in range(0, len(members), max(1, columns))]


def lanes(drawing: _Drawing, center: str, ideas: tuple[Idea, ...]) -> Flowchart:
    """Centre -> category hub -> rows of ideas, left to right.

    The first card of a row hangs from its hub, each next card from the card before it (a
    plain line), so no card of a second column reads as detached.
    """
    entry, style = drawing.entry, drawing.style
    chart = Flowchart("LR", _init(style))
    chart.node("ctr", drawing.hub(center), CENTER_SHAPE)
    placed: dict[str, list[str]] = {"center": ["ctr"]}
    for index, (category, members) in enumerate(drawing.lanes(ideas)):
        parent = "ctr"
        if category is not None:
            parent = f"hub{index}"
            chart.node(parent, drawing.hub(category.label), "hexagon")
            placed.setdefault(f"hub:{category.key}", []).append(parent)
            chart.edge("ctr", parent)
        for row in _rows(_add_ideas(chart, drawing, members, placed), style.columns):
            chart.edge(parent, row[0])
            for left, right in itertools.pairwise(row):
                chart.edge(left, right, "---")
    _style_classes(chart, entry, placed)
    return chart


def narrow(drawing: _Drawing, center: str, ideas: tuple[Idea, ...]) -> Flowchart:
    """The same lanes for a narrow column (phones): top to bottom, one card wide.

    The centre on top as a title, then each hub followed by its cards, every card joined by a
    line to the one before it, so the natural width is one card and Mermaid never scales the
    text down on a phone. Lanes follow each other through invisible links (a visible line
    from the centre to each hub would run beside the lanes and widen the graph). The page
    shows this graph or the wide one by a container query (`vault.css`).
    """
    entry = drawing.entry
    chart = Flowchart("TB", _init(drawing.style))
    chart.node("ctr", drawing.hub(center), CENTER_SHAPE)
    placed: dict[str, list[str]] = {"center": ["ctr"]}
    previous = "ctr"
    for index, (category, members) in enumerate(drawing.lanes(ideas)):
        parent, arrow = previous, "~~~"
        if category is not None:
            parent = f"hub{index}"
            chart.node(parent, drawing.hub(category.label), "hexagon")
            placed.setdefault(f"hub:{category.key}", []).append(parent)
            chart.edge(previous, parent, "~~~")
            arrow = "---"
        for node in _add_ideas(chart, drawing, members, placed):
            chart.edge(parent, node, arrow)
            parent, arrow = node, "---"
        previous = parent
    _style_classes(chart, entry, placed)
    return chart


def classic(drawing: _Drawing, center: str, ideas: tuple[Idea, ...]) -> Flowchart:
    """The seed's shape: centre -> idea, idea -.-> category."""
    entry = drawing.entry
    chart = Flowchart("LR", _init(drawing.style))
    chart.node("ctr", drawing.hub(center), CENTER_SHAPE)
    placed: dict[str, list[str]] = {"center": ["ctr"]}
    nodes = _add_ideas(chart, drawing, ideas, placed)
    used = {i.category for i in ideas}
    for index, category in enumerate(entry.categories):
        if category.key in used:
            chart.node(f"hub{index}", drawing.hub(category.label), "rect")
            placed.setdefault(f"hub:{category.key}", []).append(f"hub{index}")
    hub = {c.key: f"hub{i}" for i, c in enumerate(entry.categories)}
    for idea, node in zip(ideas, nodes, strict=True):
        chart.edge("ctr", node)
        if idea.category in hub:
            chart.edge(node, hub[idea.category], "-.->")
    _style_classes(chart, entry, placed)
    return chart


_Layout = Callable[[_Drawing, str, tuple[Idea, ...]], Flowchart]
LAYOUTS: dict[str, _Layout] = {"lanes": lanes, "classic": classic, "narrow": narrow}


def chunks(entry: Entry, style: GraphStyle) -> list[tuple[Idea, ...]]:
    """Ideas split into graphs of at most `max_ideas`, keeping categories together if possible."""
    if len(entry.ideas) <= style.max_ideas:
        return [entry.ideas]
    groups = [members for _, members in _lanes_of(entry, entry.ideas) if members]
    parts: list[list[Idea]] = [[]]
    for members in groups:
        for start in range(0, len(members), style.max_ideas):
            piece = members[start : start + style.max_ideas]
            if parts[-1] and len(parts[-1]) + len(piece) > style.max_ideas:
                parts.append([])
            parts[-1].extend(piece)
    return [tuple(p) for p in parts if p]


def concept_graphs(entry: Entry, center: str, layout: str, style: GraphStyle,
                   href: Callable[[int], str]) -> list[Flowchart]:
    """All flowcharts for an entry: one, or several when it has more than `max_ideas` ideas
    or when one graph would pass Mermaid's limits (very long labels, very many links)."""
    drawing = _Drawing(entry, style, href)
    return [chart for _, chart in _drawn_parts(drawing, center, LAYOUTS[layout])]


def reader_graphs(entry: Entry, center: str, layout: str, style: GraphStyle,
                  href: Callable[[int], str]) -> list[tuple[Flowchart, Flowchart]]:
    """Each part of the entry's graph twice: in `layout`, and in the `narrow` layout for
    phones (same ideas per part, so part N is the same on every screen)."""
    drawing = _Drawing(entry, style, href)
    return [(wide, narrow(drawing, center, part))
            for part, wide in _drawn_parts(drawing, center, LAYOUTS[layout])]


def _drawn_parts(drawing: _Drawing, center: str,
                 draw: _Layout) -> list[tuple[tuple[Idea, ...], Flowchart]]:
    drawn: list[tuple[tuple[Idea, ...], Flowchart]] = []
    pending = chunks(drawing.entry, drawing.style)
    while pending:
        part = pending.pop(0)
        chart = draw(drawing, center, part)
        too_big = len(chart.source()) > MAX_SOURCE or chart.edges > MAX_EDGES
        if too_big and len(part) > 1:
            half = len(part) // 2
            pending[0:0] = [part[:half], part[half:]]
        else:
            drawn.append((part, chart))
    return drawn
