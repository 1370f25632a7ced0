"""The example site's concept graphs under Mermaid 12 (Zensical's default), in headless Chromium.

Mermaid 12 changed the flowchart defaults: the `neo` look (much more padding in hexagons and
stadiums), the ELK layout and a 120 px minimum label width, which drew the `lanes` graph of the
DeepSeek entry 37% wider than Mermaid 11 (labels of 10.9 px in a 688 px column). The graphs'
init directive asks for Mermaid 11's drawing and the centre is a shape both versions size alike
(see `layouts.py`). Here:

* each wide and narrow graph of every entry, as the built pages carry it, has the same natural
  width (and node widths) in Mermaid 11 and 12, rendered side by side as Material renders it
  (mermaid_harness.html);
* the example site with Mermaid 12 swapped in for the bundled 11 is read at desktop and phone
  widths: the shown graph's labels are >= 12 px, nothing overlaps, spills or scrolls sideways.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.conftest import ARTIFACTS, MEASURE_JS, record, serve
from tests.browser.test_example_site import ENTRIES
from tests.browser.test_readers import check_graphs, opened
from tests.sitebuilder import MERMAID_JS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.sitebuilder import BuildResult

pytestmark = pytest.mark.browser

HARNESS = Path(__file__).with_name("mermaid_harness.html")
MERMAID_URI = "assets/vault/mermaid.min.js"
VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
PRE_RE = re.compile(r'<pre class="mermaid[^"]*"><code>(.*?)</code></pre>', re.DOTALL)
# Natural size of each Mermaid text, and the width of each node, as drawn in a page.
MEASURE_SOURCES = """async (texts) => {
  const out = [];
  for (const [index, text] of texts.entries()) {
    const host = document.createElement("div");
    document.body.appendChild(host);
    try {
      const {svg} = await mermaid.render(`__m12_${index}`, text);
      host.innerHTML = svg;
      const root = host.querySelector("svg");
      const nodes = Object.fromEntries([...root.querySelectorAll("g.node")].map((node) => [
        node.id.replace(/^.*flowchart-/, "").replace(/-\\d+$/, ""), node.getBBox().width]));
      out.push({error: root.getAttribute("aria-roledescription") === "error",
                width: root.viewBox.baseVal.width, height: root.viewBox.baseVal.height,
                nodes});
    } finally {
      host.remove();
    }
  }
  return out;
}"""


def mermaid_sources(site_dir: Path, url: str) -> list[str]:
    """The Mermaid texts of a built page, wide and narrow, as the browser reads them."""
    page = (site_dir / url / "index.html").read_text(encoding="utf-8")
    return [html.unescape(m.group(1)) for m in PRE_RE.finditer(page)]


@pytest.fixture(scope="module")
def harness_pages(browser: Any, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[dict[str, Any]]:
    """The harness page next to Mermaid 11 and 12, one page each; other hosts blocked."""
    root: Path = tmp_path_factory.mktemp("mermaid12-harness")
    for version, script in MERMAID_JS.items():
        (root / version).mkdir()
        shutil.copy(HARNESS, root / version / "index.html")
        shutil.copy(script, root / version / "mermaid.min.js")
    with serve(root) as base:
        context = browser.new_context()
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base + "/")
                      else r.abort())
        try:
            pages = {}
            for version in MERMAID_JS:
                page = context.new_page()
                page.goto(f"{base}/{version}/index.html")
                page.wait_for_function("window.harnessReady === true", timeout=30_000)
                pages[version] = page
            yield pages
        finally:
            context.close()


@pytest.mark.timeout(120)
def test_mermaid_11_and_12_draw_the_same_graphs(harness_pages: dict[str, Any],
                                                example_build: BuildResult) -> None:
    """Every graph of every entry is as wide in Mermaid 12 as in Mermaid 11, node by node."""
    figures = {}
    for url, _ in ENTRIES:
        texts = mermaid_sources(example_build.site_dir, url)
        assert len(texts) >= 2, url  # a wide and a narrow graph per part
        drawn = {v: page.evaluate(MEASURE_SOURCES, texts) for v, page in harness_pages.items()}
        for index, (old, new) in enumerate(zip(drawn["11"], drawn["12"], strict=True)):
            where = f"{url} graph {index + 1}"
            assert not old["error"], where
            assert not new["error"], where
            assert new["width"] <= old["width"] + 0.5, (where, old["width"], new["width"])
            assert new["height"] <= old["height"] + 0.5, (where, old["height"], new["height"])
            assert old["nodes"].keys() == new["nodes"].keys(), where
            wider = {n: (old["nodes"][n], w) for n, w in new["nodes"].items()
                     if w > old["nodes"][n] + 0.5}
            assert wider == {}, f"{where}: nodes wider in Mermaid 12: {wider}"
        figures[url] = [[round(g["width"], 1) for g in drawn[v]] for v in ("11", "12")]
    record("mermaid11-vs-12-natural-widths", figures)


@pytest.fixture(scope="module")
def mermaid12_site(example_build: BuildResult, tmp_path_factory: pytest.TempPathFactory
                   ) -> Path:
    """The built example site with Mermaid 12 in place of the bundled Mermaid 11."""
    site_dir: Path = tmp_path_factory.mktemp("example-mermaid12") / "site"
    shutil.copytree(example_build.site_dir, site_dir)
    target = site_dir / MERMAID_URI
    assert target.is_file(), "the example site no longer ships its own Mermaid"
    shutil.copy(MERMAID_JS["12"], target)
    return site_dir


@pytest.fixture(scope="module")
def base_url(mermaid12_site: Path) -> Iterator[str]:
    with serve(mermaid12_site) as url:
        yield url


@pytest.mark.timeout(90)
@pytest.mark.parametrize("url", [u for u, _ in ENTRIES])
def test_entry_readable_with_mermaid_12(browser: Any, base_url: str, mermaid12_site: Path,
                                        url: str) -> None:
    """At 1280x800 (the wide graph) and 390x844 (the narrow one): labels >= 12 px, no overlap,
    nothing clipped, no sideways scroll, with Mermaid 12 drawing."""
    figures: dict[str, float] = {}
    for name, size in VIEWPORTS.items():
        shown = "wide" if name == "desktop" else "narrow"
        with opened(browser, base_url, url, mermaid12_site, size) as page:
            graphs = page.evaluate(MEASURE_JS)
            kinds = page.evaluate("""() => [...document.querySelectorAll('div.mermaid')]
                .filter(h => h.getClientRects().length > 0)
                .map(h => h.closest('.vault-graph-narrow') ? 'narrow' : 'wide')""")
            assert kinds, (url, name)
            assert set(kinds) == {shown}, (url, name, kinds)
            figures[name] = round(check_graphs(graphs, f"{url} {name} (Mermaid 12)"), 2)
            figures[f"{name}-width"] = round(max(g["width"] for g in graphs), 1)
            if "deepseek" in url:  # for people to look at
                ARTIFACTS.mkdir(exist_ok=True)
                selector = ".vault-graph" if shown == "wide" else ".vault-graph-narrow"
                page.locator(selector).first.screenshot(
                    path=str(ARTIFACTS / f"mermaid12-deepseek-{name}.png"))
    record(f"mermaid12-{url.strip('/').replace('/', '-')}", figures)
