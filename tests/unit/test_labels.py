"""Derived graph labels, plain text and wrapping."""

from __future__ import annotations

import re
import time

import pytest

from mkdocs_vault.graph import labels
from mkdocs_vault.graph.labels import (
    LABEL_CHARS,
    clip,
    collapse_spaces,
    derive_label,
    plain_text,
    width,
    wrap,
)

NBSP = "\u00a0"

LONG_TEXTS = [
    # idea texts of the DeepSeek example, which have hand-written labels there
    "DeepSeek's open-weight V3 and R1 reasoning models compete with GPT-4 at about 27× lower cost.",
    "Mixture-of-experts routing combined with multi-head latent attention cuts memory and compute "
    "needs.",
    "Training reportedly used about 2k H800 GPUs, although rumours credit DeepSeek with a 50k-GPU "
    "cluster.",
    "Cost curves show a 1 200× drop in inference prices since GPT-3 launched.",
    "China's 2025 AI subsidy plan is put at about $160 billion RMB.",
    "Future clusters may reach a million GPUs and a gigawatt of power draw.",
    "The AGI timeline is disputed; capabilities may outrun the compute available to deploy them.",
    # one huge word, text without spaces, and other scripts
    "Supercalifragilisticexpialidociousnessitudeismwordverylongindeed and more words after it",
    "深度求索的开源权重模型以约二十七分之一的成本与最强的西方模型竞争并公开发布了权重",
    "深度求索 的 开源权重模型 以约 二十七分之一 的成本 与最强的 西方模型 竞争",
    "نموذج مفتوح المصدر ينافس أفضل الأنظمة الغربية بتكلفة أقل بسبع وعشرين مرة تقريبا",
]


# -- quantities ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        (LONG_TEXTS[0], "27×"),
        (LONG_TEXTS[2], "2k"),
        (LONG_TEXTS[4], "$160"),
        ("Western labs spent roughly €40M on a single final training run, a figure nobody "
         "disputes", "€40M"),
        ("Inference prices for frontier reasoning models dropped by about ~10x per year "
         "lately", "~10x"),
    ],
)
def test_quantities_kept(text: str, quantity: str) -> None:
    """Quantities survive the shortening of a long text."""
    label = derive_label(text)
    assert width(text) > LABEL_CHARS
    assert quantity in label.split()
    assert width(label) <= LABEL_CHARS


def test_quantity_kept_with_what_it_counts() -> None:
    """A quantity far into the text is kept, with the word after it."""
    text = ("Reinforcement learning verifiable rewards lets chain-of-thought reasoning emerge "
            "with 27× gains")
    label = derive_label(text)
    assert label.endswith("27× gains")
    assert label.startswith("Reinforcement")
    assert width(label) <= LABEL_CHARS


def test_grouped_number_kept_together() -> None:
    """A number with a thousands separator is kept whole, with its unit, at the default budget."""
    label = derive_label(LONG_TEXTS[3])
    assert re.search(r"(?<!\d)1[ \u00a0]200× drop", label)
    assert width(label) <= LABEL_CHARS


@pytest.mark.parametrize("text", [LONG_TEXTS[3], "Costs 1 200× less", "Costs 1\u202f200× less"])
def test_grouped_number_joined_by_no_break_space(text: str) -> None:
    """'1 200×' is one token, joined by a no-break space so Mermaid does not break it."""
    label = derive_label(text)
    assert f"1{NBSP}200×" in label or "1\u202f200×" in label
    assert "1 200×" not in label


@pytest.mark.parametrize("budget", [14, 20])
def test_grouped_number_not_cut_in_half(budget: int) -> None:
    """Under a tight budget, '1 200×' is kept whole or not at all, never as a bare '1'."""
    tokens = derive_label(LONG_TEXTS[3], budget).replace("…", " ").split()
    assert ("1" in tokens) == ("200×" in tokens)


def test_repeated_quantity_respects_budget() -> None:
    """A quantity written several times does not push the label over budget."""
    text = "Prices fell 10x in 2023, 10x in 2024 and another 10x in 2025 across inference providers"
    label = derive_label(text)
    assert label.startswith("Prices fell 10x")
    assert width(label) <= LABEL_CHARS


# -- short and long texts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Short idea.", "Short idea"),
        ("Short idea", "Short idea"),
        ("The state of the art", "The state of the art"),
        ("Ends with dots...", "Ends with dots"),
        ("U.S. export curbs.", "U.S. export curbs"),
        ("  Spaced   out \n text. ", "Spaced out text"),
        ("**Bold** claim with [a link](https://x.org).", "Bold claim with a link"),
        ("`Code` matters", "Code matters"),
        ("深度求索。", "深度求索。"),
        ("42 is the answer", "42 is the answer"),
        ("Malcolm X.", "Malcolm X"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_short_text_kept_whole(text: str, label: str) -> None:
    """Texts within the budget are kept whole, minus markup and trailing punctuation."""
    assert derive_label(text) == label


@pytest.mark.parametrize(("text", "label"), [
    ("a gap in safety culture slows Anthropic's releases compared with DeepSeek's pace",
     "Gap safety culture slows Anthropic's…"),
    ("é là-bas une idée assez longue pour être coupée en route",
     "É là-bas une idée assez longue pour…"),
])
def test_label_capitalised(text: str, label: str) -> None:
    """A label starts with a capital letter, like the hand-written ones."""
    assert derive_label(text) == label


@pytest.mark.parametrize("text", ["iPhone sales", "mRNA vaccines", "eBay listings"])
def test_mixed_case_word_kept(text: str) -> None:
    """A short text starting with a mixed-case name is kept exactly as written."""
    assert derive_label(text) == text


def test_stopwords_dropped_from_long_text() -> None:
    """Long texts lose filler words and keep their leading content words."""
    label = derive_label(LONG_TEXTS[5])
    assert label.split()[:4] == ["Future", "clusters", "reach", "million"]
    assert not {"a", "the", "of", "may"} & set(label.lower().split())


def test_cut_is_marked() -> None:
    """A label that leaves words out ends with an ellipsis."""
    label = derive_label(LONG_TEXTS[6])
    assert label.endswith("…")
    assert label.startswith("AGI timeline")


def test_only_stopwords() -> None:
    """A text made only of filler words still gives a label."""
    label = derive_label(" ".join(["the"] * 20))
    assert label.startswith("The the")
    assert set(label.rstrip("…").lower().split()) == {"the"}
    assert width(label) <= LABEL_CHARS


@pytest.mark.parametrize(
    ("text", "budget"),
    [(LONG_TEXTS[8], 40), (LONG_TEXTS[8], 11), (LONG_TEXTS[7], 40), (LONG_TEXTS[7], 12)],
)
def test_clipped_with_ellipsis(text: str, budget: int) -> None:
    """A text without room to break (CJK, one huge word) is clipped with an ellipsis."""
    label = derive_label(text, budget)
    assert label.endswith("…")
    assert len(label) > 1
    assert text.startswith(label[:-1])
    assert width(label) <= budget


def test_cjk_counts_double() -> None:
    """CJK characters count twice against the budget."""
    label = derive_label(LONG_TEXTS[8], 20)
    assert label == "深度求索的开源权重…"
    assert width(label) == 19


@pytest.mark.parametrize("budget", [16, 20, 30, 40, 60])
@pytest.mark.parametrize("text", LONG_TEXTS, ids=[f"text{i}" for i in range(len(LONG_TEXTS))])
def test_budget_respected(text: str, budget: int) -> None:
    """Derived labels are never wider than the budget, and never empty."""
    label = derive_label(text, budget)
    assert 0 < width(label) <= budget
    assert label == label.strip()
    assert not label.endswith((".", ",", ";", ":"))


@pytest.mark.parametrize(
    ("text", "budget"),
    [(LONG_TEXTS[6], 12), (LONG_TEXTS[2], 12), (LONG_TEXTS[1], 18), (LONG_TEXTS[9], 24)],
    ids=["text6-12", "text2-12", "text1-18", "text9-24"],
)
def test_budget_respected_with_ellipsis(text: str, budget: int) -> None:
    """The ellipsis counts against the budget too."""
    assert width(derive_label(text, budget)) <= budget


# -- width, plain text, wrap ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 0), ("abc", 3), ("深度", 4), ("ｆｕｌｌ", 8), ("a深b", 4), ("مرحبا", 5), ("é", 1),
     ("…", 1)],
)
def test_width(text: str, expected: int) -> None:
    """Wide and full-width characters count as two."""
    assert width(text) == expected


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("[link text](https://x.org/a)", "link text"),
        ("![alt text](img.png)", "alt text"),
        ("a [ref][1] b", "a ref b"),
        ("see <https://x.org>", "see https://x.org"),
        ("**bold** and __strong__", "bold and strong"),
        ("*em* and _em_", "em and em"),
        ("***_nested_***", "nested"),
        ("`code` and ``more code``", "code and more code"),
        ("~~del~~ ==mark==", "del mark"),
        ("line one\nline two\n\n  three", "line one line two three"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("snake_case", "snake_case"),
        ("a < b > c", "a < b > c"),
    ],
)
def test_plain_text(markdown: str, text: str) -> None:
    """Links, emphasis and code are reduced to their visible text, on one line."""
    assert plain_text(markdown) == text


@pytest.mark.parametrize(
    "markdown", ["<b>bold</b> <span class='x'>s</span>", "<script>alert(1)</script>",
                 "List<String>"],
)
def test_plain_text_keeps_html_as_text(markdown: str) -> None:
    """Raw HTML is shown as text by default (`raw_html: false`), so plain text keeps it."""
    assert plain_text(markdown) == markdown


def test_plain_text_link_with_parentheses() -> None:
    """A link whose URL holds balanced parentheses (as Wikipedia's do) leaves only its text."""
    assert plain_text("see [MoE](https://en.wikipedia.org/wiki/MoE_(ML)) here") == "see MoE here"


def test_plain_text_keeps_intraword_underscores() -> None:
    """Identifiers such as max_new_tokens written without code spans are kept as written."""
    assert plain_text("set max_new_tokens high") == "set max_new_tokens high"


@pytest.mark.parametrize(
    ("text", "line_width", "lines"),
    [
        ("aaa bbb ccc dddddddddd e", 7, ["aaa bbb", "ccc", "dddddddddd", "e"]),
        ("DeepSeek Impact", 14, ["DeepSeek", "Impact"]),
        ("DeepSeek Impact", 15, ["DeepSeek Impact"]),
        ("Open", 14, ["Open"]),
        ("  many   spaces  here ", 20, ["many spaces here"]),
        ("深度求索 开源", 8, ["深度求索", "开源"]),
        ("深度求索 开源", 13, ["深度求索 开源"]),
        ("", 5, []),
    ],
)
def test_wrap(text: str, line_width: int, lines: list[str]) -> None:
    """Greedy wrapping by display width; long words stay whole."""
    assert wrap(text, line_width) == lines


# -- character references, invisible characters --------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("AT&amp;T", "AT&T"),
        ("&lt;tag&gt; and &quot;q&quot;", '<tag> and "q"'),
        ("issue &#35;12", "issue #12"),
        ("rocket &#x1F680; &#X41;", "rocket 🚀 A"),
        ("&#42;not emphasis&#42;", "*not emphasis*"),  # decoded after the markup is stripped
        ("**AT&amp;T** [&lt;a&gt;](u)", "AT&T <a>"),
        ("a&nbsp;b", "a\u00a0b"),
        ("&#0; is replaced", "\ufffd is replaced"),
        ("AT&T &copy 2020 &bogus; & &#; &#x;", "AT&T &copy 2020 &bogus; & &#; &#x;"),
        ("`&amp;` is code", "&amp; is code"),  # code spans are shown verbatim
        ("&#10;new&#9;line", "new line"),
    ],
)
def test_plain_text_decodes_character_references(markdown: str, text: str) -> None:
    """Markdown shows `&amp;` as `&`: labels and tooltips show what the list shows."""
    assert plain_text(markdown) == text


def test_derived_label_decodes_character_references() -> None:
    """A derived label reads `AT&T`, as the list does."""
    assert derive_label("AT&amp;T buys &lt;Acme&gt;.") == "AT&T buys <Acme>"


@pytest.mark.parametrize(
    ("text", "collapsed"),
    [
        ("a\u2028b\u2029c\x85d", "a b cd"),
        ("bidi \u202eevil\u202c \u202a\u202b\u202d \u2066\u2067\u2068\u2069end", "bidi evil end"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("\x00\x07\x1b[0m\x7f\x80\x9f ctrl", "[0m ctrl"),
        ("\x0b\x0cform feed", "form feed"),
        *[(f"keep{ch}", f"keep{ch}") for ch in "\u200d\u200c\u200e\u200f\u2060\u00ad\ufe0f"],
        ("1\u00a0200\u202f000\u2007x", "1\u00a0200\u202f000\u2007x"),
    ],
)
def test_collapse_spaces_drops_invisible_controls(text: str, collapsed: str) -> None:
    """Controls, zero-width space, BOM and bidi controls (which, unbalanced, would reorder the
    text after them) are dropped; joiners, marks and no-break spaces are kept."""
    assert collapse_spaces(text) == collapsed


def test_plain_text_drops_invisible_controls() -> None:
    """Tooltips and derived labels show no bidi override, with or without markup."""
    assert plain_text("**a**\u202e b") == "a b"
    assert plain_text("a\u202e b") == "a b"
    assert derive_label("x\u200b\u2067 y") == "x y"


# -- emphasis, code and links, scanned in linear time ---------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("`**not bold**` code", "**not bold** code"),
        ("``a ` b`` c", "a ` b c"),
        ("`a`` b", "`a`` b"),  # backtick runs of different lengths close nothing
        ("``` x", "``` x"),
        ("*a `b` c*", "a b c"),
        ("[`code` link](u)", "code link"),
        ("[a [b](u)", "[a b"),
        ("[a](u (title)) b", "a b"),
        ("<http://a b>", "<http://a b>"),
        ("<mailto:x@y.org> <ftp://f>", "mailto:x@y.org ftp://f"),
        ("**a", "**a"),
        ("a**", "a**"),
        ("**a*", "*a"),
        ("*a**", "a*"),
        ("a**b*c", "a*bc"),
        ("2*3*4", "234"),
        ("x==y==z and a == b == c", "xyz and a == b == c"),
        ("~~~a~~~ ===b===", "~~~a~~~ ===b==="),
        ("~a~ =b=", "~a~ =b="),
        ("*a _b* c_", "a _b c_"),
        ("_a *b_ c*", "a *b c*"),
        ("__init__ and _x_y_", "init and x_y"),
        ("_em_ at the start, ending in a letter", "em at the start, ending in a letter"),
        ("_a_b", "_a_b"),
        ("a_b_", "a_b_"),
        ("* a *", "* a *"),
        ("_ a _", "_ a _"),
        ("**~~a~~**", "a"),
        ("==**a**==", "a"),
    ],
)
def test_plain_text_markup(markdown: str, text: str) -> None:
    """Emphasis pairs an opening run with the nearest closing one (CommonMark's rule, simplified);
    code spans are verbatim; unpaired delimiters are shown as written."""
    assert plain_text(markdown) == text


RUNS = {
    "_a": "_a" * 30000, "**": "**" * 30000, "[": "[" * 60000, "`": "`" * 60000,
    "==": "==" * 30000, "~~": "~~" * 30000, "[a](": "[a](" * 15000, "_": "_" * 60000,
    "![": "![" * 30000, "*a ": "*a " * 20000, " _a": " _a" * 20000, "~~a ": "~~a " * 15000,
    "[a][": "[a][" * 15000, "[a](x((": "[a](x((" * 8500, "<http:": "<http:" * 10000,
    "&#": "&#" * 30000, "mix": "*_`[~~==<&]" * 5500, "1 000": "1 000 " * 10000,
    "ticks": "".join("`" * n + "a" for n in range(1, 340)),
}


@pytest.mark.timeout(5)
@pytest.mark.parametrize("text", RUNS.values(), ids=RUNS.keys())
def test_long_markup_runs_are_fast(text: str) -> None:
    """60 KB of markup characters take milliseconds, not the quadratic seconds of backtracking
    regexes (24 s for 60 KB before); 2 s leaves room for slow CI machines."""
    start = time.perf_counter()
    plain_text(text)
    derive_label(text)
    assert time.perf_counter() - start < 2


# Exact labels: which words survive, where "…" marks a cut, the quantity and what it counts.
SHORTENED = {  # text: its labels at budgets 16, 24 and 40
    LONG_TEXTS[0]:
        ("DeepSeek's… 27×…", "DeepSeek's… 27× lower…", "DeepSeek's open-weight… 27× lower cost"),
    LONG_TEXTS[1]:
        ('Mixture-of-expe…', 'Mixture-of-experts…', 'Mixture-of-experts routing combined…'),
    LONG_TEXTS[2]: ('2k H800…', 'Training… 2k H800 GPUs…', 'Training used 2k H800 GPUs rumours…'),
    LONG_TEXTS[3]:
        ('Cost… 1\xa0200×…', 'Cost… 1\xa0200× drop…', 'Cost curves show 1\xa0200× drop inference…'),
    LONG_TEXTS[4]:
        ("China's… $160…", "China's… $160 billion…", "China's 2025 AI… $160 billion RMB"),
    LONG_TEXTS[5]:
        ('Future clusters…', 'Future clusters reach…', 'Future clusters reach million GPUs…'),
    LONG_TEXTS[6]:
        ('AGI timeline…', 'AGI timeline disputed…', 'AGI timeline disputed capabilities…'),
    'Reinforcement learning verifiable rewards lets chain-of-thought reasoning emerge with '
    '27× gains':
        ('27×…', 'Reinforcement… 27× gains', 'Reinforcement learning… 27× gains'),
    'iPhone sales grew strongly in every single market the company entered during the year':
        ('iPhone sales…', 'iPhone sales grew…', 'iPhone sales grew strongly single…'),
    'Western labs spent roughly €40M on a single final training run, a figure nobody disputes':
        ('Western… €40M…', 'Western… €40M single…', 'Western labs spent… €40M single final…'),
}
EXACT = [(text, budget, label) for text, labels in SHORTENED.items()
         for budget, label in zip((16, 24, 40), labels, strict=True)]


@pytest.mark.parametrize(("text", "budget", "label"), EXACT)
def test_exact_labels(text: str, budget: int, label: str) -> None:
    """Derived labels word for word (regressions in the shortening show up here)."""
    assert derive_label(text, budget) == label


@pytest.mark.parametrize(
    ("text", "budget", "clipped"),
    [("abcdef", 6, "abcdef"), ("abcdef", 4, "abc…"), ("ab cdef", 4, "ab…"), ("abc", 1, "…"),
     ("a", 0, "a"), ("深度求索", 5, "深度…")],
)
def test_clip(text: str, budget: int, clipped: str) -> None:
    """A cut keeps budget - 1 columns, then "…"; trailing spaces before the "…" go."""
    assert clip(text, budget) == clipped


def test_width_of_first_wide_character() -> None:
    """U+1100, the first wide character, counts twice (the fast path stops below it)."""
    assert width("\u1100") == 2


def test_unclosed_backticks_before_a_code_span() -> None:
    """Backticks without a closing run are literal, and the run after them may open a span."""
    assert plain_text("``a`b` c") == "``ab c"


def test_printable_text_needs_no_collapsing() -> None:
    """The fast path of `collapse_spaces` relies on this, checked over all of Unicode: a
    printable character other than " " is neither whitespace nor invisible."""
    printable = "".join(ch for ch in map(chr, range(0x110000)) if ch.isprintable() and ch != " ")
    assert not labels._INVISIBLE_RE.search(printable)
    assert not re.search(r"\s", printable)
    assert not any(ch.isspace() for ch in printable)
