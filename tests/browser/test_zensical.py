"""The rendered example site built by Zensical, in headless Chromium: the DeepSeek entry shows
its header, 30 anchored ideas and a readable graph in both schemes of Zensical's own theme.

Zensical runs no MkDocs plugins, so the site is first written out by `mkdocs-vault render`
(for Zensical's link handling), with the local Mermaid 12 linked through `extra_javascript`
(Zensical loads Mermaid from unpkg unless `window.mermaid` exists; the browser here reaches
nothing but 127.0.0.1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_vault.render.expand import render_tree
from tests.browser.conftest import open_page, record, serve
from tests.site.test_render_cli import build_with_zensical
from tests.sitebuilder import EXAMPLE_SITE, MERMAID_JS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.browser

DEEPSEEK = "lex/deepseek-china-ai-megaclusters/"
MIN_LABEL_PX = 12.0
MIN_CONTRAST = 4.5


@pytest.fixture(scope="module", params=["11", "12"], ids=["mermaid11", "mermaid12"])
def zensical_site(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example site rendered for Zensical with a local Mermaid (the site's own 11, or 12,
    which Zensical would otherwise load from unpkg), built by Zensical."""
    version: str = request.param
    out = tmp_path_factory.mktemp(f"zensical-mermaid{version}")
    summary = render_tree(EXAMPLE_SITE / "mkdocs.yml", out, mermaid_js=MERMAID_JS[version],
                          target="zensical")
    assert summary.problems == []
    return build_with_zensical(summary.config_file), version


@pytest.fixture(scope="module")
def base_url(zensical_site: tuple[Path, str]) -> Iterator[str]:
    with serve(zensical_site[0]) as url:
        yield url


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_deepseek_entry_under_zensical(browser: Any, base_url: str,
                                       zensical_site: tuple[Path, str], scheme: str) -> None:
    site_dir, version = zensical_site
    with open_page(browser, base_url, DEEPSEEK, site_dir, scheme=scheme) as shown:
        page = shown.page
        assert not [u for u in shown.blocked if "mermaid" in u], shown.blocked
        assert page.locator(".vault-header").is_visible()
        assert "Dylan Patel" in page.locator(".vault-header").inner_text()
        ids = page.eval_on_selector_all("li[id^='idea-']", "els => els.map(e => e.id)")
        assert ids == [f"idea-{n}" for n in range(1, 31)]
        [graph] = shown.graphs
        assert graph["rendered"]
        assert not graph["error"]
        assert graph["scheme"] == scheme
        assert len(graph["nodes"]) == 37  # 30 ideas, 6 categories, the centre
        smallest = min(n["minPx"] for n in graph["nodes"])
        worst = min(n["contrast"] for n in graph["nodes"])
        name = f"zensical-mermaid{version}-deepseek-{scheme}"
        record(name, {"min_label_px": round(smallest, 2),
                                               "min_contrast": round(worst, 2),
                                               "height_px": round(graph["height"])})
        shown.screenshot(name)
        assert worst >= MIN_CONTRAST
        # A node links to its idea in the list.
        assert any(n["href"] == "#idea-1" for n in graph["nodes"])
        assert page.evaluate("getComputedStyle(document.querySelector('.vault-header'))"
                             ".display") != "inline"  # the stylesheet is applied
        assert smallest >= MIN_LABEL_PX
