"""Readers on every screen (issue 8): phones, tablets and desktops, both colour schemes,
keyboards, screen readers (axe-core) and paper.

Each entry page is opened once per viewport; the colour scheme is then switched in place
(Material does the same: the palette is CSS variables under `data-md-color-scheme`), so the
six combinations cost three page loads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.conftest import MEASURE_JS, _init_script, serve
from tests.browser.test_example_site import ENTRIES, overlapping
from tests.sitebuilder import ROOT, SiteBuilder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.sitebuilder import BuildResult

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": (1280, 800), "tablet": (768, 1024), "phone": (390, 844)}
SCHEMES = ("default", "slate")
MIN_LABEL_PX = 12.0
MIN_PRINT_PT = 8.0
A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
MARGIN_PX = 38  # 1 cm
# What the plugin writes on an entry page; axe looks only there (shadow roots included).
PLUGIN_PARTS = [".vault-header", ".vault-graphs", ".vault-legend", ".vault-ideas",
                ".vault-credits", ".vault-related", ".vault-prev-next", ".vault-problems"]
# Material's own findings, outside the plugin's elements, left out by the scope above: the
# search dialog without an accessible name (`.md-search`, aria-dialog-name) and the footer
# copyright's contrast (`.md-copyright`, 4.47:1).


@pytest.fixture(scope="module")
def base_url(example_build: BuildResult) -> Iterator[str]:
    """The built example site, served on 127.0.0.1."""
    with serve(example_build.site_dir) as url:
        yield url


@contextmanager
def opened(browser: Any, base: str, path: str, site_dir: Path, size: tuple[int, int], *,
           scheme: str = "default") -> Iterator[Any]:
    """A page at a viewport size, once every graph (wide and narrow) has been drawn."""
    html_file = site_dir / path / "index.html" if path.endswith("/") else site_dir / path
    expected = html_file.read_text(encoding="utf-8").count('<pre class="mermaid')
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.add_init_script(_init_script(scheme))
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                  else r.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{base}/{path}")
        page.wait_for_function(
            "n => [...document.querySelectorAll('div.mermaid')].filter("
            "h => h.shadowRoot && h.shadowRoot.querySelector('svg')).length >= n",
            arg=expected, timeout=30_000)
        # Material animates colours (125 ms): measured mid-way, a scheme switch reads wrong.
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        page.wait_for_timeout(50)
        assert errors == []
        yield page
    finally:
        context.close()


def set_scheme(page: Any, scheme: str) -> None:
    """Switch the colour scheme in place, as Material's palette toggle does."""
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', {json.dumps(scheme)})")


def check_graphs(graphs: list[dict[str, Any]], where: str) -> float:
    """Labels >= 12 px, no overlap, nothing clipped, no sideways scroll; the smallest label."""
    assert graphs, f"{where}: no graph shown"
    smallest = 99.0
    for graph in graphs:
        label = min(n["minPx"] for n in graph["nodes"])
        smallest = min(smallest, label)
        assert label >= MIN_LABEL_PX, f"{where}: {label:.2f} px labels"
        assert overlapping(graph) == [], where
        assert max(n["spill"] for n in graph["nodes"]) <= 1, f"{where}: text outside a card"
        assert graph["left"] >= graph["articleContentLeft"] - 0.5, where
        assert graph["right"] <= graph["articleContentRight"] + 0.5, where
        assert graph["hostOverflow"] <= 0, where
        assert graph["pageOverflow"] <= 0, f"{where}: the page scrolls sideways"
        assert min(n["contrast"] for n in graph["nodes"]) >= 4.5, where
    return smallest


def axe(page: Any, include: list[str]) -> list[dict[str, Any]]:
    """axe-core's violations inside the given elements (and their shadow roots)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    present = [s for s in include if page.locator(s).count()]
    found: list[dict[str, Any]] = page.evaluate(
        """include => axe.run({include: include.map(s => [s])}, {resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({id: v.id, help: v.help,
                 nodes: v.nodes.map(n => [JSON.stringify(n.target), n.failureSummary])})))""",
        present)
    return found


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("url", "entry"), ENTRIES, ids=[u for u, _ in ENTRIES])
def test_entry_readable_on_every_screen(browser: Any, base_url: str, example_build: BuildResult,
                                        url: str, entry: Any) -> None:
    """At 1280x800, 768x1024 and 390x844, light and dark: every label >= 12 px, no node on
    another, nothing clipped, no sideways scroll; axe finds nothing in the plugin's parts at
    desktop and phone widths; the list holds every idea's full text."""
    figures: dict[str, float] = {}
    for name, size in VIEWPORTS.items():
        with opened(browser, base_url, url, example_build.site_dir, size) as page:
            for scheme in SCHEMES:
                set_scheme(page, scheme)
                graphs = page.evaluate(MEASURE_JS)
                figures[f"{name}-{scheme}"] = round(check_graphs(
                    graphs, f"{url} {name} {scheme}"), 2)
                ideas = {n["id"] for g in graphs for n in g["nodes"] if n["id"].startswith("k")}
                assert ideas == {f"k{i.number}" for i in entry.ideas}
                if name != "tablet":
                    assert axe(page, PLUGIN_PARTS) == [], f"{url} {name} {scheme}"
            items = page.locator("ol.vault-ideas > li").count()
            assert items == len(entry.ideas)
    print(url, figures)


@pytest.mark.timeout(60)
def test_graph_is_a_named_figure_reachable_by_keyboard(browser: Any, base_url: str,
                                                        example_build: BuildResult) -> None:
    """The graph has a name and a skip link to the list (its text alternative); Tab reaches
    every idea link of the shown graph, in order, each with a visible focus ring."""
    url, entry = next((u, e) for u, e in ENTRIES if "deepseek" in u)
    with opened(browser, base_url, url, example_build.site_dir, VIEWPORTS["phone"]) as page:
        figure = page.locator(".vault-graphs")
        assert figure.get_attribute("role") == "figure"
        assert f"{len(entry.ideas)} key ideas" in (figure.get_attribute("aria-label") or "")
        skip = page.locator(".vault-skip")
        assert skip.get_attribute("href") == "#idea-1"
        skip.focus()
        box = skip.bounding_box()
        assert box is not None
        assert box["width"] > 50  # shown once focused
        reached = []
        rings = []
        for _ in range(len(entry.ideas)):
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                let el = document.activeElement;
                while (el && el.shadowRoot && el.shadowRoot.activeElement) {
                    el = el.shadowRoot.activeElement; }
                if (!el) return null;
                const href = el.getAttribute('xlink:href') || el.getAttribute('href');
                const target = el.querySelector('rect, path, polygon') || el;
                const s = getComputedStyle(el);
                return {href, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                        || getComputedStyle(target).outlineStyle !== 'none'}; }""")
            reached.append(focused["href"])
            rings.append(focused["outline"])
        assert reached == [f"#idea-{i.number}" for i in sorted(
            entry.ideas, key=lambda i: ([c.key for c in entry.categories].index(i.category),
                                        i.number))]
        assert all(rings)
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash.startsWith('#idea-')", timeout=5000)


@pytest.mark.timeout(60)
def test_print_keeps_the_graph_on_the_page(browser: Any, base_url: str,
                                           example_build: BuildResult, tmp_path: Path) -> None:
    """Printed (A4 and Letter): the wide graph within the page width, labels >= 8 pt, the whole
    list of ideas, no navigation."""
    url, entry = next((u, e) for u, e in ENTRIES if "deepseek" in u)
    width = A4_WIDTH_PX - 2 * MARGIN_PX
    with opened(browser, base_url, url, example_build.site_dir, (width, 1000)) as page:
        page.emulate_media(media="print")
        page.wait_for_timeout(50)
        [graph] = page.evaluate(MEASURE_JS)
        assert graph["width"] <= width
        smallest_pt = min(n["minPx"] for n in graph["nodes"]) * 0.75
        assert smallest_pt >= MIN_PRINT_PT
        assert page.locator(".md-sidebar").first.is_hidden()
        assert page.locator(".md-header").first.is_hidden()
        assert page.locator("ol.vault-ideas > li").count() == len(entry.ideas)
        for paper in ("A4", "Letter"):
            pdf = tmp_path / f"entry-{paper}.pdf"
            page.pdf(path=str(pdf), format=paper, print_background=True,
                     margin={"top": "1cm", "bottom": "1cm", "left": "1cm", "right": "1cm"})
            assert pdf.stat().st_size > 10_000
            if shutil.which("pdftoppm"):
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf),
                                str(tmp_path / paper)], check=True, timeout=30)
                assert list(tmp_path.glob(f"{paper}*.png"))
        print(url, {"print_min_label_pt": round(smallest_pt, 2)})


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A site with a 150-idea entry (split graphs) and a broken entry (the problems box)."""
    site = SiteBuilder(tmp_path_factory.mktemp("readers"))
    site.config["plugins"] = ["search", {"vault": {"mermaid_js": str(
        ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js")}}]
    site.config["theme"]["palette"] = [{"scheme": "default"}, {"scheme": "slate"}]
    categories = {f"c{n}": {"label": f"Category number {n}"} for n in range(6)}
    ideas = [{"text": f"Idea {n}: a sentence long enough to need two lines on a card.",
              "label": f"A label of idea {n} that wraps", "category": f"c{n % 6}",
              **({"links": [n + 1]} if n % 7 == 0 else {})} for n in range(1, 151)]
    site.entry("big.md", {"center": "A large entry", "categories": categories, "ideas": ideas})
    site.entry("broken.md", {"ideas": "not a list"})
    result = site.build()
    assert result.error is None, result.error
    with serve(result.site_dir) as url:
        yield url, result.site_dir


@pytest.mark.timeout(90)
def test_large_entry_and_problems_box(browser: Any, large_site: tuple[str, Path]) -> None:
    """The split graphs of a 150-idea entry meet the same figures; axe finds nothing in the
    graphs or in the problems box."""
    base, site_dir = large_site
    for name in ("desktop", "phone"):
        with opened(browser, base, "big/", site_dir, VIEWPORTS[name]) as page:
            graphs = page.evaluate(MEASURE_JS)
            assert len(graphs) >= 2
            for scheme in SCHEMES:
                set_scheme(page, scheme)
                check_graphs(page.evaluate(MEASURE_JS), f"big {name} {scheme}")
                assert axe(page, PLUGIN_PARTS) == [], f"big {name} {scheme}"
    with opened(browser, base, "broken/", site_dir, VIEWPORTS["phone"]) as page:
        assert page.locator(".vault-problems").count() == 1
        for scheme in SCHEMES:
            set_scheme(page, scheme)
            assert axe(page, PLUGIN_PARTS) == [], f"problems box {scheme}"


VAULT_PAGES = ["vault/", "vault/series/lex-100/", "vault/categories/open/", "vault/people/"]


@pytest.mark.timeout(60)
def test_vault_pages_pass_axe(browser: Any, base_url: str, example_build: BuildResult) -> None:
    """The generated index, series, category and people pages: no axe violation in their
    content, light and dark, desktop and phone."""
    for path in VAULT_PAGES:
        if not (example_build.site_dir / path / "index.html").exists():
            continue
        for name in ("desktop", "phone"):
            with opened(browser, base_url, path, example_build.site_dir,
                        VIEWPORTS[name]) as page:
                for scheme in SCHEMES:
                    set_scheme(page, scheme)
                    assert axe(page, ["article.md-content__inner"]) == [], (
                        f"{path} {name} {scheme}")
