"""The `vault` superfences fence: same core, same messages, same HTML as the plugin."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest

from mkdocs_vault.fence import fence_vault, render_block
from tests.sitebuilder import SiteBuilder

ENTRY = textwrap.dedent("""\
    series: Garden Talks
    number: 7
    speakers: [Ada Moss]
    categories:
      bees: {label: Bees, color: "#fde68a"}
    resume: Bees moved onto **roofs**.
    ideas:
      - text: Hives on flat roofs do well.
        category: bees
      - text: Wild bees do most of the pollination.
        category: bees
    credits: Interview by Garden Radio
    """)
FENCE_CONFIG = {"custom_fences": [{"name": "vault", "class": "vault", "format": fence_vault}]}


def convert(text: str) -> str:
    md = markdown.Markdown(extensions=["pymdownx.superfences"],
                           extension_configs={"pymdownx.superfences": FENCE_CONFIG})
    return md.convert(text)


def block(html: str, opening: str, closing: str) -> str:
    start = html.index(opening)
    return html[start:html.index(closing, start) + len(closing)]


def test_expands_an_entry() -> None:
    html = convert(f"# Bees\n\n```vault\n{ENTRY}```\n\nAfter.\n")
    assert re.findall(r'<li id="(idea-\d)"', html) == ["idea-1", "idea-2"]
    assert '<pre class="mermaid">' in html
    assert 'class="vault-header"' in html
    assert "<strong>roofs</strong>" in html
    assert html.rstrip().endswith("<p>After.</p>")
    assert "vault-problems" not in html


def test_same_html_as_the_plugin(site: SiteBuilder) -> None:
    site.page("bees.md", f"---\ntitle: Bees\nvault:\n{textwrap.indent(ENTRY, '  ')}---\n")
    site.plugin_options(pages={"index": False, "series": False, "categories": False,
                               "people": False}, exports=False)
    built = site.build(strict=True)
    assert built.error is None, built.warnings
    page = built.html("bees/")
    fenced = render_block(f"title: Bees\nvault:\n{textwrap.indent(ENTRY, '  ')}")
    for opening, closing in (('<ol class="vault-ideas">', "</ol>"),
                             ('<pre class="mermaid">', "</pre>"),
                             ('<div class="vault-header">', "</div>"),
                             ('<p class="vault-credits">', "</p>")):
        assert block(fenced, opening, closing) == block(page, opening, closing)


def test_errors_replace_the_entry_with_located_messages() -> None:
    html = convert("```vault\ncategories: {open: {label: Open}}\nideas:\n  - text: One.\n"
                   "    category: opne\n```\n")
    assert "vault-ideas" not in html
    assert 'class="admonition failure vault-problems"' in html
    assert "<code>vault block:4:15</code> <code>ideas[0].category</code>" in html
    assert "did you mean &#x27;open&#x27;?" in html


def test_broken_yaml_is_shown() -> None:
    html = convert("```vault\nideas: [oops\n```\n")
    assert "the YAML cannot be read" in html
    assert "(the bracket opened on line 1)" in html


def test_warnings_are_shown_under_the_entry() -> None:
    html = convert("```vault\nideas: [One.]\nunknwn: 3\n```\n")
    assert '<li id="idea-1">' in html
    warning = block(html, '<div class="admonition warning vault-problems">', "</div>")
    assert "<code>vault block:2:1</code> <code>unknwn</code> unknown field" in warning


def test_not_a_mapping() -> None:
    html = convert("```vault\n- just\n- a list\n```\n")
    assert "vault-problems" in html


def test_zensical_runs_the_fence(tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("zensical")
    if not command.is_file() and shutil.which("zensical") is None:
        pytest.skip("zensical is not installed")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(f"# Bees\n\n```vault\n{ENTRY}```\n",
                                                encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Fence
        theme: {name: material}
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: vault
                  class: vault
                  format: !!python/name:mkdocs_vault.fence.fence_vault
        """), encoding="utf-8")
    done = subprocess.run([str(command) if command.is_file() else "zensical", "build",
                           "--strict"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<li id="(idea-\d)"', html) == ["idea-1", "idea-2"]
    assert '<pre class="mermaid">' in html
