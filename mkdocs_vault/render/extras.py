"""What an entry page shows about the rest of the vault (computed in `site/build.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mkdocs_vault.pickling import compact


@compact
@dataclass(frozen=True, slots=True)
class Link:
    """A link an entry page shows to another page: its text, target uri, anchor, and why."""

    title: str
    uri: str
    anchor: str = ""
    note: str = ""


@compact
@dataclass(frozen=True, slots=True)
class EntryExtras:
    """What one entry page shows about the rest of the vault."""

    related: tuple[Link, ...] = ()
    see: Mapping[int, tuple[Link, ...]] = field(default_factory=dict)
    referenced_by: Mapping[int, tuple[Link, ...]] = field(default_factory=dict)
    previous: Link | None = None
    following: Link | None = None
    vault: Link | None = None
    """The vault's name, linking to its index (shown first in the header)."""
    series: Link | None = None
    """The series page, for the series name in the header."""
    series_total: int | None = None
    """Entries the series will have (`mkdocs.yml`), when the entry gives no `total`."""
    people: Mapping[str, str] = field(default_factory=dict)
    """Person's name -> the uri of their page, for the names in the header."""
