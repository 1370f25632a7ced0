"""The vault as a whole, as a reader sees it: the overview graph of a large vault, and a search
for a word of one idea landing on that idea."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_vault.model import Category, Entry, Idea
from mkdocs_vault.site import SiteSettings
from mkdocs_vault.site.build import build_vault
from tests.browser.conftest import open_page, record, serve
from tests.sitebuilder import MERMAID_JS

if TYPE_CHECKING:
    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = pytest.mark.browser

MIN_LABEL_PX = 12.0
CATEGORIES = ["Hardware", "Open", "Cost", "Geopolitics", "Future", "Safety", "Data", "Agents",
              "Research", "Scaling", "Policy", "Chips"]


def synthetic_vault(count: int, seed: int = 7) -> dict[str, Entry]:
    """`count` entries in 12 series sharing people and categories, deterministic."""
    rng = random.Random(seed)
    entries = {}
    for n in range(1, count + 1):
        labels = rng.sample(CATEGORIES, 4)
        categories = tuple(Category(f"c{i}", label, "#d4f9d4") for i, label in enumerate(labels))
        ideas = tuple(Idea(number=i, text=f"Idea {i} of talk {n}.", label=f"Idea {i}",
                           category=f"c{i % 4}") for i in range(1, 6))
        entries[f"s{n % 12}/talk-{n}.md"] = Entry(
            ideas=ideas, title=f"Talk {n}", series=f"Series {n % 12}", number=n,
            speakers=(f"Person {rng.randrange(80)}",), categories=categories)
    return entries


def test_overview_of_a_thousand_entries_is_readable(browser: Any, site: SiteBuilder) -> None:
    """The index's overview graph at 1,000 entries: drawn, inside Mermaid's limits, every
    label at least 12 px at 1280x800, every node a link."""
    entries = synthetic_vault(1000)
    build = build_vault(entries, {}, lambda uri: uri.removesuffix(".md") + "/",
                        SiteSettings(name="Big vault"))
    index = build.pages["vault/index.md"].markdown
    source = re.search(r'<pre class="mermaid"><code>(.*?)</code></pre>', index, re.DOTALL)
    assert source is not None
    assert len(source.group(1)) < 50_000
    assert source.group(1).count("-->") + source.group(1).count("---") < 500
    site.config["plugins"] = []
    site.config["extra_javascript"] = ["mermaid.min.js"]
    site.page("index.md", index.split("\n## ", 1)[0])  # the title, counts and the graph
    site.docs.joinpath("mermaid.min.js").write_bytes(MERMAID_JS["11"].read_bytes())
    result: BuildResult = site.build()
    assert result.error is None, result.warnings
    with serve(result.site_dir) as base, \
            open_page(browser, base, "", result.site_dir) as shown:
        [graph] = shown.graphs
        smallest = min(n["minPx"] for n in graph["nodes"])
        links = shown.page.evaluate(
            "() => [...document.querySelector('div.mermaid').shadowRoot"
            ".querySelectorAll('a')].length")
        record("overview-1000", {"min_label_px": round(smallest, 2),
                                 "nodes": len(graph["nodes"]), "links": links,
                                 "characters": len(source.group(1))})
        shown.screenshot("overview-1000")
        assert smallest >= MIN_LABEL_PX
        assert links == len(graph["nodes"])
        assert graph["pageOverflow"] <= 0
        assert not shown.errors


def unique_idea_word(site_dir: Any) -> tuple[str, str]:
    """A word that only one idea of the vault holds (other pages, such as the category page
    listing the idea, may hold it too), and that idea's location."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    words: Counter[str] = Counter()
    owner: dict[str, str] = {}
    for doc in index["docs"]:
        if "#idea-" not in doc["location"]:
            continue
        for word in set(re.findall(r"[a-z]{9,}", doc["text"].lower())):
            words[word] += 1
            owner[word] = doc["location"]
    return next((w, owner[w]) for w, count in sorted(words.items()) if count == 1)


def test_search_for_a_word_of_one_idea_leads_to_it(browser: Any,
                                                    example_build: BuildResult) -> None:
    """Typed into Material's search box, a word that only one idea contains offers that idea,
    and the result opens the page at the idea's anchor."""
    word, location = unique_idea_word(example_build.site_dir)
    with serve(example_build.site_dir) as base, \
            open_page(browser, base, "", example_build.site_dir) as shown:
        page = shown.page
        page.keyboard.press("/")  # Material's shortcut: focus the search box
        page.keyboard.type(word)
        hit = page.locator(f'.md-search-result a[href$="{location.split("/")[-1]}"]').first
        hit.wait_for(state="attached", timeout=15_000)
        # Material folds a page's further hits under "N more on this page": unfold them.
        page.evaluate("() => document.querySelectorAll('.md-search-result__more')"
                      ".forEach(d => { d.open = true; })")
        hit.click()
        page.wait_for_url(re.compile(re.escape(location.split("#")[0]) + r".*#idea-\d+"),
                          timeout=15_000)
        assert page.url.endswith(location)
        target = page.evaluate("() => document.querySelector(':target')?.id")
        assert target == location.split("#")[1]


def test_overview_stays_readable_on_a_phone(browser: Any, example_build: BuildResult) -> None:
    """At 390 px the overview keeps its natural size and scrolls inside its own box: labels at
    least 12 px, and the page itself does not scroll sideways."""
    from tests.browser.conftest import MEASURE_JS, _init_script

    with serve(example_build.site_dir) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.add_init_script(_init_script("default"))
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                      else r.abort())
        page = context.new_page()
        try:
            page.goto(f"{base}/vault/")
            page.wait_for_function("() => document.querySelector('div.mermaid')?.shadowRoot"
                                   "?.querySelector('svg')", timeout=30_000)
            [graph] = page.evaluate(MEASURE_JS)
            smallest = min(n["minPx"] for n in graph["nodes"])
            record("overview-phone", {"min_label_px": round(smallest, 2)})
            assert smallest >= MIN_LABEL_PX
            assert graph["pageOverflow"] <= 0
        finally:
            context.close()
