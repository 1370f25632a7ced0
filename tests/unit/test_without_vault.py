"""Cutting the `vault:` block out of a page for MkDocs (loading/without_vault.py)."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.utils.meta import get_data

from mkdocs_vault.loading.without_vault import without_vault

VAULT = "vault:\n  series: Lex\n  ideas:\n  - text: One idea\n    category: a\n# a comment\n\n"
ITEMS_AT_ZERO = "vault:\n- a\n- b\nhide:\n- toc\n"


def _others(text: str) -> dict[str, object]:
    """The other keys, as MkDocs reads them."""
    _, meta = get_data(text)
    return {k: v for k, v in meta.items() if k != "vault"}


@pytest.mark.parametrize("text", [
    f"---\n{VAULT}---\n# Title\n\nBody\n",
    f"---\ntitle: T\n{VAULT}tags: [a, b]\n---\nBody\n",
    f"---\ntitle: T\n{VAULT}...\nBody\n",
    f"---\ntags:\n  - x\n{ITEMS_AT_ZERO}date: 2024-01-02\n---\nBody\n",
    f"---\n{VAULT}---\nTitle: not front matter\n\nBody\n",
    f"---\n# only comments besides\n{VAULT}---\n\n\nBody\n",
    "---\nvault:   # the entry\n  series: Lex\n---\nBody\n",
])
def test_mkdocs_reads_the_same_page_without_the_block(text: str) -> None:
    cut = without_vault(text, _others(text))
    assert cut is not None
    markdown, meta = get_data(cut)
    assert "vault" not in meta
    assert meta == _others(text)
    assert markdown == get_data(text)[0]
    assert "series" not in cut.split("---\n", 2)[1]


@pytest.mark.parametrize("text", [
    "No front matter\n",
    "---\nvault: {series: Lex}\n---\nBody\n",  # flow style on the key's line
    "---\nvault: &v\n  series: Lex\nother: *v\n---\nBody\n",  # an alias into the block
    "---\n'vault':\n  series: Lex\n---\nBody\n",
    "---\n? vault\n: {series: Lex}\n---\nBody\n",
    "---\nvault:\n  a: 1\nvault:\n  b: 2\n---\nBody\n",
    "---\r\nvault:\r\n  a: 1\r\n---\r\nBody\r\n",
    "---\ntitle:\tT\nvault:\n  a: 1\n---\nBody\n",
    "---\nvault:\n  a: 1\n---\n",  # no body line: fine either way, but check it is safe
    "---\nvault:\n  text: \"starts here\ncontinues: at column 0\"\n---\nBody\n",
])
def test_anything_unusual_is_left_to_mkdocs(text: str) -> None:
    try:
        others = _others(text)
    except yaml.YAMLError:
        others = {}
    cut = without_vault(text, others)
    if cut is not None:  # allowed only if MkDocs then reads exactly the same
        markdown, meta = get_data(cut)
        assert (markdown, meta) == (get_data(text)[0], others)


def test_the_other_keys_must_match_what_the_plugin_read() -> None:
    text = f"---\ntitle: T\n{VAULT}---\nBody\n"
    assert without_vault(text, {"title": "T"}) is not None
    assert without_vault(text, {"title": "T", "tags": ["x"]}) is None
    assert without_vault(text, {}) is None


def test_a_mis_cut_block_is_refused() -> None:
    # A quoted scalar going on at column 0 ends the scan early: what is left is not the
    # other keys, so nothing is cut.
    text = 'vault:\n  text: "one\ncontinued: here"\ntitle: T\n'
    cut = without_vault(f"---\n{text}---\nBody\n", {"title": "T"})
    assert cut is None
