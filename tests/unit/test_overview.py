"""The vault overview graph (`mkdocs_vault.graph.overview`)."""

from __future__ import annotations

import re

import pytest

from mkdocs_vault.graph.knowledge import VaultEntry, knowledge_graph
from mkdocs_vault.graph.overview import overview_graph, site_url_of, slug
from mkdocs_vault.model import Category, Entry, Idea
from mkdocs_vault.render import languages
from mkdocs_vault.site.settings import SiteSettings
from tests.unit.test_knowledge import small_vault, synthetic_vault

CLICK_RE = re.compile(r'^click (\w+) href "([^"]*)"$', re.MULTILINE)


@pytest.mark.parametrize(("text", "expected"), [
    ("Lex 100+", "lex-100"),
    ("Café Ünïcode — Ærø", "cafe-unicode-r"),
    ("  Chips & GPUs  ", "chips-gpus"),
    ("ＡＢＣ１２", "abc12"),
])
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_slug_without_ascii_is_a_stable_hash() -> None:
    assert re.fullmatch(r"x[0-9a-f]{10}", slug("東京"))
    assert slug("東京") == slug("東京") != slug("大阪")
    assert re.fullmatch(r"x[0-9a-f]{10}", slug(""))


def test_small_vault_draws_entries_by_series() -> None:
    vault = small_vault()
    chart = overview_graph(vault, knowledge_graph(vault).graph, url_of=site_url_of(vault, "../"))
    source = chart.source()
    assert source.splitlines()[1] == "flowchart LR"
    assert '"useMaxWidth":true' in source
    assert '(["<b>Chips Talks</b>"])' in source
    clicks = dict(CLICK_RE.findall(source))
    assert sorted(clicks.values()) == ["../a/", "../b/", "../d/", "../other/c/",
                                       "../series/chips-talks/"]
    assert len(chart.nodes) == 5
    # a and b sit in one row under their series; c and d (no series) in one row of their own.
    assert "s1 --> e2" in source
    assert "e2 ~~~ e3" in source


def test_hostile_names_are_escaped_and_unsafe_urls_unlinked() -> None:
    name = 'end"]; click x href "javascript:alert(1)" %%{init}%% <b>'
    entry = Entry(ideas=(Idea(1, "x", "x", "c"),), title=name, series=name,
                  categories=(Category("c", name, "#d4f9d4"),))
    vault = [VaultEntry("a.md", "a b/", entry)]
    source = overview_graph(vault, knowledge_graph(vault).graph,
                            url_of=site_url_of(vault)).source()
    # The entry's URL has a space: no link rather than a broken one; the series is slugified.
    assert [href for _, href in CLICK_RE.findall(source)] == [f"series/{slug(name)}/"]
    body = source.splitlines()[2:]
    nodes = [line for line in body if line.startswith(("s", "e")) and '"' in line]
    assert len(nodes) == 2
    assert all(line.count('"') == 2 for line in nodes)
    assert '"end#quot;#93;#59; click x href<br>#quot;javascript#58;alert#40;1#41;#quot;' in source
    assert "#37;#37;#123;init#125;#37;#37; #lt;b#gt;" in source
    assert "%%{" not in "\n".join(body)


def test_thousand_entries_stay_small() -> None:
    vault = synthetic_vault(1000)
    graph = knowledge_graph(vault).graph
    chart = overview_graph(vault, graph, url_of=site_url_of(vault))
    source = chart.source()
    assert len(chart.nodes) < 40
    assert chart.edges < 80
    assert len(source) < 15_000
    clicks = CLICK_RE.findall(source)
    assert len(clicks) == len(chart.nodes)
    assert all(re.fullmatch(r"(series|categories)/[a-z0-9-]+/", href) for _, href in clicks)
    # Every category has an edge; linkStyle lines name existing edges only.
    targets = set(re.findall(r"--- (c\d+)$", source, re.MULTILINE))
    assert targets == {n for n in chart.nodes if n.startswith("c")}
    styled = [int(i) for line in re.findall(r"^linkStyle ([\d,]+) ", source, re.MULTILINE)
              for i in line.split(",")]
    assert sorted(styled) == list(range(chart.edges))
    assert source == overview_graph(vault, graph, url_of=site_url_of(vault)).source()


def test_large_vault_without_series_shows_categories() -> None:
    vault = [VaultEntry(e.uri, e.url, Entry(ideas=e.entry.ideas, categories=e.entry.categories))
             for e in synthetic_vault(100)]
    chart = overview_graph(vault, knowledge_graph(vault).graph, url_of=site_url_of(vault))
    assert all(n.startswith("c") for n in chart.nodes)
    assert "~~~" in chart.source()
    assert "-->" not in chart.source()
    assert "---" not in chart.source()


@pytest.mark.parametrize(("lang", "many"), [("en", " entries"), ("es", " entradas"),
                                            ("de", " Einträge"), ("zh", " 个条目")])
def test_large_vault_counts_in_the_site_s_words(lang: str, many: str) -> None:
    """The hubs' entry counts are the site strings (`entry_count`), English by default."""
    vault = synthetic_vault(100)
    graph = knowledge_graph(vault).graph
    settings = SiteSettings(strings=languages.site_strings(lang))
    source = overview_graph(vault, graph, url_of=site_url_of(vault), settings=settings).source()
    hubs = re.findall(r"^[sc]\d+\(", source, re.MULTILINE)
    assert hubs
    assert len(re.findall(r"<br>\d+" + re.escape(many) + '"', source)) == len(hubs)
    if lang == "en":
        assert source == overview_graph(vault, graph, url_of=site_url_of(vault)).source()
