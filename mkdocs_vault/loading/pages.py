"""Loading vault pages: Markdown text in, entry and problems out; and the vault as a whole.

The plugin loads every page before any is rendered (MkDocs' `on_files`), which is what lets
vault-wide features see all entries, also under `mkdocs serve --dirty`.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mkdocs_vault.graph.labels import LABEL_CHARS
from mkdocs_vault.loading.checks import field_name, parse_entry
from mkdocs_vault.loading.frontmatter import (
    FrontMatter,
    Path,
    decode_page,
    has_vault_key,
    normalize,
    read_front_matter,
    split,
)
from mkdocs_vault.loading.metafiles import merge
from mkdocs_vault.loading.problems import Problem, has_errors
from mkdocs_vault.model import Category, Entry
from mkdocs_vault.pickling import compact


@compact
@dataclass(frozen=True, slots=True)
class LoadedPage:
    """One vault page after loading."""

    entry: Entry | None
    """None when the page has errors; it then shows its problems instead."""
    problems: tuple[Problem, ...]
    body: str
    """The author's Markdown after the front matter."""
    body_line: int
    lines: Mapping[str, int] = field(default_factory=dict)
    """Lines of the links to other entries (`ideas[3].see[0]`, `related[1]`), checked once the
    whole vault is known."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """The page's own front matter as the plugin read it, `vault` included (empty when it
    could not be read): what a host that parses the page again must find in it."""

    @property
    def ok(self) -> bool:
        """Whether the entry can be rendered."""
        return self.entry is not None and not has_errors(list(self.problems))


def digest(text: str) -> str:
    """Short content hash, to reuse a page's loading result while serving."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def load_page(text: str, *, label_chars: int = LABEL_CHARS,
              categories: Sequence[Category] = ()) -> LoadedPage | None:
    """Read a Markdown file's vault entry; None when the page has no top-level `vault` key."""
    if not has_vault_key(text):
        return None
    front_matter, problem = read_front_matter(text)
    if problem is not None:
        _, body, line = split(normalize(text))
        return LoadedPage(None, (problem,), body, line)
    if front_matter is None or "vault" not in front_matter.data:
        return None
    return load_front_matter(front_matter, label_chars=label_chars, categories=categories)


def load_with_defaults(text: str, defaults: Mapping[str, Any], *,
                       label_chars: int = LABEL_CHARS, categories: Sequence[Category] = ()
                       ) -> LoadedPage | None:
    """`load_page` for a page that `.meta.yml` files give defaults (see `metafiles.py`): the
    page's own front matter is merged over them; fields it writes itself keep their lines."""
    front_matter, problem = read_front_matter(text)
    if problem is not None:
        return load_page(text, label_chars=label_chars, categories=categories)
    own = front_matter.data if front_matter is not None else {}
    merged = merge(copy.deepcopy(dict(defaults)), own)
    if "vault" not in merged:
        return None
    if front_matter is None:
        _, body, line = split(normalize(text))
        return load_meta(merged, body, label_chars=label_chars, body_line=line,
                         categories=categories)
    loaded = load_front_matter(dataclasses.replace(front_matter, data=merged),
                               label_chars=label_chars, categories=categories,
                               own=own.get("vault") if isinstance(own.get("vault"), dict) else {})
    return dataclasses.replace(loaded, meta=own)


def load_source(text: str, defaults: Mapping[str, Any] | None, *,
                label_chars: int = LABEL_CHARS, categories: Sequence[Category] = ()
                ) -> LoadedPage | None:
    """`load_page`, or `load_with_defaults` for a page that `.meta.yml` files give defaults."""
    if defaults is None:
        return load_page(text, label_chars=label_chars, categories=categories)
    return load_with_defaults(text, defaults, label_chars=label_chars, categories=categories)


def load_bytes(data: bytes, *, label_chars: int = LABEL_CHARS,
               categories: Sequence[Category] = ()) -> LoadedPage | None:
    """`load_page` for a file MkDocs cannot decode: invalid UTF-8 is one more (located) error,
    and the page is loaded from the text with U+FFFD in place of the bad bytes."""
    text, problem = decode_page(data)
    loaded = load_page(text, label_chars=label_chars, categories=categories)
    if loaded is None or problem is None:
        return loaded
    problems = sorted((problem, *loaded.problems), key=lambda p: (p.line or 0, p.column or 0))
    return LoadedPage(None, tuple(problems), loaded.body, loaded.body_line)


def load_front_matter(front_matter: FrontMatter, *,
                      label_chars: int = LABEL_CHARS, categories: Sequence[Category] = (),
                      own: Mapping[str, Any] | None = None) -> LoadedPage:
    """Validate parsed front matter, with line numbers for every problem. With `own` (the
    page's own `vault:` when `.meta.yml` defaults were merged in), fields the page does not
    write itself get no line: they are not in this file."""

    def locate(path: Path, at_key: bool) -> tuple[int, int] | None:
        if own is not None and len(path) > 1 and path[1] not in own:
            return None
        return front_matter.locate_key(path) if at_key else front_matter.locate(path)

    entry, problems = parse_entry(front_matter.data["vault"], front_matter.data, locate=locate,
                                  raw=front_matter.raw, label_chars=label_chars,
                                  categories=categories)
    for path, line, first in front_matter.duplicates:
        problems.append(Problem(
            f"is written twice (first on line {first}); only the last value is used",
            field_name(path), line, severity="warning"))
    problems.extend(_top_duplicates(front_matter))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    if has_errors(problems):
        entry = None
    return LoadedPage(entry, tuple(problems), front_matter.body, front_matter.body_line,
                      _reference_lines(entry, front_matter), front_matter.data)


def _reference_lines(entry: Entry | None, front_matter: FrontMatter) -> dict[str, int]:
    """Where each `see` and `related` link is written (only those: most pages have none)."""
    if entry is None:
        return {}
    paths: list[Path] = [("related", i) for i in range(len(entry.related))]
    for idea in entry.ideas:
        paths.extend(("ideas", idea.number - 1, "see", i) for i in range(len(idea.see)))
    return {field_name(p): front_matter.locate(("vault", *p))[0] for p in paths}


def _top_duplicates(front_matter: FrontMatter) -> list[Problem]:
    """`vault` written twice is an error (two entries pasted into one page: YAML would drop
    all but the last silently); other top-level keys twice are warnings."""
    problems = []
    for key, lines in front_matter.top_duplicates:
        shown = ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"
        if key == "vault":
            problems.append(Problem(
                f"`vault:` is written {len(lines)} times (lines {shown}): one page holds one "
                f"entry, and YAML would silently keep only the last; give each entry its own "
                f"page", "vault", lines[-1], 1))
        else:
            problems.append(Problem(
                f"`{key}` is written {len(lines)} times (lines {shown}); only the last value is "
                f"used", None, lines[-1], 1, "warning"))
    return problems


def load_meta(meta: Mapping[str, Any], body: str, *, label_chars: int = LABEL_CHARS,
              body_line: int = 1, categories: Sequence[Category] = ()) -> LoadedPage:
    """Validate an already parsed `page.meta` (no line numbers: another plugin produced it)."""
    entry, problems = parse_entry(meta.get("vault"), meta, label_chars=label_chars,
                                  categories=categories)
    return LoadedPage(entry, tuple(problems), body, body_line)


@dataclass
class Vault:
    """All vault pages of a site, by their path inside `docs/`."""

    pages: dict[str, LoadedPage] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.pages)

    def __contains__(self, src_uri: object) -> bool:
        return src_uri in self.pages

    def get(self, src_uri: str) -> LoadedPage | None:
        """The loaded page at this path, if it is a vault page."""
        return self.pages.get(src_uri)

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """Valid entries in path order."""
        for uri in sorted(self.pages):
            entry = self.pages[uri].entry
            if entry is not None:
                yield uri, entry
