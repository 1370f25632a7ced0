"""Validation of `vault:` front matter, through `load_page` as the plugin calls it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from mkdocs_vault.graph.colors import PALETTE
from mkdocs_vault.graph.labels import derive_label, width
from mkdocs_vault.loading.pages import LoadedPage, load_page
from mkdocs_vault.loading.problems import Problem, has_errors
from mkdocs_vault.model import Category, Entry, Image, Source


def load(front_matter: str, body: str = "Body\n", **kwargs: int) -> LoadedPage:
    """Load a page whose YAML starts on file line 2 (line 1 is `---`)."""
    page = load_page(f"---\n{front_matter}---\n{body}", **kwargs)
    assert page is not None
    return page


def problem(page: LoadedPage, field: str) -> Problem:
    """The one problem about `field`."""
    found = [p for p in page.problems if p.field == field]
    assert len(found) == 1, page.problems
    return found[0]


def fields(page: LoadedPage) -> list[str | None]:
    """Fields of all problems, in reported order."""
    return [p.field for p in page.problems]


# -- valid entries -------------------------------------------------------------------------------


def test_minimal_entry() -> None:
    """Only `ideas`, written as plain strings, is a complete entry."""
    page = load("vault:\n  ideas:\n    - Alpha\n    - Beta gamma.\n    - 42\n")
    assert page.ok
    assert page.problems == ()
    entry = page.entry
    assert entry is not None
    assert [i.number for i in entry.ideas] == [1, 2, 3]
    assert [i.text for i in entry.ideas] == ["Alpha", "Beta gamma.", "42"]
    assert [i.label for i in entry.ideas] == ["Alpha", "Beta gamma", "42"]
    assert all(i.label_derived for i in entry.ideas)
    assert all(i.category is None and i.links == () for i in entry.ideas)
    assert entry.categories == ()
    assert (entry.title, entry.series, entry.number, entry.date, entry.source) == (
        None, None, None, None, None)
    assert entry.speakers == ()
    assert entry.layout is None
    assert entry.sections is None
    assert entry.extra == {}


def test_body_and_line() -> None:
    """The loaded page keeps the body and the file line it starts on."""
    page = load("vault:\n  ideas: [a]\n", body="\n\nHello\n")
    assert page.body == "Hello\n"
    assert page.body_line == 7


@pytest.mark.parametrize(
    "text",
    [
        "# No front matter\n",
        "---\ntitle: T\n---\nvault: in the body\n",
        "---\nvaulted: true\n---\n",
        "---\n- vault\n---\n",
    ],
)
def test_not_a_vault_page(text: str) -> None:
    """Pages without a top-level `vault:` key are not vault pages."""
    assert load_page(text) is None


FULL = """\
title: The Talk
vault:
  series: Lex 100+
  number: 116
  total: 120
  date: 2025-03-07
  speakers: [Dylan Patel, Nathan Lambert]
  host: Lex Fridman
  source:
    title: "Podcast #459"
    url: https://example.org/459
  image: {src: ../img/cover.svg, alt: A cover}
  center: DeepSeek Impact
  categories:
    open: {label: Open, color: "#d4f9d4"}
    cost: {label: Cost, color: "#F9D4D4"}
  resume: |
    First paragraph.

    Second paragraph.
  ideas:
    - text: Open weights compete at **27×** lower cost.
      label: Open rivals, 27× cheaper
      category: open
      links: [2]
    - text: Mixture of experts cuts compute.
      category: cost
  credits: "Interview by Lex | Vault by David"
  layout: classic
  sections: [header, ideas, graph]
"""


def test_full_entry() -> None:
    """Every documented field reaches the entry with its proper type."""
    page = load(FULL)
    assert page.problems == ()
    entry = page.entry
    assert entry is not None
    assert entry.title == "The Talk"
    assert entry.series == "Lex 100+"
    assert (entry.number, entry.total) == (116, 120)
    assert entry.date == dt.date(2025, 3, 7)
    assert entry.speakers == ("Dylan Patel", "Nathan Lambert")
    assert entry.host == "Lex Fridman"
    assert entry.source == Source(title="Podcast #459", url="https://example.org/459")
    assert entry.image == Image(src="../img/cover.svg", alt="A cover")
    assert entry.center == "DeepSeek Impact"
    assert entry.center_label("fallback") == "DeepSeek Impact"
    assert entry.categories == (
        Category("open", "Open", "#d4f9d4"),
        Category("cost", "Cost", "#f9d4d4"),
    )
    assert entry.resume == "First paragraph.\n\nSecond paragraph.\n"
    assert entry.credits == "Interview by Lex | Vault by David"
    assert entry.layout == "classic"
    assert entry.sections == ("header", "ideas", "graph")
    first, second = entry.ideas
    assert first.text == "Open weights compete at **27×** lower cost."
    assert first.label == "Open rivals, 27× cheaper"
    assert not first.label_derived
    assert first.category == "open"
    assert first.links == (2,)
    assert second.label == "Mixture of experts cuts compute"
    assert second.label_derived
    assert second.category == "cost"
    assert entry.category("cost") == Category("cost", "Cost", "#f9d4d4")
    assert entry.category("nope") is None


@pytest.mark.parametrize(
    ("yaml", "check"),
    [
        ("speakers: Solo", lambda e: e.speakers == ("Solo",)),
        ("source: https://x.org/a", lambda e: e.source == Source("https://x.org/a",
                                                                  "https://x.org/a")),
        ("source: Just a title", lambda e: e.source == Source("Just a title")),
        ("source: {url: 'https://x.org'}", lambda e: e.source == Source("https://x.org",
                                                                         "https://x.org")),
        ("source: {url: 'mailto:a@b.c', title: Mail}",
         lambda e: e.source == Source("Mail", "mailto:a@b.c")),
        ("image: img/a.png", lambda e: e.image == Image("img/a.png")),
        ("resume: [one, two]", lambda e: e.resume == "one\n\ntwo"),
        ("date: '2024-01-02'", lambda e: e.date == dt.date(2024, 1, 2)),
        ("date: 2024-01-02T10:00:00", lambda e: e.date == dt.date(2024, 1, 2)),
        ("number: '3'", lambda e: e.number == 3),
        ("series: 2025", lambda e: e.series == "2025"),
    ],
)
def test_short_forms(yaml: str, check: Callable[[Entry], bool]) -> None:
    """Shorthand forms of fields are accepted and normalised."""
    page = load(f"vault:\n  {yaml}\n  ideas: [a]\n")
    assert page.problems == ()
    assert page.entry is not None
    assert check(page.entry)


def test_title_from_front_matter() -> None:
    """The page title comes from the front matter, outside `vault:`."""
    entry = load("title: 42\nvault:\n  ideas: [a]\n").entry
    assert entry is not None
    assert entry.title == "42"
    assert entry.center_label("fallback") == "42"


# -- labels --------------------------------------------------------------------------------------


def test_derived_labels() -> None:
    """Ideas without a label get one derived from their text, and are marked as such."""
    long_text = ("Cost curves show a 27× drop in inference prices since GPT-3 launched, "
                 "according to the guests")
    page = load(f"vault:\n  ideas:\n    - text: {long_text}\n    - text: Kept.\n"
                f"      label: '  Own label  '\n")
    entry = page.entry
    assert entry is not None
    derived, own = entry.ideas
    assert derived.label_derived
    assert derived.label == derive_label(long_text)
    assert "27×" in derived.label
    assert width(derived.label) <= 40
    assert not own.label_derived
    assert own.label == "Own label"


@pytest.mark.parametrize("budget", [12, 20, 30])
def test_label_budget(budget: int) -> None:
    """`label_chars` is the budget of derived labels; written labels are kept whole."""
    text = "Reinforcement learning on verifiable rewards lets chain of thought emerge"
    page = load(f"vault:\n  ideas:\n    - {text}\n    - {{text: x, label: {text}}}\n",
                label_chars=budget)
    entry = page.entry
    assert entry is not None
    assert 0 < width(entry.ideas[0].label) <= budget
    assert entry.ideas[0].label == derive_label(text, budget)
    assert entry.ideas[1].label == text


# -- categories ----------------------------------------------------------------------------------


def test_categories_colours_and_palette() -> None:
    """Given colours are normalised; the palette fills the gaps without reusing one."""
    page = load(
        "vault:\n"
        "  categories:\n"
        "    a: {label: A, color: '#ABC'}\n"
        "    b: B\n"
        "    c: {label: C}\n"
        f"    d: {{color: '{PALETTE[0]}'}}\n"
        "    e:\n"
        "  ideas:\n"
        "    - {text: one, category: a}\n"
        "    - {text: two, category: b}\n"
        "    - {text: three, category: c}\n"
        "    - {text: four, category: d}\n"
        "    - {text: five, category: e}\n"
    )
    assert page.problems == ()
    entry = page.entry
    assert entry is not None
    assert entry.categories == (
        Category("a", "A", "#aabbcc"),
        Category("b", "B", PALETTE[1]),
        Category("c", "C", PALETTE[2]),
        Category("d", "d", PALETTE[0]),
        Category("e", "e", PALETTE[3]),
    )


def test_categories_list_form() -> None:
    """A list of keys declares categories that are their own labels."""
    entry = load(
        "vault:\n  categories: [open, cost]\n"
        "  ideas: [{text: a, category: cost}, {text: b, category: open}]\n"
    ).entry
    assert entry is not None
    assert entry.categories == (
        Category("open", "open", PALETTE[0]),
        Category("cost", "cost", PALETTE[1]),
    )


def test_implicit_categories() -> None:
    """Without `categories`, those named on ideas are declared in order of first use."""
    page = load(
        "vault:\n  ideas:\n"
        "    - {text: a, category: zeta}\n"
        "    - {text: b, category: alpha}\n"
        "    - {text: c, category: zeta}\n"
        "    - d\n"
    )
    assert page.problems == ()
    entry = page.entry
    assert entry is not None
    assert entry.categories == (
        Category("zeta", "zeta", PALETTE[0]),
        Category("alpha", "alpha", PALETTE[1]),
    )
    assert [i.category for i in entry.ideas] == ["zeta", "alpha", "zeta", None]


def test_unused_category_warning() -> None:
    """A declared category no idea uses is a warning on its key."""
    page = load("vault:\n  categories:\n    a: A\n    b: B\n  ideas: [{text: x, category: a}]\n")
    assert page.ok
    found = problem(page, "categories.b")
    assert (found.severity, found.line, found.column) == ("warning", 5, 5)
    assert "no idea uses" in found.message


def test_dark_colour_warning() -> None:
    """A fill too dark for the label text is a warning; the entry still renders."""
    page = load("vault:\n  categories:\n    geo: {label: Geo, color: '#123'}\n"
                "  ideas: [{text: a, category: geo}]\n")
    assert page.ok
    found = problem(page, "categories.geo.color")
    assert found.severity == "warning"
    assert found.line == 4
    assert "#112233" in found.message
    assert "too dark" in found.message
    assert page.entry is not None
    assert page.entry.categories[0].color == "#112233"


# -- errors --------------------------------------------------------------------------------------

CATEGORIES = "  categories:\n    geo: Geo\n    cost: Cost\n"  # file lines 3-5


@pytest.mark.parametrize(
    ("yaml", "field", "line", "words"),
    [
        (f"vault:\n{CATEGORIES}  ideas:\n    - {{text: a, category: geo}}\n"
         f"    - {{text: b, category: geo}}\n    - {{text: c, category: cost}}\n"
         f"    - {{text: d, category: nope}}\n",
         "ideas[3].category", 10, ["idea 4", "'nope' is not a declared category"]),
        (f"vault:\n{CATEGORIES}  ideas:\n    - {{text: a, category: geo}}\n"
         f"    - {{text: b, category: cots}}\n",
         "ideas[1].category", 8, ["idea 2", "did you mean 'cost'?", "declared: geo, cost"]),
        (f"vault:\n{CATEGORIES}  ideas:\n    - {{text: a, category: geo}}\n    - {{text: b}}\n",
         "ideas[1]", 8, ["idea 2", "a category is required", "one of: geo, cost"]),
        (f"vault:\n{CATEGORIES}  ideas:\n    - {{text: a, category: geo}}\n"
         f"    - {{text: b, category: }}\n",
         "ideas[1].category", 8, ["idea 2", "a category is required"]),
        ("vault:\n  ideas:\n    - {txt: a}\n", "ideas[0]", 4, ["idea 1", "`text` is required"]),
        ("vault:\n  ideas:\n    - text: ''\n", "ideas[0].text", 4, ["must not be empty"]),
        ("vault:\n  ideas:\n    - ok\n    - ''\n", "ideas[1]", 5, ["idea 2", "must not be empty"]),
        ("vault:\n  ideas:\n    - ok\n    - [x]\n", "ideas[1]", 5, ["idea 2", "got a list"]),
        ("vault:\n  ideas:\n    - true\n", "ideas[0]", 4, ["idea 1", "yes/no value"]),
        ("vault:\n  ideas: []\n", "ideas", 3, ["non-empty list"]),
        ("vault:\n  ideas: some text\n", "ideas", 3, ["non-empty list", "'some text'"]),
        ("vault:\n  series: x\n", "ideas", 3, ["is required"]),
        ("vault:\n  categories:\n    geo: {label: Geo, color: red}\n  ideas: [a]\n",
         "categories.geo.color", 4, ["#rgb or #rrggbb", "'red'", "quote it"]),
        ("vault:\n  categories:\n    geo: [x]\n  ideas: [{text: a, category: geo}]\n",
         "categories.geo", 4,
         ["expected {label, color}"]),
        ("vault:\n  categories: 3\n  ideas: [a]\n", "categories", 3, ["expected a mapping"]),
        ("vault:\n  source: {title: t, url: 'javascript:alert(1)'}\n  ideas: [a]\n",
         "source.url", 3, ["'javascript:' are not allowed"]),
        ("vault:\n  source: 'javascript://alert(1)'\n  ideas: [a]\n", "source", 3,
         ["'javascript:' are not allowed"]),
        ("vault:\n  source: {title: t, url: 'javascript&colon;alert(3)'}\n  ideas: [a]\n",
         "source.url", 3, ["are not allowed"]),
        ("vault:\n  image: {src: 'java&#115;cript:alert(4)'}\n  ideas: [a]\n",
         "image.src", 3, ["are not allowed"]),
        ("vault:\n  image: {src: '   ', alt: cover}\n  ideas: [a]\n", "image.src", 3,
         ["must not be empty"]),
        ("vault:\n  resume: [a, null, b]\n  ideas: [a]\n", "resume[1]", 3, ["is required"]),
        ("vault:\n  categories: [{a: b}, x]\n  ideas: [{text: t, category: x}]\n",
         "categories[0]", 3, ["expected a category key"]),
        ("vault:\n  categories: [1, '1']\n  ideas: [{text: t, category: 1}]\n",
         "categories.1", 3, ["declared twice"]),
        ("vault:\n  number: '²'\n  ideas: [a]\n", "number", 3, ["whole number"]),
        (f"vault:\n  number: '{'9' * 5000}'\n  ideas: [a]\n", "number", 3, ["too large"]),
        ("vault:\n  image: 'JaVaScRiPt:alert(1)'\n  ideas: [a]\n", "image", 3,
         ["'JaVaScRiPt:' are not allowed"]),
        ("vault:\n  image: {src: 'data:text/html,x'}\n  ideas: [a]\n", "image.src", 3,
         ["'data:' are not allowed"]),
        ("vault:\n  source: {url: \"java\\tscript:alert(1)\", title: t}\n  ideas: [a]\n",
         "source.url", 3, ["'javascript:' are not allowed"]),
        ("vault:\n  image: {alt: x}\n  ideas: [a]\n", "image.src", 3, ["is required"]),
        ("vault:\n  source: 3.5\n  ideas: [a]\n", "source", 3, ["{title, url}"]),
        ("vault:\n  ideas: [a]\n  date: 2025-3-7\n", "date", 4, ["YYYY-MM-DD", "'2025-3-7'"]),
        ("vault:\n  ideas: [a]\n  date: 2024\n", "date", 4, ["YYYY-MM-DD", "2024"]),
        ("vault:\n  ideas: [a]\n  number: 5\n  total: 3\n", "number", 4,
         ["5 is greater than total (3)"]),
        ("vault:\n  ideas: [a]\n  number: -1\n", "number", 4, ["at least 0", "got -1"]),
        ("vault:\n  ideas: [a]\n  number: first\n", "number", 4, ["whole number", "'first'"]),
        ("vault:\n  ideas: [a]\n  total: true\n", "total", 4, ["whole number", "yes/no"]),
        ("vault:\n  ideas: [a]\n  speakers: {a: b}\n", "speakers", 4, ["list of names"]),
        ("vault:\n  ideas: [a]\n  speakers: [A, '']\n", "speakers[1]", 4, ["must not be empty"]),
        ("vault:\n  ideas: [a]\n  series: [a, b]\n", "series", 4, ["expected text", "a list"]),
        ("vault:\n  ideas: [a]\n  host: {name: x}\n", "host", 4, ["expected text", "mapping"]),
        ("vault:\n  ideas: [a]\n  layout: lane\n", "layout", 4,
         ["'lane' is not one of: lanes, classic", "did you mean 'lanes'?"]),
        ("vault:\n  ideas: [a]\n  sections: graph\n", "sections", 4, ["expected a list"]),
        ("vault:\n  ideas: [a]\n  sections: [graph, idea]\n", "sections[1]", 4,
         ["did you mean 'ideas'?"]),
        ("vault:\n  ideas: [a]\n  sections: [graph, graph]\n", "sections", 4,
         ["'graph' is listed twice"]),
    ],
)
def test_error(yaml: str, field: str, line: int, words: list[str]) -> None:
    """Each error names its field path and line, and the entry is not produced."""
    page = load(yaml)
    assert page.entry is None
    assert not page.ok
    found = problem(page, field)
    assert found.severity == "error"
    assert found.line == line
    assert found.column is not None
    for word in words:
        assert word in found.message


@pytest.mark.parametrize(
    ("links", "field", "column", "severity", "words"),
    [
        ("[9]", "ideas[0].links[0]", 25, "error", ["idea 1", "links to idea 9", "1 to 3"]),
        ("[2, 0]", "ideas[0].links[1]", 28, "error", ["at least 1"]),
        ("[x]", "ideas[0].links[0]", 25, "error", ["whole number", "'x'"]),
        ("4", "ideas[0].links", 24, "error", ["idea 1", "links to idea 4"]),
        ("[1]", "ideas[0].links[0]", 25, "warning", ["idea 1", "links to itself"]),
        ("[2, 3, 2]", "ideas[0].links[2]", 31, "warning", ["idea 1", "idea 2 twice"]),
    ],
)
def test_links(links: str, field: str, column: int, severity: str, words: list[str]) -> None:
    """Links out of range are errors; self-links and repeated links are warnings."""
    page = load(f"vault:\n  ideas:\n    - {{text: a, links: {links}}}\n    - b\n    - c\n")
    found = problem(page, field)
    assert (found.severity, found.line, found.column) == (severity, 4, column)
    for word in words:
        assert word in found.message
    assert (page.entry is None) is (severity == "error")


def test_good_links_kept() -> None:
    """Valid links are kept once each, in the order written; bad ones are dropped."""
    page = load("vault:\n  ideas:\n    - {text: a, links: [3, 1, 2, 3]}\n    - {text: b, links: 1}"
                "\n    - c\n")
    entry = page.entry
    assert entry is not None
    assert entry.ideas[0].links == (3, 2)
    assert entry.ideas[1].links == (1,)
    assert [p.severity for p in page.problems] == ["warning", "warning"]


def test_link_message_names_third_idea() -> None:
    """Messages about links number ideas from 1, as the rendered list does."""
    page = load("vault:\n  ideas:\n    - a\n    - b\n    - {text: c, links: [7]}\n")
    found = problem(page, "ideas[2].links[0]")
    assert found.message.startswith("idea 3: ")
    assert found.line == 6


def test_link_message_numbers_after_broken_idea() -> None:
    """A link problem names the idea as written even when an earlier idea is broken."""
    page = load(f"vault:\n{CATEGORIES}  ideas:\n    - {{text: a, category: nope}}\n"
                f"    - {{text: b, category: geo, links: [9]}}\n")
    found = problem(page, "ideas[1].links[0]")
    assert found.message.startswith("idea 2: ")


def test_string_idea_needs_category_when_declared() -> None:
    """With declared categories, an idea written as a plain string lacks a category too."""
    page = load(f"vault:\n{CATEGORIES}  ideas:\n    - {{text: a, category: geo}}\n    - b\n")
    assert page.entry is None
    found = problem(page, "ideas[1]")
    assert (found.severity, found.line) == ("error", 8)
    assert "a category is required" in found.message


def test_url_with_spaces_is_encoded() -> None:
    """Spaces in a URL become %20 (nothing is dropped); control characters are a warning."""
    page = load("vault:\n  ideas: [a]\n  source: {title: t, url: 'https://x.org/a b'}\n")
    assert page.problems == ()
    assert page.entry is not None
    assert page.entry.source == Source("t", "https://x.org/a%20b")
    page = load('vault:\n  ideas: [a]\n  source: {title: t, url: "https://x.org/a\\x07b"}\n')
    found = problem(page, "source.url")
    assert (found.severity, found.line) == ("warning", 4)
    assert page.entry is not None
    assert page.entry.source == Source("t", "https://x.org/ab")


@pytest.mark.parametrize(
    "url", ["https://x.org", "http://x.org", "mailto:a@b.c", "ftp://x.org/f", "../a/b.png",
            "/abs/path", "#anchor", "HTTPS://X.ORG"],
)
def test_safe_urls(url: str) -> None:
    """Web, mail and relative links are accepted unchanged."""
    page = load(f"vault:\n  ideas: [a]\n  source: {{title: t, url: '{url}'}}\n")
    assert page.problems == ()
    assert page.entry is not None
    assert page.entry.source == Source("t", url)


# -- unknown keys, vault shape, missing ideas ----------------------------------------------------


@pytest.mark.parametrize(
    ("yaml", "field", "line", "column", "suggestion"),
    [
        ("vault:\n  ideas: [a]\n  categoris: {}\n", "categoris", 4, 3, "categories"),
        ("vault:\n  ideas: [a]\n  speaker: A\n", "speaker", 4, 3, "speakers"),
        ("vault:\n  ideas: [a]\n  mystery: 1\n", "mystery", 4, 3, None),
        ("vault:\n  ideas:\n    - {txt: a, text: b}\n", "ideas[0].txt", 4, 8, "text"),
        ("vault:\n  ideas:\n    - text: a\n      lable: b\n", "ideas[0].lable", 5, 7, "label"),
        ("vault:\n  ideas: [a]\n  source: {title: t, ulr: 'https://x'}\n", "source.ulr", 4,
         22, "url"),
        ("vault:\n  ideas: [a]\n  image: {src: a.png, atl: x}\n", "image.atl", 4,
         23, "alt"),
        ("vault:\n  ideas: [{text: a, category: g}]\n  categories:\n    g: {colour: '#fff'}\n",
         "categories.g.colour", 5, 9, "color"),
    ],
)
def test_unknown_keys(yaml: str, field: str, line: int, column: int,
                      suggestion: str | None) -> None:
    """Unknown keys are warnings at the key, with a suggestion when one is close."""
    page = load(yaml)
    assert page.entry is not None
    found = problem(page, field)
    assert (found.severity, found.line, found.column) == ("warning", line, column)
    assert "unknown field" in found.message
    if suggestion:
        assert f"did you mean '{suggestion}'?" in found.message
    else:
        assert "did you mean" not in found.message


def test_unknown_top_level_keys_kept_in_extra() -> None:
    """Unknown `vault:` fields are kept in `extra`, so nothing written is lost."""
    entry = load("vault:\n  ideas: [a]\n  mystery: {k: 1}\n  rating: 5\n").entry
    assert entry is not None
    assert entry.extra == {"mystery": {"k": 1}, "rating": 5}


@pytest.mark.parametrize(
    ("yaml", "words"),
    [
        ("vault: [a, b]\n", "got a list"),
        ("vault: 3\n", "got 3"),
        ("vault: text\n", "got 'text'"),
        ("vault:\n", "got nothing"),
        ("vault: true\n", "yes/no"),
    ],
)
def test_vault_not_a_mapping(yaml: str, words: str) -> None:
    """`vault:` must be a mapping; the error is on the `vault` key."""
    page = load("title: T\n" + yaml)
    assert page.entry is None
    found = problem(page, "vault")
    assert (found.severity, found.line, found.column) == ("error", 3, 1)
    assert "expected a mapping with at least `ideas:`" in found.message
    assert words in found.message


def test_missing_ideas_hint_when_at_top_level() -> None:
    """`ideas` written beside `vault:` instead of under it gets a hint."""
    page = load("vault:\n  series: S\nideas: [a, b]\n")
    assert page.entry is None
    found = problem(page, "ideas")
    assert (found.severity, found.line) == ("error", 3)
    assert "is required" in found.message
    assert "indent it under `vault:`" in found.message


def test_missing_ideas_without_hint() -> None:
    """Without a top-level `ideas`, there is no indentation hint."""
    found = problem(load("vault:\n  series: S\n"), "ideas")
    assert "indent" not in found.message


def test_missing_ideas_hint_when_vault_is_empty() -> None:
    """`vault:` left empty with `ideas` below it at the top level also gets the hint."""
    page = load("vault:\nideas: [a, b]\n")
    assert any("indent it under `vault:`" in p.message for p in page.problems)


def test_duplicate_keys_warn() -> None:
    """Keys written twice are warnings at the second one; the last value wins."""
    page = load(
        "vault:\n"              # 2
        "  series: A\n"         # 3
        "  ideas:\n"            # 4
        "    - text: one\n"     # 5
        "      text: two\n"     # 6
        "  series: B\n"         # 7
    )
    entry = page.entry
    assert entry is not None
    assert entry.series == "B"
    assert entry.ideas[0].text == "two"
    duplicates = [p for p in page.problems if "written twice" in p.message]
    assert [(p.field, p.line, p.severity) for p in duplicates] == [
        ("ideas[0].text", 6, "warning"),
        ("series", 7, "warning"),
    ]


def test_problems_sorted_by_line() -> None:
    """Problems come in file order."""
    page = load("vault:\n  zzz: 1\n  ideas: [a]\n  aaa: 2\n  layout: nope\n")
    assert [p.line for p in page.problems] == [3, 5, 6]
    assert fields(page) == ["zzz", "aaa", "layout"]


# -- YAML syntax errors --------------------------------------------------------------------------


def test_yaml_error_gives_one_problem() -> None:
    """Broken YAML is one error with its position, and no entry."""
    page = load("title: T\nvault:\n  ideas:\n    - a\n   - b\n", body="\n\nBody\n")
    assert page.entry is None
    assert not page.ok
    assert len(page.problems) == 1
    found = page.problems[0]
    assert (found.severity, found.line, found.column) == ("error", 6, 4)
    assert found.field is None
    assert page.body == "Body\n"
    assert page.body_line == 10


def test_impossible_date_is_a_problem() -> None:
    """A date such as 2025-02-30 is reported on its line instead of crashing."""
    page = load("vault:\n  ideas: [a]\n  date: 2025-02-30\n")
    assert page.entry is None
    assert [p.line for p in page.problems] == [4]


# -- problems ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "where", "formatted"),
    [
        (Problem("bad", "ideas[0]", 4, 7), "a.md:4:7", "a.md:4:7: ideas[0]: bad"),
        (Problem("bad", None, 4), "a.md:4", "a.md:4: front matter: bad"),
        (Problem("bad", "x", None, 3), "a.md", "a.md: x: bad"),
    ],
)
def test_problem_format(item: Problem, where: str, formatted: str) -> None:
    """Problems print as `path:line:column: field: message`."""
    assert item.where("a.md") == where
    assert item.format("a.md") == formatted


@pytest.mark.parametrize(("message", "shown"), [
    ("a\nWARNING - forged", "a\\nWARNING - forged"),
    ("x\r\x1b[31mred\x1b[0m", "x\\r\\x1b[31mred\\x1b[0m"),
    ("tab\there", "tab\\there"),
    ("\u2028\u2029\x85\u202e\u200b\ufeff", "\\u2028\\u2029\\x85\\u202e\\u200b\\ufeff"),
    ("\U000e0001", "\\U000e0001"),
    ("café 😀 東京 עברית", "café 😀 東京 עברית"),
])
def test_problem_format_escapes_control_characters(message: str, shown: str) -> None:
    """Every problem is one printable log line: controls, ANSI escapes, line separators and
    bidi or zero-width characters are escaped in the message, the field and the path."""
    formatted = Problem(message, f"categories.{message}", 3).format(f"docs/{message}.md")
    assert formatted == f"docs/{shown}.md:3: categories.{shown}: {shown}"
    assert formatted.isprintable()


def test_yes_and_no_are_text() -> None:
    """YAML 1.2: `yes`, `no`, `on` and `off` are words, not booleans."""
    page = load("vault:\n  series: no\n  ideas: [yes, off]\n")
    assert page.entry is not None
    assert page.entry.series == "no"
    assert [i.text for i in page.entry.ideas] == ["yes", "off"]


def test_has_errors() -> None:
    """Only errors stop an entry; warnings do not."""
    assert not has_errors([Problem("w", severity="warning")])
    assert has_errors([Problem("w", severity="warning"), Problem("e")])
    assert not has_errors([])


def test_source_text_with_a_colon_is_a_title() -> None:
    """`re:Invent keynote` names a source; only `scheme://` (or mailto:) makes it a link."""
    for title in ("re:Invent 2024 keynote", "Part:One", "javascript:alert(1)"):
        page = load(f"vault:\n  ideas: [a]\n  source: '{title}'\n")
        assert page.problems == ()
        assert page.entry is not None
        assert page.entry.source == Source(title)


@pytest.mark.parametrize(("written", "shown"), [
    ("0x1F", "0x1F"), ("12:30", "12:30"), ("3.10", "3.10"), ("010", "010"),
    ("1.0e+400", "1.0e+400"),
])
def test_numbers_in_text_fields_are_kept_as_written(written: str, shown: str) -> None:
    """YAML would read these as numbers; text fields show what the author typed."""
    page = load(f"vault:\n  series: {written}\n  ideas:\n    - {written}\n")
    assert page.entry is not None
    assert page.entry.series == shown
    assert page.entry.ideas[0].text == shown


def test_odd_keys_are_located() -> None:
    """`yes:`, `~:` and `0x10:` keys are reported on their own lines."""
    page = load("vault:\n  ideas: [a]\n  yes: 1\n  ~: 2\n  0x10: 3\n")
    lines = sorted(p.line for p in page.problems if "unknown field" in p.message)
    assert lines == [4, 5, 6]


def test_backslash_at_the_end_of_a_url() -> None:
    """A trailing backslash cannot escape the Markdown link."""
    page = load("vault:\n  ideas: [a]\n  source: {title: t, url: 'http://a.example/x\\'}\n")
    assert page.entry is not None
    assert page.entry.source == Source("t", "http://a.example/x%5C")
