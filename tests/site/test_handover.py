"""Vault pages are handed to MkDocs without their `vault:` block (loading/without_vault.py), and
MkDocs and other plugins see the page as before: the other keys, the source path."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.sitebuilder import SiteBuilder

pytestmark = pytest.mark.site

HOOK = '''
import json, os

seen = {}

def on_page_context(context, page, config, nav):
    seen[page.file.src_uri] = {
        "abs_src_path": page.file.abs_src_path,
        "handed_over": page.file._content is not None,
        "meta": {k: repr(v) for k, v in page.meta.items()},
        "title": page.title,
    }

def on_post_build(config):
    with open(os.path.join(config.site_dir, "seen.json"), "w") as out:
        json.dump(seen, out)
'''

VAULT = """\
vault:
  series: Lex
  number: 3
  speakers: [Ann]
  # a comment inside the block
  categories:
    a: {label: Chips}
  ideas:
    - text: "One idea: with a colon"
      category: a
"""


def _seen(site: SiteBuilder) -> dict[str, dict[str, object]]:
    site.page("hooks.py", HOOK)
    site.config["hooks"] = [str(site.docs / "hooks.py")]
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    return json.loads((result.site_dir / "seen.json").read_text(encoding="utf-8"))


def test_mkdocs_reads_only_the_other_keys(site: SiteBuilder) -> None:
    site.page("talk.md", f"---\ntitle: The talk\n{VAULT}tags:\n  - chips\nhide:\n  - toc\n---\n")
    seen = _seen(site)["talk.md"]
    assert seen["handed_over"] is True
    assert seen["abs_src_path"] == str(site.docs / "talk.md")  # git-date plugins need it
    assert seen["title"] == "The talk"
    meta = seen["meta"]
    assert isinstance(meta, dict)
    assert meta["tags"] == repr(["chips"])
    assert meta["hide"] == repr(["toc"])
    assert "'series': 'Lex'" in meta["vault"]  # put back for templates and other plugins


def test_keys_read_otherwise_by_mkdocs_are_left_to_it(site: SiteBuilder) -> None:
    """MkDocs reads `draft: yes` as true (YAML 1.1), the plugin as text (YAML 1.2): the page
    is then parsed by MkDocs as written, and keeps MkDocs' reading."""
    site.page("talk.md", f"---\ndraft: yes\n{VAULT}---\n# Talk\n")
    seen = _seen(site)["talk.md"]
    assert seen["handed_over"] is False
    meta = seen["meta"]
    assert isinstance(meta, dict)
    assert meta["draft"] == repr(True)


def test_pages_with_problems_are_left_to_mkdocs(site: SiteBuilder) -> None:
    site.page("talk.md", "---\ntitle: T\nvault:\n  series: Lex\n  ideas: 3\n---\n")
    site.page("hooks.py", HOOK)
    site.config["hooks"] = [str(site.docs / "hooks.py")]
    result = site.build()
    seen = json.loads((result.site_dir / "seen.json").read_text(encoding="utf-8"))["talk.md"]
    assert seen["handed_over"] is False
    assert "vault" in seen["meta"]


def test_unchanged_pages_are_handed_over_in_serve_rebuilds(site: SiteBuilder) -> None:
    """While serving, an unchanged page comes from the plugin's memory, in a new File."""
    site.page("talk.md", f"---\ntitle: The talk\n{VAULT}---\n")
    site.page("hooks.py", HOOK)
    site.config["hooks"] = [str(site.docs / "hooks.py")]
    try:
        first = site.serve(strict=True)
        assert first.error is None, first.warnings
        site.page("other.md", "# Another page\n")
        again = site.rebuild()
        assert again.error is None, again.warnings
        seen = json.loads((again.site_dir / "seen.json").read_text(encoding="utf-8"))
    finally:
        site.stop()
    assert seen["talk.md"]["handed_over"] is True
