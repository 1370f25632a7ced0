"""Relative links in authors' fields, resolved as MkDocs resolves links in the pages it renders
(MkDocs rewrites `x.md` links only in Markdown it renders itself)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit


def resolve_link(url: str, page_uri: str, relative_url_of: Callable[[str], str | None]
                 ) -> str | None:
    """The URL a link written on the page at `page_uri` gets: an absolute URL or an anchor as
    written; a relative one by `relative_url_of(target source uri)` (the target's URL relative
    to the page, None: no such file), or as written when no file has that path; None for a
    `.md` target that does not exist."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
        return url
    base = posixpath.dirname(page_uri)
    target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    out = relative_url_of(target)
    if out is None:
        return None if parts.path.endswith(".md") else url
    if parts.query:
        out += "?" + parts.query
    if parts.fragment:
        out += "#" + parts.fragment
    return out


_HREF_RE = re.compile(r'href="([^"#]*)')


def resolve_hrefs(html: str, resolve: Callable[[str], str | None]) -> str:
    """`html` with the `href`s written relative to its page's source file (`x.md#idea-2`,
    percent-encoded) resolved by `resolve` (a `resolve_link` of the page), each target once;
    one that `resolve` does not know stays as written."""
    done: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        path = match.group(1)
        if path not in done:
            done[path] = resolve(path) or path if path else path
        return f'href="{done[path]}'

    return _HREF_RE.sub(replace, html)


def relative_url(url: str, other: str) -> str:
    """`url` relative to `other`, both URLs of the site as MkDocs gives them. The same
    arithmetic as MkDocs' `utils.get_relative_url` (which the core may not import); where a
    host has MkDocs' own, it checks every answer against it (`recorded.CachedRender.valid`)."""
    directory, _, name = other.rpartition("/")
    if "." in name:  # a file: relative to its folder
        other = directory
    base, dest = _parts(other), _parts(url)
    common = 0
    for a, b in zip(base, dest, strict=False):
        if a != b:
            break
        common += 1
    out = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return out + "/" if url.endswith("/") else out


def _parts(path: str) -> list[str]:
    path = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return path.split("/") if path else []
