"""The vault-wide pages: index, series, categories, people, as Markdown text."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import unquote

import markdown
import pytest

from mkdocs_vault.loading.pages import load_page
from mkdocs_vault.model import Category, Entry, Idea
from mkdocs_vault.render.page import plain
from mkdocs_vault.site import (
    DEFAULT_STRINGS,
    Neighbour,
    SeriesInfo,
    SiteEntry,
    SiteSettings,
    author_pages_win,
    generate,
    page_uris,
    place_listing,
    prev_next,
    prev_next_html,
    site_pages,
    slug,
)
from mkdocs_vault.site.build import build_vault
from tests.sitebuilder import SiteBuilder

OPEN = Category("open", "Open", "#d4f9d4")
COST = Category("cost", "Cost", "#ffe0e0")


def idea(number: int, text: str, category: str | None = None) -> Idea:
    return Idea(number=number, text=text, label=text[:20], category=category)


def vault() -> list[SiteEntry]:
    """Four entries, two series, shared people and categories (spelt differently)."""
    return [
        SiteEntry("lex/deepseek.md", Entry(
            ideas=(idea(1, "Open weights *rival* GPT-4.", "open"),
                   idea(2, "Mixture of experts cuts [cost](chips.md).", "cost"),
                   idea(3, "Export controls shape the race.", "open"),
                   idea(4, "Megaclusters need gigawatts.")),
            title="DeepSeek and AI Megaclusters", series="Lex 100+", number=116,
            date=dt.date(2025, 3, 7), speakers=("Dylan Patel", "Nathan Lambert"),
            host="Lex Fridman", categories=(OPEN, COST))),
        SiteEntry("lex/chips.md", Entry(
            ideas=(idea(1, "TSMC makes the chips.", "hw"), idea(2, "Fabs cost billions.", "c")),
            title="Chips", series="Lex 100+", number=115, date=dt.date(2025, 2, 1),
            speakers=("Dylan Patel",), host="lex fridman",
            categories=(Category("hw", "Hardware", "#e0e0ff"), Category("c", "cost", "#fff0c0")))),
        SiteEntry("talks/keynote.md", Entry(
            ideas=(idea(1, "Open models win in the end.", "o"),),
            title="The Open Keynote", series="Keynotes", number=1, date=dt.date(2024, 6, 1),
            speakers=("Nathan Lambert",), host="Lex  Fridman",
            categories=(Category("o", "OPEN", "#d4f9d4"),))),
        SiteEntry("notes/solo.md", Entry(
            ideas=(idea(1, "Write things down."),), date=dt.date(2023, 1, 1),
            speakers=("Ann",)), title="Solo notes"),
    ]


SETTINGS = SiteSettings(name="Test Vault", series={
    "lex 100+": SeriesInfo(description="Conversations, long form.", total=120)})



INDEX = """\
# Test Vault

Entries&#58; 4 · Ideas&#58; 8 · Series&#58; 2 · People&#58; 4

## [Keynotes](series/keynotes.md)

- No&#46; 1 · 2024&#45;06&#45;01 · [The Open Keynote](../talks/keynote.md) · \
[Nathan Lambert](people/nathan-lambert.md)

## [Lex 100&#43;](series/lex-100.md)

- No&#46; 115 · 2025&#45;02&#45;01 · [Chips](../lex/chips.md) · \
[Dylan Patel](people/dylan-patel.md)
- No&#46; 116 · 2025&#45;03&#45;07 · [DeepSeek and AI Megaclusters](../lex/deepseek.md) · \
[Dylan Patel](people/dylan-patel.md), [Nathan Lambert](people/nathan-lambert.md)

## Other entries

- 2023&#45;01&#45;01 · [Solo notes](../notes/solo.md) · [Ann](people/ann.md)

## Categories

[cost](categories/cost.md) (2) · [Hardware](categories/hardware.md) (1) · \
[Open](categories/open.md) (3)

## People

[Ann](people/ann.md) (1) · [Dylan Patel](people/dylan-patel.md) (2) · \
[Lex Fridman](people/lex-fridman.md) (3) · [Nathan Lambert](people/nathan-lambert.md) (2)
"""

SERIES = """\
# Lex 100&#43;

Conversations, long form&#46;

2 of 120 entries

- No&#46; 115 · 2025&#45;02&#45;01 · [Chips](../../lex/chips.md) · \
[Dylan Patel](../people/dylan-patel.md)
- No&#46; 116 · 2025&#45;03&#45;07 · \
[DeepSeek and AI Megaclusters](../../lex/deepseek.md) · \
[Dylan Patel](../people/dylan-patel.md), [Nathan Lambert](../people/nathan-lambert.md)
"""

CATEGORY = """\
---
search:
  exclude: true
---

# Open

3 ideas · 2 entries

<div class="vault-listing">
<h2><a href="../../talks/keynote.md">The Open Keynote</a></h2>
<ul>
<li><a href="../../talks/keynote.md#idea-1">1. Open models win in the end.</a></li>
</ul>
<h2><a href="../../lex/deepseek.md">DeepSeek and AI Megaclusters</a></h2>
<ul>
<li><a href="../../lex/deepseek.md#idea-1">1. Open weights rival GPT-4.</a></li>
<li><a href="../../lex/deepseek.md#idea-3">3. Export controls shape the race.</a></li>
</ul>
</div>
"""

PERSON = """\
# Nathan Lambert

2 entries

- 2024&#45;06&#45;01 · [The Open Keynote](../../talks/keynote.md) · \
[Keynotes](../series/keynotes.md) No&#46; 1 · Speaker
- 2025&#45;03&#45;07 · [DeepSeek and AI Megaclusters](../../lex/deepseek.md) · \
[Lex 100&#43;](../series/lex-100.md) No&#46; 116 · Speaker
"""


def test_index_page() -> None:
    """Counts, then series in title order with their entries by number, then the entries
    without a series, then categories and people; people spelt as most entries spell them."""
    assert site_pages(vault(), SETTINGS)["vault/index.md"] == INDEX


def test_series_page() -> None:
    """Description and "N of TOTAL" from mkdocs.yml (matched case-insensitively)."""
    assert site_pages(vault(), SETTINGS)["vault/series/lex-100.md"] == SERIES


def test_category_page() -> None:
    """`Open` and `OPEN` are one category; ideas as plain text, linked to their anchors."""
    assert site_pages(vault(), SETTINGS)["vault/categories/open.md"] == CATEGORY


def test_person_page() -> None:
    assert site_pages(vault(), SETTINGS)["vault/people/nathan-lambert.md"] == PERSON


def test_every_page_and_order() -> None:
    assert list(site_pages(vault(), SETTINGS)) == [
        "vault/index.md", "vault/series/keynotes.md", "vault/series/lex-100.md",
        "vault/categories/cost.md", "vault/categories/hardware.md", "vault/categories/open.md",
        "vault/people/ann.md", "vault/people/dylan-patel.md", "vault/people/lex-fridman.md",
        "vault/people/nathan-lambert.md"]


def test_deterministic_whatever_the_input_order() -> None:
    assert site_pages(list(reversed(vault())), SETTINGS) == site_pages(vault(), SETTINGS)


def test_roles_and_total_from_entries() -> None:
    """Someone who speaks and hosts has both roles; without mkdocs.yml's total, the entries'
    largest `total` counts; without any, the number of entries is shown."""
    entries = [SiteEntry("a.md", Entry(ideas=(), title="A", series="S", number=1, total=9,
                                       speakers=("Bo",), host="bo")),
               SiteEntry("b.md", Entry(ideas=(), title="B", series="T"))]
    pages = site_pages(entries)
    assert "- [A](../../a.md) · [S](../series/s.md) No&#46; 1 · Speaker, Host\n" in pages[
        "vault/people/bo.md"]
    assert "\n1 of 9 entries\n" in pages["vault/series/s.md"]
    assert "\n1 entry\n" in pages["vault/series/t.md"]


LINK_RE = re.compile(r"\]\(([^()\s]+)\)")
HREF_RE = re.compile(r'<a href="([^"]*)"')


def links(page: str) -> list[str]:
    """Link targets, relative to the page's source file: Markdown links, then raw HTML ones."""
    return LINK_RE.findall(page) + HREF_RE.findall(page)


def resolve(page_uri: str, target: str) -> tuple[str, str]:
    """The source uri a link lands on, and its anchor."""
    path, _, anchor = target.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), unquote(path))), anchor


@pytest.mark.parametrize("settings", [
    SETTINGS,
    SiteSettings(index_uri="index.md", series_uri="series-{slug}.md",
                 category_uri="a/b/c/{slug}.md", person_uri="lex/{slug}.md"),
])
def test_links_resolve(settings: SiteSettings) -> None:
    """Every link is relative and lands on an entry (an idea of it) or a generated page."""
    entries = vault()
    ideas = {e.uri: {f"idea-{i.number}" for i in e.entry.ideas} for e in entries}
    pages = site_pages(entries, settings)
    found = 0
    for uri, page in pages.items():
        for target in links(page):
            assert not re.match(r"[a-z]+:", target)
            assert not target.startswith("/")
            path, anchor = resolve(uri, target)
            assert path in ideas or path in pages, (uri, target)
            if anchor:
                assert anchor in ideas[path], (uri, target)
            found += 1
    assert found > 40


def test_entry_uris_with_spaces_and_parentheses() -> None:
    """File names that would end a Markdown link are percent-encoded; MkDocs decodes them."""
    entry = SiteEntry("my talks/a (1) {{x}}.md", Entry(ideas=(idea(1, "I", "k"),), title="T",
                                                 categories=(Category("k", "K", "#ffffff"),)))
    pages = site_pages([entry])
    targets = [t for page in pages.values() for t in links(page)]
    assert "../my%20talks/a%20%281%29%20%7B%7Bx%7D%7D.md" in targets
    assert "../../my%20talks/a%20%281%29%20%7B%7Bx%7D%7D.md#idea-1" in targets
    assert resolve("vault/index.md", "../my%20talks/a%20%281%29%20%7B%7Bx%7D%7D.md")[0] == (
        entry.uri)


HOSTILE = ["*NSYNC_[x]", "{{ 7*7 }}", "</a><script>alert(1)</script>", "a](javascript:x)",
           "{% raw %}", "<!-- vault:listing -->", "`code`", "# not a heading", "1. x", "|a|b|"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs.extend(v or "" for k, v in attrs if k == "href")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def hostile_vault() -> list[SiteEntry]:
    entries = []
    for n, name in enumerate(HOSTILE):
        entries.append(SiteEntry(f"h/{n}.md", Entry(
            ideas=(idea(1, name, "k"), idea(2, f"**bold** {name} and [a link](x.md)", "k")),
            title=name, series=name, number=n, speakers=(name,), host=f"{name} host",
            categories=(Category("k", name, "#ffffff"),))))
    return entries


def test_hostile_names_are_shown_literally() -> None:
    """Names and texts that are Markdown, HTML, template or link syntax are shown as written,
    through Python-Markdown and its usual extensions: no element, no link, no template tag."""
    settings = SiteSettings(name="{{ config }} <b>", series={
        name: SeriesInfo(description=f"{name} description") for name in HOSTILE[:2]})
    pages = generate(hostile_vault(), settings, overview="<div>{{ overview }}</div>")
    assert len(pages) == 1 + 4 * len(HOSTILE)  # each has a person and "... host"
    for uri, page in pages.items():
        text = page.markdown
        assert "{{" not in text
        assert "{%" not in text
        rendered = markdown.markdown(text, extensions=["meta", "toc", "tables", "attr_list",
                                                       "md_in_html"])
        assert "<script" not in rendered.lower(), uri
        assert not re.search(r"=\s*[\"']?\s*javascript:", rendered.lower()), uri  # as text only
        assert "<table" not in rendered
        assert rendered.startswith("<h1")
        parser = _Text()
        parser.feed(rendered)
        for href in parser.hrefs:
            assert not re.match(r"[a-z]+:", href), (uri, href)
        assert "".join(parser.text).startswith(page.title + "\n"), uri
    index = _Text()
    index.feed(markdown.markdown(pages["vault/index.md"].markdown))
    shown = "".join(index.text)
    assert "{{ config }} <b>" in shown
    assert "{{ overview }}" in shown
    for name in HOSTILE:
        assert name in shown
        assert f"{name} host" in shown


def test_hostile_idea_text_is_plain_on_category_pages() -> None:
    pages = site_pages(hostile_vault())
    page = pages[f"vault/categories/{slug(HOSTILE[0])}.md"]
    rendered = _Text()
    rendered.feed(markdown.markdown(page, extensions=["meta"]))
    shown = "".join(rendered.text)
    assert "1. *NSYNC_[x]" in shown
    assert "2. bold *NSYNC_[x] and a link" in shown  # the idea's markup reduced to its text


def test_slugs() -> None:
    assert slug("Lex 100+") == "lex-100"
    assert slug("Café  Ümlaut_x") == "cafe-umlaut-x"
    assert slug("東京 AI") == "東京-ai"
    assert slug("???") == slug("???") != slug("!!!")
    assert re.fullmatch(r"n[0-9a-f]{8}", slug("???"))
    assert len(slug("word " * 50)) <= 60
    assert not slug("word " * 50).endswith("-")


def _category_entry(uri: str, *labels: str) -> SiteEntry:
    categories = tuple(Category(f"k{i}", label, "#ffffff") for i, label in enumerate(labels))
    ideas = tuple(idea(i + 1, "I", f"k{i}") for i in range(len(labels)))
    return SiteEntry(uri, Entry(ideas=ideas, title=uri, categories=categories))


def test_slug_collisions_are_numbered_deterministically() -> None:
    """`C`, `C#` and `C++` all slug to `c`: sorted by name, they get c, c-2, c-3, whatever
    order the entries come in; `c 2` takes its own slug first, so `C++` moves on to c-3."""
    entries = [_category_entry("a.md", "C++", "C"), _category_entry("b.md", "C#", "c 2")]
    uris = page_uris(entries, SiteSettings())
    assert uris.categories == {
        "c": "vault/categories/c.md", "c 2": "vault/categories/c-2.md",
        "c#": "vault/categories/c-3.md", "c++": "vault/categories/c-4.md"}
    assert page_uris(list(reversed(entries)), SiteSettings()) == uris
    assert uris.of_category("C++") == "vault/categories/c-4.md"
    pages = site_pages(entries)
    assert "# C&#43;&#43;\n" in pages["vault/categories/c-4.md"]
    assert len(set(uris.all())) == len(uris.all()) == 5


def test_uris_unique_across_kinds() -> None:
    """A series called `Index` cannot take the index page's uri."""
    settings = SiteSettings(series_uri="vault/{slug}.md", person_uri="vault/{slug}.md")
    entries = [SiteEntry("a.md", Entry(ideas=(), title="A", series="Index",
                                       speakers=("Index", "index 2")))]
    uris = page_uris(entries, settings)
    assert uris.index == "vault/index.md"
    assert uris.series == {"index": "vault/index-2.md"}
    assert uris.people == {"index": "vault/index-3.md", "index 2": "vault/index-2-2.md"}
    assert sorted(site_pages(entries, settings)) == sorted(uris.all())


def test_disabled_kinds() -> None:
    """A kind switched off has no pages, and no links point to it."""
    settings = SiteSettings(series_pages=False, people_pages=False, category_pages=False)
    pages = site_pages(vault(), settings)
    assert list(pages) == ["vault/index.md"]
    assert all(resolve("vault/index.md", t)[0] in {e.uri for e in vault()}
               for t in links(pages["vault/index.md"]))
    assert "## Lex 100&#43;\n" in pages["vault/index.md"]
    assert "## Categories" not in pages["vault/index.md"]
    assert "vault/index.md" not in site_pages(vault(), SiteSettings(index=False))


@pytest.mark.parametrize("uri", ["vault/x.html", "/vault/index.md", "vault/../x.md",
                                 "vault//x.md", "vault\\x.md"])
def test_bad_uris_are_refused(uri: str) -> None:
    with pytest.raises(ValueError, match="index_uri"):
        SiteSettings(index_uri=uri)
    with pytest.raises(ValueError, match="must hold"):
        SiteSettings(series_uri="vault/series.md")


def test_strings_can_be_translated() -> None:
    strings = {"entries": "Einträge", "ideas": "Ideen", "series": "Reihen", "people": "Personen",
               "count": "{count} {label}", "number": "Nr. {number}", "no_series": "Andere",
               "speaker": "Sprecher", "entry_count": "{count} Einträge"}
    settings = SiteSettings(name="Archiv", strings=strings, date_format="%d.%m.%Y")
    pages = site_pages(vault(), settings)
    assert "4 Einträge · 8 Ideen · 2 Reihen · 4 Personen" in pages["vault/index.md"]
    assert "- Nr&#46; 115 · 01&#46;02&#46;2025 · [Chips]" in pages["vault/index.md"]
    assert "## Andere\n" in pages["vault/index.md"]
    assert "\n2 Einträge\n" in pages["vault/people/nathan-lambert.md"]
    assert "· Sprecher\n" in pages["vault/people/nathan-lambert.md"]
    assert "## Categories" in pages["vault/index.md"]  # not translated: the default stays


def test_overview_goes_after_the_counts() -> None:
    page = site_pages(vault(), SETTINGS, overview='<div class="vault-overview">G</div>')[
        "vault/index.md"]
    assert page.startswith("# Test Vault\n\nEntries&#58; 4 · Ideas&#58; 8 · Series&#58; 2 · "
                           'People&#58; 4\n\n<div class="vault-overview">G</div>\n\n## ')


def test_prev_next() -> None:
    found = prev_next(vault())
    assert found == {
        "lex/chips.md": (None, "lex/deepseek.md"),
        "lex/deepseek.md": ("lex/chips.md", None),
        "talks/keynote.md": (None, None),
    }


def test_prev_next_without_numbers_and_ties() -> None:
    """Numbered first, then by date, then title: the series page's order."""
    def e(uri: str, number: int | None, day: int) -> SiteEntry:
        return SiteEntry(uri, Entry(ideas=(), title=uri, series="s", number=number,
                                    date=dt.date(2024, 1, day)))
    entries = [e("d.md", None, 1), e("c.md", 2, 1), e("b.md", 1, 5), e("a.md", 1, 5)]
    assert prev_next(entries) == {"a.md": (None, "b.md"), "b.md": ("a.md", "c.md"),
                                  "c.md": ("b.md", "d.md"), "d.md": ("c.md", None)}


def test_prev_next_html() -> None:
    line = prev_next_html(Neighbour("../chips/", "Chips & <b>{{x}}</b>"),
                          Neighbour("../b/?a=1&b=2", "B"))
    assert line == (
        '<nav class="vault-prev-next"><a class="vault-prev" rel="prev" href="../chips/">'
        '<span class="vault-prev-next-label">Previous</span> Chips &amp; &lt;b&gt;&#123;&#123;'
        'x&#125;&#125;&lt;/b&gt;</a><a class="vault-next" rel="next" href="../b/?a=1&amp;b=2">'
        '<span class="vault-prev-next-label">Next</span> B</a></nav>')
    assert prev_next_html(None, None) == ""
    assert prev_next_html(Neighbour("javascript:alert(1)", "x"), None) == ""
    assert "Weiter" in prev_next_html(None, Neighbour("b/", "B"), {"next": "Weiter"})
    assert set(DEFAULT_STRINGS) >= {"previous", "next", "speaker", "host"}


def test_author_pages_win() -> None:
    pages = site_pages(vault(), SETTINGS)
    kept = author_pages_win(pages, {"vault/index.md", "Vault/People/Ann.md", "lex/chips.md"})
    assert "vault/index.md" not in kept
    assert "vault/people/ann.md" not in kept
    assert set(pages) - set(kept) == {"vault/index.md", "vault/people/ann.md"}


LISTING = "Entries: 4\n\n## Lex\n\n- [A](a.md)\n"


def test_marker_places_the_listing() -> None:
    author = "# My vault\n\nHello.\n\n<!-- vault:listing -->\n\nThe end.\n"
    assert place_listing(author, LISTING) == (
        "# My vault\n\nHello.\n\n\nEntries: 4\n\n## Lex\n\n- [A](a.md)\n\n\nThe end.\n")
    rendered = markdown.markdown(place_listing(author, LISTING))
    assert rendered.index("Hello") < rendered.index("<h2>Lex") < rendered.index("The end")


def test_without_marker_the_listing_is_appended() -> None:
    """As Material's blog lists the posts after the author's own index page."""
    assert place_listing("# Mine\n\nText.\n\n", LISTING) == "# Mine\n\nText.\n\n" + LISTING
    assert place_listing("", LISTING) == LISTING
    assert place_listing("# Mine", LISTING, marker="<!-- here -->") == "# Mine\n\n" + LISTING


def test_marker_in_code_or_indented_is_not_a_marker() -> None:
    author = ("```md\n<!-- vault:listing -->\n```\n\n    <!-- vault:listing -->\n\n"
              "  <!-- vault:listing -->\n\n<!-- vault:listing -->\n")
    placed = place_listing(author, LISTING)
    assert placed.startswith("```md\n<!-- vault:listing -->\n```\n\n    <!-- vault:listing -->"
                             "\n\n\nEntries: 4")
    assert placed.endswith("- [A](a.md)\n\n\n<!-- vault:listing -->\n")  # only the first


def test_generated_page_parts() -> None:
    """The listing is the page without its title: what an author's own page receives."""
    page = generate(vault(), SETTINGS)["vault/series/lex-100.md"]
    assert page.title == "Lex 100+"
    assert page.markdown == f"# {plain(page.title)}\n\n{page.listing}"
    assert not page.listing.startswith("#")


def big_vault(count: int) -> list[SiteEntry]:
    categories = tuple(Category(f"c{i}", f"Category {i}", "#ffffff") for i in range(50))
    entries = []
    for n in range(count):
        ideas = tuple(idea(i + 1, f"Idea {i} of entry {n}, with *some* [markup](x.md).",
                           f"c{(n + i) % 50}") for i in range(30))
        entries.append(SiteEntry(f"s{n % 20}/e{n}.md", Entry(
            ideas=ideas, title=f"Entry {n}", series=f"Series {n % 20}", number=n // 20,
            date=dt.date(2020, 1, 1) + dt.timedelta(days=n), categories=categories,
            speakers=(f"Speaker {n % 300}", f"Speaker {(n * 7) % 300}"),
            host=f"Host {n % 5}")))
    return entries


@pytest.mark.timeout(30)
def test_a_thousand_entries_are_fast() -> None:
    entries = big_vault(1000)
    start = time.perf_counter()
    pages = site_pages(entries, SETTINGS)
    elapsed = time.perf_counter() - start
    assert len(pages) == 1 + 20 + 50 + 305
    assert elapsed < 3, f"{elapsed:.2f} s"
    assert sum(len(p) for p in pages.values()) > 1_000_000


@pytest.mark.site
def test_generated_pages_build_strictly(tmp_path: Path) -> None:
    """The pages as files of a real site with the vault plugin, built with --strict and link
    and anchor validation: every generated link resolves, every idea anchor exists."""
    site = SiteBuilder(tmp_path)
    site.config["plugins"] = ["search", "vault"]
    site.config["validation"] = {"links": {"not_found": "warn", "anchors": "warn"}}
    hostile = {"title": HOSTILE[0], "vault": {
        "series": "Lex 100+", "number": 117, "speakers": [HOSTILE[1], HOSTILE[2]],
        "host": HOSTILE[3], "categories": {"open": {"label": "open"}},
        "ideas": [{"text": f"{HOSTILE[2]} idea", "category": "open"}]}}
    sources = {
        "lex/deepseek.md": {"title": "DeepSeek and AI Megaclusters", "vault": {
            "series": "Lex 100+", "number": 116, "date": "2025-03-07",
            "speakers": ["Dylan Patel", "Nathan Lambert"], "host": "Lex Fridman",
            "categories": {"open": {"label": "Open"}, "cost": {"label": "Cost"}},
            "ideas": [{"text": "Open weights rival GPT-4.", "category": "open"},
                      {"text": "Mixture of experts cuts [cost](chips.md).", "category": "cost"},
                      {"text": "Megaclusters need gigawatts.", "category": "cost"}]}},
        "lex/chips.md": {"title": "Chips", "vault": {
            "series": "Lex 100+", "number": 115, "date": "2025-02-01",
            "speakers": ["Dylan Patel"], "categories": {"c": {"label": "cost"}},
            "ideas": [{"text": "Fabs cost billions.", "category": "c"}]}},
        "my talks/open (1).md": {"title": "The Open Keynote", "vault": {
            "series": "Keynotes", "number": 1, "speakers": ["Nathan Lambert"],
            "categories": {"o": {"label": "OPEN"}},
            "ideas": [{"text": "Open models win.", "category": "o"}]}},
        "notes/hostile.md": hostile,
    }
    entries = []
    for uri, meta in sources.items():
        path = site.entry(uri, meta["vault"], title=str(meta["title"]))
        loaded = load_page(path.read_text(encoding="utf-8"))
        assert loaded is not None
        assert loaded.entry is not None, loaded.problems
        entries.append(SiteEntry(uri, loaded.entry))
    own = "vault/people/nathan-lambert.md"
    author = "# Nathan, in his words\n\nA bio.\n\n<!-- vault:listing -->\n\nMore.\n"
    pages = generate(entries, SiteSettings(name="Test Vault"))
    kept = author_pages_win(pages, {own, *sources})
    assert set(pages) - set(kept) == {own}
    for uri, page in kept.items():
        (site.docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (site.docs / uri).write_text(page.markdown, encoding="utf-8")
    site.page(own, place_listing(author, pages[own].listing))
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert result.warnings == []
    index = result.html("vault/index.md")
    assert 'href="../lex/deepseek/"' in index
    assert 'href="../my%20talks/open%20%281%29/"' in index
    assert 'href="series/lex-100/"' in index
    assert html.escape(HOSTILE[0], quote=False) in index
    assert "<script>alert" not in index
    category = result.html("vault/categories/open.md")
    assert 'href="../../lex/deepseek.md#idea-1"' in category
    assert "<title>Open - Test vault</title>" in category
    person = result.html(own)
    assert "<title>Nathan, in his words - Test vault</title>" in person
    person = person[person.index("<article"):]
    assert person.index("A bio.") < person.index('href="../../../my%20talks/open%20%281%29/"') < (
        person.index("More."))


def linked_vault(size: int) -> dict[str, Entry]:
    """`size` entries in series of 5, each idea pointing at ideas of the next entries: the
    shape that makes backlinks, see links, prev/next and related entries all busy. Its
    pools of people, series and categories grow with it, so a linear build does work in
    proportion to `size`."""
    entries = {}
    for n in range(size):
        ideas = tuple(Idea(i, f"Idea {i} of {n} word{n % 7}", f"idea {i}",
                           category=f"c{(n + i) % 3}",
                           see=(f"e{(n + 1) % size}.md#idea-{i}", f"e{(n + 7) % size}.md"))
                      for i in range(1, 4))
        entries[f"e{n}.md"] = Entry(
            ideas=ideas, title=f"Entry {n}", series=f"S{n // 5}", number=n % 5 + 1,
            date=dt.date(2020, 1, 1) + dt.timedelta(days=n), speakers=(f"P{n // 3}",),
            host=f"H{n // 10}", tags=(f"t{n // 4}",),
            categories=tuple(Category(f"c{i}", f"Cat {(n // 6 + i) % (size // 6)}", "#d4f9d4")
                             for i in range(3)))
    return entries


VAULT_WIDE_CODE = ("/mkdocs_vault/site/", "/mkdocs_vault/graph/knowledge.py",
                   "/mkdocs_vault/graph/overview.py")


def lines_run(size: int) -> int:
    """How many lines of the vault-wide code (`VAULT_WIDE_CODE`) `build_vault` runs for
    `linked_vault(size)`: an operation count (each turn of a loop is a line event), the same
    on any machine."""
    entries = linked_vault(size)
    count = 0

    def lines(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return lines

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        name = frame.f_code.co_filename.replace("\\", "/")
        return lines if any(part in name for part in VAULT_WIDE_CODE) else None

    before = sys.gettrace()
    sys.settrace(trace)
    try:
        build = build_vault(entries, {}, lambda uri: uri[:-3] + "/", SiteSettings())
    finally:
        sys.settrace(before)
    assert len(build.extras) == size
    assert build.problems == []
    return count


def test_vault_wide_work_grows_linearly() -> None:
    """Four times the entries, at most about four times the work. Looking up each entry's
    backlinks among all of the vault's made this 12 times (quadratic), and 10,000 entries
    took minutes."""
    small, large = lines_run(60), lines_run(240)
    assert large < 4.4 * small, large / small  # 3.98 now; 5.2 when it was quadratic
