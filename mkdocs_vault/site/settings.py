"""What the vault-wide pages are made from: the entries as records, and the site's settings."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field

from mkdocs_vault.graph.knowledge import REASON_STRINGS
from mkdocs_vault.graph.labels import collapse_spaces
from mkdocs_vault.model import Entry

DEFAULT_STRINGS: dict[str, str] = {
    "entries": "Entries",
    "ideas": "Ideas",
    "series": "Series",
    "people": "People",
    "categories": "Categories",
    "count": "{label}: {count}",
    "no_series": "Other entries",
    "number": "No. {number}",
    "entry_count": "{count} entries",
    "entry_count_one": "1 entry",
    "idea_count": "{count} ideas",
    "idea_count_one": "1 idea",
    "of_total": "{count} of {total} entries",
    "idea": "{number}. {text}",
    "speaker": "Speaker",
    "host": "Host",
    "previous": "Previous",
    "next": "Next",
    **REASON_STRINGS,
}
"""Every word the generated pages show readers; `strings` in `SiteSettings` overrides any.
The `reason_*` ones word why an entry is related (`graph.knowledge.reason_text`)."""

SLUG = "{slug}"


@dataclass(frozen=True, slots=True)
class SiteEntry:
    """One valid entry of the vault and where its page is."""

    uri: str
    """The page's path inside `docs/`, as MkDocs' `File.src_uri`: `lex/deepseek.md`."""
    entry: Entry
    title: str | None = None
    """The page title, when the entry has none of its own (`entry.title` wins)."""

    @property
    def shown_title(self) -> str:
        """The title readers see: the entry's, the page's, or the file name."""
        for candidate in (self.entry.title, self.title):
            if candidate and collapse_spaces(candidate):
                return candidate
        return posixpath.splitext(posixpath.basename(self.uri))[0] or self.uri


@dataclass(frozen=True, slots=True)
class SeriesInfo:
    """What `mkdocs.yml` says about one series."""

    title: str | None = None
    """Shown instead of the name the entries use."""
    description: str | None = None
    """Plain text, shown under the series page's title."""
    total: int | None = None
    """Planned number of entries (else the largest `total` of its entries)."""


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """How the vault-wide pages are named, placed and worded.

    URLs are source paths inside `docs/` (the plugin passes them to `File.generated`); the
    per-kind ones hold `{slug}`.
    """

    name: str = "Vault"
    index_uri: str = "vault/index.md"
    series_uri: str = "vault/series/{slug}.md"
    category_uri: str = "vault/categories/{slug}.md"
    person_uri: str = "vault/people/{slug}.md"
    index: bool = True
    series_pages: bool = True
    category_pages: bool = True
    people_pages: bool = True
    series: Mapping[str, SeriesInfo] = field(default_factory=dict)
    """Series metadata by series name (matched like the name, case-insensitively)."""
    strings: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_STRINGS))
    """Words shown to readers; a key left out falls back to `DEFAULT_STRINGS`."""
    date_format: str = "%Y-%m-%d"

    def __post_init__(self) -> None:
        for name in ("index_uri", "series_uri", "category_uri", "person_uri"):
            value: str = getattr(self, name)
            _check_uri(name, value, template=name != "index_uri")

    def string(self, key: str, **values: object) -> str:
        """The reader's text for `key`, with `values` filled in."""
        template = self.strings.get(key, DEFAULT_STRINGS[key])
        return template.format(**values) if values else template

    def count(self, key: str, count: int) -> str:
        """`{count} entries` / `1 entry` for `key` in ('entry_count', 'idea_count')."""
        return self.string(f"{key}_one") if count == 1 else self.string(key, count=count)

    def info(self, series: str) -> SeriesInfo:
        """The metadata of this series (empty when `mkdocs.yml` has none)."""
        wanted = name_key(series)
        for name, info in self.series.items():
            if name_key(name) == wanted:
                return info
        return SeriesInfo()


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """What makes two names of a series, category or person the same: case and spacing do
    not count."""
    return collapse_spaces(name).casefold()


def _check_uri(name: str, value: str, *, template: bool) -> None:
    problem = None
    if not value.endswith(".md"):
        problem = "must end in .md"
    elif value.startswith("/") or "\\" in value:
        problem = "must be a relative path with / separators"
    elif any(part in ("", ".", "..") for part in value.split("/")):
        problem = "must not have empty, '.' or '..' parts"
    elif template and value.count(SLUG) != 1:
        problem = "must hold {slug} once"
    if problem:
        raise ValueError(f"{name} '{value}' {problem}")
