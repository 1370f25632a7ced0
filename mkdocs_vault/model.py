"""The vault entry as the rest of the code sees it: validated, immutable, typed.

Nothing here knows about YAML or MkDocs; `loading/checks.py` turns raw front matter into these
objects, driven by the field table in `loading/fields.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mkdocs_vault.pickling import compact

LAYOUTS = ("lanes", "classic")
"""Concept-graph layouts: `lanes` (readable default) and `classic` (the seed's shape)."""

SECTIONS = ("header", "graph", "resume", "ideas", "credits", "related", "body")
"""Parts of an entry page, in their default order; `body` is the author's own Markdown."""


@compact
@dataclass(frozen=True, slots=True)
class Source:
    """Where the talk can be found."""

    title: str
    url: str | None = None


@compact
@dataclass(frozen=True, slots=True)
class Image:
    """A cover or résumé image; `src` is relative to the page, as in Markdown."""

    src: str
    alt: str = ""


@compact
@dataclass(frozen=True, slots=True)
class Category:
    """A colour-coded group of ideas; `key` is what ideas refer to."""

    key: str
    label: str
    color: str
    """Fill colour as `#rrggbb`, either the author's or one from the palette."""


@compact
@dataclass(frozen=True, slots=True)
class Idea:
    """One numbered key idea."""

    number: int
    text: str
    """Markdown, shown in the list."""
    label: str
    """Short plain-text graph label, written by the author or derived from `text`."""
    category: str | None = None
    links: tuple[int, ...] = ()
    """Numbers of other ideas this one is linked to in the graph."""
    label_derived: bool = False
    see: tuple[str, ...] = ()
    """Ideas of other entries this one points at, as MkDocs links are written, relative to the
    page: `chips.md#idea-2`."""


@compact
@dataclass(frozen=True, slots=True)
class Entry:
    """One vault entry: a talk, podcast or lecture distilled into a page."""

    ideas: tuple[Idea, ...]
    title: str | None = None
    series: str | None = None
    number: int | None = None
    number_text: str | None = None
    """`number` as the author wrote it (`010`), for display."""
    total: int | None = None
    date: dt.date | None = None
    speakers: tuple[str, ...] = ()
    host: str | None = None
    source: Source | None = None
    image: Image | None = None
    center: str | None = None
    categories: tuple[Category, ...] = ()
    resume: str | None = None
    credits: str | None = None
    layout: str | None = None
    """Per-page layout override; `None` means the site default."""
    sections: tuple[str, ...] | None = None
    """Per-page section order override; `None` means the site default."""
    tags: tuple[str, ...] = ()
    """The page's `tags` (Material's tags plugin), also nodes of the knowledge graph."""
    related: tuple[str, ...] = ()
    """Other entries the author names as related, as links relative to the page (`x.md`)."""
    extra: dict[str, object] = field(default_factory=dict, compare=False)
    """Fields this version does not know, kept so that nothing the author wrote is lost."""

    def category(self, key: str | None) -> Category | None:
        """The category with this key, if any."""
        return next((c for c in self.categories if c.key == key), None)

    def center_label(self, fallback: str) -> str:
        """Text of the graph's centre node."""
        return self.center or self.title or fallback
