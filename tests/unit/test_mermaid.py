"""Mermaid escaping and the flowchart builder: no label can break the diagram."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest

from mkdocs_vault.graph import mermaid
from mkdocs_vault.graph.mermaid import JOINER, SHAPES, Flowchart, escape, to_html

DANGEROUS = set("\"'<>[](){}|;:%#&\\`")
ENTITY_RE = re.compile(r"#\w+;")
NAMED = {"quot": '"', "lt": "<", "gt": ">", "amp": "&"}

HOSTILE = [
    'He said "hi"',
    "it's O'Brien's",
    "[brackets] (parens) {braces} {{double}}",
    "#12; stays literal, as does #quot; and #35;",
    "a;b;c;",
    "a|b||c",
    "<b>x</b><script>alert(1)</script>",
    '%%{init: {"theme":"dark"}}%%',
    "end",
    "click k1 call alert()",
    "subgraph X\nend",
    "style k1 fill:#f00",
    "classDef x fill:red;",
    "A --> B -.- C ~~~ D",
    "🚀 emoji 👩‍💻 and ✓",
    "深度求索的开源权重",
    "مرحبا بالعالم",
    "שלום עולם",
    "mixed עברית and English",
    "line one\nline two\r\nline three",
    "  leading and trailing  \t ",
    "ctrl\x00chars\x07here\x1b[31m\x7f",
    "back\\slash and `backtick`",
    "100% & 50% : ratio",
    "",
    "\u2028separator\u2029",
    "C:\\new\\table and printf(\"hi\\n\")",
    "c1\x85\x9bcontrols",
    "bidi \u202eoverride never closed",
    "zero\u200bwidth\ufeffbom",
]
# Never shown in a label (controls are in expected_text): they would reorder the text after them.
INVISIBLE = {"\u200b", "\ufeff", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def decode(escaped: str) -> str:
    """Mermaid's view of an escaped label: entity codes back to characters."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return NAMED[name] if name in NAMED else chr(int(name))

    return re.sub(r"#(\w+);", one, escaped).replace(JOINER, "")


def expected_text(text: str) -> str:
    """The input as it should be shown: controls and invisible characters dropped, whitespace
    collapsed."""
    kept = "".join(ch for ch in text if ch in "\t\n\r" or not (
        unicodedata.category(ch) == "Cc" or ch in INVISIBLE))
    return " ".join(kept.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_leaves_nothing_dangerous(text: str) -> None:
    """Outside entity codes, no character Mermaid reads as syntax remains."""
    escaped = escape(text)
    assert not DANGEROUS & set(ENTITY_RE.sub("", escaped))
    assert "\n" not in escaped
    assert "\r" not in escaped
    assert not [ch for ch in escaped if unicodedata.category(ch) in ("Cc", "Zl", "Zp")]


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_round_trip(text: str) -> None:
    """Decoding the entities gives back the text (without our word joiners), whitespace
    collapsed."""
    assert decode(escape(text)) == expected_text(text)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ('"', "#quot;"),
        ("<>", "#lt;#gt;"),
        ("&", "#amp;"),
        ("#12;", "#35;12#59;"),
        ("a:b", "a#58;b"),
        ("50%", "50#37;"),
        ("[x]", "#91;x#93;"),
        ("(x)", "#40;x#41;"),
        ("{x}", "#123;x#125;"),
        ("|", "#124;"),
        ("\\", "#92;\u2060"),
        ("C:\\new", "C#58;#92;\u2060new"),
        ("`", "#96;"),
        ("'", "#39;"),
        ("a\n\n b", "a b"),
        ("a\tb", "a b"),
        ("c\x00d", "cd"),
        ("c\x85\x9f\x7fd", "cd"),
        ("a\u2028b\u2029c", "a b c"),
        ("a\u202eb\u202cc\u2066d\u2069e", "abcde"),
        ("a\u200bb\ufeffc", "abc"),
        ("עברית\u200fx\u200d👩\u200d💻", "עברית\u200fx\u200d👩\u200d💻"),
        ("end click subgraph style", "end click subgraph style"),
        ("深度 🚀 שלום", "深度 🚀 שלום"),
    ],
)
def test_escape_exact(text: str, escaped: str) -> None:
    """Each syntax character has its entity code; words and scripts are untouched."""
    assert escape(text) == escaped


@pytest.mark.parametrize("text", HOSTILE)
def test_to_html_in_a_label(text: str) -> None:
    """A flowchart holding any label becomes HTML text without raw markup or braces."""
    chart = Flowchart("LR", {"flowchart": {"padding": 8}})
    chart.node("n1", f"<b>{escape(text)}</b>", "hexagon")
    out = to_html(chart.source())
    assert not {"<", ">", "{", "}"} & set(out)
    assert html.unescape(out) == chart.source()


@pytest.mark.parametrize(
    ("source", "out"),
    [
        ("a<b>c", "a&lt;b&gt;c"),
        ("{{ macro }}", "&#123;&#123; macro &#125;&#125;"),
        ("{% raw %}", "&#123;% raw %&#125;"),
        ("x & y", "x &amp; y"),
        ('say "hi"', 'say "hi"'),
    ],
)
def test_to_html(source: str, out: str) -> None:
    """`<`, `>`, `&` and braces are encoded; the text reads back unchanged."""
    assert to_html(source) == out
    assert html.unescape(out) == source


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        '"x"',
        "#idea-1 onclick",
        "#a b",
        "",
        "https://evil.example",
        "#idea-1\"; click k2",
        "#id\x00",
    ],
)
def test_click_rejects_unsafe_href(href: str) -> None:
    """Only plain anchors and paths are accepted as click targets."""
    chart = Flowchart("LR")
    with pytest.raises(ValueError, match="unsafe href"):
        chart.click("k1", href)
    assert "click" not in chart.source()


def test_click_rejects_trailing_newline() -> None:
    """A href ending in a newline is rejected too."""
    with pytest.raises(ValueError, match="unsafe href"):
        Flowchart("LR").click("k1", "#idea-1\n")


@pytest.mark.parametrize("href", ["#idea-1", "#idea-30", "../page/#x", "a/b.html", "#A_b.c"])
def test_click_accepts_anchor(href: str) -> None:
    """Anchors and relative paths become one `click ... href` line."""
    chart = Flowchart("LR")
    chart.click("k1", href)
    assert chart.source().splitlines()[-1].startswith(f'click k1 href "{href}"')


def test_source_structure() -> None:
    """Init directive, direction, then nodes and edges, then styles, then clicks."""
    chart = Flowchart("LR", {"flowchart": {"padding": 8}, "themeVariables": {"fontSize": "18px"}})
    chart.node("a", "A", "stadium")
    chart.click("a", "#idea-1")
    chart.class_def("c0", fill="#aabbcc", stroke_width="2px")
    chart.assign("c0", ["a", "b"])
    chart.assign("empty", [])
    chart.node("b", "B")
    chart.edge("a", "b")
    chart.edge("a", "b", "-.-")
    lines = chart.source().splitlines()
    assert lines[0].startswith("%%{init: ")
    assert lines[0].endswith("}%%")
    assert json.loads(lines[0][len("%%{init: ") : -len("}%%")]) == chart.config
    assert lines[1:] == [
        "flowchart LR",
        'a(["A"])',
        'b["B"]',
        "a --> b",
        "a -.- b",
        "classDef c0 fill:#aabbcc,stroke-width:2px",
        "class a,b c0",
        'click a href "#idea-1"',
    ]
    assert chart.nodes == ["a", "b"]
    assert chart.edges == 2
    assert not any(line.endswith(";") for line in lines)


def test_no_config_no_init() -> None:
    """Without configuration there is no init directive."""
    assert Flowchart("TB").source() == "flowchart TB"


@pytest.mark.parametrize(("shape", "brackets"), list(SHAPES.items()))
def test_shapes(shape: str, brackets: tuple[str, str]) -> None:
    """Each shape wraps the quoted label in its brackets."""
    chart = Flowchart("LR")
    chart.node("n", "x", shape)
    left, right = brackets
    assert chart.source().splitlines()[-1] == f'n{left}"x"{right}'


def test_escape_breaks_every_backslash_sequence() -> None:
    """Mermaid 11 and 12 draw `\\n` as a line break even when written `#92;n`: a word joiner
    follows every backslash, so none is read together with the next letter."""
    escaped = escape("a\\nb \\t \\\\n")
    assert escaped == "a#92;\u2060nb #92;\u2060t #92;\u2060#92;\u2060n"
    assert "\\" not in escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a --> b", "a --\u2060#gt; b"),
        ("x]>y", "x#93;\u2060#gt;y"),
        ("<!--x", "#lt;!--x"),
        ("x!>", "x!\u2060#gt;"),
        ("</b>", "#lt;\u2060/b#gt;"),
        ("a > b / c", "a #gt; b / c"),
    ],
)
def test_escape_attribute_breaks_purify_triggers(text: str, escaped: str) -> None:
    """DOMPurify drops attributes holding `-->`, `]>` or `</`: a word joiner splits each one
    in attribute values, and only there."""
    assert escape(text, attribute=True) == escaped
    assert escape(text) == escaped.replace(JOINER, "")


def test_init_is_compact() -> None:
    """The init directive is compact JSON: spaces would only eat into Mermaid's size limit."""
    chart = Flowchart("LR", {"flowchart": {"padding": 8}, "a": [1, 2]})
    assert chart.source().splitlines()[0] == '%%{init: {"flowchart":{"padding":8},"a":[1,2]}}%%'


def test_trigger_gate_characters_match_only_themselves() -> None:
    """`mermaid._may_trigger` looks for `:`, `$`, `°`, `¶` and "ect" with plain `in` tests:
    checked over all of Unicode, none of them matches another character in the trigger
    regex's case-insensitive mode (unlike the "i" of "direction", which matches "ı" and "İ")."""
    everything = "".join(map(chr, range(0x110000)))
    for ch in ":$°¶ect":
        assert set(re.findall(f"(?i){re.escape(ch)}", everything)) == {ch, ch.upper()}
    assert mermaid._MERMAID_TRIGGER_RE.flags & re.IGNORECASE


@pytest.mark.parametrize("text", ["direction TB", "DİRECTİON\tLR", "dırectıon rl", "fa:x",
                                  "FAK:x", "fab:x", "$$", "ﬂ°", "¶ß", "¶ẞ"])
def test_trigger_gate_lets_every_trigger_through(text: str) -> None:
    """Each kind of trigger, in every case that Mermaid's regex matches, passes the gate."""
    assert mermaid._MERMAID_TRIGGER_RE.search(text)
    assert mermaid._may_trigger(text)
    assert JOINER in escape(text)
