"""Properties of labels and Mermaid text over arbitrary Unicode (hypothesis, no browser).

The strategies here are shared with tests/browser/test_properties.py, which renders the same
kind of text in Mermaid 11 and 12.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_vault.graph import labels, layouts, mermaid
from mkdocs_vault.graph.colors import PALETTE
from mkdocs_vault.graph.labels import (
    LABEL_MAX,
    clip,
    collapse_spaces,
    derive_label,
    plain_text,
    width,
    wrap,
)
from mkdocs_vault.graph.layouts import TOOLTIP_MAX, GraphStyle, concept_graphs
from mkdocs_vault.graph.mermaid import escape
from mkdocs_vault.model import Category, Entry, Idea

# Pieces that mean something to Mermaid, HTML, Markdown or DOMPurify, mixed into random text.
FRAGMENTS = [
    '"', "'", "#", ";", ":", "#12;", "#quot;", "#35;", "#lt;", "#9829;", "#x41;", "&amp;",
    "&#35;", "&lt;", "&", "%%", "%% comment", '%%{init: {"theme": "forest"}}%%', "%%{", "}%%",
    "<b>", "</b>", "<i>x</i>", "<br>", "<br/>", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "<a href='javascript:alert(1)'>x</a>", "javascript:",
    "<svg onload=alert(1)>", "<style>*{}</style>", "<!--", "-->", "]]>", "</", "<![CDATA[",
    "end", "subgraph", "subgraph X", "click", 'click k1 href "javascript:alert(1)"',
    "click k1 call alert()", "style", "style k1 fill:#f00;", "classDef", "classDef x fill:red;",
    "class k1 x", "direction TB", "flowchart", "graph TD", "linkStyle 0 stroke:red", ":::",
    "-->", "-.->", "==>", "~~~", "---", "--o", "--x", "<-->", "-- text -->", "|x|", "&",
    "[", "]", "[[", "]]", "(", ")", "((", "))", "([", "])", "{", "}", "{{", "}}", "[/", "/]",
    ">", "<", "|", "\\", "`", "``", "```", "*", "**", "_", "~~", "==", "@{", "@{ shape: circle }",
    "k1", "ctr", "hub0", "j1", "fa:fa-user", "fab:fa-github", "$", "$$", "$$x^2$$",
    "\\n", "\\t", "\\u0041", "ﬂ°", "¶ß", "ﬂ°°60¶ß", "\n", "\r\n", "\t", "\x0b", "\x0c",
    "\x00", "\x01", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029", "\u00a0", "\u202f",
    "\u2007", "\u3000", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060",
    "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff", "\ufffc", "\ufffd", "🚀", "👩‍💻", "❤️",
    "🇫🇷", "中文标签", "ｆｕｌｌ", "مرحبا", "שלום", "é", "e\u0301", "ß", "ŉ", "İ", "ﬁ", "1 200×",
    "27×", "[link](http://x)", "**bold**", "_em_", "`code`", "<http://x>", "  ", " ",
]

# Known bugs (see the xfail tests in tests/browser/test_properties.py): Mermaid acts on these
# after it has decoded our entity codes, so no entity can protect them. Remove a pattern from
# this list once its xfail test passes.
KNOWN_BUGS: list[str] = []
# Fixed in mermaid.escape with word joiners (kept here as a record): `$$` (KaTeX), `fa:fa-`
# (Font Awesome), `ﬂ°`/`¶ß` (Mermaid's entity placeholders), `direction\s` (direction statement).
_KNOWN_BUGS_RE = re.compile("|".join(KNOWN_BUGS)) if KNOWN_BUGS else None
JOINER = "\u2060"
"""The invisible word joiner the code inserts to defuse Mermaid and DOMPurify patterns."""


def hits_known_bug(text: str) -> bool:
    """Whether `text`, as the graph would show it, contains a pattern of a known bug."""
    return _KNOWN_BUGS_RE is not None and bool(_KNOWN_BUGS_RE.search(visible(text)))


def hostile_text(*, max_pieces: int = 10) -> st.SearchStrategy[str]:
    """Random Unicode mixed with syntax fragments; now and then a very long string."""
    mixed = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(FRAGMENTS)),
                     max_size=max_pieces).map("".join)
    long = st.tuples(st.text(min_size=1, max_size=20), st.integers(10, 60),
                     st.sampled_from(FRAGMENTS)).map(lambda t: (t[0] + t[2]) * t[1])
    return st.one_of(mixed, mixed, mixed, long)


def safe_text(**kwargs: int) -> st.SearchStrategy[str]:
    """`hostile_text` without the known bugs, so that the properties test everything else."""
    return hostile_text(**kwargs).filter(lambda t: not hits_known_bug(t))


def visible(text: str) -> str:
    """What a reader should see of a text, by the label rules (`labels.collapse_spaces`):
    invisible controls dropped, whitespace collapsed (no-break spaces too, as a reader cannot
    tell them apart), and the word joiners the code inserts left out."""
    return " ".join(collapse_spaces(text).replace(JOINER, "").split())


def href(number: int) -> str:
    return f"#idea-{number}"


SAFE_TEXT = safe_text(max_pieces=5)
_KEYS = st.lists(SAFE_TEXT.filter(str.strip), max_size=4, unique=True)
_LABEL = st.one_of(st.none(), SAFE_TEXT)


@st.composite
def entries(draw: st.DrawFn, *, min_ideas: int = 1, max_ideas: int = 30,
            text: st.SearchStrategy[str] = SAFE_TEXT) -> tuple[Entry, str]:
    """An entry whose category keys and labels, idea texts and labels, and centre are all
    drawn from `text`; with the centre label the graph would get. (Hypothesis gives up on
    examples that need too many choices, so each text is a few pieces only.)"""
    keys = draw(_KEYS if text is SAFE_TEXT else st.lists(text.filter(str.strip), max_size=4,
                                                          unique=True))
    categories = tuple(
        Category(key, label if label.strip() else key, PALETTE[index % len(PALETTE)])
        for index, (key, label) in enumerate(zip(keys, draw(
            st.lists(text, min_size=len(keys), max_size=len(keys))), strict=True)))
    count = draw(st.integers(min_ideas, max_ideas))
    ideas = []
    for number in range(1, count + 1):
        idea_text = draw(text)
        label = draw(_LABEL if text is SAFE_TEXT else st.one_of(st.none(), text))
        category = draw(st.sampled_from([None, *keys]))
        links = draw(st.lists(st.integers(1, count), max_size=2, unique=True))
        shown = label.strip() if label and label.strip() else derive_label(idea_text)
        ideas.append(Idea(number, idea_text.strip(), shown, category,
                          tuple(n for n in links if n != number),
                          label_derived=not (label and label.strip())))
    center = draw(text)
    entry = Entry(ideas=tuple(ideas), categories=categories, center=center or None)
    return entry, entry.center_label("Untitled")


def sources(entry: Entry, center: str, layout: str = "lanes") -> list[str]:
    """The Mermaid text of every graph of the entry, as the plugin writes it."""
    return [chart.source() for chart in
            concept_graphs(entry, center, layout, GraphStyle(), href)]


# --- escape -----------------------------------------------------------------------------------

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SYNTAX = set("\"#;<>[]{}()|%\\`&'")
ENTITY_RE = re.compile(r"#(?:\d+|quot|lt|gt|amp);")
NAMED = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}
FAST = settings(max_examples=300, derandomize=True, database=None, deadline=None)


def decode(escaped: str) -> str:
    """Mermaid's reading of an escaped label: entity codes back to characters."""
    return re.sub(r"#(\d+|quot|lt|gt|amp);",
                  lambda m: NAMED.get(m.group(1)) or chr(int(m.group(1))), escaped)


@FAST
@given(safe_text())
def test_escape_leaves_no_syntax(text: str) -> None:
    """Outside entity codes, no character Mermaid reads as syntax, no line break or control."""
    escaped = escape(text)
    rest = ENTITY_RE.sub("", escaped)
    assert not SYNTAX & set(rest), escaped
    assert len(escaped.splitlines()) <= 1
    assert not [ch for ch in escaped if unicodedata.category(ch) in ("Cc", "Zl", "Zp")]
    assert not BIDI_CONTROLS & set(escaped), "a bidi control could reorder the graph's text"
    assert escaped == escaped.strip()


@FAST
@given(hostile_text())
def test_escape_round_trip(text: str) -> None:
    """Decoding the entity codes gives the text as a reader should see it."""
    assert visible(decode(escape(text))) == visible(text)


# --- the flowchart source ---------------------------------------------------------------------

NODE_ID = r"(?:ctr|hub\d+|k\d+|j\d+)"
LINE_RES = [re.compile(p) for p in (
    rf'{NODE_ID}(?:\(\[|\{{\{{|\(|\[)"[^"\n]*"(?:\]\)|\}}\}}|\)|\])',  # a node and its label
    r"j\d+@\{ shape: f-circ \}",  # a junction
    rf"{NODE_ID} (?:-->|---|-\.-|-\.->|~~~) {NODE_ID}",  # an edge
    r"classDef (?:center|cat\d+|hub\d+|plain|junction) [a-z-]+:#[0-9a-f]{6}"
    r"(?:,[a-z-]+:(?:#[0-9a-f]{6}|\d+px))*",
    rf"class {NODE_ID}(?:,{NODE_ID})* (?:center|cat\d+|hub\d+|plain|junction)",
    r'click (k\d+) href "#idea-(\d+)"',
)]


@settings(max_examples=150, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(entries(max_ideas=12, text=hostile_text()), st.sampled_from(["lanes", "classic"]))
def test_source_is_only_our_syntax(drawn: tuple[Entry, str], layout: str) -> None:
    """Whatever the text, the flowchart has our init line, our direction, and lines of our
    grammar only: generated node ids, quoted labels without raw quotes, our classes, our
    links. No user text becomes an id, a directive, a comment or a statement."""
    entry, center = drawn
    for source in sources(entry, center, layout):
        head, direction, *lines = source.split("\n")
        assert head.startswith("%%{init: {")
        assert head.endswith("}}%%")
        assert source.count("%%") == 2, "a %% outside the init line"
        assert direction == "flowchart LR"
        for line in lines:
            assert any(r.fullmatch(line) for r in LINE_RES), line
            assert not line.endswith(";")
        clicks = [m.groups() for line in lines if (m := LINE_RES[-1].fullmatch(line))]
        assert all(node == f"k{number}" for node, number in clicks)


# --- labels -----------------------------------------------------------------------------------

def one_line(text: str) -> bool:
    return len(text.splitlines()) <= 1 and "\n" not in text and "\r" not in text


@FAST
@given(hostile_text(), st.integers(1, 80))
def test_plain_text_and_derive_label_are_one_line(text: str, budget: int) -> None:
    """Neither raises on any text; both give one line without outer whitespace."""
    for result in (plain_text(text), derive_label(text), derive_label(text, budget)):
        assert isinstance(result, str)
        assert one_line(result), repr(result)
        assert result == result.strip()


@FAST
@given(hostile_text(), st.integers(2, 80))
def test_derive_label_respects_its_budget(text: str, budget: int) -> None:
    """A derived label fits in `budget` columns."""
    assert width(derive_label(text, budget)) <= budget


@FAST
@given(hostile_text(), st.integers(2, 300))
def test_clip_respects_its_budget(text: str, budget: int) -> None:
    """A clip fits in `budget` columns, keeps a prefix of the text, and marks a cut with …."""
    clipped = clip(text, budget)
    assert width(clipped) <= budget
    if width(text) <= budget:
        assert clipped == text
    else:
        assert clipped.endswith("…")
        assert text.startswith(clipped[:-1].rstrip())
    assert clip(clipped, budget) == clipped


@FAST
@given(hostile_text(), st.integers(1, 40))
def test_wrap_keeps_every_word(text: str, line_width: int) -> None:
    """Lines join back to the text with whitespace collapsed; only one-word lines overflow."""
    lines = wrap(text, line_width)
    assert " ".join(lines) == collapse_spaces(text)
    for line in lines:
        assert line
        assert one_line(line)
        assert width(line) <= line_width or len(line.split(" ")) == 1


# --- regressions and known bugs (an xfail passes once fixed: drop its mark) ----------------------

def test_escape_drops_c1_controls() -> None:
    """U+0080-U+009F are control characters too, invisible or drawn as boxes."""
    assert escape("a\x80b\x9fc\u202ed") == "abcd"


def test_clip_to_one_column() -> None:
    """With room for one column only the cut mark is left."""
    assert clip("ab", 1) == "…"


def test_derive_label_capital_that_grows() -> None:
    """A label that fits may not grow when its first letter is capitalised."""
    assert width(derive_label("the ßxxxxxxxxx", 10)) <= 10


# --- fast paths against the reference code --------------------------------------------------
# The hot functions skip their regex passes when a text has nothing to change. These are the
# full passes they replace (the code before the fast paths): the results must be the same.

def ref_collapse_spaces(text: str) -> str:
    return labels._SPACES_RE.sub(" ", labels._INVISIBLE_RE.sub("", text)).strip()


def ref_escape(text: str, *, attribute: bool = False) -> str:
    text = mermaid._MERMAID_TRIGGER_RE.sub(JOINER, ref_collapse_spaces(text))
    if attribute:
        text = mermaid._PURIFY_TRIGGER_RE.sub(JOINER + r"\g<0>", text)
    return mermaid._SYNTAX_RE.sub(lambda m: mermaid._ENTITIES[m.group()], text)


def ref_width(text: str) -> int:
    if not text or max(text) < "\u1100":
        return len(text)
    return len(text) + sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")


def ref_clip(text: str, budget: int) -> str:
    if ref_width(text) <= budget:
        return text
    if budget == 1:
        return "…"
    out: list[str] = []
    used = 0
    for ch in text:
        used += ref_width(ch)
        if used > max(budget - 1, 1):
            return "".join(out).rstrip() + "…"
        out.append(ch)
    return "".join(out)


def ref_hub_label(text: str, hub_chars: int) -> str:
    lines = wrap(ref_clip(text, LABEL_MAX), hub_chars)
    return "<br>".join(f"<b>{ref_escape(line)}</b>" for line in lines) or " "


HOSTILE_LABELS = [
    "", " ", "  ", "a  b", " a", "a ", "\ta", "a\n", "plain words only", "x" * 600,
    "long " * 120, "深度求索" * 60, "🚀" * 150, '"quoted"', "#35; #quot;", "a;b;", "<b>x</b>",
    "&amp; &lt;", "&", "direction TB", "a direction\tLR", "DIRECTION  rl", "Dİrectİon TB",
    "dırectıon BT", "directionTB", "fa:fa-x", "FAB:fa-github", "fak:x", "fa-x", "ſ fa:",
    "$$x^2$$", "$ 5 $", "$", "ﬂ°", "ﬂ", "¶ß", "¶ẞ", "ﬂ°°60¶ß", "ﬁ and ﬂ ligatures",
    "مرحبا بالعالم", "mixed עברית and English", "\u202eoverride", "a\u2066b\u2069c",
    "👩‍💻 ZWJ", "❤️", "🇫🇷", "e\u0301", "zero\u200bwidth\ufeffbom", "ctrl\x00\x07\x1b\x7f\x85",
    "c1\x80\x9f", "\u2028line\u2029", "nbsp\u00a0kept", "\u00a0lead", "trail\u202f",
    "1\u2007200", "\u3000ideographic\u3000", "soft\u00adhyphen", "…", "a…", "ｆｕｌｌ width",
    "-->", "]>", "</", "<!-- x -->", "a]>b", "100% : ratio", "back\\slash\\n", "`code`",
    "[link](http://x)", "**bold** _em_", "Effect of projects", "K kelvin", "ÉCT",
]


@pytest.mark.parametrize("text", HOSTILE_LABELS)
def test_fast_paths_match_reference_on_hostile_labels(text: str) -> None:
    """Each fast path gives what the full passes give, on the labels that broke Mermaid once."""
    assert collapse_spaces(text) == ref_collapse_spaces(text)
    assert escape(text) == ref_escape(text)
    assert escape(text, attribute=True) == ref_escape(text, attribute=True)
    assert width(text) == ref_width(text)
    for budget in (1, 2, 5, 14, 40, 200, 500):
        assert clip(text, budget) == ref_clip(text, budget)
    for hub_chars in (1, 8, 14):
        assert layouts._hub_label(text, hub_chars) == ref_hub_label(text, hub_chars)


@FAST
@given(hostile_text(), st.integers(1, 120))
def test_fast_paths_match_reference(text: str, budget: int) -> None:
    """The same on random hostile text."""
    assert collapse_spaces(text) == ref_collapse_spaces(text)
    assert escape(text) == ref_escape(text)
    assert escape(text, attribute=True) == ref_escape(text, attribute=True)
    assert width(text) == ref_width(text)
    assert clip(text, budget) == ref_clip(text, budget)


@settings(max_examples=100, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(entries(max_ideas=12, text=hostile_text()), st.sampled_from(["lanes", "classic"]))
def test_shared_cards_match_reference(drawn: tuple[Entry, str], layout: str) -> None:
    """Every card of the wide and the narrow graph (drawn once, shared) shows the reference
    label and tooltip; every hub the reference hub label."""
    entry, center = drawn
    style = GraphStyle()
    for wide, phone in layouts.reader_graphs(entry, center, layout, style, href):
        for chart in (wide, phone):
            lines = chart.source().splitlines()
            assert f'ctr("{ref_hub_label(center, style.hub_chars)}")' in lines
            for idea in entry.ideas:
                node = next((line for line in lines if line.startswith(f"k{idea.number}(")), "")
                if not node:
                    continue  # in another part
                tip = ref_escape(ref_clip(plain_text(idea.text), TOOLTIP_MAX), attribute=True)
                assert f" title='{tip}' " in node
                label = ref_escape(ref_clip(idea.label, LABEL_MAX))
                assert node.endswith(f"<b>{idea.number}</b> {label}</span>\")")
