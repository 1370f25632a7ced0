"""The on-disk cache (`.cache/plugin/vault/`) and precise `--dirty` rebuilds.

A second build loads and renders nothing that did not change, and never serves stale output:
a changed page, option, plugin version or vault-wide fact invalidates exactly what depends on
it. Under `--dirty`, exactly the pages whose output changes are rebuilt.
"""

from __future__ import annotations

import os
import pickle
import re
import sqlite3
import time
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import mkdocs_vault
import mkdocs_vault.plugin
from mkdocs_vault.loading.pages import load_page
from mkdocs_vault.plugin import cache
from mkdocs_vault.plugin.cache import CachedRender, PageCache
from mkdocs_vault.render.fragments import Fragments
from mkdocs_vault.render.page import Rendered
from tests.sitebuilder import BuildResult, _collecting

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig

    from tests.sitebuilder import SiteBuilder

    CacheAt = Callable[[Path], PageCache]

pytestmark = pytest.mark.site

WORDS = {"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta"}


# --- the cache on its own -----------------------------------------------------------------

@pytest.fixture
def cache_at() -> Iterator[CacheAt]:
    """PageCache objects that are closed after the test (Python 3.13 warns about a database
    left open)."""
    made: list[PageCache] = []

    def make(path: Path) -> PageCache:
        made.append(PageCache(path))
        return made[-1]

    yield make
    for pages in made:
        pages.close()


def test_a_cached_page_gets_the_nonce_of_the_current_build() -> None:
    fragments = Fragments("0123456789ab")
    markdown = f"<div>{fragments.token('<b>x</b>')}</div>\n"
    stored = CachedRender.of("key", Rendered(markdown, fragments), {}, {})
    again = stored.rendered("ba9876543210")
    assert again.markdown == "<div>vaultba9876543210p0z</div>\n"
    assert again.inline() == "<div><b>x</b></div>\n"


def test_slots_hit_only_under_their_key_and_survive_garbage(cache_at: CacheAt,
                                                            tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    loaded = load_page("---\nvault:\n  ideas: [One idea here.]\n---\nBody\n")
    assert loaded is not None
    pages.store_loaded("a.md", "k1", loaded)
    assert pages.loaded("a.md", "k1") == loaded
    assert pages.loaded("a.md", "k2") is None
    assert pages.loaded("b.md", "k1") is None
    pages.close()
    for path in tmp_path.iterdir():
        path.write_bytes(b"not a pickle")
    assert pages.loaded("a.md", "k1") is None
    assert (pages.load_hits, pages.load_misses) == (1, 3)


def test_a_render_is_used_only_if_its_links_resolve_as_before(cache_at: CacheAt,
                                                              tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    stored = CachedRender.of("k", Rendered("x\n", Fragments("n")), {"b.md": "../b/"},
                             {"c.md": "../c/"})
    pages.store_rendered("a.md", stored)
    assert pages.rendered("a.md", "k", lambda url: "../b/", lambda uri: "../c/") == stored
    assert pages.rendered("a.md", "k", lambda url: None, lambda uri: "../c/") is None
    assert pages.rendered("a.md", "k", lambda url: "../b/", lambda uri: "c/") is None
    assert pages.rendered("a.md", "other", lambda url: "../b/", lambda uri: "../c/") is None


def test_render_keys_are_read_without_the_renderings(cache_at: CacheAt, tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    for uri, key in (("a.md", "ka"), ("b.md", "kb")):
        pages.store_rendered(uri, CachedRender.of(key, Rendered("x\n", Fragments("n")), {}, {}))
    pages.store_loaded("c.md", "kc", _one_page())
    pages.close()
    assert pages.render_keys(["a.md", "b.md", "c.md", "d.md"]) == {"a.md": "ka", "b.md": "kb"}


def test_a_database_of_format_2_starts_afresh(cache_at: CacheAt, tmp_path: Path) -> None:
    old = sqlite3.connect(tmp_path / cache.DATABASE)
    with old:
        old.execute("CREATE TABLE slots (name TEXT PRIMARY KEY, value BLOB)")
        old.execute("INSERT INTO slots VALUES (?, ?)", (PageCache._name("a.md", "load"), b"x"))
    old.close()
    pages = cache_at(tmp_path)
    assert pages.loaded("a.md", "k") is None
    pages.store_loaded("a.md", "k", _one_page())
    pages.close()
    assert pages.loaded("a.md", "k") is not None


def test_prune_removes_the_slots_of_pages_gone(cache_at: CacheAt, tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    loaded = load_page("---\nvault:\n  ideas: [One idea here.]\n---\n")
    assert loaded is not None
    for uri in ("a.md", "b.md"):
        pages.store_loaded(uri, "k", loaded)
    assert pages.prune(["a.md"]) == 1
    assert pages.loaded("a.md", "k") is not None
    assert pages.loaded("b.md", "k") is None


def _one_page() -> Any:
    loaded = load_page("---\nvault:\n  ideas: [One idea here.]\n---\n")
    assert loaded is not None
    return loaded


def test_a_broken_slot_is_a_miss_and_a_broken_database_is_replaced(cache_at: CacheAt,
                                                                   tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    pages.store_loaded("a.md", "k", _one_page())
    pages.store_loaded("b.md", "k", _one_page())
    pages.close()
    database = sqlite3.connect(tmp_path / cache.DATABASE)
    with database:
        database.execute("UPDATE slots SET value = ? WHERE name = ?",
                         (b"\x80\x05not a pickle", pages._name("a.md", "load")))
    database.close()
    assert pages.loaded("a.md", "k") is None
    assert pages.loaded("b.md", "k") is not None
    pages.close()
    (tmp_path / cache.DATABASE).write_bytes(b"not a database" * 100)
    again = cache_at(tmp_path)
    assert again.loaded("b.md", "k") is None
    again.store_loaded("b.md", "k", _one_page())
    again.close()
    assert cache_at(tmp_path).loaded("b.md", "k") is not None


def test_a_write_another_build_holds_up_is_dropped(cache_at: CacheAt, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "LOCK_WAIT", 0.2)
    pages = cache_at(tmp_path)
    pages.store_loaded("a.md", "k", _one_page())
    pages.close()
    other = sqlite3.connect(tmp_path / cache.DATABASE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another build in the middle of a write
    pages.store_loaded("b.md", "k", _one_page())  # queued: the build goes on
    assert pages.loaded("b.md", "k") is not None  # read from the queue
    assert pages.loaded("a.md", "k") is not None  # reading goes on meanwhile
    pages.close()  # the write waits 0.2 s, then is not kept
    other.execute("ROLLBACK")
    other.close()
    assert cache_at(tmp_path).loaded("b.md", "k") is None
    pages.store_loaded("b.md", "k", _one_page())
    pages.close()
    assert cache_at(tmp_path).loaded("b.md", "k") is not None


def test_slots_are_written_while_the_build_goes_on(cache_at: CacheAt, tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    for n in range(200):
        pages.store_loaded(f"{n}.md", f"k{n}", _one_page())
    assert all(pages.loaded(f"{n}.md", f"k{n}") is not None for n in range(200))
    pages.store_loaded("7.md", "newer", _one_page())
    assert pages.loaded("7.md", "newer") is not None
    assert pages.loaded("7.md", "k7") is None
    pages.close()
    again = cache_at(tmp_path)
    assert again.loaded("7.md", "newer") is not None
    assert sum(again.loaded(f"{n}.md", f"k{n}") is not None for n in range(200)) == 199


def test_rows_queued_meanwhile_are_written_in_one_statement(
        cache_at: CacheAt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the writer waits (here for another build's lock), rows queue up; they go in one
    statement, where the later of two rows of one slot wins."""
    batches: list[list[str]] = []
    next_batch = cache._Writer._next_batch

    def recorded(writer: Any) -> Any:
        batch, done = next_batch(writer)
        batches.append([str(name) for name, _, _ in batch])
        return batch, done

    monkeypatch.setattr(cache._Writer, "_next_batch", recorded)
    pages = cache_at(tmp_path)
    pages.store_loaded("a.md", "k", _one_page())
    pages.close()
    other = sqlite3.connect(tmp_path / cache.DATABASE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    pages.store_loaded("first.md", "k", _one_page())  # the writer waits for the lock with it
    deadline = time.monotonic() + 5
    while len(batches) < 2 and time.monotonic() < deadline:  # the writer has taken it
        time.sleep(0.01)
    for n in range(5):
        pages.store_loaded(f"{n}.md", "old", _one_page())
    pages.store_loaded("2.md", "new", _one_page())
    other.execute("ROLLBACK")
    other.close()
    pages.close()
    assert len(batches[2]) == 6  # the five slots and the newer row, together
    again = cache_at(tmp_path)
    assert again.loaded("2.md", "new") is not None
    assert again.loaded("2.md", "old") is None
    assert all(again.loaded(f"{n}.md", "old") is not None for n in (0, 1, 3, 4))
    assert again.loaded("first.md", "k") is not None


def test_a_cold_build_asks_the_database_once_for_missing_slots(cache_at: CacheAt,
                                                               tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    pages.store_loaded("kept.md", "k", _one_page())
    pages.close()
    db = pages._database()
    assert db is not None
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    assert all(pages.loaded(f"{n}.md", "k") is None for n in range(100))
    assert pages.loaded("kept.md", "k") is not None
    assert len([s for s in statements if s.startswith("SELECT")]) == 2  # the names, then kept
    pages.store_loaded("new.md", "k", _one_page())
    assert pages.loaded("new.md", "k") is not None  # written since: asked for again
    pages.close()
    assert cache_at(tmp_path).loaded("new.md", "k") is not None


def test_a_slot_written_after_the_names_were_read_is_found(cache_at: CacheAt,
                                                           tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    pages.store_loaded("a.md", "k", _one_page())
    pages.close()
    other = sqlite3.connect(tmp_path / cache.DATABASE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the writer waits with the next slot
    pages.store_loaded("b.md", "k", _one_page())
    assert pages.loaded("c.md", "k") is None  # the names are read: b.md is not yet among them
    other.execute("ROLLBACK")
    other.close()
    writer = pages._writer
    assert writer is not None
    deadline = time.monotonic() + 5
    while writer.queued(pages._name("b.md", "load")) is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert pages.loaded("b.md", "k") is not None  # written since: read from the database
    pages.close()


def test_the_vault_wide_slot_is_a_file_read_back_whole(cache_at: CacheAt, tmp_path: Path) -> None:
    pages = cache_at(tmp_path)
    assert pages.read_vault() is None
    pages.store_vault(("key", (), {"big": "x" * 100_000}))
    assert pages.read_vault() == ("key", (), {"big": "x" * 100_000})  # queued or written
    pages.close()
    assert (tmp_path / cache.VAULT_FILE).is_file()
    assert cache_at(tmp_path).read_vault() == ("key", (), {"big": "x" * 100_000})
    (tmp_path / cache.VAULT_FILE).write_bytes(b"\x80\x05broken")
    assert cache_at(tmp_path).read_vault() is None
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]


def test_an_unwritable_cache_folder_builds_uncached(cache_at: CacheAt, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    pages = cache_at(tmp_path / "file" / "vault")  # cannot be made
    pages.store_loaded("a.md", "k", _one_page())
    assert pages.loaded("a.md", "k") is None
    assert pages.prune(["a.md"]) == 0


def test_prune_removes_the_files_of_the_old_format(cache_at: CacheAt, tmp_path: Path) -> None:
    for name in ("0a.load", "0a.render", "0b.vault"):
        (tmp_path / name).write_bytes(b"old")
    (tmp_path / "keep.txt").write_text("not ours")
    pages = cache_at(tmp_path)
    pages.store_loaded("a.md", "k", _one_page())
    assert pages.prune(["a.md"]) == 3
    assert sorted(p.name for p in tmp_path.iterdir()
                  if not p.name.startswith(cache.DATABASE)) == ["keep.txt"]
    assert pages.loaded("a.md", "k") is not None


def test_keys_change_with_the_plugin_code(monkeypatch: pytest.MonkeyPatch,
                                         fresh_salt: None) -> None:
    before = cache.load_key(("digest", 30))
    assert cache.load_key(("digest", 31)) != before
    monkeypatch.setattr(mkdocs_vault, "__version__", "999.0")
    _clear_salt()
    assert cache.load_key(("digest", 30)) != before


def test_fingerprints_ignore_memory_addresses() -> None:
    def formatter() -> None: ...

    assert cache.fingerprint({"format": formatter}) == cache.fingerprint(
        {"format": formatter}.copy())
    assert "0x" not in re.sub(r"0x[0-9a-f]+", "", cache.fingerprint(object()))


# --- builds -------------------------------------------------------------------------------

class Calls:
    """The talks the plugin loads and renders (read from the title), per build."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.loaded: list[str] = []
        self.rendered: list[str] = []
        self.vault_builds = 0
        load, render, vault_wide = (vars(mkdocs_vault.plugin)[name] for name in
                                    ("load_source", "render_page", "build_vault"))

        def loading(text: str, *args: Any, **kwargs: Any) -> Any:
            found = re.search(r"^title: Talk (\w)$", text, re.MULTILINE)
            self.loaded.append(found.group(1).lower() if found else "?")
            return load(text, *args, **kwargs)

        def rendering(*args: Any, **kwargs: Any) -> Any:
            self.rendered.append(kwargs["title"].removeprefix("Talk ").lower())
            return render(*args, **kwargs)

        def building(*args: Any, **kwargs: Any) -> Any:
            self.vault_builds += 1
            return vault_wide(*args, **kwargs)

        monkeypatch.setattr(mkdocs_vault.plugin, "build_vault", building)
        monkeypatch.setattr(mkdocs_vault.plugin, "load_source", loading)
        monkeypatch.setattr(mkdocs_vault.plugin, "render_page", rendering)

    def take(self) -> tuple[list[str], list[str]]:
        """(loaded, rendered) since the last call, sorted."""
        taken = sorted(self.loaded), sorted(self.rendered)
        self.loaded, self.rendered = [], []
        return taken

    def take_vault_builds(self) -> int:
        """How many times the vault-wide data was computed since the last call."""
        taken, self.vault_builds = self.vault_builds, 0
        return taken


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    return Calls(monkeypatch)


def talk(site: SiteBuilder, name: str, *, series: str = "S", number: int | None = None,
         speakers: tuple[str, ...] = ("Ann Example",), see: tuple[str, ...] = (),
         resume: str = "A résumé.") -> None:
    """A talk with three ideas; the first idea links to `see`."""
    text = ("{} pottery glazing technique {}." if name == "d"  # no word shared with a, b, c
            else "{} idea {} explains routing in depth.")
    ideas: list[Any] = [text.format(WORDS[name], n) for n in (1, 2, 3)]
    if see:
        ideas[0] = {"text": ideas[0], "see": list(see)}
    vault: dict[str, Any] = {"series": series, "speakers": list(speakers), "resume": resume,
                             "ideas": ideas}
    if number is not None:
        vault["number"] = number
    site.entry(f"talks/{name}.md", vault, title=f"Talk {name.upper()}")


@pytest.fixture
def vault(site: SiteBuilder) -> SiteBuilder:
    """a, b, c in one series; d alone, sharing nothing with them."""
    for number, name in enumerate("abc", start=1):
        talk(site, name, number=number)
    talk(site, "d", series="Other", speakers=("Zed Nobody",))
    site.page("index.md", "# Home\n")
    return site


def pages(result: BuildResult) -> dict[str, str]:
    return {name: result.html(f"talks/{name}.md") for name in "abcd"}


def built(site: SiteBuilder) -> BuildResult:
    result = site.build()
    assert result.error is None, result.error
    return result


def test_a_second_build_loads_and_renders_nothing(vault: SiteBuilder, calls: Calls) -> None:
    result = built(vault)
    first, first_series = pages(result), result.html("vault/series/s.md")
    assert calls.take() == (list("abcd"), list("abcd"))
    assert any((vault.root / ".cache" / "plugin" / "vault").iterdir())
    assert calls.take_vault_builds() == 1
    second = pages(built(vault))
    assert calls.take() == ([], [])
    assert calls.take_vault_builds() == 0
    assert second == first
    assert built(vault).html("vault/series/s.md") == first_series


def test_a_changed_page_alone_is_loaded_and_rendered_again(vault: SiteBuilder,
                                                           calls: Calls) -> None:
    built(vault)
    calls.take()
    talk(vault, "d", series="Other", speakers=("Zed Nobody",), resume="A *new* résumé.")
    calls.take_vault_builds()
    result = built(vault)
    assert calls.take() == (["d"], ["d"])
    assert calls.take_vault_builds() == 1
    assert "<em>new</em>" in result.html("talks/d.md")


def test_an_option_renders_everything_again(vault: SiteBuilder, calls: Calls) -> None:
    built(vault)
    calls.take()
    vault.plugin_options(graph={"layout": "classic"})
    built(vault)
    assert calls.take() == ([], list("abcd"))  # loading does not depend on the layout
    vault.plugin_options(graph={"layout": "classic"}, label_length=20)
    built(vault)
    assert calls.take() == (list("abcd"), list("abcd"))


@pytest.fixture
def fresh_salt() -> Iterator[None]:
    _clear_salt()
    yield
    _clear_salt()


def test_another_plugin_version_uses_nothing_of_the_old_one(
        vault: SiteBuilder, calls: Calls, monkeypatch: pytest.MonkeyPatch,
        fresh_salt: None) -> None:
    first = pages(built(vault))
    calls.take()
    monkeypatch.setattr(mkdocs_vault, "__version__", "999.0")
    _clear_salt()
    assert pages(built(vault)) == first
    assert calls.take() == (list("abcd"), list("abcd"))


def test_a_vault_wide_fact_renders_the_pages_that_show_it(vault: SiteBuilder,
                                                          calls: Calls) -> None:
    built(vault)
    calls.take()
    talk(vault, "d", series="Other", speakers=("Zed Nobody",), see=("b.md#idea-2",))
    result = built(vault)
    loaded, rendered = calls.take()
    assert loaded == ["d"]
    assert "b" in rendered  # its idea 2 is now "Referenced by" d
    assert not {"a", "c"} & set(rendered)
    assert "Talk D, 1" in result.html("talks/b.md")


def test_a_title_shown_by_neighbours_renders_them_again(vault: SiteBuilder,
                                                        calls: Calls) -> None:
    built(vault)
    calls.take()
    talk(vault, "b", number=2)
    path = vault.docs / "talks" / "b.md"
    path.write_text(path.read_text().replace("title: Talk B", "title: Talk B renamed"))
    result = built(vault)
    assert calls.take()[1] == ["a", "b renamed", "c"]  # previous / next of a and c
    assert "Talk B renamed" in result.html("talks/a.md")
    assert "Talk B renamed" in result.html("talks/c.md")


def test_a_link_target_removed_renders_the_linking_page(vault: SiteBuilder,
                                                        calls: Calls) -> None:
    vault.page("other.md", "# Other\n")
    talk(vault, "d", series="Other", speakers=("Zed Nobody",), resume="See [it](../other.md).")
    assert 'href="../../other/"' in built(vault).html("talks/d.md")
    calls.take()
    (vault.docs / "other.md").unlink()
    result = built(vault)
    assert "d" in calls.take()[1]
    assert any("other.md" in warning for warning in result.vault_warnings)


def test_a_broken_cache_is_only_slower(vault: SiteBuilder, calls: Calls) -> None:
    first = pages(built(vault))
    calls.take()
    for path in (vault.root / ".cache" / "plugin" / "vault").iterdir():
        path.write_bytes(pickle.dumps(("wrong", "shape"))[:-3])
    assert pages(built(vault)) == first
    assert calls.take() == (list("abcd"), list("abcd"))


@pytest.mark.skipif(not hasattr(mkdocs_vault.plugin.VaultConfig, "cache"),
                    reason="the `cache` option is not in plugin/config.py yet")
def test_cache_false_writes_nothing(vault: SiteBuilder) -> None:
    vault.plugin_options(cache=False)
    built(vault)
    assert not (vault.root / ".cache").exists()


# --- serve --dirty ------------------------------------------------------------------------

class DirtySession:
    """`mkdocs serve --dirty`, as serve.py runs it: on_startup(dirty=True) once, then
    build(config, dirty=True) with a freshly loaded config on every change."""

    def __init__(self, site: SiteBuilder) -> None:
        self.site = site
        self.config: MkDocsConfig | None = None

    def build(self) -> BuildResult:
        config_file = self.site._write_config()
        site_dir = self.site.root / "site"

        def run(loaded: list[MkDocsConfig]) -> None:
            config = load_config(str(config_file), site_dir=str(site_dir))
            loaded.append(config)
            if self.config is None:
                config.plugins.on_startup(command="serve", dirty=True)
            self.config = config
            build(config, dirty=True)

        result = _collecting(site_dir, run)
        assert result.error is None, result.error
        return result

    def stop(self) -> None:
        if self.config is not None:
            self.config.plugins.on_shutdown()


@pytest.fixture
def dirty(vault: SiteBuilder) -> Iterator[DirtySession]:
    session = DirtySession(vault)
    yield session
    session.stop()


def touch_later(path: Path) -> None:
    """Make `path` newer than every output (MkDocs compares modification times)."""
    later = max(os.path.getmtime(p) for p in path.parents[2].joinpath("site").rglob("*")) + 5
    os.utime(path, (later, later))


def outputs(site: SiteBuilder) -> dict[str, float]:
    return {name: os.path.getmtime(site.root / "site" / "talks" / name / "index.html")
            for name in "abcd"}


def test_dirty_rebuilds_exactly_the_pages_that_change(vault: SiteBuilder, dirty: DirtySession,
                                                      calls: Calls) -> None:
    dirty.build()
    calls.take()
    before = outputs(vault)
    path = vault.docs / "talks" / "b.md"
    path.write_text(path.read_text().replace("title: Talk B", "title: Talk B renamed"))
    touch_later(path)
    result = dirty.build()
    after = outputs(vault)
    changed = {name for name in "abcd" if after[name] != before[name]}
    assert changed == {"a", "b", "c"}  # b, and its neighbours in the series; not d
    for name in "ac":
        assert "Talk B renamed" in result.html(f"talks/{name}.md")
    assert "Talk B renamed" in result.html("vault/series/s.md")


def test_dirty_rebuilds_only_the_generated_pages_that_change(vault: SiteBuilder,
                                                             dirty: DirtySession) -> None:
    dirty.build()
    generated = ("vault/series/s/index.html", "vault/series/other/index.html",
                 "vault/people/zed-nobody/index.html")
    before = {page: os.path.getmtime(vault.root / "site" / page) for page in generated}
    talk(vault, "b", number=2, resume="Changed.")
    path = vault.docs / "talks" / "b.md"
    path.write_text(path.read_text().replace("title: Talk B", "title: Talk B renamed"))
    touch_later(path)
    dirty.build()
    after = {page: os.path.getmtime(vault.root / "site" / page) for page in generated}
    assert {page for page in generated if after[page] != before[page]} == {generated[0]}


def test_dirty_rebuilds_the_target_of_a_new_see_link(vault: SiteBuilder, dirty: DirtySession,
                                                     calls: Calls) -> None:
    dirty.build()
    before = outputs(vault)
    talk(vault, "d", series="Other", speakers=("Zed Nobody",), see=("a.md#idea-3",))
    touch_later(vault.docs / "talks" / "d.md")
    result = dirty.build()
    after = outputs(vault)
    assert {name for name in "abcd" if after[name] != before[name]} == {"a", "d"}
    assert "Talk D, 1" in result.html("talks/a.md")


def test_dirty_without_changes_rebuilds_no_entry(vault: SiteBuilder,
                                                 dirty: DirtySession) -> None:
    dirty.build()
    before = outputs(vault)
    dirty.build()
    assert outputs(vault) == before


def test_dirty_across_processes_uses_the_state_on_disk(vault: SiteBuilder) -> None:
    first = DirtySession(vault)
    first.build()
    first.stop()
    before = outputs(vault)
    talk(vault, "d", series="Other", speakers=("Zed Nobody",), resume="Changed.")
    touch_later(vault.docs / "talks" / "d.md")
    second = DirtySession(vault)  # a new `mkdocs build --dirty`: a new plugin state
    second.build()
    second.stop()
    after = outputs(vault)
    assert {name for name in "abcd" if after[name] != before[name]} == {"d"}


def _clear_salt() -> None:
    cache.code_fingerprint.cache_clear()
    cache.salt.cache_clear()
