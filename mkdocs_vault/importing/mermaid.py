"""Reading the hand-made Mermaid flowcharts of existing vault pages.

The seed's graph is one line (`graph LR classDef ... Main --> O1[label 1] O1 -.-> G1[Open]
...`): statements separated only by spaces. This reads that and the ordinary multi-line form:
`graph`/`flowchart`, `classDef`, `class`, `style`, `linkStyle`, `click`, `subgraph`/`end`,
`%%` comments, and chains of nodes (`A[label] --> B --> C`, `A:::cls`, `-->|text|`). Each node
and edge keeps the offset where it is written, so problems can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ID = r"[^\W\d][\w]*|\d[\w]*"
_ID_RE = re.compile(_ID)
_SHAPES = (
    ("((", "))"), ("([", "])"), ("[[", "]]"), ("[(", ")]"), ("{{", "}}"), ("[/", "/]"),
    ("[\\", "\\]"), ("[", "]"), ("(", ")"), ("{", "}"), (">", "]"),
)
_ARROW_RE = re.compile(
    r"\s*(?P<arrow><?(?:-\.+-?>|-\.+-|--+>|---+|==+>|===+|--[ox]|==[ox]|-\.+-[ox]|~~~))"
    r"(?:\|(?P<text>[^|]*)\|)?")
_KEYWORD_RE = re.compile(
    r"(?P<kw>graph|flowchart|classDef|class|style|linkStyle|click|subgraph|end|direction)"
    r"(?=[\s;]|$)")
_CLASS_SHORT_RE = re.compile(r":::(\w[\w-]*)")


@dataclass
class Node:
    """A node, with the label of its first definition."""

    id: str
    label: str | None = None
    at: int = 0
    """Offset of the node's first appearance in the graph text."""
    classes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    dotted: bool
    at: int
    """Offset of the edge's source node, where the edge is written."""
    text: str = ""


@dataclass
class Flowchart:
    """What a flowchart says, in the order it says it."""

    direction: str | None = None
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    class_defs: dict[str, str] = field(default_factory=dict)
    """classDef name -> its style properties (`fill:#d4f9d4,font-weight:bold`)."""
    class_def_at: dict[str, int] = field(default_factory=dict)
    unread: list[tuple[int, str]] = field(default_factory=list)
    """Pieces of the text that are not flowchart syntax, with their offsets."""

    def node(self, node_id: str, at: int) -> Node:
        found = self.nodes.get(node_id)
        if found is None:
            found = self.nodes[node_id] = Node(node_id, at=at)
        return found


def fill_color(style: str) -> str | None:
    """The `fill:` colour of a classDef's properties, as `#rrggbb` when it is one."""
    match = re.search(r"(?:^|[,;\s])fill\s*:\s*(#[0-9a-fA-F]{3,8})\b", style)
    if not match:
        return None
    value = match.group(1).lower()
    if len(value) == 4:
        return "#" + "".join(c * 2 for c in value[1:])
    return value[:7] if len(value) in (7, 9) else None


def parse(source: str) -> Flowchart:
    """Read a flowchart; what cannot be read is kept in `unread`."""
    chart = Flowchart()
    text = source
    pos = 0
    n = len(text)
    while pos < n:
        if text[pos] in " \t\r\n;":
            pos += 1
            continue
        if text.startswith("%%", pos):
            end = text.find("\n", pos)
            pos = n if end < 0 else end
            continue
        keyword = _KEYWORD_RE.match(text, pos)
        if keyword:
            pos = _statement(chart, text, keyword.group("kw"), keyword.end(), pos)
            continue
        end = _chain(chart, text, pos)
        if end == pos:  # not a node: keep the word and go on
            stop = pos
            while stop < n and text[stop] not in " \t\r\n;":
                stop += 1
            chart.unread.append((pos, text[pos:stop]))
            end = stop
        pos = end
    return chart


def _word(text: str, pos: int) -> tuple[str, int, int]:
    """The next whitespace-separated word: (word, its start, its end)."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    start = pos
    while pos < len(text) and text[pos] not in " \t\r\n;":
        pos += 1
    return text[start:pos], start, pos


def _rest_of_line(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _statement(chart: Flowchart, text: str, keyword: str, pos: int, start: int) -> int:
    if keyword in ("graph", "flowchart", "direction"):
        word, _, end = _word(text, pos)
        if word.upper() in ("LR", "RL", "TB", "TD", "BT"):
            chart.direction = chart.direction or word.upper()
            return end
        return pos
    if keyword == "classDef":
        names, _, end = _word(text, pos)
        style, _, end = _word(text, end)
        for name in names.split(","):
            if name:
                chart.class_defs[name] = style
                chart.class_def_at.setdefault(name, start)
        return end
    if keyword == "class":
        ids, ids_at, end = _word(text, pos)
        name, _, end = _word(text, end)
        offset = ids_at
        for node_id in ids.split(","):
            if node_id:
                chart.node(node_id, offset).classes.append(name)
            offset += len(node_id) + 1
        return end
    if keyword in ("style", "linkStyle"):
        _, _, end = _word(text, pos)
        _, _, end = _word(text, end)
        return end
    if keyword in ("click", "subgraph"):
        return _rest_of_line(text, pos) if "\n" in text else _word(text, _word(text, pos)[2])[2]
    return pos  # end


def _node(chart: Flowchart, text: str, pos: int) -> tuple[str, int] | None:
    """A node reference at `pos` (with its shape and label), or None."""
    match = _ID_RE.match(text, pos)
    if not match:
        return None
    node_id = match.group()
    end = match.end()
    label = None
    for opening, closing in _SHAPES:
        if text.startswith(opening, end):
            close = text.find(closing, end + len(opening))
            if close < 0:
                return None
            label = text[end + len(opening):close].strip()
            if len(label) >= 2 and label[0] == label[-1] == '"':
                label = label[1:-1]
            end = close + len(closing)
            break
    node = chart.node(node_id, pos)
    if label is not None and node.label is None:
        node.label = label
    short = _CLASS_SHORT_RE.match(text, end)
    if short:
        node.classes.append(short.group(1))
        end = short.end()
    return node_id, end


def _chain(chart: Flowchart, text: str, pos: int) -> int:
    """`A --> B -.-> C ...` from `pos`; returns where it ends (`pos` if there is no node)."""
    first = _node(chart, text, pos)
    if first is None:
        return pos
    current, end = first
    current_at = pos
    while True:
        arrow = _ARROW_RE.match(text, end)
        if not arrow:
            return end
        at = end
        after = arrow.end()
        edge_at = current_at
        while after < len(text) and text[after] in " \t":
            after += 1
        target = _node(chart, text, after)
        if target is None:
            chart.unread.append((at, text[at:arrow.end()]))
            return arrow.end()
        dotted = "." in arrow.group("arrow")
        chart.edges.append(Edge(current, target[0], dotted, edge_at,
                                (arrow.group("text") or "")))
        current, end = target
        current_at = after
