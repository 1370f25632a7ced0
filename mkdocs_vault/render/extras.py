"""What an entry page shows about the rest of the vault (computed in `vaultwide.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Link:
    """A link an entry page shows to another page: its text, target uri, anchor, and why."""

    title: str
    uri: str
    anchor: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntryExtras:
    """What one entry page shows about the rest of the vault."""

    related: tuple[Link, ...] = ()
    see: Mapping[int, tuple[Link, ...]] = field(default_factory=dict)
    referenced_by: Mapping[int, tuple[Link, ...]] = field(default_factory=dict)
    previous: Link | None = None
    following: Link | None = None
