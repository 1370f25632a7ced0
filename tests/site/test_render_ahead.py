"""Entry pages rendered ahead in a worker process (`render_ahead`, `render/ahead.py`): the site
and the log are the same as without it, the worker really renders, and a warm build starts no
worker."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_vault.render.ahead import MIN_JOBS, RenderAhead, second_core

if TYPE_CHECKING:
    from pathlib import Path

    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = [pytest.mark.site, pytest.mark.timeout(240),
              pytest.mark.skipif(not second_core(), reason="one core: nothing runs ahead")]

COUNT = MIN_JOBS + 10


def vault(site: SiteBuilder) -> None:
    """Entries that link to each other, to a missing page and to an image; one titled by its
    heading only, one by its file name only (not sent to the worker), one with problems."""
    site.page("img/p.png", "not really a picture")
    for n in range(COUNT):
        ideas: list[Any] = [
            f"Idea one of talk {n} reads [the next talk](t{(n + 1) % COUNT}.md#idea-2).",
            f"Idea two of talk {n} shows ![a picture](../img/p.png) and **weight**.",
            {"text": f"Idea three of talk {n}.", "see": [f"t{(n + 7) % COUNT}.md#idea-1"]},
        ]
        if n % 10 == 3:
            ideas.append(f"Idea four of talk {n} links to [nothing](gone-{n}.md).")
        vault_data = {"series": "S", "number": n + 1, "speakers": [f"Speaker {n % 4}"],
                      "ideas": ideas}
        title: str | None = f"Talk {n}"
        body = ""
        if n == 5:
            title, body = None, "# Talk five, by its heading\n"
        elif n == 6:
            title = None
        elif n == 7:
            vault_data["ideas"] = "not a list"
        site.entry(f"talks/t{n}.md", vault_data, title=title, body=body)


def counters(path: Path) -> dict[str, int]:
    return json.loads(path.read_text(encoding="utf-8"))["counters"]


def snapshot(result: BuildResult) -> dict[str, bytes]:
    assert result.error is None, result.error
    return {p.relative_to(result.site_dir).as_posix(): p.read_bytes()
            for p in sorted(result.site_dir.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def worker_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """The host waits until the worker has started before it goes on (a site this small is
    built before a worker is up, and the host never waits for a starting worker)."""
    start = RenderAhead.__init__

    def start_and_wait(self: RenderAhead, *args: Any) -> None:
        start(self, *args)
        assert self.started(timeout=60)

    monkeypatch.setattr(RenderAhead, "__init__", start_and_wait)


def build(site: SiteBuilder, timings: Path, monkeypatch: pytest.MonkeyPatch,
          **options: Any) -> BuildResult:
    monkeypatch.setenv("VAULT_TIMINGS", str(timings))
    site.plugin_options(**options)
    shutil.rmtree(site.root / "site", ignore_errors=True)
    return site.build()


def test_pages_rendered_ahead_are_the_pages_rendered_here(
        site: SiteBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault(site)
    timings = tmp_path / "timings.json"
    alone = build(site, timings, monkeypatch, render_ahead=False, cache=False)
    expected, expected_log = snapshot(alone), alone.warnings
    assert "ahead: pages sent" not in counters(timings)
    assert any("gone-3.md" in w for w in expected_log)  # the broken links are reported
    assert any("t7.md" in w for w in expected_log)

    ahead = build(site, timings, monkeypatch, cache=False)
    assert snapshot(ahead) == expected
    assert ahead.warnings == expected_log
    found = counters(timings)
    assert found["ahead: pages sent"] == COUNT - 2  # not the problem page, not t6
    assert found["ahead: pages used"] == COUNT - 2  # the worker rendered every one
    assert found["ahead: pages loaded"] == COUNT // 2  # and loaded every other page


def test_a_warm_build_starts_no_worker_and_the_cache_keeps_its_pages(
        site: SiteBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault(site)
    timings = tmp_path / "timings.json"
    expected = snapshot(build(site, timings, monkeypatch, render_ahead=False, cache=False))
    assert snapshot(build(site, timings, monkeypatch)) == expected  # cold: the worker renders
    cold = counters(timings)
    assert cold["ahead: pages used"] == COUNT - 2
    assert snapshot(build(site, timings, monkeypatch)) == expected  # warm: all from the cache
    warm = counters(timings)
    assert warm["ahead: pages sent"] == 0
    assert warm["cache: render hits"] == COUNT - 1  # all but the problem page


def test_one_changed_entry_is_not_worth_a_worker(
        site: SiteBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault(site)
    timings = tmp_path / "timings.json"
    build(site, timings, monkeypatch)
    path = site.docs / "talks" / "t0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Idea one", "Idea one, changed,"),
                    encoding="utf-8")
    changed = build(site, timings, monkeypatch)
    assert "Idea one, changed, of talk 0" in changed.html("talks/t0.md")
    assert counters(timings)["ahead: pages sent"] == 0
