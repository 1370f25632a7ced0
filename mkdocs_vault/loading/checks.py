"""Validation: the raw `vault:` mapping of a page becomes an `Entry`, or a list of problems.

The known keys of each mapping (and so every "did you mean") come from the one field table,
`fields.py`, from which the JSON Schema and the docs' field reference are generated too.

Every problem names the field as a path (`ideas[3].category`) and the line it is on. Indices in
paths count from 0, as in JSON; messages about ideas also give the idea's number, which counts
from 1, as in the rendered list.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mkdocs_vault.graph import colors
from mkdocs_vault.graph.labels import LABEL_CHARS, LABEL_MAX, derive_label, width
from mkdocs_vault.loading import fields
from mkdocs_vault.loading.frontmatter import Path
from mkdocs_vault.loading.problems import Problem, Severity
from mkdocs_vault.model import SECTIONS, Category, Entry, Idea, Image, Source
from mkdocs_vault.urls import SAFE_SCHEMES, safe_url, scheme

Locate = Callable[[Path, bool], tuple[int, int] | None]
"""Gives (line, column) of a field path; the flag asks for the key rather than the value."""
Raw = Callable[[Path], str | None]
"""Gives a scalar exactly as written in the YAML (`010`, `0x1F`, `3.10`, `12:30`)."""

VAULT_KEYS = fields.keys()
"""Known keys of `vault:`, in the field table's order (see `fields.py`)."""
# The field table looked up once, not for every idea of every page.
_SOURCE_KEYS = fields.keys("source")
_IMAGE_KEYS = fields.keys("image")
_IDEA_KEYS = fields.keys("ideas")
_CATEGORY_KEYS = fields.keys("categories")
_LAYOUTS = fields.lookup("layout").choices
_KNOWN = {keys: frozenset(keys) for keys in (VAULT_KEYS, _SOURCE_KEYS, _IMAGE_KEYS, _IDEA_KEYS,
                                             _CATEGORY_KEYS)}

_URL_LIKE_RE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*://|mailto:)")
_MISSING = object()
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters, except tab, line feed and carriage return."""
_YEARS = (1000, 2100)
"""Dates outside these years are accepted with a warning: most likely a typo."""

RawIdea = tuple[int, str, str | None, str | None, list[tuple[int, Path]]]
"""(index in the written list, text, label, category, links with their paths)"""


def field_name(path: Path) -> str:
    """`("ideas", 3, "category")` as `ideas[3].category`."""
    out = ""
    for step in path:
        if isinstance(step, int) or not step:  # an empty key shows as ['']
            out += f"[{step!r}]"
        else:
            out += f".{step}" if out else step
    return out


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value; put text in quotes)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, set | frozenset):
        return "a set (!!set)"
    if isinstance(value, bytes):
        return "binary data (!!binary)"
    shown = repr(value) if isinstance(value, str) else str(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _who(index: int) -> str:
    """How messages about the idea at `index` begin (ideas are numbered from 1)."""
    return f"idea {index + 1}: "


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class _Checker:
    """Collects problems while converting one page's `vault:` mapping."""

    def __init__(self, locate: Locate | None, label_chars: int, raw: Raw | None = None) -> None:
        self.locate = locate
        self.raw = raw
        self.label_chars = label_chars
        self.see: dict[int, tuple[str, ...]] = {}
        """`see` references of each idea, by its index in the written list."""
        self.problems: list[Problem] = []

    def report(self, path: Path, message: str, severity: Severity = "error", *,
               at_key: bool = False, top: bool = False) -> None:
        """Record a problem at `path` inside `vault:` (or, with `top`, of the front matter)."""
        line = column = None
        where = path if top else ("vault", *path)
        if self.locate is not None:
            place = self.locate(where, at_key)
            if place is not None:
                line, column = place
        self.problems.append(
            Problem(message, field_name(where) if not path or top else field_name(path),
                    line, column, severity)
        )

    # -- scalar fields -------------------------------------------------------------------------

    def text(self, value: object, path: Path, *, required: bool = False) -> str | None:
        if type(value) is str:  # nearly always: straight to the checks of the text itself
            result = value if not _CONTROL_RE.search(value) else self.without_controls(value,
                                                                                      path)
        elif value is None or value is _MISSING:
            if required:
                self.report(path, "is required", at_key=value is None)
            return None
        elif isinstance(value, bool) or not isinstance(value, str | int | float | dt.date):
            self.report(path, f"expected text, got {_describe(value)}")
            return None
        else:
            result = value if isinstance(value, str) else self._as_written(value, path)
            result = self.without_controls(result, path)
        if not result.strip():
            if required:
                self.report(path, "must not be empty")
            return None
        return result

    def without_controls(self, text: str, path: Path, *, at_key: bool = False,
                         top: bool = False) -> str:
        """Text without C0/C1 control characters (tab and line breaks stay): they would reach
        graph labels, the log and, in Markdown fields, Python-Markdown's own placeholders
        (STX/ETX). Zero-width and bidi characters are kept: scripts and emoji need them."""
        found = _CONTROL_RE.findall(text)
        if not found:
            return text
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(found))
        self.report(path, f"contains control characters ({codes}), which were removed",
                    "warning", at_key=at_key, top=top)
        return _CONTROL_RE.sub("", text)

    def _as_written(self, value: object, path: Path) -> str:
        """A number or date given where text is expected, as the author typed it: YAML reads
        `010` as 8 and `12:30` as 750, but a series called 010 is called 010."""
        written = self.raw(("vault", *path)) if self.raw is not None else None
        if written is not None:
            return written
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    def integer(self, value: object, path: Path, minimum: int = 1) -> int | None:
        if value is None:
            return None
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
            digits = value.strip()
            if len(digits) > 18:
                self.report(path, f"is too large ({len(digits)} digits)")
                return None
            number = int(digits)
        if number is not None and abs(number) >= 10**18:
            self.report(path, "is too large")
            return None
        if number is None:
            hint = f" (write {int(value)})" if isinstance(value, float) and value.is_integer() \
                else ""
            self.report(path, f"expected a whole number, got {_describe(value)}{hint}")
            return None
        if number < minimum:
            self.report(path, f"must be at least {minimum}, got {number}")
            return None
        return number

    def date(self, value: object, path: Path) -> dt.date | None:
        day = self._date(value, path)
        if day is not None and day.year < _YEARS[0]:
            self.report(path, f"{day.isoformat()} is before the year {_YEARS[0]}; is the year "
                        f"right?", "warning")
        elif day is not None and day.year > _YEARS[1]:
            self.report(path, f"{day.isoformat()} is in the far future; is the year right?",
                        "warning")
        return day

    def _date(self, value: object, path: Path) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:  # a quoted date, or a date and time that YAML did not recognise
                return dt.datetime.fromisoformat(value.strip()).date()
            except ValueError:
                pass
        hint = ""
        numeric = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", str(value).strip())
        if numeric:
            a, b, year = numeric.groups()
            hint = f" (is it {year}-{int(b):02d}-{int(a):02d} or {year}-{int(a):02d}-{int(b):02d}?)"
        self.report(path, f"expected a date written as YYYY-MM-DD, got {_describe(value)}{hint}")
        return None

    def url(self, value: object, path: Path) -> str | None:
        if value is None:
            return None
        text = self.text(value, path, required=True)
        if text is None:
            return None
        stripped = text.strip()
        if not stripped:
            self.report(path, "must not be empty")
            return None
        cleaned = "".join(ch for ch in stripped if ch.isprintable() or ch == " ")
        if not safe_url(cleaned):  # also catches javascript&colon; and java\tscript:
            found = scheme(cleaned, as_written=True)
            named = f"'{found}:' " if found else ""
            self.report(path, f"links with the scheme {named}are not allowed; use "
                        f"{', '.join(s + ':' for s in SAFE_SCHEMES)} or a relative path")
            return None
        if len(cleaned) != len(stripped):
            self.report(path, "contains control characters, which were removed", "warning")
        # A Markdown link destination cannot hold these raw; their %-codes mean the same.
        for raw, code in ((" ", "%20"), ("<", "%3C"), (">", "%3E"), ('"', "%22"), ("\\", "%5C")):
            cleaned = cleaned.replace(raw, code)
        return cleaned

    def unknown_keys(self, value: Mapping[Any, Any], allowed: tuple[str, ...],
                     path: Path) -> None:
        known = _KNOWN.get(allowed)
        if known is not None and isinstance(value, dict) and value.keys() <= known:
            return  # the usual case, at the speed of a set operation
        names = list(allowed)
        for key in value:
            if str(key) not in names:
                self.report((*path, str(key)), f"unknown field, ignored{_suggest(str(key), names)}"
                            f" (known: {', '.join(names)})", "warning", at_key=True)

    # -- structured fields ---------------------------------------------------------------------

    def speakers(self, value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.report(("speakers",), f"expected a list of names, got {_describe(value)}")
            return ()
        names = (self.text(v, ("speakers", i), required=True) for i, v in enumerate(value))
        return tuple(n for n in names if n)

    def source(self, value: object) -> Source | None:
        if value is None:
            return None
        if isinstance(value, str):
            if _URL_LIKE_RE.match(value.strip()):  # "re:Invent keynote" is a title
                url = self.url(value, ("source",))
                return Source(title=url, url=url) if url else None
            name = self.without_controls(value, ("source",)).strip()
            return Source(title=name) if name else None
        if not isinstance(value, Mapping):
            self.report(("source",), f"expected {{title, url}} or text, got {_describe(value)}")
            return None
        self.unknown_keys(value, _SOURCE_KEYS, ("source",))
        url = self.url(value.get("url"), ("source", "url"))
        title = self.text(value.get("title"), ("source", "title"), required=url is None)
        if title is None and url is None:
            return None
        return Source(title=title or url or "", url=url)

    def image(self, value: object) -> Image | None:
        if value is None:
            return None
        if isinstance(value, str):
            src = self.url(value, ("image",))
            return Image(src=src) if src else None
        if not isinstance(value, Mapping):
            self.report(("image",), f"expected {{src, alt}} or a path, got {_describe(value)}")
            return None
        self.unknown_keys(value, _IMAGE_KEYS, ("image",))
        if value.get("src") is None:
            self.report(("image", "src"), "is required: the path or URL of the image",
                        at_key="src" in value)
            return None
        src = self.url(value.get("src"), ("image", "src"))
        alt = self.text(value.get("alt"), ("image", "alt")) or ""
        return Image(src=src, alt=alt) if src else None

    def categories(self, value: object) -> list[tuple[str, str, str | None]] | None:
        """(key, label, colour or None) in order, or None when none are declared."""
        if value is None:
            return None
        if isinstance(value, list):  # [open, cost]: keys that are their own labels
            keys: dict[object, None] = {}
            for index, item in enumerate(value):
                if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
                    keys[item] = None
                else:
                    self.report(("categories", index), f"expected a category key, got "
                                f"{_describe(item)}")
            value = keys
        if not isinstance(value, Mapping):
            self.report(("categories",), f"expected a mapping of key -> {{label, color}}, "
                        f"got {_describe(value)}")
            return None
        result = []
        seen: set[str] = set()
        for raw_key, spec in value.items():
            key = str(raw_key) if raw_key is not None else ""
            path: Path = ("categories", key)
            if not key.strip():
                self.report(path, "a category key must not be empty: ideas refer to their "
                            "category by its key", at_key=True)
                continue
            key = self.without_controls(key, path, at_key=True)
            if key in seen:
                self.report(path, f"the key '{key}' is declared twice (YAML reads 1 and '1' as "
                            f"different keys, but ideas name categories by text)", at_key=True)
                continue
            seen.add(key)
            label, color = key, None
            if isinstance(spec, str | int | float) and not isinstance(spec, bool):
                label = self.text(spec, path) or key
            elif isinstance(spec, Mapping):
                self.unknown_keys(spec, _CATEGORY_KEYS, path)
                label = self.text(spec.get("label"), (*path, "label")) or key
                color = self.color(spec.get("color"), (*path, "color"))
                if "color" in spec and spec["color"] is None:
                    self.report((*path, "color"), "is empty, so a palette colour is used; an "
                                "unquoted #colour is a YAML comment: write color: \"#d4f9d4\"",
                                "warning", at_key=True)
            elif spec is not None:
                self.report(path, f"expected {{label, color}} or a label, got {_describe(spec)}")
            result.append((key, label, color))
        return result

    def color(self, value: object, path: Path) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not colors.HEX_RE.match(value.strip()):
            hint = colors.hint(value.strip()) if isinstance(value, str) else ""
            self.report(path, f"expected a colour written as #rgb or #rrggbb, got "
                        f"{_describe(value)}{hint} (in YAML, quote it: \"#d4f9d4\")")
            return None
        color = colors.normalize(value.strip())
        ratio = colors.contrast(color, colors.LABEL_COLOR)
        if ratio < colors.MIN_CONTRAST:
            self.report(path, f"{color} is too dark for the graph's dark label text (contrast "
                        f"{ratio:.1f}:1, at least {colors.MIN_CONTRAST}:1 is needed); choose a "
                        f"lighter colour", "warning")
        return color

    def resume(self, value: object) -> str | None:
        if isinstance(value, list):
            parts = [self.text(v, ("resume", i), required=True) for i, v in enumerate(value)]
            return "\n\n".join(p.strip() for p in parts if p) or None
        return self.text(value, ("resume",))

    def choice(self, value: object, path: Path, choices: tuple[str, ...]) -> str | None:
        text = self.text(value, path)
        if text is None:
            return None
        if text not in choices:
            self.report(path, f"'{text}' is not one of: {', '.join(choices)}"
                        f"{_suggest(text, list(choices))}")
            return None
        return text

    def sections(self, value: object) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            self.report(("sections",), f"expected a list such as [{', '.join(SECTIONS)}], "
                        f"got {_describe(value)}")
            return None
        if not value:
            self.report(("sections",), "is empty, so the page shows only your own text (body); "
                        f"list the parts to show, e.g. [{', '.join(SECTIONS)}]", "warning")
            return ("body",)
        names = [self.choice(v, ("sections", i), SECTIONS) for i, v in enumerate(value)]
        result = tuple(n for n in names if n)
        for name in {n for n in result if result.count(n) > 1}:
            self.report(("sections",), f"'{name}' is listed twice")
        return tuple(dict.fromkeys(result))

    # -- ideas ---------------------------------------------------------------------------------

    def ideas(self, value: object, declared: list[str] | None, top_level: Mapping[str, Any]
              ) -> list[RawIdea]:
        if value is None:
            hint = ""
            if "ideas" in top_level:
                hint = "; `ideas` is at the top level of the front matter: indent it under `vault:`"
            self.report(("ideas",), f"is required: a list of key ideas{hint}", at_key=True)
            return []
        if not isinstance(value, list) or not value:
            self.report(("ideas",), f"expected a non-empty list of ideas, got {_describe(value)}")
            return []
        return [r for i, item in enumerate(value) if (r := self.idea(item, i, declared))]

    def idea(self, item: object, index: int, declared: list[str] | None) -> RawIdea | None:
        if type(item) is dict:  # nearly always
            return self.idea_mapping(item, index, declared)
        path: Path = ("ideas", index)
        who = _who(index)
        if isinstance(item, str | int | float) and not isinstance(item, bool):
            text = self.text(item, path)
            if text is None:
                self.report(path, f"{who}must not be empty")
                return None
            if declared is not None:
                self.report(path, f"{who}a category is required because `categories` are "
                            f"declared; write {{text: ..., category: ...}} with one of: "
                            f"{', '.join(declared)}")
                return None
            return index, text, None, None, []
        if not isinstance(item, Mapping):
            self.report(path, f"{who}expected text or {{text, label, category, links}}, "
                        f"got {_describe(item)}")
            return None
        return self.idea_mapping(item, index, declared)

    def idea_mapping(self, item: Mapping[Any, Any], index: int, declared: list[str] | None
                     ) -> RawIdea | None:
        """An idea written as {text, label, category, links, see}. Absent (or empty) optional
        keys are not checked at all: nothing would be reported for them."""
        path: Path = ("ideas", index)
        self.unknown_keys(item, _IDEA_KEYS, path)
        text = item.get("text")
        if text is None:
            self.report((*path, "text") if "text" in item else path,
                        f"{_who(index)}`text` is required: the idea as it appears in the list",
                        at_key="text" in item)
            return None
        text = self.text(text, (*path, "text"), required=True)
        if text is None:
            return None
        label = item.get("label")
        label = self.text(label, (*path, "label")) if label is not None else None
        category = item.get("category")
        category = self.text(category, (*path, "category")) if category is not None else None
        if declared is not None:
            if category is None:
                self.report((*path, "category") if "category" in item else path,
                            f"{_who(index)}a category is required because `categories` are "
                            f"declared (one of: {', '.join(declared)})")
                return None
            if category not in declared:
                self.report((*path, "category"), f"{_who(index)}'{category}' is not a declared "
                            f"category (declared: {', '.join(declared)})"
                            f"{_suggest(category, declared)}")
                return None
        links = item.get("links")
        found = self.links(links, (*path, "links")) if links is not None else []
        see = item.get("see")
        self.see[index] = self.references(see, (*path, "see")) if see is not None else ()
        return index, text, label, category, found

    def references(self, value: object, path: Path) -> tuple[str, ...]:
        """Links to other pages or their ideas (`chips.md#idea-2`), as MkDocs links are written;
        whether they point anywhere is checked once the whole vault is known."""
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        found = []
        for i, item in enumerate(items):
            where = (*path, i) if isinstance(value, list) else path
            link = self.text(item, where, required=True)
            if link is not None:
                found.append(link.strip())
        return tuple(found)

    def links(self, value: object, path: Path) -> list[tuple[int, Path]]:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        out = []
        for i, raw in enumerate(items):
            where = (*path, i) if isinstance(value, list) else path
            number = self.integer(raw, where)
            if number is not None:
                out.append((number, where))
        return out


def parse_entry(vault: object, front_matter: Mapping[str, Any] | None = None, *,
                locate: Locate | None = None, raw: Raw | None = None,
                label_chars: int = LABEL_CHARS, categories: Sequence[Category] = ()
                ) -> tuple[Entry | None, list[Problem]]:
    """Validate a page's `vault:` value.

    Arguments:
        vault: the value of the `vault` key.
        front_matter: the whole front matter, for the page title and for hints.
        locate: finds the line of a field path (see `FrontMatter.locate`).
        raw: gives a scalar as written (see `FrontMatter.raw`).
        label_chars: length budget of derived graph labels.
        categories: declared for the whole vault in `mkdocs.yml`: entries use them without
            declaring them; those an entry does not use are left out of its page, silently.

    Returns:
        The entry (None if any problem is an error) and every problem found.
    """
    check = _Checker(locate, label_chars, raw)
    top = front_matter or {}
    if not isinstance(vault, Mapping):
        stray = [k for k in VAULT_KEYS if k in top]
        hint = (f"; {', '.join(f'`{k}`' for k in stray)} "
                f"{'is' if len(stray) == 1 else 'are'} at the top level of the front matter: "
                f"indent {'it' if len(stray) == 1 else 'them'} under `vault:`") if stray else ""
        check.report((), f"expected a mapping with at least `ideas:`, got {_describe(vault)}"
                     f"{hint}", at_key=True)
        return None, check.problems
    check.unknown_keys(vault, VAULT_KEYS, ())
    declared = check.categories(vault.get("categories"))
    own_keys = {k for k, _, _ in declared or []}
    shared = [(c.key, c.label, c.color) for c in categories if c.key not in own_keys]
    if shared:
        declared = shared + (declared or [])
    raw_ideas = check.ideas(vault.get("ideas"), [k for k, _, _ in declared]
                            if declared is not None else None, top)
    ideas, entry_categories = _resolve(check, raw_ideas, declared, vault,
                                       {k for k, _, _ in shared})
    series = check.text(vault.get("series"), ("series",))
    number = check.integer(vault.get("number"), ("number",), minimum=0)  # "episode 0" exists
    total = check.integer(vault.get("total"), ("total",))
    if number is not None and total is not None and number > total:
        check.report(("number",), f"{number} is greater than total ({total})")
    entry = Entry(
        ideas=tuple(ideas),
        title=_title(check, top.get("title")),
        series=series,
        number=number,
        number_text=_number_text(check, number),
        total=total,
        date=check.date(vault.get("date"), ("date",)),
        speakers=check.speakers(vault.get("speakers")),
        host=check.text(vault.get("host"), ("host",)),
        source=check.source(vault.get("source")),
        image=check.image(vault.get("image")),
        center=check.text(vault.get("center"), ("center",)),
        categories=tuple(entry_categories),
        resume=check.resume(vault.get("resume")),
        credits=check.text(vault.get("credits"), ("credits",)),
        layout=check.choice(vault.get("layout"), ("layout",), _LAYOUTS),
        sections=check.sections(vault.get("sections")),
        tags=_tags(top.get("tags")),
        related=check.references(vault.get("related"), ("related",)),
        extra={str(k): v for k, v in vault.items() if str(k) not in VAULT_KEYS},
    )
    if any(p.severity == "error" for p in check.problems):
        return None, check.problems
    return entry, check.problems


def _title(check: _Checker, value: object) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return check.without_controls(str(value), ("title",), top=True)
    return None


def _number_text(check: _Checker, number: int | None) -> str | None:
    """The number as written when its spelling differs (`010`), so the page shows it so."""
    written = check.raw(("vault", "number")) if check.raw is not None else None
    if number is None or written is None or not written.strip().isdigit():
        return None
    return written.strip() if written.strip() != str(number) else None


def _tags(value: object) -> tuple[str, ...]:
    """The page's `tags` (Material's tags plugin checks them; we only read the names)."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    return tuple(str(t).strip() for t in items
                 if isinstance(t, str | int) and not isinstance(t, bool) and str(t).strip())


def _resolve(check: _Checker, raw: list[RawIdea], declared: list[tuple[str, str, str | None]]
             | None, vault: Mapping[Any, Any], shared: set[str] | None = None
             ) -> tuple[list[Idea], list[Category]]:
    """Number the ideas, derive labels, check links and give every category a colour. The
    vault-wide (`shared`) categories the entry does not use are left out."""
    shared = shared or set()
    if declared is None:  # categories named only on ideas: declare them in order of use
        used = dict.fromkeys(c for _, _, _, c, _ in raw if c is not None)
        declared = [(c, c, None) for c in used]
    fills = colors.fill_gaps([color for _, _, color in declared])
    categories = [
        Category(key, label, fill) for (key, label, _), fill in zip(declared, fills, strict=True)
    ]
    written = vault.get("ideas")
    count = len(written) if isinstance(written, list) else len(raw)
    ideas = []
    # Numbers follow the written order; if an idea was broken the entry is not rendered anyway.
    for index, text, label, category, links in raw:
        number = index + 1
        good_links = []
        for target, where in links:
            if not 1 <= target <= count:
                check.report(where, f"idea {number}: links to idea {target}, but ideas are "
                             f"numbered 1 to {count}")
            elif target == number:
                check.report(where, f"idea {number}: links to itself", "warning")
            elif target in good_links:
                check.report(where, f"idea {number}: links to idea {target} twice", "warning")
            else:
                good_links.append(target)
        ideas.append(Idea(
            number=number,
            text=text.strip(),
            label=label.strip() if label else derive_label(text, check.label_chars),
            category=category,
            links=tuple(good_links),
            see=check.see.get(index, ()),
            label_derived=not label,
        ))
    for index, _, label, _, _ in raw:
        if label and width(label.strip()) > LABEL_MAX:
            check.report(("ideas", index, "label"), f"idea {index + 1}: the label is "
                         f"{width(label.strip())} characters long; the graph shows the first "
                         f"{LABEL_MAX} (the list shows the whole idea)", "warning")
    used_keys = {i.category for i in ideas}
    if isinstance(vault.get("categories"), Mapping):
        for unused in categories:
            if unused.key not in used_keys and unused.key not in shared and raw:
                check.report(("categories", unused.key), "no idea uses this category",
                             "warning", at_key=True)
    return ideas, [c for c in categories if c.key in used_keys or c.key not in shared]
