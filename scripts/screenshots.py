"""Take the README screenshots: the DeepSeek entry of example-site, light and dark.

Run with `.venv/bin/python scripts/screenshots.py` after `scripts/setup --browser`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, open_page, serve  # noqa: E402
from tests.sitebuilder import EXAMPLE_SITE, build_config  # noqa: E402

PAGE = "lex/deepseek-china-ai-megaclusters/"
OUT = ROOT / "docs" / "assets"


def main() -> None:
    """Build example-site, open the entry in both schemes, save the top of the page."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        result = build_config(EXAMPLE_SITE / "mkdocs.yml", Path(tmp), strict=True)
        if result.error:
            raise SystemExit(f"build failed: {result.error}")
        with serve(result.site_dir) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(),
                                                 args=CHROMIUM_ARGS)
            for scheme, name in (("default", "entry-light.png"), ("slate", "entry-dark.png")):
                with open_page(browser, base, PAGE, result.site_dir, scheme=scheme) as shown:
                    legend = shown.page.locator(".vault-legend").bounding_box()
                    assert legend is not None
                    height = legend["y"] + legend["height"] + 24
                    shown.page.screenshot(path=str(OUT / name), full_page=True,
                                          clip={"x": 0, "y": 0, "width": 1280, "height": height})
                    print(f"wrote {OUT / name}")
            browser.close()


if __name__ == "__main__":
    main()
