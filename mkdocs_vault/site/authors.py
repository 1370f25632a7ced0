"""An author's own page at a generated page's URL wins, and can place the generated listing.

As with Material's blog plugin (a file already at a view's path is used instead of the
generated one, and the posts are listed after its content), the author keeps their page,
title and text; the listing goes where the marker is, or after the text when there is none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

MARKER = "<!-- vault:listing -->"
_FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})(.*)$")
T = TypeVar("T")


def author_pages_win(generated: Mapping[str, T], existing_uris: set[str] | frozenset[str]
                     ) -> dict[str, T]:
    """The generated pages whose uri no file of the site has (compared case-insensitively,
    as on the file systems where two such files would be one)."""
    existing = {uri.casefold() for uri in existing_uris}
    return {uri: page for uri, page in generated.items() if uri.casefold() not in existing}


def place_listing(author_markdown: str, listing: str, marker: str = MARKER) -> str:
    """The author's page with the listing in place of the first line that is the marker
    (outside fenced code; up to three spaces of indent), or appended after a blank line.

    Later markers are left as they are (HTML comments: invisible).
    """
    lines = author_markdown.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        opening = _FENCE_RE.match(line)
        if opening:
            mark, info = opening.group(1), opening.group(2)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not info.strip():
                fence = ""
            continue
        if not fence and line.strip() == marker and len(line) - len(line.lstrip()) <= 3:
            lines[i] = "\n" + listing.strip("\n") + "\n"
            return "\n".join(lines)
    body = author_markdown.rstrip("\n")
    return (body + "\n\n" if body.strip() else "") + listing.strip("\n") + "\n"
