"""Text that Markdown would only wrap in paragraphs, recognised without running Markdown.

Most idea texts are one plain sentence. Python-Markdown spends about 30 µs on any text, 70 µs
with the extensions of a typical Material site, before it looks at a single character: 30,000
ideas cost more than MkDocs' whole build of the pages that show them. A text made only of
letters, digits, spaces and punctuation that no construct of the fields' extensions starts
with comes out as `<p>text</p>`, so it is written that way directly.

The rules are per extension, for exactly the allowlist of `markdown.SAFE_EXTENSIONS`; an
extension without rules here turns the shortcut off. tests/unit/test_inert.py checks every
rule against Python-Markdown itself, extension by extension.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_PARAGRAPH_RE = re.compile(
    r"[^\W_](?:[^\W_]|[ ,.;?!%()'\"\u2013\u2014\u2018\u2019\u201c\u201d-]|\n(?=[^\W_]))*"
)
"""Every line starts with a letter or digit (so no block construct starts it), then letters,
digits and punctuation that no inline pattern of the core or of the allowlisted extensions
starts with. Not `_`, `*`, `` ` ``, `\\`, `[`, `<`, `&`, `:`, `$`, `^`, `~`, `=`, `+`, `|`, `{`,
`#`, `@`, `/`, tabs or empty lines."""

_ALWAYS = (
    # A list marker: `1.`, and with fancylists `a)`, `iv.` (also `Dr.`). Only where the
    # paragraph starts: in Python-Markdown a list cannot interrupt a paragraph.
    r"^\S*[.)](?: |$)"
    r"|  "  # runs of spaces: nothing needs them, so no rule has to think about them
    r"|(?m: $)"  # a space at the end of a line (two make a line break)
)

_RULES: dict[str, str | None] = {
    # Every construct of these starts with a character `_PARAGRAPH_RE` leaves out, or at the
    # start of a line (which it reserves for a letter or digit): nothing more to exclude.
    **dict.fromkeys(
        """admonition attr_list def_list fenced_code footnotes legacy_em md_in_html
        sane_lists tables codehilite
        pymdownx.arithmatex pymdownx.betterem pymdownx.caret pymdownx.details pymdownx.emoji
        pymdownx.escapeall pymdownx.fancylists pymdownx.highlight pymdownx.inlinehilite
        pymdownx.keys pymdownx.mark pymdownx.progressbar pymdownx.saneheaders
        pymdownx.superfences pymdownx.tabbed pymdownx.tasklist pymdownx.tilde
        pymdownx.blocks.admonition pymdownx.blocks.details pymdownx.blocks.tab
        pymdownx.blocks.caption pymdownx.blocks.definition pymdownx.blocks.html
        abbr pymdownx.extra""".split()),
    # Line ends become line breaks.
    "nl2br": r"\n",
    # Quotes, dashes and ellipses become typographic ones.
    "smarty": r"['\"]|--|\.\.\.",
    # (c), (r), (tm) and ordinals (1st, 22nd); its arrows and fractions need `>`, `<`, `/`.
    "pymdownx.smartsymbols": r"(?i:\((?:c|r|tm)\)|\d(?:st|nd|rd|th))",
    # `www.` links, `!12`/`?12` references, bare 40-digit commit hashes.
    "pymdownx.magiclink": r"(?i:w{3}\.)|[!?]\d|(?i:[a-f\d]{40})",
}
"""For each allowlisted extension: what else keeps a text from being a plain paragraph
(None: nothing). `abbr` and `pymdownx.extra` (which includes abbr) are here only without a
`glossary`, which would mark words anywhere."""

_GLOSSARY_FREE = ("abbr", "pymdownx.extra")


def plain_rules(extensions: Iterable[str], configs: Mapping[str, Any]) -> re.Pattern[str] | None:
    """What rules a text out of the shortcut for these extensions (by their short names), or
    None when the shortcut cannot be used with them."""
    rules = [_ALWAYS]
    for name in extensions:
        if name not in _RULES:
            return None
        if name in _GLOSSARY_FREE and "glossary" in repr(configs.get(name, {})):
            return None
        rule = _RULES[name]
        if rule:
            rules.append(rule)
    return re.compile("|".join(rules))


def plain_html(text: str, rules: re.Pattern[str]) -> str | None:
    """`text` as Markdown renders it, if it is plain paragraphs (separated by one blank line);
    None when it may be anything else."""
    paragraphs = text.split("\n\n")
    for paragraph in paragraphs:
        if _PARAGRAPH_RE.fullmatch(paragraph) is None or rules.search(paragraph):
            return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
