"""Mermaid escaping and the flowchart builder: no label can break the diagram."""

from __future__ import annotations

import html
import json
import re
import unicodedata

import pytest

from mkdocs_vault.mermaid import SHAPES, Flowchart, escape, to_html

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
]


def decode(escaped: str) -> str:
    """Mermaid's view of an escaped label: entity codes back to characters."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return NAMED[name] if name in NAMED else chr(int(name))

    return re.sub(r"#(\w+);", one, escaped)


def expected_text(text: str) -> str:
    """The input as it should be shown: controls dropped, whitespace collapsed."""
    kept = "".join(ch for ch in text if ch in "\t\n\r" or not (ord(ch) < 32 or ord(ch) == 127))
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
    """Decoding the entities gives back the text, whitespace collapsed."""
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
        ("\\", "#92;"),
        ("`", "#96;"),
        ("'", "#39;"),
        ("a\n\n b", "a b"),
        ("a\tb", "a b"),
        ("c\x00d", "cd"),
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
