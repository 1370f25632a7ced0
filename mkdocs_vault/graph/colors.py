"""Category colours: the default palette, parsing, and WCAG contrast.

Graph labels are drawn in near-black on the category fill in both colour schemes (see
`mermaid.LABEL_COLOR`), so every fill must be light enough for dark text.
"""

from __future__ import annotations

import functools
import re

HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_ALPHA_RE = re.compile(r"^#(?:[0-9a-fA-F]{4}|[0-9a-fA-F]{8})$")
_FUNCTION_RE = re.compile(r"^(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\s*\(", re.IGNORECASE)

LABEL_COLOR = "#111111"
"""Text colour of every node label; fills are checked against it."""

MIN_CONTRAST = 4.5
"""WCAG AA for normal text."""

# Light tints of the Okabe-Ito hues (distinct for the common colour-vision deficiencies), then a
# few neutrals. Each gives at least 13:1 against LABEL_COLOR; `test_colors` checks it.
PALETTE = (
    "#cfe3ff",  # blue
    "#ffe0b3",  # orange
    "#c9f2df",  # bluish green
    "#fff4b0",  # yellow
    "#f6d3ea",  # reddish purple
    "#d3ecfb",  # sky blue
    "#ffd5c2",  # vermilion
    "#e4dcff",  # violet
    "#dcefc0",  # lime
    "#e8e2d6",  # sand
    "#d9e0e8",  # slate
    "#f2d9d9",  # rose
)


def hint(value: str) -> str:
    """Why a colour that is valid CSS is refused, and what to write instead (or "")."""
    if _ALPHA_RE.match(value):
        opaque = value[: 4 if len(value) == 5 else 7]
        return (f"; transparency is not supported (label contrast is checked against an opaque "
                f"fill): write {opaque}")
    if _FUNCTION_RE.match(value):
        return "; CSS colour functions are not supported: write the colour as #rrggbb"
    if HEX_RE.match("#" + value):
        return f"; add the '#': #{value}"
    if value.isalpha():
        return "; colour names (red, transparent, ...) are not supported: write it as #rrggbb"
    return ""


def normalize(color: str) -> str:
    """`#abc` or `#AABBCC` as lower-case `#aabbcc`. The caller has checked `HEX_RE`."""
    digits = color[1:].lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return "#" + digits


def _rgb(color: str) -> tuple[int, int, int]:
    value = normalize(color)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def luminance(color: str) -> float:
    """Relative luminance as defined by WCAG 2."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(color)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=1024)  # each graph shades each of its categories' fills
def shade(color: str, factor: float) -> str:
    """The colour darkened towards black by `factor` (0 keeps it, 1 gives black)."""
    r, g, b = (round(v * (1 - factor)) for v in _rgb(color))
    return f"#{r:02x}{g:02x}{b:02x}"


def fill_gaps(chosen: list[str | None]) -> list[str]:
    """Give every category without a colour the next palette colour not already taken."""
    taken = {normalize(c) for c in chosen if c}
    free = [c for c in PALETTE if c not in taken]
    result = []
    for i, color in enumerate(chosen):
        if color:
            result.append(normalize(color))
        else:
            # More categories than palette colours: reuse, which the labels still tell apart.
            result.append(free.pop(0) if free else PALETTE[i % len(PALETTE)])
    return result
