"""The on-disk cache of loaded and rendered entry pages, and the keys that make it safe.

Like Material's optimize and social plugins, the cache lives next to mkdocs.yml, in
`.cache/plugin/vault/`. Each vault page has two slots, named by a digest of its path:

* `<slot>.load`: the page's `LoadedPage` (YAML parsed, entry validated), under a key made of
  the page's text (and `.meta.yml` defaults), `label_length`, and the salt;
* `<slot>.render`: the page as rendered (Markdown with placeholders, the fragments' HTML, the
  problems), under a key made of the load key, the rendering options, the Markdown extensions
  of the fields, the page's title and URL, what the page shows of the rest of the vault
  (`EntryExtras`), and the salt; plus every link the rendering resolved and what it resolved
  to, which are resolved again before the entry is used (a page added, removed or moved makes
  exactly the pages that link to it render again).

One more slot, `vault-wide.pickle`, holds the vault-wide results (`build_vault`: generated pages,
extras, exports), under a key made of every entry's load key, the titles, the settings of the
generated pages, and the URLs it asked for (checked again before use).

The page slots are rows of one SQLite database, `slots.sqlite` (in write-ahead-log mode, the
rows queued at a time written in one transaction); rows and the vault-wide file are written on
a thread of their own (`_Writer`). One file per page slot cost a cold build of 1,000 entries
1.8 s in creating the 2,000 files on ext4, more than loading and rendering them. Concurrent
builds can only lose slots (a write that waits for the lock more than a few seconds is
dropped), never corrupt one; an unreadable slot is a miss, an unreadable database is replaced.

The salt is the cache format, the plugin's version and a digest of its source code, Python's
version and those of MkDocs and Python-Markdown: an upgrade invalidates everything. A slot
whose key differs is a miss and is overwritten.

The placeholders of a rendered page carry the nonce of the build that rendered it; a cached
page gets the current build's nonce (`CachedRender.rendered`). A hit requires the same text,
so a page cannot have been written to contain the stored nonce.

Pickle runs code when loading: the cache folder must be as trusted as mkdocs.yml (which can
name Python objects too). It is created by the build, below the project.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import platform
import queue
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs_vault.loading.pages import LoadedPage
from mkdocs_vault.pickling import compact
from mkdocs_vault.plugin.timing import Timings
from mkdocs_vault.render.ahead import MIN_JOBS, Job, RenderAhead, Setup, Source
from mkdocs_vault.render.extras import EntryExtras
from mkdocs_vault.render.page import Rendered
from mkdocs_vault.render.recorded import CachedRender, Recorder, same_answers
from mkdocs_vault.site.build import VaultBuild

FORMAT = 3
DEFAULT_DIR = ".cache/plugin/vault"
DATABASE = "slots.sqlite"
LOCK_WAIT = 5.0
"""Seconds a write waits for another build's write before it is dropped."""
_ROWS = 64
"""At most this many rows in one write (3 parameters each: far below SQLite's limit of 999)."""
_QUEUED = 256
"""Slots that may wait for the writer (about 10 MB of rendered pages): the worker's pages come
in bursts."""
_FORMAT_1 = {".load", ".render", ".vault"}
"""Suffixes of the one-file-per-slot cache of format 1, removed when found."""
VAULT_FILE = "vault-wide.pickle"
"""The slot of the vault-wide results: a file of its own, not a row (hundreds of MB in a large
vault, which a row would write twice, through the write-ahead log and into the database)."""
PACKAGE = Path(__file__).resolve().parents[1]

log = logging.getLogger("mkdocs.plugins.vault")

START_AFTER = 8
"""The worker is started at the page to load that is not in the cache."""
GIVE_UP = 8
"""The worker is stopped when this many of its pages were rejected, and none used."""

_ADDRESS_RE = re.compile(r" at 0x[0-9a-fA-F]+")


def fingerprint(*parts: object) -> str:
    """A digest of `parts` by their repr (memory addresses left out, so that a function in an
    extension's settings gives the same key in every build)."""
    text = _ADDRESS_RE.sub("", repr(parts))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The plugin's version and a digest of its source (so a development checkout whose code
    changed without a new version number does not reuse old results)."""
    from mkdocs_vault import __version__

    blake = hashlib.blake2b(digest_size=16)
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".css"} and path.is_file():
            blake.update(path.relative_to(PACKAGE).as_posix().encode())
            blake.update(path.read_bytes())
    return f"{__version__}+{blake.hexdigest()}"


@lru_cache(maxsize=1)
def salt() -> str:
    """What every key includes: format, plugin code, Python and library versions."""
    versions = []
    for name in ("mkdocs", "markdown", "pymdown-extensions", "PyYAML", "networkx"):
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return fingerprint(FORMAT, code_fingerprint(), platform.python_version(), versions)


def load_key(source_key: object) -> str:
    """Key of a page's loading result: the plugin's own key (text digest, options) salted."""
    return fingerprint("load", salt(), source_key)


class PageCache:
    """The slots of one site (see the module docstring); `directory` None keeps nothing."""

    def __init__(self, directory: str | os.PathLike[str] | None) -> None:
        self.directory = Path(directory) if directory is not None else None
        self._made: set[Path] = set()
        """Folders this process created or found (not asked for again)."""
        self._db: sqlite3.Connection | None = None
        self._writer: _Writer | None = None
        self._finalizers: list[weakref.finalize[Any, Any]] = []
        self._unusable = False
        """The database could not be opened in this build: the build goes on uncached."""
        self._present: set[str] | None = None
        """The slots in the database when first read, and (`_written`) those written since it
        was opened: a cold build asks for 20,000 slots at 10,000 entries, and a query for each
        cost 0.5 s. A slot another build writes meanwhile is a miss, which is always safe."""
        self._written: set[str] = set()
        self.load_hits = self.load_misses = self.render_hits = self.render_misses = 0

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def reset(self) -> None:
        """A new build: the counts start again, the database is opened afresh (the folder
        may have been deleted since the last build of a `mkdocs serve`)."""
        self.close()
        self._made.clear()
        self._unusable = False
        self.load_hits = self.load_misses = self.render_hits = self.render_misses = 0

    def close(self) -> None:
        """Write what is queued, close the database (its write-ahead log is folded in and
        removed)."""
        self._flush()
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        self._present = None
        self._written.clear()  # all written now: the next reader finds them in the database
        for finalizer in self._finalizers:  # done here: not kept for every build of a serve
            finalizer.detach()
        self._finalizers.clear()

    def _flush(self) -> None:
        """Wait until what is queued is written (the thread ends; the next write starts one)."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    @staticmethod
    def _name(uri: str, kind: str) -> str:
        digest = hashlib.blake2b(uri.encode("utf-8", "surrogatepass"), digest_size=12)
        return f"{digest.hexdigest()}.{kind}"

    def _database(self) -> sqlite3.Connection | None:
        """The open database, made on first use; None when there is no cache or it cannot
        be opened (a read-only project still builds)."""
        if self._db is not None or self._unusable or self.directory is None:
            return self._db
        path = self.directory / DATABASE
        for attempt in range(2):
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                self._db = _open(path)
                # Closed with the cache at the latest (a build that stops between on_files and
                # on_post_build without on_build_error; Python 3.13 warns of open databases).
                self._finalizers.append(weakref.finalize(self, self._db.close))
                return self._db
            except sqlite3.DatabaseError:
                if attempt == 0:  # not a database (a broken or foreign file): start afresh
                    _remove_database(path)
            except (OSError, sqlite3.Error):
                break
        self._unusable = True
        return None

    def _read(self, uri: str, kind: str) -> Any:
        db = self._database()
        if db is None:
            return None
        name = self._name(uri, kind)
        try:
            data = self._writer.queued(name) if self._writer is not None else None
            if data is None:
                if self._present is None:
                    self._present = {n for (n,) in db.execute("SELECT name FROM slots")}
                if name not in self._present and name not in self._written:
                    return None
                row = db.execute("SELECT value FROM slots WHERE name = ?", (name,)).fetchone()
                data = row[0] if row is not None else None
            return pickle.loads(data) if data is not None else None
        except Exception:
            return None  # a broken slot is a miss

    def _write(self, uri: str, kind: str, key: str, value: object,
               pickled: bytes | None = None) -> None:
        """Store `value` (already `pickled` when it comes from the worker: not again)."""
        writer = self._writing()
        if writer is not None:
            data = pickled if pickled is not None else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            name = self._name(uri, kind)
            self._written.add(name)
            writer.put(name, data, key)

    def render_keys(self, uris: Iterable[str]) -> dict[str, str]:
        """The keys under which the renderings of `uris` are stored (without reading them)."""
        db = self._database()
        if db is None:
            return {}
        names = {self._name(uri, "render"): uri for uri in uris}
        try:
            rows = db.execute("SELECT name, key FROM slots WHERE name LIKE '%.render'")
            return {names[name]: key for name, key in rows if name in names}
        except sqlite3.Error:
            return {}

    def _writing(self) -> _Writer | None:
        """The writer thread, started on first use; None without a usable database (made or
        replaced here, before the writer opens it)."""
        if self._database() is None:
            return None
        if self._writer is None:
            assert self.directory is not None
            self._writer = _Writer(self.directory / DATABASE)
            # A cache dropped unclosed ends it too.
            self._finalizers.append(weakref.finalize(self, self._writer.stop))
        return self._writer

    def read_vault(self) -> Any:
        """The stored vault-wide results (None: none, or unreadable)."""
        if self.directory is None:
            return None
        path = self.directory / VAULT_FILE
        try:
            data = self._writer.queued(path) if self._writer is not None else None
            if data is None:
                with open(path, "rb") as handle:
                    return pickle.load(handle)
            return pickle.loads(data)
        except Exception:
            return None

    def store_vault(self, value: object) -> None:
        writer = self._writing()
        if writer is not None and self.directory is not None:
            writer.put(self.directory / VAULT_FILE, pickle.dumps(value, pickle.HIGHEST_PROTOCOL),
                       None)

    def _write_file(self, path: Path, value: object, *, text: str | None = None) -> None:
        """Pickle `value` (or write `text`) to `path`, atomically (`_write_atomically`)."""
        try:
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(path.parent)
        except OSError:
            return  # a read-only project still builds, uncached
        data = text.encode("utf-8") if text is not None else pickle.dumps(
            value, pickle.HIGHEST_PROTOCOL)
        _write_atomically(path, data)

    def loaded(self, uri: str, key: str) -> LoadedPage | None:
        """The stored loading result of `uri`, if stored under `key`."""
        found = self._read(uri, "load")
        if isinstance(found, tuple) and len(found) == 2 and found[0] == key \
                and isinstance(found[1], LoadedPage):
            self.load_hits += 1
            return found[1]
        self.load_misses += 1
        return None

    def store_loaded(self, uri: str, key: str, loaded: LoadedPage, pickled: bytes | None = None
                     ) -> None:
        self._write(uri, "load", key, (key, loaded), pickled)

    def rendered(self, uri: str, key: str, resolve: Callable[[str], str | None],
                 href: Callable[[str], str]) -> CachedRender | None:
        """The stored rendering of `uri`, if stored under `key` and its links still resolve
        as they did."""
        found = self._read(uri, "render")
        if isinstance(found, CachedRender) and found.key == key and found.valid(resolve, href):
            self.render_hits += 1
            return found
        self.render_misses += 1
        return None

    def store_rendered(self, uri: str, cached: CachedRender, pickled: bytes | None = None
                       ) -> None:
        self._write(uri, "render", cached.key, cached, pickled)

    def prune(self, uris: Iterable[str]) -> int:
        """Remove the slots of pages that are no longer vault pages (and the files of the old
        one-file-per-slot format); how many."""
        if self.directory is None or not self.directory.is_dir():
            return 0
        self._flush()
        removed = _remove_format_1(self.directory)
        db = self._database()
        if db is None:
            return removed
        keep = {self._name(uri, kind) for uri in uris for kind in ("load", "render")}
        try:
            names = [name for (name,) in db.execute("SELECT name FROM slots")]
            gone = [(name,) for name in names if name not in keep]
            db.executemany("DELETE FROM slots WHERE name = ?", gone)
        except sqlite3.Error:
            return removed
        finally:
            self._present = None
        return removed + len(gone)


class _Writer:
    """Writes slots on a thread of its own: SQLite lets go of the GIL while it writes, so the
    build goes on meanwhile (0.5 s of a cold 1,000-entry build: the rows pass through the
    write-ahead log, then into the database). What is queued is read from the queue.

    The rows queued meanwhile go in one statement (up to `_ROWS`): the thread needs the GIL
    back after every statement, and a busy main thread gives it up only every switch interval
    (5 ms), so one statement per row left the thread so far behind that the build waited for
    the queue (1.9 s of a cold 10,000-entry build)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._queue: queue.Queue[tuple[str | Path, bytes, str | None] | None] = queue.Queue(
            maxsize=_QUEUED)
        self._pending: dict[str | Path, bytes] = {}
        """Queued slots by name (a row) or path (a file), the newest write of each, until
        written."""
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="mkdocs-vault cache",
                                        daemon=True)
        self._thread.start()

    def put(self, name: str | Path, data: bytes, key: str | None) -> None:
        with self._lock:
            self._pending[name] = data
        self._queue.put((name, data, key))  # waits while the queue is full: memory stays bounded

    def queued(self, name: str | Path) -> bytes | None:
        with self._lock:
            return self._pending.get(name)

    def stop(self) -> None:
        """The thread ends once it has written what is queued."""
        self._queue.put(None)

    def close(self) -> None:
        """Once everything queued is written."""
        self.stop()
        self._thread.join()

    def _run(self) -> None:
        try:
            db: sqlite3.Connection | None = _open(self._path)
        except (OSError, sqlite3.Error):
            db = None  # what is queued is dropped: the build goes on uncached
        done = False
        while not done:
            batch, done = self._next_batch()
            rows = [(name, key, data) for name, data, key in batch if not isinstance(name, Path)]
            for name, data, _ in batch:
                if isinstance(name, Path):
                    _write_atomically(name, data)
            if rows and db is not None:
                with contextlib.suppress(sqlite3.Error):  # locked too long, disk full
                    # One statement, one transaction; of two rows of a slot, the later wins.
                    db.execute("INSERT OR REPLACE INTO slots (name, key, value) VALUES "
                               + ", ".join(["(?, ?, ?)"] * len(rows)),
                               [value for row in rows for value in row])
            with self._lock:
                for name, data, _ in batch:
                    if self._pending.get(name) is data:  # not written again meanwhile
                        del self._pending[name]
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _next_batch(self) -> tuple[list[tuple[str | Path, bytes, str | None]], bool]:
        """What is queued (waiting for the first item), and whether the writer must stop."""
        batch = []
        item = self._queue.get()
        while item is not None:
            batch.append(item)
            if len(batch) == _ROWS:
                return batch, False
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return batch, False
        return batch, True


def _open(path: Path) -> sqlite3.Connection:
    """Open (or make) the slots database. Autocommit: every write is its own short
    transaction, so a concurrent build waits for one slot, not for a whole build. The write-
    ahead log lets readers read while another build writes; `synchronous=NORMAL` leaves out
    the sync of every commit (in WAL mode a crash can lose the last slots, not corrupt the
    file). `check_same_thread` off: `mkdocs serve` rebuilds in another thread than its first
    build (one build at a time uses the connection)."""
    db = sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None,
                         check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # falls back by itself where WAL cannot work
        db.execute("PRAGMA synchronous=NORMAL")
        columns = [row[1] for row in db.execute("PRAGMA table_info(slots)")]
        if columns and "key" not in columns:  # format 2: no keys, nothing to keep
            db.execute("DROP TABLE slots")
        db.execute("CREATE TABLE IF NOT EXISTS slots "
                   "(name TEXT PRIMARY KEY, key TEXT, value BLOB)")
    except BaseException:
        db.close()
        raise
    return db


def _write_atomically(path: Path, data: bytes) -> None:
    """Under a name of this process, then renamed: a reader sees the old file or the new."""
    temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException as error:  # interrupted too: no temporary file is left behind
        with contextlib.suppress(OSError):
            temporary.unlink()
        if not isinstance(error, OSError):  # a full or read-only disk only loses the slot
            raise


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


def _remove_format_1(directory: Path) -> int:
    removed = 0
    with contextlib.suppress(OSError):
        for path in directory.iterdir():
            if path.suffix in _FORMAT_1:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    return removed


class Deferred:
    """A page whose loading was left to the worker (`BuildState.load`)."""


DEFERRED = Deferred()


@compact
@dataclass(frozen=True, slots=True)
class AheadPage:
    """An entry page the worker may render, with what the host expects to render it from."""

    uri: str
    source_key: object
    title: str
    url: str
    body_line: int
    extras: EntryExtras | None


Render = Callable[[Callable[[str], str | None], Callable[[str], str]], Rendered]
"""Renders a page with the given link resolver (fields) and href (vault links)."""


class BuildState:
    """What the plugin keeps from one build to the next: the on-disk page cache, what each
    entry page's output was made from (for precise `--dirty` rebuilds), and the timers.

    The plugin calls `configure` in on_config, `load` and `render` instead of loading and
    rendering directly, `changed` after the vault-wide data is known, and `finish` in
    on_post_build.
    """

    def __init__(self) -> None:
        self.timings = Timings.from_env()
        """The plugin's own time per phase, when VAULT_TIMINGS is set (`timing.py`)."""
        self.pages = PageCache(None)
        self._context = ""
        """Digest of everything that applies to every page: salt, options, extensions."""
        self._outputs: dict[str, str] = {}
        """What each page's output was made from, in the last finished build."""
        self._pending: dict[str, str] = {}
        self._state_file: Path | None = None
        self.marked: set[str] = set()
        """Pages `changed` found to need rebuilding in this build (for tests and timings)."""
        self._ahead: RenderAhead | None = None
        """The worker rendering this build's pages ahead, if any."""
        self._keys: dict[str, tuple[tuple[object, ...], str]] = {}
        """Render keys computed for the worker: page -> (inputs, key)."""
        self._turn = False
        """Whether the next page to load is left to the worker (every other one)."""
        self._setup: Callable[[], Setup] | None = None
        """What a worker of this build would be set up with, until it is started."""
        self._sources: dict[str, Source] = {}
        self._misses = self._used = self._rejected = 0
        self._deferred: dict[str, str] = {}
        """Pages `load` left to the worker, and their load keys."""

    def configure(self, plugin_config: object, config_dir: str, options: object,
                  markdown_extensions: object, site_dir: str) -> None:
        """A new build: the cache folder (`cache`, `cache_dir` options), the shared key."""
        self.timings.start()
        enabled = getattr(plugin_config, "cache", True)
        directory = getattr(plugin_config, "cache_dir", None) or DEFAULT_DIR
        path = Path(config_dir, directory) if enabled else None
        if path is None or self.pages.directory != path:
            self.pages.close()
            self.pages = PageCache(path)
        else:
            self.pages.reset()
        self._context = fingerprint(salt(), options, markdown_extensions,
                                    getattr(plugin_config, "raw_html", False))
        state_file = (path / f"outputs-{fingerprint(os.path.abspath(site_dir))[:16]}.pickle"
                      if path is not None else None)
        if state_file != self._state_file:
            self._state_file = state_file
            self._outputs = self._read_outputs()
        self._pending = {}
        self.marked = set()

    def load(self, uri: str, source_key: object, load: Callable[[], LoadedPage | None],
             source: Source | None = None) -> LoadedPage | Deferred | None:
        """The page loaded, from the cache if `source_key` (the digest of its text and the
        options loading depends on) is the same; or, every other page that is not, `DEFERRED`
        to the worker (`source`: where it reads the page), to be picked up with `loaded`."""
        key = load_key(source_key)
        found = self.pages.loaded(uri, key) if self.pages.enabled else None
        if found is not None:
            return found
        if source is not None:
            self._misses += 1
            if self._misses == START_AFTER:
                self._start_ahead()
            self._turn = not self._turn
            if self._turn and self._ahead is not None:
                self._ahead.delegate(uri, key, source)
                self._deferred[uri] = key
                return DEFERRED
        return self._load_here(uri, key, load)

    def pick_up(self, deferred: Sequence[tuple[str, Callable[[], LoadedPage | None]]]
                ) -> dict[str, LoadedPage | None]:
        """The pages `load` deferred (uri, how to load it here), in order: the worker's from
        the first, while the host loads those the worker has not reached from the last (the
        two halves seldom take the same time)."""
        done: dict[str, LoadedPage | None] = {}
        first, last = 0, len(deferred) - 1
        while first <= last:
            ahead = self._ahead
            if ahead is not None and ahead.arrived(deferred[first][0]):
                done[deferred[first][0]] = self._loaded(*deferred[first])
                first += 1
            else:
                uri, load = deferred[last]
                done[uri] = self._load_here(uri, self._deferred.pop(uri), load)
                last -= 1
        return done

    def _load_here(self, uri: str, key: str, load: Callable[[], LoadedPage | None]
                   ) -> LoadedPage | None:
        loaded = load()
        if loaded is not None and self.pages.enabled:
            self.pages.store_loaded(uri, key, loaded)
        return loaded

    def _loaded(self, uri: str, load: Callable[[], LoadedPage | None]) -> LoadedPage | None:
        """A page `load` deferred: as the worker loaded it, or loaded here."""
        key = self._deferred.pop(uri)
        data = self._ahead.loaded(uri) if self._ahead is not None else None
        with contextlib.suppress(Exception):
            found = pickle.loads(data) if data else None
            if isinstance(found, tuple) and len(found) == 2 and found[0] == key \
                    and isinstance(found[1], LoadedPage):
                self.timings.count("ahead: pages loaded")
                if self.pages.enabled:
                    self.pages.store_loaded(uri, key, found[1], data)
                return found[1]
        return self._load_here(uri, key, load)

    def render(self, uri: str, source_key: object, *, title: str, url: str, body_line: int,
               extras: object, nonce: str, resolve: Callable[[str], str | None],
               href: Callable[[str], str], render: Render) -> Rendered:
        """The page rendered, from the cache if nothing it depends on changed (`source_key`
        None: a page of unknown origin, never cached)."""
        ahead = self._ahead
        if source_key is None or not (self.pages.enabled or ahead):
            return render(resolve, href)
        inputs = (source_key, title, url, body_line, extras)
        memo = self._keys.pop(uri, None)
        key = memo[1] if memo is not None and memo[0] == inputs else self._render_key(*inputs)
        if self.pages.enabled and not (ahead and ahead.expects(uri)):
            found = self.pages.rendered(uri, key, resolve, href)
            if found is not None:
                return found.rendered(nonce)
        taken = ahead.take(uri) if ahead else None
        if taken is not None and taken[0].key == key and taken[0].valid(resolve, href):
            self._used += 1
            self.timings.count("ahead: pages used")
            if self.pages.enabled:
                self.pages.store_rendered(uri, *taken)
            return taken[0].rendered(nonce)
        if taken is not None:
            self._rejected += 1
            if self._rejected >= GIVE_UP and not self._used:
                # Its guesses are wrong in this site (titles from the nav, URLs that another
                # plugin changes after on_files): no worker is better than a useless one.
                self.timings.count("ahead: given up")
                self._stop_ahead()
        resolving: Recorder[str, str | None] = Recorder(resolve)
        linking: Recorder[str, str] = Recorder(href)
        rendered = render(resolving, linking)
        if self.pages.enabled:
            self.pages.store_rendered(uri, CachedRender.of(key, rendered, resolving.calls,
                                                           linking.calls))
        return rendered

    def _render_key(self, source_key: object, title: str, url: str, body_line: int,
                    extras: object) -> str:
        return fingerprint("render", self._context, source_key, title, url, body_line, extras)

    def prepare_ahead(self, setup: Callable[[], Setup] | None) -> None:
        """A new build, where a worker may render pages ahead (`render/ahead.py`, `setup`
        makes what it is set up with; None: no worker). It is started once there is work for
        it: at the `START_AFTER`th page to load, or when there are pages to render."""
        self._stop_ahead()
        self._setup, self._sources, self._misses = setup, {}, 0
        self._used = self._rejected = 0
        self._deferred = {}

    @property
    def may_run_ahead(self) -> bool:
        """Whether a worker runs in this build, or may be started."""
        return self._setup is not None or self._ahead is not None

    def _start_ahead(self) -> RenderAhead | None:
        if self._setup is not None and self._ahead is None:
            try:
                self._ahead = RenderAhead(self._setup())
                self.timings.count("ahead: workers started")
            except Exception as error:  # an extension's settings do not pickle; no processes
                log.debug("vault: pages are rendered in this process only: %s", error)
            self._setup = None  # once per build
        return self._ahead

    def load_ahead(self, sources: Mapping[str, Source]) -> None:
        """Where the vault pages are, for the worker to load them while the host goes on."""
        self._sources = dict(sources)
        if self._ahead is not None:
            self._send_sources()

    def _send_sources(self) -> None:
        assert self._ahead is not None
        try:
            self._ahead.load(self._sources)
        except Exception as error:  # defaults of a .meta.yml that do not pickle
            log.debug("vault: pages are rendered in this process only: %s", error)
            self._stop_ahead()

    def render_ahead(self, pages: Iterable[AheadPage], urls: Mapping[str, str]) -> None:
        """Have the worker render `pages` (in the order the host will ask for them), but
        those whose rendering is stored under the key of their inputs; `urls`: every file of
        the site, by source uri."""
        if self._ahead is None and self._setup is None:
            return
        pages = list(pages)
        stored = self.pages.render_keys(p.uri for p in pages) if self.pages.enabled else {}
        jobs = []
        for page in pages:
            inputs = (page.source_key, page.title, page.url, page.body_line, page.extras)
            key = self._render_key(*inputs)
            self._keys[page.uri] = (inputs, key)  # not computed again when the page comes
            if stored.get(page.uri) != key:
                jobs.append(Job(page.uri, key, page.title, page.body_line, page.extras))
        self.timings.count("ahead: pages sent", len(jobs) if len(jobs) >= MIN_JOBS else 0)
        if len(jobs) < MIN_JOBS:
            self._stop_ahead()  # not worth it
            return
        if self._ahead is None:  # nothing was loaded: started now
            if self._start_ahead() is None:
                return
            self._send_sources()
        try:
            assert self._ahead is not None
            self._ahead.send(jobs, urls)
        except Exception as error:  # a title or an entry's extras that do not pickle
            log.debug("vault: pages are rendered in this process only: %s", error)
            self._stop_ahead()

    def _stop_ahead(self) -> None:
        self._keys.clear()
        self._setup = None
        if self._ahead is not None:
            self._ahead.close()
            if self._ahead.peak_kib:  # the benchmarks add it to the build's memory
                self.timings.count("ahead: worker peak MiB", self._ahead.peak_kib // 1024)
            self._ahead = None

    def changed(self, inputs: Mapping[str, tuple[object, ...]], site: object) -> set[str]:
        """The pages (of `inputs`: page -> what its output is made of) whose output differs
        from the last finished build's; `site` is what every page depends on (the files of
        the site and their URLs)."""
        shared = fingerprint(self._context, site)
        self._pending = {uri: fingerprint(shared, *parts) for uri, parts in inputs.items()}
        self.marked = {uri for uri, key in self._pending.items()
                       if self._outputs.get(uri) != key}
        self.timings.count("dirty: pages marked", len(self.marked))
        return self.marked

    def finish(self, uris: Iterable[str]) -> None:
        """End of a successful build: remember its outputs, prune the cache, write timings."""
        with self.timings.phase("finish"):
            self._stop_ahead()
            if self._pending:
                self._outputs = self._pending
                self._pending = {}
                self._write_outputs()
            removed = self.pages.prune(list(uris)) if self.pages.enabled else 0
            self.pages.close()
        for name in ("load_hits", "load_misses", "render_hits", "render_misses"):
            self.timings.count(f"cache: {name.replace('_', ' ')}", getattr(self.pages, name))
        self.timings.count("cache: pruned", removed)
        self.timings.write()

    def abandon(self) -> None:
        """A build that failed: the worker stopped, what is queued is written, the database
        closed (the next build opens it again)."""
        self._stop_ahead()
        self.pages.close()

    def _read_outputs(self) -> dict[str, str]:
        if self._state_file is None:
            return {}
        try:
            with open(self._state_file, "rb") as handle:
                found = pickle.load(handle)
        except Exception:
            return {}
        ok = isinstance(found, dict) and all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in found.items())
        return found if ok else {}

    def _write_outputs(self) -> None:
        if self._state_file is None:
            return
        self.pages._write_file(self._state_file, self._outputs)

    def generated_path(self, uri: str, markdown: str, *, dirty: bool) -> str | None:
        """Under `--dirty` with the cache on, a file below the cache folder holding a generated
        page, rewritten only when the page changed: given to MkDocs as the page's
        `abs_src_path`, it makes MkDocs rebuild only the generated pages that changed (it
        compares modification times; a page given as `content` is always rebuilt). None
        otherwise: give MkDocs the `content`."""
        if not dirty or self.pages.directory is None:
            return None
        path = self.pages.directory / "pages" / uri
        try:
            if not path.is_file() or path.read_text(encoding="utf-8") != markdown:
                self.pages._write_file(path, None, text=markdown)
        except (OSError, UnicodeDecodeError):
            return None
        return str(path) if path.is_file() else None

    def vault_wide(self, key_parts: tuple[object, ...] | None, url: Callable[[str], str],
                   compute: Callable[[Callable[[str], str]], VaultBuild]) -> VaultBuild:
        """The vault-wide results (`site.build.build_vault`), from the cache when every entry
        (`key_parts`: their load keys, titles, settings; None: do not cache) is unchanged and
        every URL it asked for is the same."""
        if not self.pages.enabled or key_parts is None:
            return compute(url)
        key = fingerprint("vault", self._context, *key_parts)
        found = self.pages.read_vault()
        if isinstance(found, tuple) and len(found) == 3 and found[0] == key \
                and isinstance(found[2], VaultBuild) and same_answers(found[1], url):
            self.timings.count("cache: vault-wide hit")
            return found[2]
        urls: Recorder[str, str] = Recorder(url)
        build = compute(urls)
        self.pages.store_vault((key, tuple(urls.calls.items()), build))
        return build
