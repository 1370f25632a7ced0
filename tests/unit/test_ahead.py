"""Entry pages rendered in a worker process (`render/ahead.py`): what the worker sends is what
the host would render, and nothing the worker does wrong costs a page or hangs the host."""

from __future__ import annotations

import logging
import pickle
import signal
import time
from typing import TYPE_CHECKING

import pytest

from mkdocs_vault.loading.pages import digest, load_page
from mkdocs_vault.render import ahead
from mkdocs_vault.render.ahead import Job, RenderAhead, Setup, Source
from mkdocs_vault.render.extras import EntryExtras, Link
from mkdocs_vault.render.markdown import MarkdownFields
from mkdocs_vault.render.options import RenderOptions
from mkdocs_vault.render.page import render_page
from mkdocs_vault.render.recorded import CachedRender

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.timeout(60)

EXTENSIONS = ("tables", "fenced_code")
NONCE = "n0nce"


def text(n: int) -> str:
    return (f"---\ntitle: Talk {n}\nvault:\n  ideas:\n"
            f"    - 'Idea one of talk {n}, see [the next](t{n + 1}.md#idea-1).'\n"
            f"    - 'Idea two links to [a missing page](gone.md) and **bold** text.'\n"
            f"    - Idea three of talk {n}.\n---\n\n# Talk {n}\n\nThe body.\n")


URLS = {f"talks/t{n}.md": f"talks/t{n}/" for n in range(12)} | {"index.md": ""}
TEXTS = {f"talks/t{n}.md": text(n) for n in range(12)}
SOURCES = {uri: Source(digest(page), text=page) for uri, page in TEXTS.items()}
EXTRAS = EntryExtras(related=(Link("Talk 3", "talks/t3.md", "", "shares two ideas"),))


def setup() -> Setup:
    return Setup(RenderOptions(), EXTENSIONS, {}, False, NONCE, ())


def jobs() -> list[Job]:
    return [Job(uri, f"key-{uri}", f"Talk {n}", 5, EXTRAS if n % 2 else None)
            for n, uri in enumerate(TEXTS)]


def here(job: Job) -> CachedRender:
    """What the host renders for `job` itself."""
    from mkdocs_vault.render.links import relative_url, resolve_link
    from mkdocs_vault.render.recorded import Recorder

    loaded = load_page(TEXTS[job.uri])
    assert loaded is not None
    assert loaded.entry is not None
    page_url = URLS[job.uri]

    def relative_url_of(target: str) -> str | None:
        return relative_url(URLS[target], page_url) if target in URLS else None

    fields = MarkdownFields(EXTENSIONS)
    resolving = Recorder(lambda url: resolve_link(url, job.uri, relative_url_of))
    linking = Recorder(lambda uri: relative_url(URLS[uri], page_url))
    fields.resolve = resolving
    rendered = render_page(loaded.entry, loaded.body, RenderOptions(), title=job.title,
                           body_line=job.body_line, fields=fields, nonce=NONCE,
                           extras=job.extras, href=linking)
    return CachedRender.of(job.key, rendered, resolving.calls, linking.calls)


@pytest.fixture
def worker() -> Iterator[RenderAhead]:
    started = RenderAhead(setup())
    started.load(SOURCES)
    yield started
    started.close()


def test_the_worker_sends_what_the_host_would_render(worker: RenderAhead) -> None:
    worker.send(jobs(), URLS)
    assert worker.started(timeout=30)
    for job in jobs():
        taken = worker.take(job.uri)
        assert taken is not None, job.uri
        assert taken[0] == here(job)
        assert ("t1.md#idea-1" in dict(taken[0].resolved)) == (job.uri == "talks/t0.md")
        assert dict(taken[0].resolved)["gone.md"] is None  # recorded, so the host checks it
        assert not worker.expects(job.uri)
    assert worker.take("talks/t0.md") is None  # each page once


def test_the_worker_loads_pages_for_the_host() -> None:
    loading = RenderAhead(setup())
    try:
        assert loading.started(timeout=30)
        for uri in ("talks/t0.md", "talks/t1.md"):
            loading.delegate(uri, f"key-{uri}", SOURCES[uri])
        loading.delegate("talks/gone.md", "k", Source("x", "/nonexistent/gone.md"))
        for uri in ("talks/t0.md", "talks/t1.md"):
            data = loading.loaded(uri)
            assert data is not None
            assert pickle.loads(data) == (f"key-{uri}", load_page(TEXTS[uri]))
        assert loading.loaded("talks/gone.md") is None  # left to the host
        assert loading.loaded("talks/t0.md") is None  # once
    finally:
        loading.close()


def test_the_worker_goes_on_loading_while_the_host_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """More loaded pages than the pipe holds (1 MB): they are read as they come, so the worker
    never waits for the host to pick them up at the end."""
    body = "Words of a long body. " * 3000  # about 65 KB a page: the pipe holds 16
    many = {f"talks/big{n}.md": text(n) + body for n in range(60)}
    loading = RenderAhead(setup())
    try:
        assert loading.started(timeout=30)
        for uri, page in many.items():
            loading.delegate(uri, f"key-{uri}", Source(digest(page), text=page))
            time.sleep(0.02)  # the host loading a page of its own
        deadline = time.monotonic() + 30
        while not all(loading._loading.get(uri) for uri in many) \
                and time.monotonic() < deadline:
            loading.delegate("talks/t0.md", "k", SOURCES["talks/t0.md"])  # the host goes on
            time.sleep(0.02)
        assert all(loading._loading.get(uri) for uri in many)  # none left in the pipe
    finally:
        loading.close()


def test_pages_asked_for_out_of_order_are_never_lost_nor_waited_for(
        worker: RenderAhead) -> None:
    worker.send(jobs(), URLS)
    assert worker.started(timeout=30)
    time.sleep(1)  # all twelve are rendered before the host says where it is
    assert worker.take("talks/t9.md") is not None
    began = time.monotonic()
    found = worker.take("talks/t1.md")  # came before t9: kept
    assert time.monotonic() - began < 1
    assert found is not None
    assert found[0] == here(jobs()[1])
    assert worker.take("not/sent.md") is None


def test_a_worker_that_stops_answering_costs_one_wait(worker: RenderAhead) -> None:
    worker.send(jobs(), URLS)
    assert worker.started(timeout=30)
    worker._process.send_signal(signal.SIGSTOP)
    try:
        began = time.monotonic()
        taken = [worker.take(job.uri) for job in jobs()]
        assert time.monotonic() - began < ahead.PATIENCE + 2
        assert taken[-1] is None
    finally:
        worker._process.send_signal(signal.SIGCONT)


def test_the_worker_runs_the_hosts_code_whatever_the_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "mkdocs_vault"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('not the real one')\n")
    monkeypatch.chdir(tmp_path)
    running = RenderAhead(setup())
    try:
        assert running.started(timeout=30)
    finally:
        running.close()


def test_closing_while_a_large_payload_is_sent_raises_nothing() -> None:
    big = {f"p{n}.md": Source(digest("x"), text="x" * 100_000) for n in range(50)}
    for _ in range(5):
        closing = RenderAhead(setup())
        closing.load(big)  # 5 MB, more than the pipe holds: the sender is mid-send
        closing.close()
        assert closing._process.poll() is not None
        assert not closing._sender.is_alive()


def test_a_worker_that_dies_costs_no_page_and_no_wait(worker: RenderAhead) -> None:
    worker.send(jobs(), URLS)
    assert worker.started(timeout=30)
    worker._process.kill()
    worker._process.wait(10)
    began = time.monotonic()
    taken = [worker.take(job.uri) for job in jobs()]
    assert time.monotonic() - began < ahead.PATIENCE / 2
    assert taken[-1] is None  # the rest is left to the host


def test_before_the_worker_answers_the_host_renders_itself() -> None:
    waiting = RenderAhead(setup())  # just started: it has not answered yet
    try:
        waiting.send(jobs(), URLS)
        began = time.monotonic()
        assert waiting.take("talks/t0.md") is None
        assert time.monotonic() - began < 1
    finally:
        waiting.close()
    assert waiting._process.poll() is not None


def test_the_worker_reads_the_file_the_host_read(tmp_path: Path) -> None:
    path = tmp_path / "t0.md"
    path.write_bytes(b"\xef\xbb\xbf" + TEXTS["talks/t0.md"].encode())  # a BOM, as MkDocs reads
    read = ahead._entry(ahead._read(Source(digest(TEXTS["talks/t0.md"]), str(path)), setup()))
    assert read is not None
    assert read[0].ideas[2].text == "Idea three of talk 0."
    path.write_text(TEXTS["talks/t0.md"].replace("three", "3"), encoding="utf-8")
    changed = Source(digest(TEXTS["talks/t0.md"]), str(path))
    assert ahead._read(changed, setup()) is None
    path.write_bytes(TEXTS["talks/t0.md"].replace("\n", "\r\n").encode())  # read as MkDocs does
    assert ahead._read(Source(digest(TEXTS["talks/t0.md"]), str(path)), setup()) is not None
    assert ahead._read(Source("x", str(tmp_path / "gone.md")), setup()) is None


def test_a_page_that_logs_or_fails_is_left_to_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    job = jobs()[0]
    loaded = ahead._entry(ahead._read(SOURCES[job.uri], setup()))
    assert loaded is not None
    fields = MarkdownFields(EXTENSIONS)
    assert ahead._render(job, loaded, setup(), URLS, fields)  # as it is: rendered

    def logging_render(*args: object, **kwargs: object) -> object:
        logging.getLogger("markdown").warning("something to report")
        return render_page(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ahead, "render_page", logging_render)
    assert ahead._render(job, loaded, setup(), URLS, fields) == b""
    monkeypatch.setattr(ahead, "render_page", lambda *a, **k: 1 / 0)
    assert ahead._render(job, loaded, setup(), URLS, fields) == b""
    assert ahead._render(job, None, setup(), URLS, fields) == b""  # not a valid entry
    bad = "---\nvault: [not, an, entry]\n---\n"
    assert ahead._read(Source(digest(bad), text=bad), setup()) is not None  # for its problems
    assert ahead._entry(ahead._read(Source(digest(bad), text=bad), setup())) is None


@pytest.mark.parametrize(("groups", "limit", "cpus"), [
    ("0::/user.slice/build\n", "150000 100000\n", 1.5),
    ("0::/\n", "200000 100000\n", 2.0),
    ("0::/\n", "max 100000\n", float("inf")),
    ("1:cpu:/old\n", "100000 100000\n", float("inf")),  # cgroup v1 only: no quota read
    ("0::/gone\n", None, float("inf")),
])
def test_a_cpu_quota_counts_as_fewer_cores(tmp_path: Path, groups: str, limit: str | None,
                                           cpus: float) -> None:
    (tmp_path / "cgroup").write_text(groups)
    path = groups.strip().removeprefix("0::")
    if limit is not None:
        (tmp_path / "fs" / path.lstrip("/")).mkdir(parents=True, exist_ok=True)
        (tmp_path / "fs" / path.lstrip("/") / "cpu.max").write_text(limit)
    assert ahead._cgroup_cpus(str(tmp_path / "cgroup"), str(tmp_path / "fs")) == cpus
