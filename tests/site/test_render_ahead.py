"""Entry pages rendered ahead in a worker process (`render_ahead`, `render/ahead.py`): the site
and the log are the same as without it, the worker really renders, and a warm build starts no
worker."""

from __future__ import annotations

import json
import logging
import shutil
import time
from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_vault.plugin.cache import START_AFTER
from mkdocs_vault.render.ahead import MIN_JOBS, RenderAhead, second_core
from mkdocs_vault.render.expand import render_tree

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


def log(result: BuildResult) -> list[str]:
    """What the plugin logged at INFO and above, in order."""
    return [r.getMessage() for r in result.records
            if r.levelno >= logging.INFO and r.name == "mkdocs.plugins.vault"]


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
    start, arrived = RenderAhead.__init__, RenderAhead.arrived

    def start_and_wait(self: RenderAhead, *args: Any) -> None:
        start(self, *args)
        assert self.started(timeout=60)

    def arrived_or_wait(self: RenderAhead, uri: str) -> bool:
        """The host waits for every page it left to the worker (instead of loading those the
        worker has not reached itself)."""
        deadline = time.monotonic() + 60
        while not arrived(self, uri) and time.monotonic() < deadline:
            self._pages.poll(0.1)
        return True

    monkeypatch.setattr(RenderAhead, "__init__", start_and_wait)
    monkeypatch.setattr(RenderAhead, "arrived", arrived_or_wait)


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
    expected, expected_log = snapshot(alone), log(alone)
    assert "ahead: pages sent" not in counters(timings)
    assert any("gone-3.md" in w for w in expected_log)  # the broken links are reported
    assert any("t7.md" in w for w in expected_log)

    ahead = build(site, timings, monkeypatch, cache=False)
    assert snapshot(ahead) == expected
    assert log(ahead) == expected_log
    found = counters(timings)
    assert found["ahead: pages sent"] == COUNT - 2  # not the problem page, not t6
    assert found["ahead: pages used"] == COUNT - 2  # the worker rendered every one
    # From the page the worker is started at on, it loads every other one.
    assert found["ahead: pages loaded"] == len(range(START_AFTER + 1, COUNT + 1, 2))


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
    assert "ahead: workers started" not in warm
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
    assert "ahead: workers started" not in counters(timings)


def test_a_worker_whose_guesses_are_wrong_is_given_up(
        site: SiteBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault(site)
    # Titles from the nav: the worker renders under the titles the pages have in on_files.
    site.config["nav"] = [{f"Episode {n}": f"talks/t{n}.md"} for n in range(COUNT)]
    timings = tmp_path / "timings.json"
    expected = snapshot(build(site, timings, monkeypatch, render_ahead=False, cache=False))
    assert "Episode 3" in expected["talks/t3/index.html"].decode()
    assert snapshot(build(site, timings, monkeypatch, cache=False)) == expected
    found = counters(timings)
    assert found["ahead: given up"] == 1
    assert "ahead: pages used" not in found


def test_a_site_without_entries_starts_no_worker(
        site: SiteBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(COUNT):
        site.page(f"p{n}.md", f"# Page {n}\n\nText.\n")
    timings = tmp_path / "timings.json"
    assert build(site, timings, monkeypatch).error is None
    assert "ahead: workers started" not in counters(timings)


def test_a_host_that_drives_the_events_itself_leaves_no_worker(
        site: SiteBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault(site)
    site.plugin_options()
    config_file = site._write_config()
    started: list[RenderAhead] = []
    start = RenderAhead.__init__  # the fixture's: waits until the worker is up

    def noting(self: RenderAhead, *args: Any) -> None:
        start(self, *args)
        started.append(self)

    monkeypatch.setattr(RenderAhead, "__init__", noting)
    render_tree(config_file, tmp_path / "out")  # on_shutdown, but no on_post_build
    assert started
    assert all(worker._process.poll() is not None for worker in started)
