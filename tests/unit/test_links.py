"""Links in fields resolved as MkDocs resolves them (`render/links.py`): the core's copy of
MkDocs' URL arithmetic agrees with MkDocs' own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from mkdocs_vault.render.links import relative_url, resolve_hrefs, resolve_link

_PART = st.sampled_from(["a", "b", "c.d", "..", ".", "", "index.html", "x y", "é"])
_URL = st.lists(_PART, max_size=5).map("/".join)
_SLASH = st.sampled_from(["", "/"])


@settings(max_examples=500, deadline=None)
@given(url=_URL, url_end=_SLASH, other=_URL, other_end=_SLASH, lead=_SLASH)
def test_relative_urls_are_mkdocs_own(url: str, url_end: str, other: str, other_end: str,
                                      lead: str) -> None:
    target, base = lead + url + url_end, other + other_end
    assert relative_url(target, base) == get_relative_url(target, base)


@pytest.mark.parametrize(("cases", "expected"), [
    (("b.md", "talks/a.md"), "../b/"),
    (("b.md#idea-3", "talks/a.md"), "../b/#idea-3"),
    (("b.md?x=1", "talks/a.md"), "../b/?x=1"),
    (("../img/p%20q.png", "talks/a.md"), "../../img/p q.png"),
    (("gone.md", "talks/a.md"), None),
    (("gone.html", "talks/a.md"), "gone.html"),
    (("https://example.org/x.md", "talks/a.md"), "https://example.org/x.md"),
    (("/abs/b.md", "talks/a.md"), "/abs/b.md"),
    (("#idea-2", "talks/a.md"), "#idea-2"),
])
def test_links_resolve_to_the_files_urls(cases: tuple[str, str], expected: str | None) -> None:
    urls = {"talks/b.md": "talks/b/", "talks/a.md": "talks/a/", "img/p q.png": "img/p q.png"}
    url, page = cases

    def relative_url_of(target: str) -> str | None:
        found = urls.get(target)
        return relative_url(found, urls[page]) if found is not None else None

    assert resolve_link(url, page, relative_url_of) == expected


def test_hrefs_of_a_listing_are_resolved_once_each() -> None:
    """Targets resolved by the page's resolver, each once; anchors kept; an unknown target and
    other attributes left as written."""
    asked: list[str] = []

    def resolve(url: str) -> str | None:
        asked.append(url)
        return None if "missing" in url else "../../" + url.removesuffix(".md") + "/"

    html = ('<h2><a href="a.md">A</a></h2><ul><li><a href="a.md#idea-1">1</a></li>'
            '<li><a href="a.md#idea-2" title="a.md">2</a></li>'
            '<li><a href="missing.md#idea-1">3</a></li><li><a href="#top">4</a></li></ul>')
    assert resolve_hrefs(html, resolve) == (
        '<h2><a href="../../a/">A</a></h2><ul><li><a href="../../a/#idea-1">1</a></li>'
        '<li><a href="../../a/#idea-2" title="a.md">2</a></li>'
        '<li><a href="missing.md#idea-1">3</a></li><li><a href="#top">4</a></li></ul>')
    assert asked == ["a.md", "missing.md"]
