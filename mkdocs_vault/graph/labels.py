"""Short graph labels and plain text derived from Markdown idea text."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

LABEL_CHARS = 40
"""Default length budget of a derived label, in Latin characters (wide CJK ones count twice)."""
LABEL_MAX = 200
"""Longest label the graph draws in full; longer ones are cut there (the list shows all)."""

# Filler words left out of derived labels, which then read like the seed's hand-made ones.
_STOPWORDS = frozenset(
    re.split(
        r"\s+",
        """a an the of to in on for with and or at by from as is are was were be been being that
        this these those it its their there than then into onto over under via per so such which
        who whom whose what while will would can could should may might must do does did has
        have had not about even still also just only very reportedly already now soon all each
        every both some any more most much many other own same since how why when where
        although because yet though they them we our you your he she his her him""",
    )
)

# A number written with thousands separators ("1 200×", "1,200", "10 000") is one token.
_GROUPED_NUMBER_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
_QUANTITY_RE = re.compile(r"^[~≈<>±+\-−$€£¥]*\d")
_YEAR_RE = re.compile(r"^(1[5-9]|20)\d\d(s|'s)?$")  # "1959", "2025": names, not amounts
_CUT_PUNCT = ".,;:"
"""Dropped from the end of a label; '?' and '!' carry meaning and stay."""
# Whitespace that may be collapsed: all of it except the no-break spaces that bind numbers.
_SPACES_RE = re.compile(r"[^\S\u00a0\u202f\u2007]+")
# What a label never shows: C0 and C1 controls (tab, LF and CR are whitespace; others can end a
# diagram early), zero-width space and BOM, and bidi embeddings, overrides and isolates, which
# when unbalanced reorder everything after them. Right-to-left text needs none of them.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")

_MARKUP_RE = re.compile(r"[\[*_~=`<&]")
# Bracket texts may not hold brackets, autolinks no spaces or angle brackets: each attempt then
# stops at the next bracket, and the text is scanned in linear time (CommonMark agrees).
_MD_LINK_RE = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_MD_REF_LINK_RE = re.compile(r"!?\[([^\[\]]*)\]\[[^\[\]]*\]")
_MD_AUTOLINK_RE = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_TICKS_RE = re.compile(r"`+")
# `*` and `_` runs of any length, `~~` (strike) and `==` (mark) exactly: emphasis delimiters.
_DELIMITER_RE = re.compile(r"\*+|_+|(?<!~)~~(?!~)|(?<!=)==(?!=)")
# Character references as CommonMark reads them (html.unescape alone also takes "&copy").
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def collapse_spaces(text: str) -> str:
    """Runs of whitespace as one space, trimmed; no-break spaces are kept, invisible controls
    dropped (see `_INVISIBLE_RE`)."""
    # A hot path (every label, several times): most texts are already collapsed. A printable
    # text holds no invisible control and no whitespace but " " (`isprintable` is false for
    # categories C* and Z* but the space), so then only double and outer spaces can change.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", text)).strip()


def plain_text(markdown: str) -> str:
    """Markdown inline text reduced to what a reader sees, on one line (for labels, tooltips).

    Each step scans the text once, so a long run of markup costs linear time, not quadratic.
    """
    if not _MARKUP_RE.search(markdown):
        return collapse_spaces(markdown)
    text = _MD_LINK_RE.sub(r"\1", markdown)
    text = _MD_REF_LINK_RE.sub(r"\1", text)
    text = _MD_AUTOLINK_RE.sub(r"\1", text)
    pieces = _inline_pieces(text)
    _pair_emphasis([p for p in pieces if isinstance(p, _Run)])
    return collapse_spaces("".join(p if isinstance(p, str) else p.char * p.count for p in pieces))


@dataclass(slots=True)
class _Run:
    """A run of emphasis delimiters; `count` of them are still shown."""

    char: str
    count: int
    opens: bool
    closes: bool


def _code_spans(text: str) -> list[tuple[int, int, int]]:
    """Each code span: start, backtick count, end. It runs to the next backtick run as long."""
    runs = [m.span() for m in _TICKS_RE.finditer(text)]
    closer: list[int | None] = [None] * len(runs)
    nearest: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):  # right to left: the next run of each length
        length = runs[index][1] - runs[index][0]
        closer[index] = nearest.get(length)
        nearest[length] = index
    spans = []
    index = 0
    while index < len(runs):
        end = closer[index]
        if end is None:  # unclosed backticks are shown as they are
            index += 1
        else:
            start, ticks = runs[index][0], runs[index][1] - runs[index][0]
            spans.append((start, ticks, runs[end][1]))
            index = end + 1
    return spans


def _inline_pieces(text: str) -> list[str | _Run]:
    """Text (character references decoded), code (verbatim) and delimiter runs, in order."""
    pieces: list[str | _Run] = []
    start = 0
    for code_start, ticks, code_end in [*_code_spans(text), (len(text), 0, len(text))]:
        for match in _DELIMITER_RE.finditer(text, start, code_start):
            pieces.append(_decode(text[start : match.start()]))
            pieces.append(_run(text, match.start(), match.end()))
            start = match.end()
        pieces.append(_decode(text[start:code_start]))
        pieces.append(text[code_start + ticks : code_end - ticks])
        start = code_end
    return pieces


def _decode(text: str) -> str:
    return _ENTITY_RE.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text


def _run(text: str, start: int, end: int) -> _Run:
    """A delimiter run, which opens emphasis when text follows it and closes it when text
    precedes it; `_` also needs a non-word character on the outer side (snake_case)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    opens, closes = not after.isspace(), not before.isspace()
    if text[start] == "_":  # a run is maximal: its neighbours are never "_"
        opens = opens and not before.isalnum()
        closes = closes and not after.isalnum()
    return _Run(text[start], end - start, opens, closes)


def _pair_emphasis(runs: list[_Run]) -> None:
    """Hide the delimiters of each emphasis: a closing run takes the nearest opening run of
    its character (CommonMark's rule, simplified), discarding unclosed openers in between.
    One stack per character and the discards keep this linear."""
    stacks: dict[str, list[int]] = {"*": [], "_": [], "~": [], "=": []}
    for index, run in enumerate(runs):
        own = stacks[run.char]
        while run.closes and run.count and own:
            opener = runs[own[-1]]
            used = min(opener.count, run.count)
            opener.count -= used
            run.count -= used
            for stack in stacks.values():  # openers inside the emphasis stay unclosed
                while stack and stack[-1] > own[-1]:
                    stack.pop()
            if not opener.count:
                own.pop()
        if run.opens and run.count:
            own.append(index)


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count as two."""
    # No wide characters below U+1100; a hot path. `isascii` takes no time (a flag of the str).
    if text.isascii() or max(text) < "\u1100":
        return len(text)
    # Every character, not only those from U+1100: older Unicode databases (Python 3.10's)
    # call some unassigned code points below it wide.
    return len(text) + sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")


def _tokens(text: str) -> list[str]:
    # Bind grouped numbers with a no-break space, so neither we nor Mermaid split "1 200×".
    text = _GROUPED_NUMBER_RE.sub(lambda m: _SPACES_RE.sub("\u00a0", m.group()), text)
    return [t for t in _SPACES_RE.split(text) if t]


_QUANTITY_START = frozenset("~≈<>±+-−$€£¥0123456789")


def _is_quantity(token: str) -> bool:
    if token[:1] not in _QUANTITY_START:  # cheap test first: most words are not numbers
        return False
    return bool(_QUANTITY_RE.match(token)) and not _YEAR_RE.match(token)


def _fit(words: list[str], budget: int) -> list[str]:
    """The longest prefix of `words` whose display width stays within `budget`."""
    out: list[str] = []
    used = -1
    for word in words:
        used += width(word) + 1
        if used > budget:
            break
        out.append(word)
    # A number without what it counts ("all 24") says nothing.
    while out and len(out) < len(words) and _is_quantity(out[-1]):
        out.pop()
    return out


def derive_label(text: str, budget: int = LABEL_CHARS) -> str:
    """A short graph label for an idea that has none.

    Short texts are kept whole. Longer ones keep their leading words, without filler words
    (as the seed's hand-made labels do), and always keep the first quantity together with what
    it counts ("27× lower cost", "1 200× inference"), since that is what readers look for.
    A cut is marked with "…"; the full text is in the node's tooltip and in the list.
    """
    plain = plain_text(text).rstrip(_CUT_PUNCT + " ")
    tokens = _tokens(plain)
    if not tokens or width(plain) <= budget:
        return " ".join(tokens)
    words = [t.rstrip(",;:") for t in tokens if t.lower().strip(_CUT_PUNCT) not in _STOPWORDS]
    words = [w for w in words if w] or tokens
    if width(" ".join(words)) <= budget:
        return _capitalize(" ".join(words))
    label = _fit(words, budget - 1)  # room for the "…"
    if not label:
        return clip(words[0], budget)
    first = next((i for i, w in enumerate(words) if _is_quantity(w)), None)
    if first is not None:
        phrase = _fit(words[first : first + 3], budget // 2) or words[first : first + 1]
        if first + len(phrase) > len(label):  # the quantity, or what it counts, was cut off
            return _capitalize(_with_quantity(words, first, phrase, budget))
    return _capitalize(" ".join(label) + "…")


def _with_quantity(words: list[str], first: int, phrase: list[str], budget: int) -> str:
    """Leading words, then the quantity phrase, each cut marked with "…"."""
    tail = "…" if first + len(phrase) < len(words) else ""
    room = budget - width(" ".join(phrase) + tail) - 2  # a gap, or "… "
    head = _fit(words[:first], room)
    if not head:
        return " ".join(phrase) + tail
    gap = " " if len(head) == first else "… "
    return " ".join(head) + gap + " ".join(phrase) + tail


def _capitalize(label: str) -> str:
    """Upper-case a label that now starts with a lower-case word ("gap" after "A" was dropped);
    names such as iPhone, mRNA or eBay are left alone."""
    first = label.split(" ", 1)[0]
    if not (first.isalpha() and first.islower()) or len(label[:1].upper()) != 1:
        return label  # ß would become SS: one column more than the budget allows
    return label[:1].upper() + label[1:]


def clip(text: str, budget: int) -> str:
    """`text` cut to `budget` display columns, the cut marked with "…"."""
    if 2 * len(text) <= budget or width(text) <= budget:  # no character is wider than 2
        return text
    if budget == 1:
        return "…"
    out: list[str] = []
    used = 0
    for ch in text:
        used += width(ch)
        if used > max(budget - 1, 1):
            return "".join(out).rstrip() + "…"
        out.append(ch)
    return "".join(out)


def wrap(text: str, line_width: int) -> list[str]:
    """Greedy word wrap by display width; words longer than a line stay whole."""
    lines: list[str] = []
    current = ""
    for word in collapse_spaces(text).split(" "):  # the words that a label shows
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if current and width(candidate) > line_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
