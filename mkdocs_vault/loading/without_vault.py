"""A vault page with its `vault:` block cut out of the front matter, for hosts that parse the
front matter again.

MkDocs reads every page's front matter itself (`mkdocs.utils.meta.get_data`), after the plugin
has already read it: for a 30-idea entry that is about half a millisecond of YAML for data
MkDocs has no use for. Handed the page without the block, it parses only the author's other
keys (`title`, `tags`, `hide`…), exactly as before.

Only a plain layout is cut: a top-level `vault:` line, then the lines of its block (indented,
`-` items, comments, empty). What is left must read back, with MkDocs' own loader, as exactly
the other keys the plugin read; anything else gives None, and the host parses the page as
written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

# MkDocs' own pattern (mkdocs/utils/meta.py), so that the cut is made where MkDocs reads.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_VAULT_LINE_RE = re.compile(r"vault[ \t]*:(?:[ \t]+(?:#.*)?)?\n")
_INSIDE_RE = re.compile(r"(?:[ \t#]|- |-\n|\n)")
"""How a line inside the block starts: indented, a comment, a `-` item, or empty."""
_EMPTY = "{}\n"
"""Front matter that MkDocs reads as no keys (a block of only comments it would print)."""

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def without_vault(text: str, others: Mapping[str, Any]) -> str | None:
    """`text` with the top-level `vault:` block removed from its front matter, or None when
    that cannot be done safely; `others` are the page's other front matter keys as read
    by the plugin, which MkDocs must read the same from what is left."""
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        return None
    lines = match.group(1).splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("vault")]
    if len(starts) != 1 or not _VAULT_LINE_RE.fullmatch(lines[starts[0]]):
        return None
    start = end = starts[0]
    end += 1
    while end < len(lines) and _INSIDE_RE.match(lines[end]):
        end += 1
    remainder = "".join(lines[:start] + lines[end:])
    if "\r" in remainder or "\t" in remainder:
        return None  # line ends and tabs MkDocs' loader may read otherwise than ours
    try:
        data = yaml.load(remainder, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if (data if data is not None else {}) != others:
        return None
    return text[:match.start(1)] + (remainder if data is not None else _EMPTY) \
        + text[match.end(1):]
