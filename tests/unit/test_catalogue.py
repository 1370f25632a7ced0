"""The bad-input catalogue: every hostile or broken page gives exactly one located message (or,
where the input is fine, none), never a traceback, and keeps the author's text.

`CASES` is shared with `tests/site/test_catalogue_site.py`, which builds one page per case.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from mkdocs_vault.loading.pages import LoadedPage, load_bytes, load_page
from mkdocs_vault.loading.problems import Severity
from mkdocs_vault.model import Entry


@dataclass(frozen=True)
class Case:
    """One catalogue entry: a whole page and the one message it must give."""

    id: str
    page: str | bytes
    field: str | None = None
    """Field path of the message; None for messages about the YAML itself."""
    line: int | None = None
    severity: Severity | None = None
    """None: no message at all."""
    phrase: str = ""
    column: int | None = None
    entry: bool = True
    """Whether the entry is rendered (no error)."""
    vault: bool = True
    """Whether this is a vault page at all."""
    site: bool = True
    """Whether the site test builds a page for it (not the slow giants)."""

    @property
    def body(self) -> str:
        return f"Author text for case {self.id}"


def page(case_id: str, yaml: str, *, close: str = "---") -> str:
    """A page with this YAML (starting on file line 2) and a body naming the case."""
    return f"---\n{yaml}{close}\nAuthor text for case {case_id}\n"


IDEAS = "  ideas: [a, b, c]\n"
OK = f"vault:\n{IDEAS}"  # file lines 2-3


def field_case(case_id: str, yaml: str, field: str, phrase: str, severity: Severity = "error",
               line: int = 4, **kwargs: object) -> Case:
    """A case whose YAML is `OK` plus `yaml` (starting on line 4)."""
    entry = severity != "error"
    return Case(case_id, page(case_id, OK + yaml), field, line, severity, phrase,
                entry=entry, **kwargs)  # type: ignore[arg-type]


GIANT_IDEAS = "".join(f"    - text: Idea {i} of many\n      links: [{i % 5000 + 1}]\n"
                      for i in range(1, 5001))

CASES = [
    # -- bytes -----------------------------------------------------------------------------------
    Case("bom", "\ufeff" + page("bom", OK)),
    Case("crlf", page("crlf", OK + "  date: nope\n").replace("\n", "\r\n"), "date", 4, "error",
         "YYYY-MM-DD", entry=False),
    Case("lone-cr", page("lone-cr", OK + "  date: nope\n").replace("\n", "\r"), "date", 4,
         "error", "YYYY-MM-DD", entry=False),
    Case("raw-nul", page("raw-nul", OK + "  series: a\x00b\n"), None, 4, "error",
         "U+0000 is not allowed", column=12, entry=False),
    Case("raw-esc", page("raw-esc", OK + "  series: a\x1b[31mb\n"), None, 4, "error",
         "U+001B is not allowed", column=12, entry=False),
    Case("escaped-controls", page("escaped-controls", OK + '  series: "a\\x1b[31m\\0b"\n'),
         "series", 4, "warning", "control characters (U+001B, U+0000), which were removed"),
    Case("control-in-label", page("control-in-label", "vault:\n  ideas:\n"
                                  '    - {text: a, label: "x\\x07y"}\n'),
         "ideas[0].label", 4, "warning", "control characters (U+0007)"),
    Case("control-in-title", page("control-in-title", 'title: "T\\x1b]0;pwn\\x07"\n' + OK),
         "title", 2, "warning", "control characters (U+001B, U+0007)"),
    Case("line-separator", page("line-separator", "title: 'a\u2028b'\n" + OK + "  x: 1\n"),
         "x", 5, "warning", "unknown field"),
    Case("paragraph-separator", page("paragraph-separator",
                                     "title: 'a\u2029b\x85c'\n" + OK + "  x: 1\n"),
         "x", 5, "warning", "unknown field"),
    Case("zero-width-and-bidi", page("zero-width-and-bidi", "vault:\n  series: \u202eabc\n"
                                     "  ideas: ['a\u200bb', 'family 👨\u200d👩\u200d👧']\n")),
    Case("no-final-newline", "---\nvault:\n  ideas: [a]\n---"),
    Case("closed-with-dots", page("closed-with-dots", OK, close="...")),
    Case("five-mb-page", page("five-mb-page", OK) + "Lorem ipsum dolor sit amet.\n" * 180_000,
         site=False),
    Case("five-thousand-ideas", page("five-thousand-ideas", "vault:\n  ideas:\n" + GIANT_IDEAS
                                     + "    - text: last\n      links: [5002]\n"),
         "ideas[5000].links[0]", 10005, "error", "links to idea 5002", entry=False,
         site=False),
    Case("deep-nesting", page("deep-nesting", OK + "  x: " + "[" * 1100 + "]" * 1100 + "\n"),
         None, 4, "error", "nested more than 1000 levels", entry=False),
    Case("python-tag", page("python-tag", OK + "  x: !!python/object/apply:os.system [ls]\n"),
         None, 4, "error", "no !!python", column=6, entry=False),
    Case("binary-tag", page("binary-tag", OK + "  series: !!binary aGVsbG8=\n"), "series", 4,
         "error", "got binary data", entry=False),
    Case("timestamp-tag", page("timestamp-tag", OK + "  date: !!timestamp 2025-03-07\n")),
    Case("set-tag", page("set-tag", OK + "  speakers: !!set {A, B}\n"), "speakers", 4, "error",
         "got a set", entry=False),
    Case("unknown-tag", page("unknown-tag", OK + "  series: !secret x\n"), None, 4, "error",
         "could not determine a constructor", entry=False),
    # -- the shape of `vault` --------------------------------------------------------------------
    Case("vault-null", page("vault-null", "vault:\n"), "vault", 2, "error", "got nothing",
         entry=False),
    Case("vault-true", page("vault-true", "vault: true\n"), "vault", 2, "error", "yes/no",
         entry=False),
    Case("vault-zero", page("vault-zero", "vault: 0\n"), "vault", 2, "error", "got 0",
         entry=False),
    Case("vault-empty-mapping", page("vault-empty-mapping", "vault: {}\n"), "ideas", 2,
         "error", "is required", entry=False),
    Case("vault-string", page("vault-string", "vault: my talk\n"), "vault", 2, "error",
         "got 'my talk'", entry=False),
    Case("vault-list", page("vault-list", "vault: [a, b]\n"), "vault", 2, "error",
         "got a list", entry=False),
    Case("vault-twice", page("vault-twice", OK + "title: T\n" + OK), "vault", 5, "error",
         "written 2 times (lines 2 and 5)", column=1, entry=False),
    Case("title-twice", page("title-twice", "title: A\n" + OK + "title: B\n"), None, 5,
         "warning", "`title` is written 2 times (lines 2 and 5)"),
    Case("explicit-key", page("explicit-key", "? vault\n:\n" + IDEAS + "  layout: lane\n"),
         "layout", 5, "error", "did you mean 'lanes'?", entry=False),
    Case("flow-mapping", page("flow-mapping", "{title: T,\n  vault: {ideas: [a], x: 1}}\n"),
         "x", 3, "warning", "unknown field"),
    # -- not vault pages: left alone however broken -----------------------------------------------
    Case("mention-in-quotes", page("mention-in-quotes", "description: 'vault: [x'\n  y: 1\n"),
         vault=False),
    Case("mention-nested", page("mention-nested", "meta:\n  vault: [\n"), vault=False),
    Case("mention-in-flow", page("mention-in-flow", "{meta: {vault: 1}, x: [\n"), vault=False),
    # -- wrong types, one per field --------------------------------------------------------------
    field_case("series-list", "  series: [a, b]\n", "series", "expected text, got a list"),
    field_case("number-text", "  number: first\n", "number", "whole number, got 'first'"),
    field_case("number-float-whole", "  number: 3.0\n", "number", "got 3.0 (write 3)"),
    field_case("number-float", "  number: 3.5\n", "number", "whole number, got 3.5"),
    field_case("number-negative", "  number: -2\n", "number", "at least 0, got -2"),
    field_case("number-bool", "  number: true\n", "number", "yes/no value"),
    field_case("number-sexagesimal", "  number: 1:30\n", "number", "got '1:30'"),
    field_case("total-zero", "  total: 0\n", "total", "at least 1, got 0"),
    field_case("date-number", "  date: 2024\n", "date", "YYYY-MM-DD, got 2024"),
    field_case("date-impossible", "  date: 2025-02-30\n", None, "'2025-02-30' is not a valid "
               "timestamp"),
    field_case("date-far-future", "  date: 2999-01-01\n", "date", "far future; is the year",
               "warning"),
    field_case("date-year-one", "  date: 0001-01-01\n", "date", "before the year 1000",
               "warning"),
    field_case("date-ambiguous", "  date: 03/07/2025\n", "date", "is it 2025-07-03 or"),
    field_case("speakers-mapping", "  speakers: {a: b}\n", "speakers", "list of names"),
    field_case("speaker-empty", "  speakers: [A, '']\n", "speakers[1]", "must not be empty"),
    field_case("host-list", "  host: [a]\n", "host", "expected text, got a list"),
    field_case("source-number", "  source: 3.5\n", "source", "{title, url}"),
    field_case("source-script", "  source: {title: t, url: 'javascript:x'}\n", "source.url",
               "'javascript:' are not allowed"),
    field_case("image-list", "  image: [a]\n", "image", "{src, alt}"),
    field_case("center-mapping", "  center: {a: 1}\n", "center", "got a mapping"),
    field_case("categories-number", "  categories: 3\n", "categories", "expected a mapping"),
    field_case("resume-mapping", "  resume: {a: 1}\n", "resume", "got a mapping"),
    field_case("credits-list", "  credits: [a]\n", "credits", "got a list"),
    field_case("layout-unknown", "  layout: grid\n", "layout", "'grid' is not one of"),
    field_case("sections-text", "  sections: graph\n", "sections", "expected a list"),
    field_case("sections-empty", "  sections: []\n", "sections", "shows only your own text",
               "warning"),
    Case("ideas-missing", page("ideas-missing", "vault:\n  series: S\n"), "ideas", 3, "error",
         "is required", entry=False),
    Case("ideas-empty", page("ideas-empty", "vault:\n  ideas: []\n"), "ideas", 3, "error",
         "non-empty list", entry=False),
    Case("idea-mapping-without-text", page("idea-mapping-without-text",
                                           "vault:\n  ideas:\n    - {label: x}\n"),
         "ideas[0]", 4, "error", "`text` is required", entry=False),
    Case("idea-number", page("idea-number", "vault:\n  ideas: [010, 1:30, 0x1F]\n")),
    # -- unknown and duplicate keys ---------------------------------------------------------------
    field_case("unknown-key", "  speaker: A\n", "speaker", "did you mean 'speakers'?",
               "warning"),
    field_case("duplicate-key", "  series: A\n  series: B\n", "series", "written twice (first "
               "on line 4)", "warning", line=5),
    # -- links ------------------------------------------------------------------------------------
    *(Case(f"link-{name}", page(f"link-{name}", f"vault:\n  ideas:\n    - {{text: a, links: "
                                                f"[{value}]}}\n    - b\n"),
           "ideas[0].links[0]", 4, severity, phrase, entry=severity == "warning")
      for name, value, severity, phrase in [
          ("self", "1", "warning", "links to itself"),
          ("negative", "-1", "error", "at least 1, got -1"),
          ("zero", "0", "error", "at least 1, got 0"),
          ("float", "2.0", "error", "got 2.0 (write 2)"),
          ("bool", "true", "error", "yes/no value"),
          ("huge", "99999999999999999999", "error", "too large"),
          ("out-of-range", "3", "error", "numbered 1 to 2"),
      ]),
    # -- category keys ----------------------------------------------------------------------------
    Case("category-key-empty", page("category-key-empty", "vault:\n  categories:\n    '': A\n"
                                    "    b: B\n  ideas: [{text: a, category: b}]\n"),
         "categories['']", 4, "error", "a category key must not be empty", entry=False),
    *(Case(f"category-key-{name}", page(f"category-key-{name}",
                                        f"vault:\n  categories:\n    {key}: {{label: L}}\n"
                                        f"  ideas: [{{text: a, category: {key}}}]\n"))
      for name, key in [("proto", "__proto__"), ("spaces", "'open source'"),
                        ("unicode", "'开放 ✓'"), ("constructor", "constructor")]),
    # -- colours ----------------------------------------------------------------------------------
    *(Case(f"color-{name}", page(f"color-{name}", f"vault:\n  categories:\n    c: {{color: "
                                                  f"'{value}'}}\n  ideas: [{{text: a, "
                                                  f"category: c}}]\n"),
           *(("categories.c.color", 4, "error", phrase) if phrase else ()),
           entry=not phrase)
      for name, value, phrase in [
          ("short-hex", "#FFF", ""),
          ("long-hex", "#D4F9D4", ""),
          ("rgba-hex", "#ffff", "transparency is not supported"),
          ("rrggbbaa", "#d4f9d480", "write #d4f9d4"),
          ("transparent", "transparent", "colour names (red, transparent, ...)"),
          ("name", "red", "colour names"),
          ("rgb-function", "rgb(200, 250, 200)", "CSS colour functions"),
          ("no-hash", "d4f9d4", "add the '#': #d4f9d4"),
      ]),
    Case("color-too-dark", page("color-too-dark", "vault:\n  categories:\n    c: {color: "
                                "'#123'}\n  ideas: [{text: a, category: c}]\n"),
         "categories.c.color", 4, "warning", "too dark"),
    # -- YAML syntax ------------------------------------------------------------------------------
    field_case("unquoted-colon", "  series: Costs: falling\n", None, "must be quoted",
               column=16),
    field_case("bad-indent", "   - d\n", None, "did not find expected key", column=4),
    field_case("unclosed-bracket", "  speakers: [A, B\n", None, "the bracket opened on line 4",
               line=5),
]


def load(case: Case) -> LoadedPage | None:
    return load_bytes(case.page) if isinstance(case.page, bytes) else load_page(case.page)


INVALID_UTF8 = Case("invalid-utf8", page("invalid-utf8", OK + "  series: caf\xe9\n").encode(
    "latin-1"), None, 4, "error", "invalid UTF-8 byte 0xe9 at line 4, column 14", column=14,
    entry=False)


@pytest.mark.timeout(10)
@pytest.mark.parametrize("case", [*CASES, INVALID_UTF8], ids=lambda c: c.id)
def test_catalogue(case: Case) -> None:
    """Exactly one message, with field path, line and severity; no traceback; the author's
    text is kept; the entry renders unless the message is an error."""
    loaded = load(case)
    if not case.vault:
        assert loaded is None
        return
    assert loaded is not None
    if case.severity is None:
        assert loaded.problems == ()
    else:
        assert len(loaded.problems) == 1, loaded.problems
        found = loaded.problems[0]
        assert (found.field, found.line, found.severity) == (case.field, case.line,
                                                             case.severity)
        assert case.phrase in found.message
        if case.column is not None:
            assert found.column == case.column
        assert found.format("docs/x.md").isprintable()
    assert (loaded.entry is not None) is case.entry
    assert loaded.ok is case.entry
    if case.id != "no-final-newline":
        assert loaded.body.startswith(case.body)


def test_case_ids_are_unique() -> None:
    """Every case has its own id (they name the pages of the site test)."""
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.timeout(10)
def test_giants_are_fast() -> None:
    """A 5 MB page and a 5,000-idea entry each load in well under a second or two."""
    for case_id in ("five-mb-page", "five-thousand-ideas"):
        case = next(c for c in CASES if c.id == case_id)
        start = time.perf_counter()
        load(case)
        assert time.perf_counter() - start < 2, case_id


def test_kept_as_written() -> None:
    """What the harmless cases keep: zero-width and bidi characters, numbers in text as typed,
    YAML 1.2 numbers, normalised colours, odd category keys."""
    def entry(case_id: str) -> Entry:
        loaded = load(next(c for c in CASES if c.id == case_id))
        assert loaded is not None
        assert loaded.entry is not None
        return loaded.entry

    zero_width = entry("zero-width-and-bidi")
    assert zero_width.series == "\u202eabc"
    assert [i.text for i in zero_width.ideas] == ["a\u200bb", "family 👨\u200d👩\u200d👧"]
    assert [i.text for i in entry("idea-number").ideas] == ["010", "1:30", "0x1F"]
    assert entry("color-short-hex").categories[0].color == "#ffffff"
    assert entry("category-key-proto").categories[0].key == "__proto__"
    assert entry("category-key-unicode").categories[0].key == "开放 ✓"
    assert entry("sections-empty").sections == ("body",)
    date = entry("timestamp-tag").date
    assert date is not None
    assert date.isoformat() == "2025-03-07"
    assert entry("escaped-controls").series == "a[31mb"


def test_yaml_1_2_numbers() -> None:
    """`number: 010` is ten (YAML 1.1 read eight), `0x1F` is 31."""
    for written, value in (("010", 10), ("0x1F", 31), ("0o17", 15)):
        loaded = load_page(page("n", f"{OK}  number: {written}\n"))
        assert loaded is not None
        assert loaded.entry is not None
        assert loaded.entry.number == value


def test_datetimes_are_dates() -> None:
    """A date with a time, written plainly or quoted, is the date."""
    for written in ("2025-03-07 10:30:00", "2025-03-07T10:30:00+02:00", "'2025-03-07T10:30'"):
        loaded = load_page(page("d", f"{OK}  date: {written}\n"))
        assert loaded is not None
        assert loaded.problems == ()
        assert loaded.entry is not None
        assert loaded.entry.date is not None
        assert loaded.entry.date.isoformat() == "2025-03-07"
