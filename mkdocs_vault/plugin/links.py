"""Links between pages as MkDocs writes them: relative to the page, by the files' URLs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mkdocs_vault.render.links import resolve_link

if TYPE_CHECKING:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    from mkdocs_vault.render.markdown import Resolve


def resolver(page: Page, files: Files) -> Resolve:
    """Resolves a relative link in a field as MkDocs does for links in pages: to the URL of
    the target file relative to the page; None for a `.md` target that does not exist."""

    def relative_url_of(target: str) -> str | None:
        found = files.get_file_from_path(target)
        return found.url_relative_to(page.file) if found is not None else None

    return lambda url: resolve_link(url, page.file.src_uri, relative_url_of)


def url_of(uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page at `uri` (for pages not yet in the file list)."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if directory_urls else stem + ".html"


def file_at(files: Files, uri: str) -> File:
    found = files.get_file_from_path(uri)
    assert found is not None, uri
    return found


def href_from(page: Page, files: Files) -> Callable[[str], str]:
    """URL of a page of the site (by source uri) relative to `page`."""

    def href(uri: str) -> str:
        found = files.get_file_from_path(uri)
        return found.url_relative_to(page.file) if found is not None else uri

    return href
