"""Pages without `vault:` come out exactly as they would without the plugin.

A varied Material site (admonitions, details, tabs, annotated code, snippets, the author's own
Mermaid, emoji, footnotes, tables, task lists, the blog and tags plugins, front matter of other
plugins and keys that merely resemble ours, `---` rules where front matter could be) is built
with and without the plugin, and the outputs are compared file by file.
"""

from __future__ import annotations

import gzip
import json
import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

from tests.sitebuilder import ENTRIES_ONLY, BuildResult, SiteBuilder

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.site

SITE_URL = "https://example.org/untouched/"
VAULT_FILES = "assets/vault/"
"""The plugin's own output files live below this folder."""

# The markdown extensions go in as YAML text: `!!python/name` tags cannot be dumped from Python.
MARKDOWN_EXTENSIONS = """
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.highlight:
      anchor_linenums: true
  - pymdownx.inlinehilite
  - pymdownx.snippets:
      base_path: [{snippets}]
      check_paths: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""

VAULT_PAGE = "talk.md"
VAULT_OUTPUT = "talk/index.html"
VAULT_ENTRY = """\
---
title: A vault talk
tags: [ai, chips]
vault:
  series: Talks
  number: 7
  speakers: [Ada Lovelace]
  categories:
    a: {label: Alpha}
    b: {label: Beta}
  resume: A short résumé.
  ideas:
    - {text: The first idea says something., category: a}
    - {text: The second idea says something else., category: b}
    - {text: The third idea closes the talk., category: a}
---
Body of the vault page.
"""

# Exact file contents (not dedented: a page that starts with a blank line must keep it).
PAGES: dict[str, str] = {
    "index.md": textwrap.dedent("""\
        ---
        title: Home
        description: The home page of a site that also has a vault page.
        tags: [home]
        ---
        # Home

        Read [the talk](talk.md) and its [second idea](talk.md#idea-2). :smile: :material-check:

        !!! note "A note"
            With *Markdown* and a [link](code.md).

        ??? tip "Collapsed details"
            Hidden text.

        ???+ warning
            Open details.

        === "Python"

            ```python
            print("tab one")
            ```

        === "Shell"

            ```sh
            echo tab two
            ```

        | Column | Other |
        |--------|:-----:|
        | a      | b     |

        - [x] done
        - [ ] to do

        A statement with a footnote.[^1]

        [Button](code.md){ .md-button .md-button--primary }

        <div class="grid" markdown>
        **Markdown** inside HTML.
        </div>

        Term
        :   Its definition.

        The HTML abbreviation.

        *[HTML]: Hyper Text Markup Language

        [^1]: The footnote.
        """),
    "code.md": textwrap.dedent("""\
        ---
        title: Code
        hide: [toc]
        status: new
        tags: [code]
        ---
        # Annotated code

        ``` python
        def answer() -> int:
            return 42  # (1)!
        ```

        1.  An annotation with **Markdown** and `code`.

        --8<-- "snippet.md"

        ```mermaid
        graph LR
          a[Start] --> b{Vault?}
          b -->|yes| c[Entry]
        ```

        Inline `#!python range(3)` code.
        """),
    # Keys that merely resemble ours, `vault` nested below another key, and `vault:` in text.
    "lookalike.md": textwrap.dedent("""\
        ---
        title: Lookalike
        vault_notes: not an entry
        vaulted: true
        extra_data:
          vault: nested, not top-level
        ---
        # Lookalike

        This page talks about the `vault:` key and a bank vault: a safe place.

        ```yaml
        vault:
          ideas: [shown as code]
        ```

        <!-- vault:graph -->
        """),
    # A blank line, then a horizontal rule: MkDocs sees no front matter here.
    "rule-top.md": "\n---\n\n# Rule at the top\n\nText between rules.\n\n---\n\nvault: text\n",
    # Starts with `---` but what follows is no YAML mapping, so it is Markdown for MkDocs too.
    "not-front-matter.md": textwrap.dedent("""\
        ---

        # Not front matter

        - a list item: with a colon
        - another

        ---

        After the second rule.
        """),
    # Starts with `---` and has no closing line at all.
    "unclosed.md": "---\n\n# Unclosed\n\nJust a rule at the top.\n",
    "tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "blog/index.md": "# Blog\n",
    "blog/posts/first.md": textwrap.dedent("""\
        ---
        date: 2024-01-15
        categories: [News]
        tags: [blog]
        ---
        # First post

        The excerpt, with a link to [the talk](../../talk.md).

        <!-- more -->

        The rest of the first post.

        ## A section
        """),
    "blog/posts/second.md": textwrap.dedent("""\
        ---
        date:
          created: 2024-02-20
          updated: 2024-03-01
        categories: [News, Notes]
        description: The second post.
        ---
        # Second post

        !!! info
            An admonition in a post.

        <!-- more -->

        ---

        After a rule.
        """),
}

SNIPPET = "Included from a **snippet** file, with a footnote.[^s]\n\n[^s]: Snippet footnote.\n"


def varied_site(root: Path, *, vault_page: bool) -> SiteBuilder:
    """The varied site, with or without its one vault page."""
    site = SiteBuilder(root)
    site.config.update({
        "site_name": "Untouched",
        "site_url": SITE_URL,
        "theme": {"name": "material", "font": False,
                  "features": ["content.code.annotate", "content.tabs.link"]},
        "extra": {"status": {"new": "Recently added"}},
    })
    for path, text in PAGES.items():
        target = site.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if vault_page:
        (site.docs / VAULT_PAGE).write_text(VAULT_ENTRY, encoding="utf-8")
    snippets = root / "snippets"
    snippets.mkdir()
    (snippets / "snippet.md").write_text(SNIPPET, encoding="utf-8")
    return site


def build(site: SiteBuilder, *, vault: bool, into: str) -> BuildResult:
    """Build into root/<into> with or without the vault plugin."""
    site.config["plugins"] = ["search", "tags", {"blog": {"blog_toc": True}},
                              *([{"vault": ENTRIES_ONLY}] if vault else [])]
    config = site.root / "mkdocs.yml"
    result = site.build(extra_yaml=MARKDOWN_EXTENSIONS.format(
        snippets=json.dumps(str(site.root / "snippets"))))
    assert result.error is None, (result.error, result.warnings)
    assert not (site.root / into).exists()
    (site.root / "site").rename(site.root / into)
    config.unlink()
    return BuildResult(site.root / into, result.records)


def outputs(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path relative to the site folder."""
    return {path.relative_to(site_dir).as_posix(): path.read_bytes()
            for path in sorted(site_dir.rglob("*")) if path.is_file()}


def search_entries(data: bytes, *, skip: str | None = None) -> dict[str, Any]:
    """The search index with the entries of the page at URL `skip` (and its anchors) removed."""
    index = json.loads(data)
    if skip is not None:
        index["docs"] = [doc for doc in index["docs"]
                         if doc["location"] != skip and not doc["location"].startswith(skip + "#")]
    return index


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    # MkDocs takes the sitemap's <lastmod> and the gzip header's mtime of sitemap.xml.gz from
    # the clock unless SOURCE_DATE_EPOCH is set; with it both builds agree in every byte.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def varied_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, BuildResult]:
    """The varied site with its vault page, built with and without the plugin."""
    with pytest.MonkeyPatch.context() as monkeypatch:  # module scope: no function fixture
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        site = varied_site(tmp_path_factory.mktemp("varied"), vault_page=True)
        return build(site, vault=True, into="with"), build(site, vault=False, into="without")


def test_the_varied_site_uses_what_it_claims(
        varied_builds: tuple[BuildResult, BuildResult]) -> None:
    """Guard against a silently broken fixture: each feature really shows in the output."""
    with_plugin, _ = varied_builds
    assert with_plugin.warnings == []
    home = with_plugin.html("index.md")
    for needle in ('class="admonition note"', "<details", 'class="tabbed-set', "md-tag",
                   'class="footnote"', "task-list-control", "md-button--primary",
                   'class="grid"', "<dl>", "<abbr", "twemoji", 'href="talk/#idea-2"'):
        assert needle in home, needle
    code = with_plugin.html("code.md")
    # Annotations are drawn by Material's JavaScript from the comment and the list after it.
    for needle in ('<span class="c1"># (1)!</span>', '"content.code.annotate"',
                   "Included from a <strong>snippet</strong>",
                   '<pre class="mermaid"><code>graph LR', 'class="highlight"'):
        assert needle in code, needle
    assert "md-status--new" in home + code  # status shows in the nav of every page
    talk = with_plugin.html(VAULT_PAGE)
    assert '<pre class="mermaid">' in talk  # it is expanded: the plugin is active
    assert "assets/vault/vault.css" in talk
    assert "<hr" in with_plugin.html("rule-top.md")
    assert "<hr" in with_plugin.html("not-front-matter.md")
    assert "<hr" in with_plugin.html("unclosed.md")
    lookalike = with_plugin.html("lookalike.md")
    assert "vault-problems" not in lookalike
    assert 'class="mermaid"' not in lookalike
    assert (with_plugin.site_dir / "blog/2024/01/15/first-post/index.html").is_file()
    assert (with_plugin.site_dir / "blog/category/notes/index.html").is_file()
    assert (with_plugin.site_dir / "blog/archive/2024/index.html").is_file()
    tags = with_plugin.html("tags.md")
    assert ">chips<" in tags
    assert ">blog<" in tags


def test_pages_without_vault_are_byte_identical(
        varied_builds: tuple[BuildResult, BuildResult]) -> None:
    """Every file but the vault page's own is the same with and without the plugin."""
    with_plugin, without = varied_builds
    first, second = outputs(with_plugin.site_dir), outputs(without.site_dir)
    own = {path for path in first if path.startswith(VAULT_FILES)}
    assert own == {"assets/vault/vault.css"}
    assert set(first) - own == set(second)
    # The vault page differs by design; the search index holds its text next to the others'.
    compared = set(second) - {VAULT_OUTPUT, "search/search_index.json"}
    # 8 pages, the blog's index, 2 posts, archive and 2 categories, 404; the sitemap, and
    # from Material 9.7 on the tags plugin's tags.json.
    assert len([path for path in compared if path.endswith(".html")]) == 14
    assert {"sitemap.xml", "sitemap.xml.gz"} <= compared
    different = sorted(path for path in compared if first[path] != second[path])
    assert different == []
    skip = VAULT_OUTPUT.removesuffix("index.html")
    assert (search_entries(first["search/search_index.json"], skip=skip)
            == search_entries(second["search/search_index.json"], skip=skip))
    # And the sitemap really is compared in full (it lists the vault page like any other).
    assert f"{SITE_URL}{skip}" in gzip.decompress(first["sitemap.xml.gz"]).decode()


def test_site_without_vault_pages_is_untouched(tmp_path: Path) -> None:
    """No vault page at all: the plugin adds no file and changes no byte of any file."""
    site = varied_site(tmp_path, vault_page=False)
    with_plugin = outputs(build(site, vault=True, into="with").site_dir)
    without = outputs(build(site, vault=False, into="without").site_dir)
    assert [path for path in with_plugin if path.startswith(VAULT_FILES)] == []
    assert sorted(with_plugin) == sorted(without)
    assert sorted(path for path in without if with_plugin[path] != without[path]) == []


# --- mkdocs-static-i18n -------------------------------------------------------------------------

I18N_BAD_ENTRY = """\
---
title: A talk
vault:
  categories:
    open: {label: Open}
  ideas:
    - {text: One, category: open}
    - {text: Two, category: opne}
---
Body.
"""


def i18n_site(root: Path) -> SiteBuilder:
    """English (default) and French pages side by side: `talk.md`, `talk.fr.md`."""
    import mkdocs_static_i18n  # noqa: F401 - a test dependency: fail, never skip
    site = SiteBuilder(root)
    site.config["plugins"] = [
        "search", "vault",
        {"i18n": {"docs_structure": "suffix", "languages": [
            {"locale": "en", "default": True, "name": "English"},
            {"locale": "fr", "name": "Français"}]}}]
    site.page("index.md", "# Home\n")
    site.page("index.fr.md", "# Accueil\n")
    return site


# mkdocs-static-i18n builds the default language, then, from its on_post_build, calls
# `build(config)` again for every other language with the same config object: all events run
# once per language (on_config included), and our on_files (-50) runs before i18n's (-100),
# which is where the files are narrowed to one language, so it sees every language's pages.
def test_i18n_reports_each_problem_once(tmp_path: Path) -> None:
    """Each language is a build of its own; still every problem is logged once."""
    site = i18n_site(tmp_path)
    site.page("talk.md", I18N_BAD_ENTRY)
    site.page("talk.fr.md", I18N_BAD_ENTRY.replace("title: A talk", "title: Un exposé"))
    site.page("other.md", I18N_BAD_ENTRY)  # no translation: French falls back to this page
    result = site.build()
    assert result.error is None, result.warnings
    assert "vault-problems" in result.html("fr/talk/")
    assert "vault-problems" in result.html("fr/other/")
    counts = Counter(result.vault_warnings)
    assert {w.split(":")[1].strip() for w in counts} == {
        "docs/talk.md", "docs/talk.fr.md", "docs/other.md"}
    assert [w for w, n in counts.items() if n != 1] == []


def test_i18n_instant_navigation_links_the_stylesheet_once(tmp_path: Path) -> None:
    """With instant navigation the stylesheet is on every page, once, in every language."""
    site = i18n_site(tmp_path)
    site.config["theme"]["features"] = ["navigation.instant"]
    site.page("talk.md", VAULT_ENTRY)
    result = site.build()  # not strict: i18n warns that its contextual links need no instant
    assert result.error is None, result.warnings
    assert result.vault_warnings == []
    for page in ("index.md", "talk.md", "fr/", "fr/talk/"):
        links = [line for line in result.html(page).splitlines() if "vault/vault.css" in line]
        assert len(links) == 1, (page, links)
