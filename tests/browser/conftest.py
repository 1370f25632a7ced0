"""Real-browser fixtures: a local HTTP server and Debian's Chromium driven by Playwright.

Nothing leaves 127.0.0.1: every other request is aborted, so Mermaid must come from the local
copy the site ships (`mermaid_js`). On CI (CI=true) a missing browser, Playwright or Mermaid
fails the tests instead of skipping them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.serving import serve_directory
from tests.sitebuilder import MERMAID_JS, ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
MEASURE_JS = (Path(__file__).with_name("measure.js")).read_text(encoding="utf-8")
ARTIFACTS = ROOT / "artifacts"


def chromium_path() -> str | None:
    """Debian's chromium (or $VAULT_CHROMIUM)."""
    for candidate in (os.environ.get("VAULT_CHROMIUM"), shutil.which("chromium"),
                      "/usr/bin/chromium", shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def missing_requirement() -> str | None:
    """Why browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install playwright)"
    if chromium_path() is None:
        return "chromium is not installed (apt-get install chromium)"
    for version, path in MERMAID_JS.items():
        if not path.is_file():
            return f"mermaid {version} is not installed ({path}); run `npm install`"
    return None


def require_browser() -> None:
    """Skip locally, fail on CI."""
    reason = missing_requirement()
    if reason:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests cannot run on CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(),
                                              args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 and give its base URL."""
    with serve_directory(directory) as base:
        yield base


@dataclass
class Rendered:
    """An opened page after Mermaid has drawn every graph."""

    page: Any
    graphs: list[dict[str, Any]]
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def screenshot(self, name: str) -> Path:
        """Full-page PNG under artifacts/ (for people, not for assertions)."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        graphs = self.page.locator(".vault-graph")
        for index in range(graphs.count()):
            graphs.nth(index).screenshot(path=str(ARTIFACTS / f"{name}-graph{index + 1}.png"))
        return path


def _init_script(scheme: str) -> str:
    palette = json.dumps({"index": 0 if scheme == "default" else 1, "color": {"scheme": scheme}})
    return (
        # Material renders Mermaid into a closed shadow root; open it so tests can look inside.
        "const attach = Element.prototype.attachShadow;"
        "Element.prototype.attachShadow = function (init) {"
        "  return attach.call(this, {...init, mode: 'open'}); };"
        # Material keeps the chosen palette in localStorage, keyed by the site's base path.
        f"localStorage.setItem('/.__palette', {json.dumps(palette)});"
    )


@contextmanager
def open_page(browser: Any, base: str, path: str, site_dir: Path, *,
              scheme: str = "default") -> Iterator[Rendered]:
    """Open a page and wait until every `pre.mermaid` it contains has been drawn."""
    html_file = site_dir / path / "index.html" if path.endswith("/") or not path else (
        site_dir / path)
    expected = html_file.read_text(encoding="utf-8").count('<pre class="mermaid">')
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(_init_script(scheme))
    blocked: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(base):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (errors.append(f"dialog opened: {d.message}"), d.dismiss()))
    try:
        page.goto(f"{base}/{path}")
        if expected:
            page.wait_for_function(
                """n => { const hosts = [...document.querySelectorAll('div.mermaid')];
                          return hosts.length >= n && hosts.every(
                              h => h.shadowRoot && h.shadowRoot.querySelector('svg')); }""",
                arg=expected, timeout=30_000)
        page.wait_for_timeout(100)  # let Material finish swapping nodes
        graphs = page.evaluate(MEASURE_JS)
        assert len(graphs) == expected, f"{expected} graphs in the HTML, {len(graphs)} drawn"
        bombs = page.evaluate("document.querySelectorAll('[id^=\"d__mermaid\"], "
                              "[id^=\"d\"][id*=\"mermaid\"] svg[aria-roledescription=error]')"
                              ".length")
        assert bombs == 0, f"Mermaid syntax-error diagrams on {path}"
        yield Rendered(page, graphs, errors, blocked)
    finally:
        context.close()


def record(name: str, values: dict[str, Any]) -> None:
    """Keep measured numbers in artifacts/measurements.json for the release notes."""
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "measurements.json"
    data = json.loads(target.read_text()) if target.exists() else {}
    data[name] = values
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
