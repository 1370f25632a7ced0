"""The vault as a whole in real builds: generated pages, links between entries, exports."""

from __future__ import annotations

import html as html_module
import json
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import networkx as nx
import pytest

from mkdocs_vault.export import VAULT_JSON_SCHEMA

if TYPE_CHECKING:
    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = pytest.mark.site
TOKEN_RE = re.compile(r"vault[0-9a-f]{6,}p[0-9]+z")


def talk(number: int, series: str, speakers: list[str], *, see: list[str] | None = None,
         related: list[str] | None = None, category: str = "Chips") -> dict[str, Any]:
    """A small valid entry."""
    ideas: list[dict[str, Any]] = [
        {"text": f"Idea one of talk {number}.", "category": "a"},
        {"text": f"Idea two of talk {number}.", "category": "b"},
    ]
    if see:
        ideas[0]["see"] = see
    vault: dict[str, Any] = {
        "series": series, "number": number, "date": f"2024-01-{number % 28 + 1:02d}",
        "speakers": speakers, "host": "Lex Fridman",
        "categories": {"a": {"label": category}, "b": {"label": "Future"}}, "ideas": ideas}
    if related:
        vault["related"] = related
    return vault


def three(site: SiteBuilder) -> None:
    """Three entries in two series sharing a speaker and categories, with references."""
    site.entry("lex/one.md", talk(1, "Lex", ["Ann"]), title="One")
    site.entry("lex/two.md", talk(2, "Lex", ["Ann", "Bob"], see=["one.md#idea-2"]), title="Two")
    site.entry("classics/three.md", talk(1, "Classics", ["Cy"], related=["../lex/one.md"],
                                         see=["../lex/two.md#idea-1"]), title="Three")


def content(result: BuildResult, page: str) -> str:
    """The article of a built page (the nav lists the vault pages, category names included)."""
    html = result.html(page)
    return html[html.index("<article"):html.index("</article>")]


def links(html: str) -> list[str]:
    """Every href of the article."""
    article = html[html.index("<article"):html.index("</article>")]
    return re.findall(r'href="([^"]+)"', article)


def test_generated_pages_exist_and_link_relatively(site: SiteBuilder) -> None:
    """Index, series, category and people pages build strictly, in the nav, relative links."""
    three(site)
    site.config["validation"] = {"anchors": "warn", "links": {"not_found": "warn"}}
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    for page in ("vault/index.md", "vault/series/lex.md", "vault/series/classics.md",
                 "vault/categories/chips.md", "vault/categories/future.md",
                 "vault/people/ann.md", "vault/people/lex-fridman.md"):
        html = result.html(page)
        assert all(not h.startswith("/") and "://" not in h for h in links(html)), page
    index = result.html("vault/index.md")
    assert "Entries: 3" in html_module.unescape(index)
    assert 'href="../lex/one/"' in index
    assert "<pre class=\"mermaid\">" in index  # the overview graph
    assert "assets/vault/mermaid.min.js" in index or "vault.css" in index
    chips = result.html("vault/categories/chips.md")
    assert chips.count('#idea-1"') == 3
    assert {"Chips", "Future"} <= set(result.nav_titles("vault/index.md"))  # in the nav


def test_entries_link_each_other(site: SiteBuilder) -> None:
    """see: links, Referenced by, related entries and previous/next on entry pages."""
    three(site)
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    two = result.html("lex/two.md")
    assert '<span class="vault-see">See: <a href="../one/#idea-2">One, 2</a>' in two
    assert '<span class="vault-backlinks">Referenced by: <a href="../../classics/three/#idea-1">' \
        in two
    assert 'class="vault-prev">Previous: <a href="../one/">One</a>' in two
    three_page = result.html("classics/three.md")
    related = re.findall(r'<ul class="vault-related"><li><a href="([^"]+)"', three_page)
    assert related == ["../../lex/one/"]  # named by the author first
    assert "named by the author" in three_page


def test_related_entries_are_stable(site: SiteBuilder) -> None:
    """The same vault gives the same related lists, build after build."""
    three(site)
    first = re.findall(r'vault-related.*?</ul>', site.build().html("lex/one.md"), re.DOTALL)
    second = re.findall(r'vault-related.*?</ul>', site.build().html("lex/one.md"), re.DOTALL)
    assert first
    assert first == second


def test_exports_round_trip(site: SiteBuilder) -> None:
    """vault.json follows its schema; vault.graphml loads in networkx."""
    three(site)
    result = site.build(strict=True)
    data = json.loads((result.site_dir / "vault.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, VAULT_JSON_SCHEMA)
    assert sorted(e["uri"] for e in data["entries"]) == [
        "classics/three.md", "lex/one.md", "lex/two.md"]
    graph = nx.read_graphml(result.site_dir / "vault.graphml", force_multigraph=True)
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert {"entry", "idea", "category", "person", "series"} <= kinds
    one = next(e for e in data["entries"] if e["uri"] == "lex/one.md")
    assert one["url"] == "lex/one/"  # no site_url: relative to the site's root
    assert one["ideas"][1]["url"] == "lex/one/#idea-2"


@pytest.mark.parametrize("writable", [True, False])
def test_exports_wait_in_a_folder_that_goes(site: SiteBuilder, writable: bool,
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    """The exports reach MkDocs as files of a temporary folder (their text is not kept while
    pages render), removed after the build; without such a folder, as content."""
    made: list[str] = []

    def mkdtemp(prefix: str) -> str:
        if not writable:
            raise OSError("read-only")
        made.append(str(tmp_path / f"{prefix}{len(made)}"))
        os.mkdir(made[-1])
        return made[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    three(site)
    for _ in range(2):  # and again, as `mkdocs serve` does
        result = site.build(strict=True)
        assert result.error is None, result.warnings
        data = json.loads((result.site_dir / "vault.json").read_text(encoding="utf-8"))
        assert len(data["entries"]) == 3
        assert (result.site_dir / "vault.graphml").read_bytes().startswith(b"<?xml")
    assert len(made) == (2 if writable else 0)
    assert not [path for path in made if os.path.exists(path)]


def test_exported_urls_are_published_ones(site: SiteBuilder) -> None:
    """With `site_url`, vault.json gives each entry's and idea's URL as published."""
    three(site)
    site.config["site_url"] = "https://example.org/vault"
    result = site.build(strict=True)
    data = json.loads((result.site_dir / "vault.json").read_text(encoding="utf-8"))
    one = next(e for e in data["entries"] if e["uri"] == "lex/one.md")
    assert one["url"] == "https://example.org/vault/lex/one/"
    assert one["ideas"][0]["url"] == "https://example.org/vault/lex/one/#idea-1"


def test_broken_references_are_located(site: SiteBuilder) -> None:
    """A see: to a missing idea or page is a warning with file, field and line."""
    site.entry("a.md", talk(1, "S", ["Ann"], see=["b.md#idea-9", "missing.md"]), title="A")
    site.entry("b.md", talk(2, "S", ["Ann"]), title="B")
    result = site.build(strict=True)
    assert result.error is not None
    found = [w for w in result.vault_warnings if w.startswith("vault: docs/a.md:")]
    assert len(found) == 2, result.vault_warnings
    assert all(re.match(r"vault: docs/a\.md:\d+: ideas\[0\]\.see\[[01]\]: ", w) for w in found)


def test_an_authors_page_wins_and_places_the_listing(site: SiteBuilder) -> None:
    """An author's own vault/index.md is kept, with the listing at its marker."""
    three(site)
    site.page("vault/index.md", "# My vault\n\nIntro words.\n\n<!-- vault:listing -->\n\nEnd.\n")
    html = html_module.unescape(site.build(strict=True).html("vault/index.md"))
    assert "Intro words." in html
    assert html.index("Intro words.") < html.index("Entries: 3") < html.index("End.")


def test_pages_can_be_turned_off(site: SiteBuilder) -> None:
    """`pages.people: false` leaves the people pages out; exports can be turned off."""
    three(site)
    site.plugin_options(pages={"people": False}, exports=False)
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert not (result.site_dir / "vault" / "people").exists()
    assert not (result.site_dir / "vault.json").exists()
    assert (result.site_dir / "vault" / "series").is_dir()


def test_meta_file_entries_are_on_generated_pages(site: SiteBuilder) -> None:
    """Entries whose vault: comes from .meta.yml are collected before pages render."""
    site.config["plugins"] = ["material/meta", "vault"]
    site.page("talks/.meta.yml", "vault:\n  series: Meta series\n  ideas: [Only idea.]\n")
    site.page("talks/x.md", "# X talk\n\nBody.\n")
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert "X talk" in result.html("vault/series/meta-series.md")


def test_an_edit_updates_dependent_pages_when_serving(site: SiteBuilder) -> None:
    """Serving: editing one entry updates its series page and other entries' links."""
    three(site)
    first = site.serve()
    try:
        assert "One" in first.html("vault/series/lex.md")
        site.entry("lex/one.md", talk(1, "Lex", ["Ann"]), title="Renamed one")
        again = site.rebuild()
        assert "Renamed one" in again.html("vault/series/lex.md")
        assert "Renamed one" in again.html("lex/two.md")  # previous/next, see
    finally:
        site.stop()


def test_fifty_entries(site: SiteBuilder) -> None:
    """A generated 50-entry vault in 3 series builds strictly; every entry is on the index."""
    for n in range(1, 51):
        site.entry(f"s{n % 3}/e{n}.md", talk(n, f"Series {n % 3}", [f"P{n % 7}", "Q"],
                                            see=[f"../s{(n + 1) % 3}/e{n + 1}.md#idea-1"]
                                            if n < 50 else None), title=f"Entry {n}")
    result: BuildResult = site.build(strict=True)
    assert result.error is None, result.warnings
    index = result.html("vault/index.md")
    entries = {h for h in links(index) if re.fullmatch(r"\.\./s\d/e\d+/", h)}
    assert len(entries) == 50


def test_entries_can_leave_the_nav(site: SiteBuilder) -> None:
    """`nav_entries: false`: entries and the per-group vault pages are reached through the
    vault's index, not the nav (a nav that grows with the vault costs time squared)."""
    three(site)
    site.page("about.md", "# About\n")
    site.plugin_options(nav_entries=False)
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    titles = result.nav_titles("about.md")
    assert "About" in titles
    assert not {"One", "Two", "Three"} & set(titles)
    assert "Chips" not in titles  # a category page
    assert "Test vault" in titles  # the index stays
    index = result.html("vault/index.md")
    assert 'href="../lex/one/"' in index
    assert "categories/chips/" in index


def test_one_search_record_per_idea(site: SiteBuilder) -> None:
    """A word of one idea leads to that idea's anchor; the list heading no longer holds it."""
    site.config["plugins"] = ["search", "vault"]
    three(site)
    result = site.build(strict=True)
    index = json.loads((result.site_dir / "search" / "search_index.json").read_text())
    records = {d["location"]: d for d in index["docs"]}
    assert records["lex/two/#idea-1"]["text"] == "Idea one of talk 2."
    assert records["lex/two/#idea-1"]["title"].startswith("1. ")
    assert records["lex/two/#2-key-ideas"]["text"] == ""
    assert sum("#idea-" in location for location in records) == 6
    # The graphs' Mermaid source (entries' and the overview's) is not the pages' text.
    assert not [d["location"] for d in index["docs"] if "flowchart" in d["text"]]
    assert any(d["location"].startswith("vault/") for d in index["docs"])


@pytest.mark.parametrize("directory_urls", [True, False])
def test_category_listing_links_as_mkdocs_would(site: SiteBuilder, directory_urls: bool
                                                ) -> None:
    """The listing reaches MkDocs as a placeholder (Python-Markdown never reads it) and its
    links are resolved like Markdown links; the page is one search record, its title."""
    site.config["plugins"] = ["search", "vault"]
    site.config["use_directory_urls"] = directory_urls
    (site.root / "hooks.py").write_text(  # what Python-Markdown gets after our plugin
        "from mkdocs.plugins import event_priority\n\n"
        "@event_priority(-100)\n"
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    assert '<li>' not in markdown, page.file.src_uri\n", encoding="utf-8")
    site.config["hooks"] = ["hooks.py"]
    three(site)
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    url = "vault/categories/chips/" if directory_urls else "vault/categories/chips.html"
    chips = content(result, url)
    assert TOKEN_RE.search(chips) is None
    assert ".md" not in "".join(re.findall(r'href="([^"]+)"', chips))
    one = "../../../lex/one/" if directory_urls else "../../lex/one.html"
    assert chips.count('<div class="vault-listing">') == 1
    assert f'<h2><a href="{one}">One</a></h2>' in chips
    assert f'<li><a href="{one}#idea-1">1. Idea one of talk 1.</a></li>' in chips
    index = json.loads((result.site_dir / "search" / "search_index.json").read_text())
    found = [d for d in index["docs"] if d["location"].startswith(url)]
    assert found == [{"location": url, "title": "Chips", "text": ""}]
    assert sum("Idea one of talk 2." in d["text"] for d in index["docs"]) == 1  # its idea


def test_a_changed_listing_reaches_mkdocs_as_written(site: SiteBuilder) -> None:
    """A plugin that rewrote the listing's Markdown before ours: its links are resolved all
    the same, and nothing is lost."""
    three(site)
    (site.root / "hooks.py").write_text(
        "from mkdocs.plugins import event_priority\n\n"
        "@event_priority(100)\n"
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    return markdown.replace('<ul>', '<ul class=\"x\">')\n", encoding="utf-8")
    site.config["hooks"] = ["hooks.py"]
    result = site.build()
    assert result.error is None, result.warnings
    chips = content(result, "vault/categories/chips.md")
    assert chips.count('<ul class="x">') == 3
    assert chips.count("Idea one of talk") == 3
    assert 'href="../../../lex/one/#idea-1"' in chips
    assert TOKEN_RE.search(chips) is None


def test_hand_written_links_to_missing_ideas_fail_strict(site: SiteBuilder) -> None:
    """`page.md#idea-9` written by hand anywhere is checked against the entry's ideas."""
    three(site)
    site.page("notes.md", "# Notes\n\n[good](lex/one.md#idea-2) and [bad](lex/one.md#idea-9)\n")
    result = site.build(strict=True)
    assert result.error is not None
    found = [w for w in result.vault_warnings if "notes.md" in w]
    assert found == ["vault: docs/notes.md: links to 'lex/one.md#idea-9', but lex/one.md has "
                     "ideas 1 to 2, no idea 9"]


def test_header_links_into_the_vault(site: SiteBuilder) -> None:
    """The header names the vault, links the series and people, and takes the series total."""
    three(site)
    site.plugin_options(name="My Vault", series={"Lex": {"total": 150, "description": "Talks"}})
    page = site.build(strict=True).html("lex/two.md")
    assert '<span class="vault-name"><a href="../../vault/">My Vault</a></span>' in page
    assert '<span class="vault-series"><a href="../../vault/series/lex/">Lex</a></span>' in page
    assert '<span class="vault-number">No. 2 of 150</span>' in page
    assert '<a href="../../vault/people/bob/">Bob</a>' in page


def test_categories_declared_once_for_the_vault(site: SiteBuilder) -> None:
    """mkdocs.yml declares the categories; entries use them without declaring them, an unused
    one is no warning and not on the page, and each has the same colour on every page."""
    site.plugin_options(categories={"hw": {"label": "Hardware"}, "geo": {"label": "Geopolitics",
                                                                          "color": "#f9f9d4"},
                                    "open": {}})
    site.entry("a.md", {"ideas": [{"text": "Chips.", "category": "hw"},
                                  {"text": "Borders.", "category": "geo"}]}, title="A")
    site.entry("b.md", {"categories": {"own": {"label": "Own"}},
                        "ideas": [{"text": "Fabs.", "category": "hw"},
                                  {"text": "Mine.", "category": "own"}]}, title="B")
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    a, b = content(result, "a.md"), content(result, "b.md")
    colour = re.search(r'background:(#\w+);color:#\w+">Hardware', a)
    assert colour is not None
    assert f"background:{colour.group(1)};color:#111111\">Hardware" in b
    assert "Geopolitics" in a
    assert "Geopolitics" not in b  # unused here: not in its legend
    assert ">Own<" in b or ">Own " in b


def test_a_bad_vault_category_colour_is_a_config_error(site: SiteBuilder) -> None:
    """A colour that is not hex is reported with the option's path."""
    site.plugin_options(categories={"hw": {"color": "red"}})
    site.entry("a.md", {"ideas": ["x"]}, title="A")
    result = site.build()
    assert result.error is not None
    assert any("categories.hw.color: expected #rgb or #rrggbb, got 'red'" in r.getMessage()
               for r in result.records), [r.getMessage() for r in result.records]
