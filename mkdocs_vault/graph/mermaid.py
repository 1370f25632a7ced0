"""Writing Mermaid flowcharts that no label can break.

Rules (verified against Mermaid 11.17 and 12.3, see the reference notes):

* node ids and class names are generated, never taken from user text;
* every label is quoted, with whitespace collapsed and each character that Mermaid reads as
  syntax replaced by an entity code (`#quot;`, `#35;`, ...), `#` included, so `#12;` in a label
  is shown literally instead of being decoded;
* the only markup inside labels is the `<b>`/`<br>` we add ourselves;
* colours are `#rrggbb` (an `rgb(...)` would be a parse error);
* no `;` is written at the end of a line: Mermaid's entity pre-pass would strip it from
  `style`/`classDef` lines and corrupt entities.
"""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass, field

from mkdocs_vault.graph.labels import collapse_spaces

JOINER = "\u2060"
"""U+2060 WORD JOINER: invisible, it splits character sequences that Mermaid or DOMPurify act on."""

_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "\\": "#92;" + JOINER,  # Mermaid 11 and 12 draw a `\n` as a line break, even `#92;n`
    ":": "#58;",
    ";": "#59;",
    "|": "#124;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "(": "#40;",
    ")": "#41;",
    "%": "#37;",
    "'": "#39;",  # our own markup quotes attribute values with '
}
# A regex finds the few characters to replace much faster than str.translate with a dict.
_SYNTAX_RE = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
# DOMPurify (run by Mermaid) drops any attribute containing `-->`, `]>` or `</`.
_PURIFY_TRIGGER_RE = re.compile(r"(?<=[-!\]])>|(?<=<)/")
# Mermaid acts on these after it has decoded our entity codes, so no entity protects them (found
# by the property tests, in 11.17 and 12.3): `direction TB` anywhere on a line makes it a
# direction statement (the label is lost), `fa:fa-user` becomes a Font Awesome <i>, `$$x$$` is
# rendered as KaTeX, and `ﬂ°`/`¶ß` are Mermaid's own entity placeholders. A word joiner inside
# each sequence defuses it and stays invisible.
_MERMAID_TRIGGER_RE = re.compile(r"(?i)(?<=direction)(?=\s)|(?<=fa)(?=[bklrs]?:)|(?<=\$)(?=\$)"
                                 r"|(?<=ﬂ)(?=°)|(?<=¶)(?=ß)")


def escape(text: str, *, attribute: bool = False) -> str:
    """User text as safe label content (without the surrounding quotes), or as the value of an
    attribute of our own markup. Whitespace is collapsed and invisible controls are dropped
    (`collapse_spaces`), so none can end the diagram early or reorder the graph's text."""
    text = collapse_spaces(text)
    if _may_trigger(text):
        text = _MERMAID_TRIGGER_RE.sub(JOINER, text)
    if not _SYNTAX_RE.search(text):  # the common case: nothing to encode, nothing for DOMPurify
        return text  # (each of its triggers holds a `<` or `>`, which `_SYNTAX_RE` finds)
    if attribute:
        text = _PURIFY_TRIGGER_RE.sub(JOINER + r"\g<0>", text)
    return _SYNTAX_RE.sub(lambda m: _ENTITIES[m.group()], text)


def _may_trigger(text: str) -> bool:
    """False when `_MERMAID_TRIGGER_RE` cannot match: each of its matches holds a `:`, `$`, `°`
    or `¶`, or the "ect" of "direction", whose e, c and t match only themselves in either case
    (`test_mermaid` checks these over all of Unicode). These tests cost a fraction of the regex's
    lookbehinds at each position."""
    return ":" in text or "$" in text or "°" in text or "¶" in text or "ect" in text.lower()


def to_html(source: str) -> str:
    """Mermaid source as the text of a `<pre class="mermaid">`.

    Material reads `textContent`, which turns the entities back into characters. Braces are
    encoded too, so that no `{{`/`{%` reaches templating plugins such as mkdocs-macros.
    """
    return html.escape(source, quote=False).replace("{", "&#123;").replace("}", "&#125;")


def diagram(source: str, classes: str = "mermaid") -> str:
    """The `<pre>` Material draws a diagram from. Put it in an element with `SEARCH_EXCLUDE`."""
    return f'<pre class="{classes}"><code>{to_html(source)}</code></pre>'


SEARCH_EXCLUDE = "data-search-exclude"
"""Keeps an element out of Material's search index, which would otherwise index the Mermaid
source as the page's text (every entry would match `flowchart`, and results would quote it)."""

_SAFE_HREF_RE = re.compile(r"[A-Za-z0-9#/_.\-]+")

CLASSIC_APPEARANCE: dict[str, str] = {"look": "classic", "layout": "dagre"}
"""Top-level init keys that draw a flowchart in Mermaid 12 as Mermaid 11 draws it.

Mermaid 12 changed the flowchart defaults: `look: neo` (hexagons get 70 x 32 px of padding on
top of `flowchart.padding`, stadiums 40 x 24) and `layout: elk` (ranks no longer aligned,
wider gaps whatever `rankSpacing` says). A diagram's own directive wins over those defaults and
over the site's `initialize`; Mermaid 11 already defaults to both values.
"""
CLASSIC_FLOWCHART: dict[str, int] = {"minNodeWidth": 0}
"""`flowchart` init keys to the same end: Mermaid 12 widens every label to 120 px by default
(`minNodeWidth`), so short hub labels made wide nodes. Mermaid 11 ignores the key."""

# Node shapes: Mermaid's brackets around the quoted label.
SHAPES = {
    "rect": ("[", "]"),
    "round": ("(", ")"),
    "stadium": ("([", "])"),
    "hexagon": ("{{", "}}"),
    "circle": ("((", "))"),
}


@dataclass
class Flowchart:
    """A flowchart assembled line by line; `source()` gives the Mermaid text."""

    direction: str
    config: dict[str, object] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    edges: int = 0
    _styles: list[str] = field(default_factory=list)
    _clicks: list[str] = field(default_factory=list)

    def node(self, node_id: str, label_html: str, shape: str = "rect") -> None:
        """Declare a node. `label_html` must already be escaped (see `escape`)."""
        left, right = SHAPES[shape]
        self.nodes.append(node_id)
        self.lines.append(f'{node_id}{left}"{label_html}"{right}')

    def junction(self, node_id: str) -> None:
        """A small filled dot where links meet (Mermaid 11.3+ shape syntax)."""
        self.nodes.append(node_id)
        self.lines.append(f"{node_id}@{{ shape: f-circ }}")

    def edge(self, a: str, b: str, arrow: str = "-->") -> None:
        """Connect two declared nodes; `~~~` is an invisible link that only guides the layout."""
        self.edges += 1
        self.lines.append(f"{a} {arrow} {b}")

    def class_def(self, name: str, **props: str) -> None:
        """Define a node class; property names use `_` for `-` (`stroke_width`)."""
        self._styles.append(f"classDef {name} {_class_body(tuple(props.items()))}")

    def assign(self, name: str, node_ids: list[str]) -> None:
        """Put nodes into a class."""
        if node_ids:
            self._styles.append(f"class {','.join(node_ids)} {name}")

    def click(self, node_id: str, href: str) -> None:
        """Make a node a link. Mermaid's strict mode (Material's) allows `href`, not callbacks.

        `href` is ours (`#idea-3`), never user text: Mermaid does not decode entities in it.
        No tooltip argument: Mermaid shows those with a script Material never binds, so the
        tooltip is a `title` on the label instead (see `layouts`).
        """
        if not _SAFE_HREF_RE.fullmatch(href):
            raise ValueError(f"unsafe href for a Mermaid click: {href!r}")
        self._clicks.append(f'click {node_id} href "{href}"')

    def source(self) -> str:
        """The complete Mermaid text."""
        head = []
        if self.config:
            head.append("%%{init: " + json.dumps(self.config, separators=(",", ":")) + "}%%")
        head.append(f"flowchart {self.direction}")
        return "\n".join([*head, *self.lines, *self._styles, *self._clicks])


@functools.lru_cache(maxsize=1024)  # every graph declares the same classes for its categories
def _class_body(props: tuple[tuple[str, str], ...]) -> str:
    return ",".join(f"{k.replace('_', '-')}:{v}" for k, v in props)
