"""Short graph labels and plain text derived from Markdown idea text."""

from __future__ import annotations

import re
import unicodedata

LABEL_CHARS = 40
"""Default length budget of a derived label, in Latin characters (wide CJK ones count twice)."""

# Filler words left out of derived labels, which read like the seed's hand-made ones.
_STOPWORDS = frozenset(
    re.split(
        r"\s+",
        """a an the of to in on for with and or at by from as is are was were be been being that
        this these those it its their there than then into onto over under via per so such which
        who whom whose what while will would can could should may might must do does did has
        have had not""",
    )
)

# A number written with thousands separators ("1 200×", "1,200", "10 000") is one token.
_GROUPED_NUMBER_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
_QUANTITY_RE = re.compile(r"^[~≈<>±+\-−$€£¥]*\d")
_TRAILING_PUNCT = ".,;:!?"

_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_REF_LINK_RE = re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]")
_MD_AUTOLINK_RE = re.compile(r"<(https?://[^>]+)>")
_HTML_TAG_RE = re.compile(r"</?[A-Za-z][^>]*>")
_MD_EMPHASIS_RE = re.compile(r"(\*{1,3}|_{1,3}|~~|==|`+)(?=\S)(.+?)(?<=\S)\1")


def plain_text(markdown: str) -> str:
    """Markdown inline text reduced to what a reader sees, on one line (for labels, tooltips)."""
    text = _MD_LINK_RE.sub(r"\1", markdown)
    text = _MD_REF_LINK_RE.sub(r"\1", text)
    text = _MD_AUTOLINK_RE.sub(r"\1", text)
    text = _HTML_TAG_RE.sub("", text)
    previous = None
    while previous != text:  # nested emphasis such as **_x_**
        previous, text = text, _MD_EMPHASIS_RE.sub(r"\2", text)
    return " ".join(text.split())


def width(text: str) -> int:
    """Display width: East Asian wide and full-width characters count as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    # Bind grouped numbers with a no-break space, so neither we nor Mermaid split "1 200×".
    text = _GROUPED_NUMBER_RE.sub(lambda m: re.sub(r"\s", "\u00a0", m.group()), text)
    return text.split()


def _is_quantity(token: str) -> bool:
    return bool(_QUANTITY_RE.match(token))


def derive_label(text: str, budget: int = LABEL_CHARS) -> str:
    """A short graph label for an idea that has none.

    Short texts are kept whole. Longer ones keep their leading words, minus filler words, and
    always keep quantities ("27×", "1 200×", "$5M", "2k"), which are what readers look for.
    """
    plain = plain_text(text).rstrip(_TRAILING_PUNCT + " ")
    tokens = _tokens(plain)
    if width(plain) <= budget or not tokens:
        return " ".join(tokens)
    content = [t for t in tokens if t.lower().strip(_TRAILING_PUNCT) not in _STOPWORDS] or tokens
    quantities = [t for t in content if _is_quantity(t)][:2]
    reserved = sum(width(q) + 1 for q in quantities)
    chosen: list[str] = []
    used, full = 0, False
    for word in content:
        token, cost = word, width(word) + 1
        if token in quantities:
            chosen.append(token)
            reserved -= cost
            used += cost
            continue
        if full:
            continue
        if used + cost + reserved > budget + 1:
            full = True  # later words would read as a jumble; only quantities may follow
            if chosen:
                continue
            token = _clip(token, budget - reserved)  # one very long word, or CJK without spaces
            cost = width(token) + 1
        chosen.append(token)
        used += cost
    label = " ".join(chosen).rstrip(_TRAILING_PUNCT + " ")
    return label or _clip(plain, budget)


def _clip(text: str, budget: int) -> str:
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
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and width(candidate) > line_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
