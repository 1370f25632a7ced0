"""The vault as the generated pages see it: entries in reading order, grouped by series,
category and person. Names are shared case-insensitively (`name_key`); each group shows the
spelling of its first entry in path order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from mkdocs_vault.graph.labels import collapse_spaces
from mkdocs_vault.model import Idea
from mkdocs_vault.site.settings import SeriesInfo, SiteEntry, SiteSettings, name_key

SPEAKER = "speaker"
HOST = "host"


@dataclass(slots=True)
class SeriesGroup:
    """One series and its entries in order (number, then date, then title)."""

    key: str
    name: str
    """As the entries write it; `title` is what readers see."""
    info: SeriesInfo
    entries: list[SiteEntry] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The series title: from `mkdocs.yml`, else the name."""
        return self.info.title or self.name

    @property
    def total(self) -> int | None:
        """Planned number of entries: from `mkdocs.yml`, else the largest of the entries'."""
        if self.info.total is not None:
            return self.info.total
        totals = [e.entry.total for e in self.entries if e.entry.total is not None]
        return max(totals) if totals else None


@dataclass(slots=True)
class CategoryGroup:
    """One category label and its ideas, by entry (entries in index order)."""

    key: str
    name: str
    ideas: list[tuple[SiteEntry, list[Idea]]] = field(default_factory=list)
    spellings: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Each spelling of the name: how many entries use it, the first of them in path order."""

    @property
    def count(self) -> int:
        """Number of ideas."""
        return sum(len(ideas) for _, ideas in self.ideas)


@dataclass(slots=True)
class PersonGroup:
    """One speaker or host and their entries with roles (`SPEAKER`, `HOST`), by date."""

    key: str
    name: str
    entries: list[tuple[SiteEntry, tuple[str, ...]]] = field(default_factory=list)
    spellings: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Each spelling of the name: how many entries use it, the first of them in path order."""


@dataclass(slots=True)
class SiteVault:
    """All groups of the vault, each list in the order its page shows it."""

    entries: list[SiteEntry]
    """In index order: series by title, entries in series order, then entries without one."""
    series: list[SeriesGroup]
    loose: list[SiteEntry]
    """Entries without a series, in order."""
    categories: list[CategoryGroup]
    people: list[PersonGroup]
    series_by_key: dict[str, SeriesGroup] = field(default_factory=dict)

    @property
    def idea_count(self) -> int:
        """Number of ideas of all entries."""
        return sum(len(e.entry.ideas) for e in self.entries)


def entry_order(item: SiteEntry) -> tuple[object, ...]:
    """Order inside a series (and of entries without one): number, then date, then title."""
    entry = item.entry
    return (entry.number is None, entry.number or 0, entry.date is None,
            entry.date or dt.date.min, item.shown_title.casefold(), item.shown_title, item.uri)


def people_of(entry: SiteEntry) -> list[tuple[str, str]]:
    """(name, role) of the entry's speakers and host, in the order written."""
    found = [(name, SPEAKER) for name in entry.entry.speakers]
    if entry.entry.host:
        found.append((entry.entry.host, HOST))
    return [(name, role) for name, role in found if name_key(name)]


def collect(entries: Iterable[SiteEntry], settings: SiteSettings) -> SiteVault:
    """Group the entries; raises ValueError when two have the same uri."""
    by_uri: dict[str, SiteEntry] = {}
    for item in entries:
        if item.uri in by_uri:
            raise ValueError(f"two entries have the uri '{item.uri}'")
        by_uri[item.uri] = item
    in_path_order = [by_uri[uri] for uri in sorted(by_uri)]

    series: dict[str, SeriesGroup] = {}
    loose: list[SiteEntry] = []
    for item in in_path_order:
        name = item.entry.series
        key = name_key(name) if name else ""
        if not name or not key:
            loose.append(item)
            continue
        if key not in series:
            series[key] = SeriesGroup(key, name, settings.info(name))
        series[key].entries.append(item)
    groups = sorted(series.values(), key=lambda g: (g.title.casefold(), g.title, g.key))
    for group in groups:
        group.entries.sort(key=entry_order)
    loose.sort(key=entry_order)
    ordered = [item for group in groups for item in group.entries] + loose
    rank = {item.uri: index for index, item in enumerate(ordered)}

    categories: dict[str, CategoryGroup] = {}
    for item in ordered:
        chosen: dict[str, tuple[str, list[Idea]]] = {}
        for idea in item.entry.ideas:
            category = item.entry.category(idea.category)
            if category is not None and name_key(category.label):
                chosen.setdefault(name_key(category.label), (category.label, []))[1].append(idea)
        for key, (label, ideas) in chosen.items():
            category_group = categories.setdefault(key, CategoryGroup(key, label))
            category_group.ideas.append((item, ideas))
            _spell(category_group, item, label)

    people: dict[str, PersonGroup] = {}
    for item in ordered:
        roles: dict[str, tuple[str, list[str]]] = {}
        for name, role in people_of(item):
            found = roles.setdefault(name_key(name), (name, []))[1]
            if role not in found:
                found.append(role)
        for key, (name, found) in roles.items():
            person = people.setdefault(key, PersonGroup(key, name))
            person.entries.append((item, tuple(found)))
            _spell(person, item, name)
    for person in people.values():
        person.entries.sort(key=lambda pair: (pair[0].entry.date is None,
                                              pair[0].entry.date or dt.date.min,
                                              rank[pair[0].uri]))

    named: list[CategoryGroup | PersonGroup] = [*categories.values(), *people.values()]
    for group_ in named:
        _choose_spelling(group_)

    def by_name(group: CategoryGroup | PersonGroup) -> tuple[str, str, str]:
        return group.name.casefold(), group.name, group.key

    return SiteVault(ordered, groups, loose, sorted(categories.values(), key=by_name),
                     sorted(people.values(), key=by_name), series)


def _spell(group: CategoryGroup | PersonGroup, item: SiteEntry, name: str) -> None:
    """Count one more entry spelling the group's name this way (spacing does not count)."""
    name = collapse_spaces(name)
    count, first = group.spellings.get(name, (0, item.uri))
    group.spellings[name] = (count + 1, min(first, item.uri))


def _choose_spelling(group: CategoryGroup | PersonGroup) -> None:
    """Show the group under its most used spelling; of equally used ones, the one of the
    first entry in path order."""
    group.name = min(group.spellings.items(), key=lambda s: (-s[1][0], s[1][1], s[0]))[0]
