"""The plugin sets the loaded vault aside from the garbage collector during a build only
(mkdocs_vault/collector.py): nothing stays frozen afterwards, so `mkdocs serve` frees what a
rebuild no longer uses."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.sitebuilder import SiteBuilder

pytestmark = pytest.mark.site

ENTRY = {"series": "Lex", "ideas": [{"text": "One idea."}]}


def test_nothing_stays_frozen_after_a_build(site: SiteBuilder) -> None:
    site.entry("talk.md", ENTRY)
    site.page("hooks.py", "import gc, os\n"
                          "def on_page_markdown(markdown, **kw):\n"
                          "    with open(os.path.join(os.path.dirname(__file__), 'seen.txt'),"
                          " 'a') as out:\n"
                          "        out.write(f'{gc.get_freeze_count()}\\n')\n")
    site.config["hooks"] = [str(site.docs / "hooks.py")]
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert gc.get_freeze_count() == 0
    seen = (site.docs / "seen.txt").read_text().split()
    assert seen
    assert all(int(count) > 0 for count in seen)  # frozen while pages render


def test_nothing_stays_frozen_after_a_failed_build(site: SiteBuilder) -> None:
    site.entry("talk.md", ENTRY)
    site.page("hooks.py", "def on_page_markdown(markdown, **kw):\n    raise RuntimeError('x')\n")
    site.config["hooks"] = [str(site.docs / "hooks.py")]
    result = site.build()
    assert result.error is not None
    assert gc.get_freeze_count() == 0


def test_the_collector_rests_through_the_whole_of_on_files(site: SiteBuilder,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # Full collections between the loading and the vault-wide phase cost 1.6 s at 10,000
    # entries; each part of the event must run with the collector off, and it is on after.
    # The vault is frozen before the collector is back on: everything the event allocated is
    # in the youngest generation until then, and its first collection scanned it all (0.7 s).
    from mkdocs_vault import collector
    from mkdocs_vault.plugin import VaultPlugin

    seen: list[tuple[str, bool]] = []
    freeze = collector.freeze
    monkeypatch.setattr(collector, "freeze", lambda: (seen.append(("freeze", gc.isenabled())),
                                                      freeze()))
    for name in ("_collect", "_vault_wide", "_render_ahead"):
        def spy(self: VaultPlugin, *args: object, _name: str = name,
                _original: object = getattr(VaultPlugin, name)) -> object:
            seen.append((_name, gc.isenabled()))
            return _original(self, *args)  # type: ignore[operator]
        monkeypatch.setattr(VaultPlugin, name, spy)
    site.entry("talk.md", ENTRY)
    assert gc.isenabled()
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert seen == [("_collect", False), ("_vault_wide", False), ("_render_ahead", False),
                    ("freeze", False)]
    assert gc.isenabled()
