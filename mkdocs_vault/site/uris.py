"""Where the generated pages go: unique, stable slugs, and relative links between pages."""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

from mkdocs_vault.site.collect import SiteVault, collect
from mkdocs_vault.site.settings import SLUG, SiteEntry, SiteSettings, name_key

SLUG_CHARS = 60
_NOT_WORD_RE = re.compile(r"[\W_]+")


def slug(name: str) -> str:
    """A name as a URL segment: lower case, accents dropped, letters and digits of any script
    joined by `-`. A name without any (`???`) gets a short hash of itself, so that it is still
    stable."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = _NOT_WORD_RE.sub("-", text).strip("-")
    text = text[:SLUG_CHARS].rstrip("-")
    if text:
        return text
    return "n" + hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()


@dataclass(frozen=True, slots=True)
class PageUris:
    """The uri of every generated page; groups are looked up by name (any spelling)."""

    index: str | None = None
    series: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    def of_series(self, name: str) -> str | None:
        """The series page of this series, if there is one."""
        return self.series.get(name_key(name))

    def of_category(self, label: str) -> str | None:
        """The category page of this label, if there is one."""
        return self.categories.get(name_key(label))

    def of_person(self, name: str) -> str | None:
        """The person page of this speaker or host, if there is one."""
        return self.people.get(name_key(name))

    def all(self) -> list[str]:
        """Every uri, index first, then series, categories and people."""
        first = [self.index] if self.index else []
        return [*first, *self.series.values(), *self.categories.values(), *self.people.values()]


def page_uris(entries: Iterable[SiteEntry], settings: SiteSettings) -> PageUris:
    """The uri of each generated page of these entries (see `assign_uris`)."""
    return assign_uris(collect(entries, settings), settings)


def assign_uris(vault: SiteVault, settings: SiteSettings) -> PageUris:
    """Uris from the settings' templates and `slug`. When two names give the same uri (also
    across kinds: a series page template may be the index's folder), the first in the name's
    sorted order keeps it and the others get `-2`, `-3` ...: the same vault always gives the
    same uris, whatever order its entries come in."""
    taken: set[str] = set()
    index = settings.index_uri if settings.index else None
    if index:
        taken.add(index.casefold())
    kinds = (
        (settings.series_pages, settings.series_uri, [(g.key, g.title) for g in vault.series]),
        (settings.category_pages, settings.category_uri,
         [(g.key, g.name) for g in vault.categories]),
        (settings.people_pages, settings.person_uri, [(g.key, g.name) for g in vault.people]),
    )
    found: list[dict[str, str]] = []
    for enabled, template, names in kinds:
        uris: dict[str, str] = {}
        if enabled:
            for key, shown in sorted(names):
                uris[key] = _free(template, slug(shown), taken)
        found.append(uris)
    return PageUris(index, *found)


def _free(template: str, base: str, taken: set[str]) -> str:
    number = 1
    while True:
        candidate = template.replace(SLUG, base if number == 1 else f"{base}-{number}")
        if candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
        number += 1


def relative(page_uri: str, target_uri: str) -> str:
    """The path from the folder of `page_uri` to `target_uri`, both paths inside `docs/`."""
    base = posixpath.normpath(page_uri).split("/")[:-1]
    parts = posixpath.normpath(target_uri).split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


def href(page_uri: str, target_uri: str, anchor: str = "") -> str:
    """A Markdown link target from one docs page to another: relative (MkDocs resolves and
    validates it, and a site under a sub-path works) and percent-encoded (spaces, parentheses
    and braces in file names cannot end the link or reach a template engine)."""
    target = quote(relative(page_uri, target_uri), safe="/")
    return f"{target}#{quote(anchor, safe='')}" if anchor else target
