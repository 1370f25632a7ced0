"""Which URLs an entry may link to: the one list of allowed schemes."""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = ("http", "https", "mailto", "ftp")
"""Schemes a link may have; a URL without a scheme (relative, `#anchor`) is always allowed."""
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def scheme(url: str, *, as_written: bool = False) -> str | None:
    """The scheme as a browser reads it: entities decoded (`javascript&colon;` is
    `javascript:`), whitespace and control characters removed; lower case unless
    `as_written` (for messages that quote the author)."""
    match = _SCHEME_RE.match(_INVISIBLE_RE.sub("", html.unescape(url)))
    if match is None:
        return None
    return match.group(1) if as_written else match.group(1).lower()


def safe_url(url: str) -> bool:
    """Whether a URL may appear in a link: a safe scheme, or none (relative, #anchor)."""
    found = scheme(url)
    return found is None or found in SAFE_SCHEMES
