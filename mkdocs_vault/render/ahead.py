"""Entry pages loaded and rendered beside the host, in a second process.

MkDocs builds on one core, and spends longer on a page (its Markdown, the theme's templates,
the search index) than the plugin spends rendering the entry. Where the machine has a second
core, a worker process loads every other page the host has to load (`delegate`), loads the
rest while the host works out the vault-wide data (`load`), then renders the entries that need
it in the order the host will ask for them (`send`), up to `WINDOW` pages ahead.

A result carries the key the host computed for the page's inputs when it sent the job, and the
answers of every link it resolved (from the site's URLs, `links.relative_url`). The host uses
it only under the key it computes when the page comes up, and only if every link resolves the
same with the host's own files (`CachedRender.valid`): the worker changes when a page is ready,
never what it shows. A loaded page comes back as the host would have loaded it, pickled. A page
the worker has not reached (it is still starting), could not load or render or logged a warning
for (the host's logger must see it), and every page after the worker stops answering, the host
loads and renders itself.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import math
import os
import pickle
import queue
import subprocess
import sys
import threading
import warnings
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from mkdocs_vault.loading.pages import LoadedPage, digest, load_source
from mkdocs_vault.model import Category, Entry
from mkdocs_vault.pickling import compact
from mkdocs_vault.render.extras import EntryExtras
from mkdocs_vault.render.links import relative_url, resolve_link
from mkdocs_vault.render.markdown import MarkdownFields
from mkdocs_vault.render.options import RenderOptions
from mkdocs_vault.render.page import render_page
from mkdocs_vault.render.recorded import CachedRender, Recorder

MIN_JOBS = 40
"""Fewer pages to render are not worth starting a process for (about 0.1 s)."""
WINDOW = 64
"""How many pages the worker may be ahead of the host (what waits is held in memory)."""
PATIENCE = 3.0
"""Seconds without any answer after which the host stops waiting for the worker."""
_STEP = 8
"""The host tells the worker where it is every this many pages."""
_BATCH = 16
"""Pages to load sent to the worker at once."""
_PROTOCOL = pickle.HIGHEST_PROTOCOL
_PIPE_BYTES = 1 << 20
"""The pipe of pages holds this much (Linux' default, 64 KiB, is one or two pages)."""


@compact
@dataclass(frozen=True, slots=True)
class Source:
    """Where the worker reads a vault page: its file, or the `text` when there is no file
    (another plugin made the page); with the digest of the text the host read, so that a
    file that is not what the host read (another plugin changed the page) is left to it."""

    digest: str
    path: str | None = None
    text: str | None = None
    defaults: Mapping[str, Any] | None = None
    """From `.meta.yml` files (`loading.pages.load_source`)."""


@compact
@dataclass(frozen=True, slots=True)
class Job:
    """One entry page to render, with the host's key of these inputs."""

    uri: str
    key: str
    title: str
    body_line: int
    extras: EntryExtras | None


@dataclass(frozen=True, slots=True)
class Setup:
    """What every page of one build is loaded and rendered with."""

    options: RenderOptions
    extensions: tuple[str, ...]
    configs: Mapping[str, Any]
    raw_html: bool
    nonce: str
    categories: tuple[Category, ...]


def second_core() -> bool:
    """Whether this process may run on more than one core (its CPU affinity, and on Linux
    its cgroup's CPU quota, as a container's `--cpus` sets it)."""
    try:
        cores: float = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, _cgroup_cpus()) >= 2


def _cgroup_cpus(groups_file: str = "/proc/self/cgroup", root: str = "/sys/fs/cgroup") -> float:
    """How many CPUs the cgroup (v2) of this process may use; infinite when unknown."""
    with contextlib.suppress(OSError, ValueError, IndexError, StopIteration):
        with open(groups_file, encoding="utf-8") as groups:
            path = next(line[3:].strip() for line in groups if line.startswith("0::"))
        with open(f"{root}{path}/cpu.max", encoding="utf-8") as limit:
            quota, period = limit.read().split()[:2]
        if quota != "max":
            return int(quota) / int(period)
    return math.inf


class RenderAhead:
    """The host's side: starts the worker, sends it pages to load (`delegate`, taken back with
    `arrived` and `loaded`), where the other pages are (`load`) and the pages to render
    (`send`), and hands the rendered pages out (`take`)."""

    def __init__(self, setup: Setup) -> None:
        payload = pickle.dumps(setup, pickle.HIGHEST_PROTOCOL)
        self._jobs: queue.Queue[bytes | None] = queue.Queue()
        self._index: dict[str, int] = {}
        """The pages sent and not yet asked for, by their place in the worker's order."""
        self._results: dict[str, bytes] = {}
        """Pages received before the host asked for them (at most `WINDOW`)."""
        self._loading: dict[str, bytes | None] = {}
        """Pages the host left to the worker to load: what came back (None: not yet)."""
        self._delegated: list[tuple[str, str, Source]] = []
        """Pages to load not sent yet (`_flush`)."""
        self._started = False
        """A page came: the worker is running (before that, the host does not wait)."""
        self._answering = True
        self._told = -_STEP
        """The last position told to the worker."""
        self.peak_kib: int | None = None
        """The worker's peak memory, once stopped (Linux: its VmHWM)."""
        self._process, (self._payloads, self._pages, self._position) = _start()
        # The host reads the pages itself, when it asks for one: a thread that read them
        # would get the GIL only every switch interval (5 ms) while MkDocs holds it.
        self._sender = threading.Thread(target=self._send, args=(payload,), daemon=True,
                                        name="mkdocs-vault render ahead")
        self._sender.start()
        self._stop = weakref.finalize(self, _stop, self._process, self._sender, self._payloads,
                                      self._pages, self._position)

    def delegate(self, uri: str, key: str, source: Source) -> None:
        """Have the worker load a page for the host (`loaded`), while the host loads others:
        the worker sends back `(key, LoadedPage)` pickled."""
        self._loading[uri] = None
        self._delegated.append((uri, key, source))
        if len(self._delegated) >= _BATCH:
            self._flush()
        # What it has loaded is read as it comes: a full pipe would stop the worker until
        # the host picks the pages up at the end (at 10,000 entries it had loaded 2,643 of
        # the 5,000 pages given to it, instead of nearly all).
        self._receive("")

    def _flush(self) -> None:
        """Send the delegated pages (in batches: the thread that sends them gets the GIL
        only every switch interval while the host is busy)."""
        if self._delegated:
            self._jobs.put(pickle.dumps(("load", self._delegated), pickle.HIGHEST_PROTOCOL))
            self._delegated = []

    def arrived(self, uri: str) -> bool:
        """Whether what the worker loaded of a delegated page is here (or will never come)."""
        self._flush()
        self._receive("")
        return self._loading.get(uri) is not None or not (self._started and self._answering)

    def loaded(self, uri: str) -> bytes | None:
        """What the worker loaded of a delegated page, waiting for it while the worker is
        running and answering; None: load it here."""
        if uri not in self._loading:
            return None
        while not self.arrived(uri):
            if not self._pages.poll(PATIENCE):
                self._answering = False
        return self._loading.pop(uri) or None

    def load(self, sources: Mapping[str, Source]) -> None:
        """The vault pages (source uri -> where to read it): the worker loads them itself
        while the host works out the vault-wide data (a loaded entry pickles slowly)."""
        self._loading.clear()  # the host has loaded the rest itself
        self._delegated = []
        self._jobs.put(pickle.dumps(("sources", dict(sources)), pickle.HIGHEST_PROTOCOL))

    def send(self, jobs: Sequence[Job], urls: Mapping[str, str]) -> None:
        """The pages to render, in the order the host will ask for them (after `load`);
        `urls`: every file of the site, source uri -> URL."""
        self._index = {job.uri: i for i, job in enumerate(jobs)}
        self._jobs.put(pickle.dumps(("jobs", (dict(urls), list(jobs))),
                                    pickle.HIGHEST_PROTOCOL))

    def expects(self, uri: str) -> bool:
        """Whether the worker was given `uri` and the host has not asked for it yet."""
        return uri in self._index

    def started(self, timeout: float = 0.0) -> bool:
        """Whether the worker has begun sending pages, waiting up to `timeout` seconds."""
        if not self._started and self._answering and self._pages.poll(timeout):
            self._receive("")
        return self._started

    def take(self, uri: str) -> tuple[CachedRender, bytes] | None:
        """The worker's rendering of `uri` and its pickle, waiting for it while the worker
        is running and answering; None: render it here."""
        index = self._index.pop(uri, None)
        if index is None:
            return None
        behind = index < self._told  # out of order: the worker may have skipped it
        self._tell(index)
        self._receive(uri)
        while uri not in self._results and self._started and self._answering and not behind:
            if not self._pages.poll(PATIENCE):
                self._answering = False  # stopped answering: the host renders the rest
            self._receive(uri)
        data = self._results.pop(uri, b"")
        if not data:
            return None
        with contextlib.suppress(Exception):
            found = pickle.loads(data)
            if isinstance(found, CachedRender):
                return found, data
        return None

    def close(self) -> None:
        """Stop the worker (it may still be rendering pages nobody will ask for); note its
        peak memory (`peak_kib`)."""
        self.peak_kib = _peak_kib(self._process)
        self._jobs.put(None)
        self._stop()

    def _tell(self, index: int) -> None:
        """Where the host is: the worker skips the pages before it, and renders up to
        `WINDOW` pages beyond."""
        if index < self._told + _STEP or self._position.closed:
            return
        self._told = index
        try:
            self._position.send_bytes(str(index).encode())
        except OSError:  # the worker has ended; what it sent is still to be read
            self._position.close()

    def _receive(self, wanted: str) -> None:
        """Read the pages that have come, keeping `wanted` and those the host has not
        passed."""
        try:
            while self._answering and self._pages.poll():
                kind, uri, data = pickle.loads(self._pages.recv_bytes())
                self._started = True
                if kind == "loaded" and uri in self._loading:
                    self._loading[uri] = data
                elif kind == "page" and (uri == wanted or uri in self._index):
                    self._results[uri] = data
        except Exception:  # the worker ended (EOFError), or was stopped
            self._answering = False

    def _send(self, setup: bytes) -> None:
        """Send the setup, then the texts and the jobs once known (the worker reads them
        when it has started: the host does not wait for that)."""
        with contextlib.suppress(Exception):  # the worker ended, or was stopped
            self._payloads.send_bytes(setup)
            while (payload := self._jobs.get()) is not None:
                self._payloads.send_bytes(payload)


_MAIN = """import json, sys
sys.path[:] = json.loads(sys.argv[1])
from mkdocs_vault.render.ahead import main
main(*map(int, sys.argv[2:5]))
"""


def _start() -> tuple[subprocess.Popen[bytes], tuple[Connection, Connection, Connection]]:
    """The worker, a fresh interpreter (unlike multiprocessing's spawn it does not import
    the host's `__main__` again, which in a build script without a main guard would build the
    site a second time; a fork is unsafe in a process with threads), and the host's ends of
    its three pipes: jobs to it, pages from it, and where the host is."""
    ends = [os.pipe() for _ in range(3)]
    theirs = (ends[0][0], ends[1][1], ends[2][0])
    with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux: more in flight
        import fcntl

        fcntl.fcntl(ends[1][1], fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    # Isolated (-I), with the host's own sys.path: a folder of the same name as a module in
    # the working directory must not make the worker run other code than the host.
    command = [sys.executable, "-I", "-c", _MAIN, json.dumps(sys.path), *map(str, theirs)]
    try:
        process = subprocess.Popen(command, pass_fds=theirs, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except BaseException:
        for pair in ends:
            for fd in pair:
                os.close(fd)
        raise
    for fd in theirs:
        os.close(fd)
    return process, (Connection(ends[0][1], readable=False),
                     Connection(ends[1][0], writable=False),
                     Connection(ends[2][1], readable=False))


def _peak_kib(process: subprocess.Popen[bytes]) -> int | None:
    """The peak resident memory of a running process, where /proc tells (Linux)."""
    with contextlib.suppress(OSError, ValueError, IndexError), \
            open(f"/proc/{process.pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def _stop(process: subprocess.Popen[bytes], sender: threading.Thread,
          *connections: Connection) -> None:
    """The worker ended first, so that a send under way fails (a pipe closed under it would
    be written through a closed handle, or through a number reused by another file)."""
    if process.poll() is None:
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=PATIENCE)
    sender.join(timeout=PATIENCE)
    for connection in connections:
        connection.close()


def work(payloads: Connection, pages: Connection, position: Connection) -> None:
    """The worker: renders the jobs it is sent, skipping those the host is past, never more
    than `WINDOW` ahead; ends when the host closes the pipes."""
    with contextlib.suppress(EOFError, OSError):
        setup = pickle.loads(payloads.recv_bytes())
        pages.send_bytes(pickle.dumps(("ready", "", b"")))  # the host may now wait for us
        fields = MarkdownFields(setup.extensions, setup.configs, raw_html=setup.raw_html)
        sources: dict[str, Source] = {}
        loaded: dict[str, tuple[Entry, str] | None] = {}
        # What is loaded stays until it is rendered: the garbage collector would scan the
        # growing heap again and again (as the host's does without `collector.freeze`).
        gc.disable()
        while True:
            kind, value = pickle.loads(payloads.recv_bytes())
            if kind == "load":  # for the host, which loads other pages meanwhile
                for uri, key, source in value:
                    read = _read(source, setup)
                    done = b"" if read is None else pickle.dumps((key, read), _PROTOCOL)
                    pages.send_bytes(pickle.dumps(("loaded", uri, done), _PROTOCOL))
                    loaded[uri] = _entry(read)
            elif kind == "sources":  # loaded until the jobs come
                sources = value
                for uri, source in sources.items():
                    if payloads.poll():
                        break
                    if uri not in loaded:
                        loaded[uri] = _entry(_read(source, setup))
            else:
                urls, jobs = value
                break
        gc.freeze()
        gc.enable()
        at = 0
        for i, job in enumerate(jobs):
            while position.poll() or i >= at + WINDOW:
                at = max(at, int(position.recv_bytes()))
            if i < at:
                continue
            if job.uri in loaded:
                page = loaded.pop(job.uri)
            else:
                page = _entry(_read(sources[job.uri], setup)) if job.uri in sources else None
            pages.send_bytes(pickle.dumps(("page", job.uri,
                                           _render(job, page, setup, urls, fields)),
                                          pickle.HIGHEST_PROTOCOL))
        payloads.recv_bytes()  # until the host closes the pipes: it reads our peak memory


class _Handler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.fired = False

    def emit(self, record: logging.LogRecord) -> None:
        self.fired = True


class _Noticed:
    """Notes whether anything inside it logged at WARNING or above, or warned: such a page
    is left to the host, whose logger (and `--strict`) must see it."""

    def __init__(self) -> None:
        self._handler = _Handler()
        self._warnings = warnings.catch_warnings(record=True)
        self._warned: list[warnings.WarningMessage] = []

    @property
    def any(self) -> bool:
        return self._handler.fired or bool(self._warned)

    def __enter__(self) -> _Noticed:
        logging.getLogger().addHandler(self._handler)
        self._warned = self._warnings.__enter__() or []
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc: object) -> None:
        self._warnings.__exit__(None, None, None)
        logging.getLogger().removeHandler(self._handler)


def _read(source: Source, setup: Setup) -> LoadedPage | None:
    """The page loaded as the host loads it; None if the text is not the one the host read,
    or loading it logged, warned or raised (the host does it and reports what there is)."""
    try:
        text = source.text
        if text is None and source.path is not None:
            with open(source.path, encoding="utf-8-sig") as handle:  # as MkDocs reads pages
                text = handle.read()
        if text is None or digest(text) != source.digest:
            return None
        with _Noticed() as noticed:
            loaded = load_source(text, source.defaults, label_chars=setup.options.label_chars,
                                 categories=setup.categories)
    except Exception:
        return None
    return None if noticed.any else loaded


def _entry(loaded: LoadedPage | None) -> tuple[Entry, str] | None:
    """What rendering needs of a valid page (the worker keeps thousands: not the rest)."""
    if loaded is None or not loaded.ok or loaded.entry is None:
        return None
    return loaded.entry, loaded.body


def _render(job: Job, page: tuple[Entry, str] | None, setup: Setup, urls: Mapping[str, str],
            fields: MarkdownFields) -> bytes:
    """The page as the host would render it, pickled; empty when it failed, logged or
    warned (the host renders it again and reports what there is)."""
    page_url = urls.get(job.uri)
    if page_url is None or page is None:
        return b""
    entry, body = page

    def relative_url_of(target: str) -> str | None:
        found = urls.get(target)
        return relative_url(found, page_url) if found is not None else None

    resolving: Recorder[str, str | None] = Recorder(
        lambda url: resolve_link(url, job.uri, relative_url_of))
    linking: Recorder[str, str] = Recorder(
        lambda uri: relative_url(urls[uri], page_url) if uri in urls else uri)
    fields.resolve = resolving
    try:
        with _Noticed() as noticed:
            rendered = render_page(entry, body, setup.options, title=job.title,
                                   body_line=job.body_line, fields=fields, nonce=setup.nonce,
                                   extras=job.extras, href=linking)
        if noticed.any:
            return b""
        done = CachedRender.of(job.key, rendered, resolving.calls, linking.calls)
        return pickle.dumps(done, pickle.HIGHEST_PROTOCOL)
    except Exception:
        return b""
    finally:
        fields.resolve = None


def main(payloads: int, pages: int, position: int) -> None:
    """The worker process (`_start`), on the file descriptors of its pipes."""
    work(Connection(payloads, writable=False), Connection(pages, readable=False),
         Connection(position, writable=False))
