"""`mkdocs serve`: rebuilds reuse the plugin instance and its cache of validated pages."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import pytest

import mkdocs_vault.plugin
from mkdocs_vault.plugin import VaultPlugin

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = pytest.mark.site

TALKS = ("a", "b", "c")
WORDS = {"a": "Alpha", "b": "Beta", "c": "Gamma", "d": "Delta"}


def ideas(talk: str, count: int = 3) -> list[str]:
    return [f"{WORDS[talk]} idea {n} explains mixture-of-experts routing in depth."
            for n in range(1, count + 1)]


class Loads:
    """Counts `load_source` calls of the plugin, by talk (read from the page's title)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.talks: list[str] = []
        real = vars(mkdocs_vault.plugin)["load_source"]

        def counting(text: str, *args: Any, **kwargs: Any) -> Any:
            found = re.search(r"^title: Talk (\w)$", text, re.MULTILINE)
            self.talks.append(found.group(1).lower() if found else "?")
            return real(text, *args, **kwargs)

        monkeypatch.setattr(mkdocs_vault.plugin, "load_source", counting)

    def take(self) -> list[str]:
        """The talks loaded since the last call, sorted."""
        taken, self.talks = sorted(self.talks), []
        return taken


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Loads:
    return Loads(monkeypatch)


@pytest.fixture
def served(site: SiteBuilder) -> Iterator[SiteBuilder]:
    """Three talks and a plain page; the session is stopped at the end of the test."""
    for talk in TALKS:
        site.entry(f"talks/{talk}.md", {"ideas": ideas(talk)}, title=f"Talk {talk.upper()}")
    site.page("index.md", "# Home\n")
    yield site
    site.stop()


def entries_in(titles: list[str]) -> list[str]:
    """The nav without the generated vault pages (their index is titled after the site)."""
    return [t for t in titles if t != "Test vault"]


def ok(result: BuildResult) -> BuildResult:
    assert result.error is None, (result.error, result.warnings)
    assert result.warnings == []
    return result


def pages(result: BuildResult) -> dict[str, str]:
    return {talk: result.html(f"talks/{talk}.md") for talk in TALKS}


def list_items(page: str) -> list[str]:
    return re.findall(r'<li id="idea-\d+">(.*?)</li>', page, re.DOTALL)


def test_unchanged_pages_are_not_loaded_again(served: SiteBuilder, loads: Loads) -> None:
    """First build loads every vault page; a rebuild with nothing changed loads none."""
    first = ok(served.serve())
    assert loads.take() == ["a", "b", "c"]
    again = ok(served.rebuild())
    assert loads.take() == []
    assert pages(again) == pages(first)
    assert again.files(".html") == first.files(".html")
    assert entries_in(again.nav_titles()) == ["Home", "Talk A", "Talk B", "Talk C"]


def test_an_edited_page_is_the_only_one_loaded(served: SiteBuilder, loads: Loads) -> None:
    """After editing one page only it is validated again; its output changes, not the others'."""
    before = pages(ok(served.serve()))
    loads.take()
    served.entry("talks/b.md", {"ideas": [*ideas("b"), "A fourth idea, added while serving."]},
                 title="Talk B")
    after = pages(ok(served.rebuild()))
    assert loads.take() == ["b"]
    assert len(list_items(after["b"])) == 4
    assert "A fourth idea, added while serving." in after["b"]
    assert after["a"] == before["a"]
    assert after["c"] == before["c"]
    ok(served.rebuild())
    assert loads.take() == []


def test_touching_a_page_without_changing_it_loads_nothing(served: SiteBuilder,
                                                           loads: Loads) -> None:
    """The cache is keyed by the text, not the file's time."""
    ok(served.serve())
    loads.take()
    path = served.docs / "talks/a.md"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    ok(served.rebuild())
    assert loads.take() == []


def test_label_length_change_loads_every_page(served: SiteBuilder, loads: Loads) -> None:
    """Derived labels depend on label_length, so changing it in mkdocs.yml reloads all."""
    before = pages(ok(served.serve()))
    loads.take()
    served.plugin_options(label_length=16)
    after = pages(ok(served.rebuild()))
    assert loads.take() == ["a", "b", "c"]
    for talk in TALKS:
        assert f"{WORDS[talk]} idea 1…" not in before[talk]
        assert f"{WORDS[talk]} idea 1…" in after[talk]  # the shorter derived label
        assert list_items(after[talk]) == list_items(before[talk])  # the list is unchanged
    ok(served.rebuild())
    assert loads.take() == []


def test_other_option_changes_keep_the_cache(served: SiteBuilder, loads: Loads) -> None:
    """Options that only affect rendering reuse the loaded pages, and still take effect."""
    ok(served.serve())
    loads.take()
    served.plugin_options(headings={"ideas": "{count} ideas"})
    after = pages(ok(served.rebuild()))
    assert loads.take() == []
    assert all('<h2 id="3-ideas">3 ideas' in page for page in after.values())


def test_added_and_removed_pages(served: SiteBuilder, loads: Loads) -> None:
    """A new page is the only one loaded; a deleted one leaves the site and the nav."""
    ok(served.serve())
    loads.take()
    served.entry("talks/d.md", {"ideas": ideas("d")}, title="Talk D")
    added = ok(served.rebuild())
    assert loads.take() == ["d"]
    assert entries_in(added.nav_titles()) == ["Home", "Talk A", "Talk B", "Talk C", "Talk D"]
    (served.docs / "talks/a.md").unlink()
    removed = ok(served.rebuild())
    assert loads.take() == []
    assert "talks/a/index.html" not in removed.files()
    assert entries_in(removed.nav_titles("talks/b.md")) == ["Home", "Talk B", "Talk C", "Talk D"]
    assert len(list_items(removed.html("talks/d.md"))) == 3


def test_one_plugin_instance_started_once(served: SiteBuilder,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """As in `mkdocs serve`: one VaultPlugin for all rebuilds, on_startup once, on_shutdown
    at the end only."""
    calls: list[str] = []
    startup, shutdown = VaultPlugin.on_startup, getattr(VaultPlugin, "on_shutdown", None)

    def counting_startup(self: VaultPlugin, **kwargs: Any) -> None:
        calls.append(f"startup {kwargs['command']}")
        startup(self, **kwargs)

    def counting_shutdown(self: VaultPlugin) -> None:
        calls.append("shutdown")
        if shutdown is not None:
            shutdown(self)

    monkeypatch.setattr(VaultPlugin, "on_startup", counting_startup)
    monkeypatch.setattr(VaultPlugin, "on_shutdown", counting_shutdown, raising=False)
    first = ok(served.serve())
    assert first.config is not None
    plugin = first.config.plugins["vault"]
    assert isinstance(plugin, VaultPlugin)
    for _ in range(2):
        again = ok(served.rebuild())
        assert again.config is not None
        assert again.config is not first.config  # mkdocs.yml is read again ...
        assert again.config.plugins["vault"] is plugin  # ... but the plugin is the same
    assert calls == ["startup serve"]
    served.stop()
    assert calls == ["startup serve", "shutdown"]


def test_a_config_error_while_serving_is_reported_and_recovered_from(
        served: SiteBuilder, loads: Loads) -> None:
    """A bad option saved while serving fails that rebuild with the option's name (no
    traceback at render time); once fixed, the next rebuild works and reuses the cache."""
    ok(served.serve())
    loads.take()
    served.plugin_options(headings={"ideas": "{count} Key {Ideas}"})
    failed = served.rebuild()
    assert failed.error is not None
    assert failed.warnings == [
        "Config value 'plugins': Plugin 'vault' option 'headings': Sub-option 'ideas': unknown "
        "placeholder {Ideas}; this heading may use {count}"]
    served.plugin_options(headings={"ideas": "{count} Key Ideas!"})
    fixed = ok(served.rebuild())
    assert loads.take() == []
    assert "3 Key Ideas!" in html.unescape(fixed.html("talks/a.md"))


def test_disabling_and_enabling_while_serving(served: SiteBuilder, loads: Loads) -> None:
    """`enabled: false` leaves vault pages alone; enabling it again reuses the cache."""
    ok(served.serve())
    loads.take()
    served.plugin_options(enabled=False)
    off = ok(served.rebuild())
    assert 'class="mermaid"' not in off.html("talks/a.md")
    served.plugin_options(enabled=True)
    on = ok(served.rebuild())
    assert loads.take() == []
    assert all('class="mermaid"' in page for page in pages(on).values())
