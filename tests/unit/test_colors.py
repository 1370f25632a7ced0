"""Category colours: palette, contrast, normalisation, gap filling and shading."""

from __future__ import annotations

import pytest

from mkdocs_vault.graph import colors
from mkdocs_vault.graph.colors import LABEL_COLOR, MIN_CONTRAST, PALETTE


@pytest.mark.parametrize("color", PALETTE)
def test_palette_contrast(color: str) -> None:
    """Every palette colour is far lighter than the label text (WCAG AAA and more)."""
    assert colors.HEX_RE.match(color)
    assert colors.normalize(color) == color
    assert colors.contrast(color, LABEL_COLOR) >= 7
    assert colors.contrast(color, LABEL_COLOR) >= MIN_CONTRAST


def test_palette_distinct() -> None:
    """The palette has no repeated colour."""
    assert len(set(PALETTE)) == len(PALETTE) == 12


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#fff", "#000", 21.0),
        ("#777777", "#777777", 1.0),
        ("#FFFFFF", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),
        ("#111111", "#d4f9d4", 16.46),
    ],
)
def test_contrast(a: str, b: str, ratio: float) -> None:
    """WCAG contrast ratios, symmetric in their arguments."""
    assert colors.contrast(a, b) == pytest.approx(ratio, abs=0.01)
    assert colors.contrast(b, a) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(
    ("color", "value"),
    [("#000000", 0.0), ("#ffffff", 1.0), ("#ff0000", 0.2126), ("#00ff00", 0.7152),
     ("#0000ff", 0.0722)],
)
def test_luminance(color: str, value: float) -> None:
    """Relative luminance of the primaries follows the WCAG weights."""
    assert colors.luminance(color) == pytest.approx(value)


@pytest.mark.parametrize(
    ("color", "normal"),
    [("#abc", "#aabbcc"), ("#ABC", "#aabbcc"), ("#AaBbCc", "#aabbcc"), ("#d4f9d4", "#d4f9d4"),
     ("#000", "#000000")],
)
def test_normalize(color: str, normal: str) -> None:
    """Short and upper-case forms become lower-case `#rrggbb`."""
    assert colors.normalize(color) == normal


@pytest.mark.parametrize(
    ("text", "valid"),
    [("#abc", True), ("#AABBCC", True), ("#abcd", False), ("abc", False), ("#ggg", False),
     ("#aabbcc ", False), ("rgb(1,2,3)", False), ("#aabbccdd", False), ("", False)],
)
def test_hex_re(text: str, valid: bool) -> None:
    """Only `#rgb` and `#rrggbb` are colours."""
    assert bool(colors.HEX_RE.match(text)) is valid


@pytest.mark.parametrize(
    ("color", "factor", "shaded"),
    [
        ("#ffffff", 0.0, "#ffffff"),
        ("#ffffff", 1.0, "#000000"),
        ("#ffffff", 0.5, "#808080"),
        ("#abc", 0.0, "#aabbcc"),
        ("#d4f9d4", 0.45, "#758975"),
        ("#000000", 0.3, "#000000"),
    ],
)
def test_shade(color: str, factor: float, shaded: str) -> None:
    """Shading scales each channel towards black."""
    assert colors.shade(color, factor) == shaded


def test_shade_darkens() -> None:
    """A shade is never lighter than its colour."""
    for color in PALETTE:
        assert colors.luminance(colors.shade(color, 0.45)) < colors.luminance(color)


def test_fill_gaps_all_missing() -> None:
    """Without given colours, the palette is used in order."""
    assert colors.fill_gaps([None] * 4) == list(PALETTE[:4])
    assert colors.fill_gaps([]) == []


def test_fill_gaps_keeps_given_and_skips_taken() -> None:
    """Given colours are kept (normalised) and never handed out again."""
    chosen: list[str | None] = [None, PALETTE[0].upper(), None, "#abc", None]
    filled = colors.fill_gaps(chosen)
    assert filled == [PALETTE[1], PALETTE[0], PALETTE[2], "#aabbcc", PALETTE[3]]


@pytest.mark.parametrize("given", [0, 1, 5, 11])
def test_fill_gaps_never_repeats_while_palette_lasts(given: int) -> None:
    """Up to the palette size, every category gets a different colour."""
    chosen: list[str | None] = [None] * len(PALETTE)
    for i in range(given):
        chosen[2 * i % len(PALETTE)] = PALETTE[-1 - i]
    filled = colors.fill_gaps(chosen)
    assert len(set(filled)) == len(PALETTE)
    for i, color in enumerate(chosen):
        if color:
            assert filled[i] == color


def test_fill_gaps_beyond_palette() -> None:
    """More categories than colours reuse palette colours rather than failing."""
    filled = colors.fill_gaps([None] * (len(PALETTE) + 3))
    assert filled[: len(PALETTE)] == list(PALETTE)
    assert len(filled) == len(PALETTE) + 3
    assert set(filled[len(PALETTE) :]) <= set(PALETTE)


def test_fill_gaps_empty_string_is_missing() -> None:
    """An empty colour counts as missing."""
    assert colors.fill_gaps(["", "#fff"]) == [PALETTE[0], "#ffffff"]
