"""example-site in headless Chromium: every graph drawn, linked, and readable in both schemes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_vault.graph.labels import plain_text
from mkdocs_vault.loading.pages import load_page
from tests.browser.conftest import open_page, record, serve
from tests.sitebuilder import EXAMPLE_SITE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mkdocs_vault.model import Entry
    from tests.sitebuilder import BuildResult

pytestmark = pytest.mark.browser

DEEPSEEK = "lex/deepseek-china-ai-megaclusters/"
MIN_LABEL_PX = 12.0
MAX_HEIGHT_PX = 1200
MIN_CONTRAST = 4.5


def example_entries() -> list[tuple[str, Entry]]:
    """(URL, entry) of every vault page of example-site."""
    found = []
    docs = EXAMPLE_SITE / "docs"
    for source in sorted(docs.rglob("*.md")):
        loaded = load_page(source.read_text(encoding="utf-8"))
        if loaded is not None:
            assert loaded.entry is not None, f"{source} has problems: {loaded.problems}"
            url = source.relative_to(docs).with_suffix("").as_posix() + "/"
            found.append((url.removesuffix("index/"), loaded.entry))
    return found


ENTRIES = example_entries()


@pytest.fixture(scope="module")
def base_url(example_build: BuildResult) -> Iterator[str]:
    """The built example site, served on 127.0.0.1."""
    with serve(example_build.site_dir) as url:
        yield url


def idea_nodes(graph: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Idea nodes of a measured graph by idea number."""
    return {int(n["id"][1:]): n for n in graph["nodes"] if re.fullmatch(r"k\d+", n["id"])}


def overlapping(graph: dict[str, Any]) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes overlap on screen."""
    nodes = graph["nodes"]
    return [(a["id"], b["id"]) for i, a in enumerate(nodes) for b in nodes[i + 1:]
            if a["box"][0] < b["box"][2] - 0.5 and b["box"][0] < a["box"][2] - 0.5
            and a["box"][1] < b["box"][3] - 0.5 and b["box"][1] < a["box"][3] - 0.5]


def test_example_site_has_several_entries() -> None:
    """The example shows more than one entry, in more than one form."""
    assert len(ENTRIES) >= 3
    layouts = {entry.layout or "lanes" for _, entry in ENTRIES}
    assert layouts == {"lanes", "classic"}


@pytest.mark.parametrize(("url", "entry"), ENTRIES, ids=[u for u, _ in ENTRIES])
def test_every_entry_renders_completely(browser: Any, base_url: str, example_build: BuildResult,
                                        url: str, entry: Entry) -> None:
    """Each graph is drawn without error, with one node per idea, category and centre."""
    with open_page(browser, base_url, url, example_build.site_dir) as shown:
        assert shown.errors == []
        assert all(url_.startswith(base_url) for url_ in shown.blocked) is True
        [graph] = shown.graphs
        assert graph["rendered"]
        assert not graph["error"]
        links = {tuple(sorted((i.number, o))) for i in entry.ideas for o in i.links}
        junctions = [n for n in graph["nodes"] if n["id"].startswith("j")]
        assert len(graph["nodes"]) == (1 + len(entry.ideas) + len(entry.categories)
                                       + len(junctions))
        assert len(junctions) <= len(links)
        ideas = idea_nodes(graph)
        assert sorted(ideas) == [i.number for i in entry.ideas]
        for idea in entry.ideas:
            node = ideas[idea.number]
            assert node["text"] == f"{idea.number} {' '.join(idea.label.split())}"
            assert node["href"] == f"#idea-{idea.number}"
            assert node["title"] == plain_text(idea.text)
            assert node["spill"] <= 1, f"label {idea.number} sticks out of its card"
        smallest = min(n["minPx"] for n in graph["nodes"] if not n["id"].startswith("j"))
        record(f"entry:{url}", {"min_label_px": round(smallest, 2),
                                "height_px": round(graph["height"], 1)})
        assert smallest >= MIN_LABEL_PX
        assert overlapping(graph) == []
        items = shown.page.evaluate(
            "() => [...document.querySelectorAll('li[id^=\"idea-\"]')].map(li => li.id)")
        assert items == [f"idea-{i.number}" for i in entry.ideas]
        assert not any("unpkg" in u or "jsdelivr" in u for u in shown.blocked)
        shown.screenshot(url.strip("/").replace("/", "_") or "index")


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_deepseek_graph_is_readable(browser: Any, base_url: str, example_build: BuildResult,
                                    scheme: str) -> None:
    """At 1280x800: labels >= 12 px, graph <= 1200 px tall, inside the column, no overlaps,
    label/fill contrast >= 4.5:1, in the light and the dark scheme."""
    with open_page(browser, base_url, DEEPSEEK, example_build.site_dir, scheme=scheme) as shown:
        [graph] = shown.graphs
        assert graph["scheme"] == scheme
        smallest = min(n["minPx"] for n in graph["nodes"])
        worst_contrast = min(n["contrast"] for n in graph["nodes"])
        record(f"deepseek-{scheme}", {
            "min_label_px": round(smallest, 2),
            "height_px": round(graph["height"], 1),
            "width_px": round(graph["width"], 1),
            "column_px": round(graph["columnRight"] - graph["columnLeft"], 1),
            "min_contrast": round(worst_contrast, 2),
            "nodes": len(graph["nodes"]),
        })
        shown.screenshot(f"deepseek-{scheme}")
        assert smallest >= MIN_LABEL_PX
        assert graph["height"] <= MAX_HEIGHT_PX
        assert graph["left"] >= graph["articleContentLeft"] - 0.5
        assert graph["right"] <= graph["articleContentRight"] + 0.5
        assert graph["hostOverflow"] <= 0
        assert graph["pageOverflow"] <= 0
        assert worst_contrast >= MIN_CONTRAST
        assert overlapping(graph) == []


def test_idea_node_links_to_its_list_item(browser: Any, base_url: str,
                                          example_build: BuildResult) -> None:
    """Clicking node 13 jumps to list item 13, which is then the page's target."""
    with open_page(browser, base_url, DEEPSEEK, example_build.site_dir) as shown:
        page = shown.page
        centre = page.evaluate("""() => {
            const svg = document.querySelector('div.mermaid').shadowRoot;
            const node = [...svg.querySelectorAll('g.node')].find(n => /-k13-/.test(n.id));
            node.scrollIntoView({block: 'center'});
            const r = node.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; }""")
        page.mouse.click(*centre)
        page.wait_for_function("location.hash === '#idea-13'", timeout=5000)
        target = page.evaluate("document.querySelector(':target')?.outerHTML.slice(0, 40)")
        assert target.startswith('<li id="idea-13">')
