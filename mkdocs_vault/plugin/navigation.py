"""Keeping entries out of the global navigation (`nav_entries: false`)."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page


def without(items: list[Any], uris: set[str]) -> list[Any]:
    """The nav items without the pages at `uris`, and without sections left empty."""
    kept: list[Any] = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in uris:
            continue
        if isinstance(item, Section):
            item.children = without(item.children, uris)
            if not item.children:
                continue
        kept.append(item)
    return kept
