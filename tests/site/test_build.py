"""Whole-site builds in temporary folders."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from tests.sitebuilder import ENTRIES_ONLY

if TYPE_CHECKING:
    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = pytest.mark.site

DEEPSEEK = "lex/deepseek-china-ai-megaclusters.md"
IDEAS = [{"text": f"Idea number {n} says something.", "category": "a" if n % 2 else "b"}
         for n in range(1, 7)]
CATEGORIES = {"a": {"label": "Alpha", "color": "#d4f9d4"}, "b": {"label": "Beta"}}


def vault_entry(**extra: object) -> dict[str, object]:
    """A small valid entry."""
    return {"categories": CATEGORIES, "ideas": IDEAS, **extra}


def mermaid_sources(page_html: str) -> list[str]:
    """The Mermaid text of every graph on a page, as Material will read it."""
    return [html.unescape(m) for m in re.findall(
        r'<pre class="mermaid"><code>(.*?)</code></pre>', page_html, re.DOTALL)]


def test_example_site_builds_strict_without_warnings(example_build: BuildResult) -> None:
    """example-site builds with --strict and logs no warning at all."""
    assert example_build.warnings == []


def test_example_entry_has_every_part(example_build: BuildResult) -> None:
    """The DeepSeek page shows header, graph, résumé, 30 ideas with ids, and credits."""
    page = html.unescape(example_build.html(DEEPSEEK))
    assert "Lex 100+" in page
    assert "No. 116" in page
    assert 'datetime="2025-03-07"' in page
    assert "Dylan Patel" in page and "Nathan Lambert" in page
    assert 'href="https://lexfridman.com/deepseek-dylan-patel-nathan-lambert/"' in page
    assert len(mermaid_sources(page)) == 1
    assert re.search(r'<h2 id="[^"]*">Résumé', page)
    assert re.search(r'<h2 id="30-key-ideas">30 Key Ideas', page)
    ids = re.findall(r'<li id="(idea-\d+)">', page)
    assert ids == [f"idea-{n}" for n in range(1, 31)]
    assert "Custom GPT and Knowledge Vault built by David Vivancos" in page
    # Sections come in the default order.
    order = [page.index(s) for s in ('class="vault-header"', 'class="vault-graph',
                                     ">Résumé", ">30 Key Ideas", 'class="vault-credits"')]
    assert order == sorted(order)


def test_example_graph_matches_the_list(example_build: BuildResult) -> None:
    """Every idea is one node with its number, its category class and its link."""
    source = mermaid_sources(example_build.html(DEEPSEEK))[0]
    for n in range(1, 31):
        assert len(re.findall(rf"^k{n}\(", source, re.MULTILINE)) == 1
        assert f'click k{n} href "#idea-{n}"' in source
    # Idea 16 and idea 25 were the seed's uncoloured nodes; here they are in Open and Safety.
    classes = dict(re.findall(r"^class (\S+) (cat\d+)$", source, re.MULTILINE))
    members = {cls: set(ids.split(",")) for ids, cls in classes.items()}
    assert "k16" in members["cat0"] and "k25" in members["cat4"]
    assert "1 200×" in source.replace("\u00a0", " ")


def test_toc_lists_generated_headings(example_build: BuildResult) -> None:
    """Material's table of contents sees the generated sections."""
    page = example_build.html(DEEPSEEK)
    toc = page[page.index('data-md-component="toc"'):]
    for heading in ("Concept Graph", "Résumé", "30 Key Ideas"):
        assert heading in toc


def test_other_pages_are_byte_identical(site: SiteBuilder) -> None:
    """A page without `vault:` renders exactly as it does without the plugin."""
    site.page("plain.md", """
        ---
        title: Plain page
        tags: [x]
        ---
        # Plain page

        Some *text* with a [link](talk.md) and `<!-- vault:graph -->` in code.

        <!-- vault:graph -->
    """)
    site.entry("talk.md", vault_entry())
    site.config["plugins"] = ["search", {"vault": ENTRIES_ONLY}]
    with_plugin = site.build(strict=True)
    assert with_plugin.error is None, with_plugin.warnings
    first = with_plugin.html("plain.md")
    site.config["plugins"] = ["search"]
    without = site.build()
    assert first == without.html("plain.md")


def test_invalid_entry_fails_strict_and_names_file_field_line(site: SiteBuilder) -> None:
    """Bad data is logged with file, field path and line, and fails --strict."""
    site.page("bad.md", """
        ---
        title: Bad
        vault:
          categories:
            open: {label: Open}
          ideas:
            - {text: One, category: open}
            - {text: Two, category: open}
            - {text: Three, category: open}
            - {text: Four, category: opne}
        ---
        Body text stays.
    """)
    strict = site.build(strict=True)
    assert strict.error is not None
    assert any(w.startswith("vault: docs/bad.md:10:") and "ideas[3].category" in w
               and "'opne'" in w and "did you mean 'open'" in w for w in strict.vault_warnings)
    relaxed = site.build()
    assert relaxed.error is None
    page = relaxed.html("bad.md")
    assert "vault-problems" in page and "ideas[3].category" in page
    assert "Body text stays." in page
    assert 'class="mermaid"' not in page  # never half-rendered


def test_broken_yaml_is_reported_with_line_and_column(site: SiteBuilder) -> None:
    """Front matter that MkDocs would silently drop is reported, and not shown raw."""
    site.page("broken.md", """
        ---
        title: Broken
        vault:
          ideas:
            - text: "unclosed
            - other
        ---
        Still here.
    """)
    result = site.build(strict=True)
    assert result.error is not None
    [warning] = result.vault_warnings
    assert re.match(r"vault: docs/broken\.md:\d+:\d+: front matter: the YAML cannot be read", warning)
    page = site.build().html("broken.md")
    assert "Still here." in page and "vault-problems" in page
    assert "unclosed" not in page.split("vault-problems")[1].split("</div>")[1]


def test_graph_renders_without_superfences(site: SiteBuilder) -> None:
    """No Mermaid fence configured: the graph is still emitted as Material's `pre.mermaid`."""
    site.config.pop("markdown_extensions", None)
    site.entry("talk.md", vault_entry())
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert len(mermaid_sources(result.html("talk.md"))) == 1


def test_graph_with_superfences_mermaid_fence_is_the_same(site: SiteBuilder) -> None:
    """With the usual superfences setup the output does not change."""
    site.entry("talk.md", vault_entry(), body="```mermaid\ngraph LR\n  a --> b\n```\n")
    plain = site.build(strict=True).html("talk.md")
    fenced = site.build(strict=True, extra_yaml="""
        markdown_extensions:
          - pymdownx.superfences:
              custom_fences:
                - name: mermaid
                  class: mermaid
                  format: !!python/name:pymdownx.superfences.fence_code_format
    """).html("talk.md")
    assert mermaid_sources(plain) == mermaid_sources(fenced)[:1]
    assert len(mermaid_sources(fenced)) == 2  # the author's own fence now renders too


def test_markers_place_sections_in_the_body(site: SiteBuilder) -> None:
    """`<!-- vault:graph -->` puts the graph where the author wants it."""
    site.entry("talk.md", vault_entry(resume="Short résumé."), body="""
        Intro paragraph.

        <!-- vault:graph -->

        Outro paragraph.
    """)
    page = site.build(strict=True).html("talk.md")
    assert page.index("Intro paragraph") < page.index('class="mermaid"') < page.index("Outro")
    assert page.index("Key Ideas") < page.index("Intro paragraph")


def test_unknown_marker_is_a_warning(site: SiteBuilder) -> None:
    """A misspelt marker is reported with its line and a suggestion."""
    site.entry("talk.md", vault_entry(), body="Text.\n\n<!-- vault:grpah -->\n")
    result = site.build(strict=True)
    assert result.error is not None
    assert any("vault:grpah" in w and "did you mean 'graph'" in w for w in result.vault_warnings)


def test_links_to_idea_anchors_are_validated(site: SiteBuilder) -> None:
    """Other pages may link to `talk.md#idea-3`; MkDocs checks such anchors."""
    site.config["validation"] = {"anchors": "warn"}
    site.entry("talk.md", vault_entry())
    site.page("index.md", "# Home\n\nSee [idea 3](talk.md#idea-3).\n")
    assert site.build(strict=True).error is None
    site.page("index.md", "# Home\n\nSee [idea 99](talk.md#idea-99).\n")
    result = site.build(strict=True)
    assert any("idea-99" in w for w in result.warnings)


def test_local_mermaid_is_copied_and_linked_from_vault_pages_only(site: SiteBuilder) -> None:
    """`mermaid_js` ships a local Mermaid; only vault pages load it (and the stylesheet)."""
    site.page("js/mermaid.min.js", "window.mermaid = {};\n")
    site.plugin_options(mermaid_js="docs/js/mermaid.min.js")
    site.entry("talks/talk.md", vault_entry())
    site.page("index.md", "# Home\n")
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert (result.site_dir / "assets/vault/mermaid.min.js").is_file()
    talk = result.html("talks/talk.md")
    assert '<script src="../../assets/vault/mermaid.min.js"></script>' in talk
    assert '<link rel="stylesheet" href="../../assets/vault/vault.css">' in talk
    home = result.html("index.md")
    assert "assets/vault/" not in home


def test_missing_local_mermaid_says_what_to_do(site: SiteBuilder) -> None:
    """A wrong `mermaid_js` path stops the build with the command that fixes it."""
    site.plugin_options(mermaid_js="node_modules/mermaid/dist/mermaid.min.js")
    site.entry("talk.md", vault_entry())
    result = site.build()
    assert result.error is not None
    assert any("npm install mermaid@11" in m for m in result.warnings)


def test_relative_asset_links_without_directory_urls(site: SiteBuilder) -> None:
    """With `use_directory_urls: false` the stylesheet link still resolves."""
    site.config["use_directory_urls"] = False
    site.entry("a/b/talk.md", vault_entry())
    result = site.build(strict=True)
    page = (result.site_dir / "a/b/talk.html").read_text(encoding="utf-8")
    assert 'href="../../assets/vault/vault.css"' in page


def test_instant_navigation_loads_assets_everywhere(site: SiteBuilder) -> None:
    """Instant navigation swaps pages without their <head>, so assets go on every page."""
    site.config["theme"]["features"] = ["navigation.instant"]
    site.entry("talk.md", vault_entry())
    site.page("index.md", "# Home\n")
    result = site.build(strict=True)
    assert "assets/vault/vault.css" in result.html("index.md")


def test_other_theme_is_warned_about(site: SiteBuilder) -> None:
    """Without Material nothing would draw the graph, so the build says so."""
    site.config["theme"] = {"name": "mkdocs"}
    site.entry("talk.md", vault_entry())
    result = site.build()
    assert any("theme" in w and "material" in w for w in result.vault_warnings)


def test_per_page_layout_and_site_options(site: SiteBuilder) -> None:
    """`layout: classic` on a page, headings and section order from mkdocs.yml."""
    site.plugin_options(sections=["ideas", "graph"], headings={"ideas": "Ideas ({count})"})
    site.entry("talk.md", vault_entry(layout="classic", resume="Not shown."))
    page = html.unescape(site.build(strict=True).html("talk.md"))
    assert "vault-layout-classic" in page
    assert "Ideas (6)" in page
    assert '<a href="#ideas-6" class="md-nav__link">' in page
    assert page.index("Ideas (6)") < page.index('class="mermaid"')
    assert "Not shown." not in page


def test_large_entry_is_split_into_several_graphs(site: SiteBuilder) -> None:
    """Hundreds of ideas stay within Mermaid's limits by drawing several graphs."""
    ideas = [{"text": f"Idea {n} with a long enough sentence to be realistic, really.",
              "category": f"c{n % 7}"} for n in range(1, 251)]
    site.entry("big.md", {"ideas": ideas})
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    sources = mermaid_sources(result.html("big.md"))
    assert len(sources) == 4
    assert all(len(s) < 50_000 for s in sources)
    found = sorted(int(n) for s in sources for n in re.findall(r"^k(\d+)\(", s, re.MULTILINE))
    assert found == list(range(1, 251))


def test_huge_texts_stay_within_mermaid_limits(site: SiteBuilder) -> None:
    """Very long labels, texts and many links still give graphs Mermaid accepts."""
    ideas = [{"text": f"Idea {n} " + "very long text " * 400, "label": f"L{n} " + "y" * 300,
              "links": [m for m in range(1, 61) if m != n]} for n in range(1, 61)]
    site.entry("huge.md", {"ideas": ideas})
    result = site.build()
    assert result.error is None
    assert sum("the graph shows the first 200" in w for w in result.vault_warnings) == 60
    sources = mermaid_sources(result.html("huge.md"))
    assert len(sources) > 1
    assert all(len(s) <= 45_000 for s in sources)
    assert all(len(re.findall(r"^\w+ (?:-->|-\.-|~~~|-\.->) \w+$", s, re.M)) <= 450
               for s in sources)
    drawn = sorted(int(n) for s in sources for n in re.findall(r"^k(\d+)\(", s, re.M))
    assert drawn == list(range(1, 61))
    # Links between parts cannot be drawn; the log says so (at info level: not a mistake).
    undrawn = [r.getMessage() for r in result.records
               if r.levelname == "INFO" and "is not drawn" in r.getMessage()]
    assert undrawn
    assert all("huge.md" in m and ".links" in m for m in undrawn)


def test_vault_data_from_another_plugin_is_used(site: SiteBuilder) -> None:
    """Front matter merged by material/meta from a .meta.yml file still makes an entry."""
    site.config["plugins"] = ["material/meta", "vault"]
    site.page("talks/.meta.yml", "vault:\n  ideas: [First idea., Second idea.]\n")
    site.page("talks/talk.md", "# A talk\n\nBody.\n")
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    page = result.html("talks/talk.md")
    assert re.findall(r'<li id="(idea-\d)">', page) == ["idea-1", "idea-2"]
    assert len(mermaid_sources(page)) == 1


def test_meta_files_are_merged_before_pages_render(site: SiteBuilder) -> None:
    """A .meta.yml gives the series and categories, the page its ideas: the entry is complete
    in on_files (before any page renders), and a problem in the page keeps its line."""
    site.config["plugins"] = ["material/meta", "vault"]
    site.page("talks/.meta.yml", "vault:\n  series: Shared series\n"
              "  categories: {hw: {label: Hardware}}\n")
    site.page("talks/a.md", "---\nvault:\n  ideas:\n    - {text: One., category: hw}\n"
              "---\nBody A.\n")
    site.page("talks/b.md", "---\nvault:\n  ideas:\n    - {text: Two., category: hx}\n---\n")
    result = site.build()
    page = result.html("talks/a.md")
    assert "Shared series" in page
    assert "Hardware" in page
    assert any(w.startswith("vault: docs/talks/b.md:4:") and "'hx'" in w
               for w in result.vault_warnings), result.vault_warnings
    config = result.config
    assert config is not None
    plugin = config.plugins["vault"]
    assert sorted(plugin.vault.pages) == ["talks/a.md", "talks/b.md"]


def test_tags_and_other_front_matter_survive(site: SiteBuilder) -> None:
    """A vault page keeps the rest of its front matter for other plugins (here: tags)."""
    site.config["plugins"] = ["material/tags", "vault"]
    site.entry("talk.md", vault_entry())
    text = (site.docs / "talk.md").read_text(encoding="utf-8")
    (site.docs / "talk.md").write_text(text.replace("---\n", "---\ntags: [ai, chips]\n", 1),
                                       encoding="utf-8")
    page = site.build(strict=True).html("talk.md")
    assert "md-tag" in page
    assert ">chips<" in page


class Elements(HTMLParser):
    """Every element of an HTML fragment, with its attributes (what a browser would build)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


HOSTILE_MARKDOWN = {
    "series": "a\n\n- injected list item",
    "host": "www.example.com ++ctrl+alt++ (c) 1/2 user@example.com :smile:",
    "categories": {"c": {"label": "[click](javascript:alert(1)) *em* `code`"}},
    "resume": "a `x\n\n<img src=x onerror=alert(1)>\n\n` b",
    "ideas": [
        {"text": "two \\`<svg onload=alert(6)>` end", "category": "c"},
        {"text": "[l](javascript:alert(5)) and [ok](https://example.org)", "category": "c"},
        {"text": "[x](https://a.example){onclick=alert(1)} **b**{onmouseover=alert(2)}",
         "category": "c"},
        {"text": "List<String> and `List<String>` stay readable", "category": "c"},
    ],
    "credits": "\\`<img src=y onerror=alert(2)>`",
}


def test_no_script_reaches_the_page(site: SiteBuilder) -> None:
    """Hostile Markdown in every field: no script-capable HTML comes out, text stays text."""
    site.config["markdown_extensions"] = [
        "attr_list", "pymdownx.magiclink", "pymdownx.keys", "pymdownx.smartsymbols",
        "pymdownx.emoji"]
    site.entry("talk.md", HOSTILE_MARKDOWN)
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    page = result.html("talk.md")
    article = page[page.index("<article"):page.index("</article>")]
    elements = Elements()
    elements.feed(article)
    assert not {"img", "svg", "script", "iframe"} & {tag for tag, _ in elements.found}
    attributes = [(name, value or "") for _, attrs in elements.found for name, value in attrs]
    assert [name for name, _ in attributes if name.startswith("on")] == []
    assert [v for n, v in attributes if n in ("href", "src") and ":" in v
            and not v.startswith(("http:", "https:", "#"))] == []
    assert '<a href="https://example.org">ok</a>' in article
    text = html.unescape(article)
    assert "[click](javascript:alert(1)) *em* `code`" in text  # the category tag, literally
    header = text[text.index('class="vault-header"'):text.index("</p>", text.index(
        'class="vault-header"'))]
    assert "www.example.com ++ctrl+alt++ (c) 1/2 user@example.com :smile:" in header
    assert "<kbd" not in header
    assert "- injected list item" in header
    assert "<ul>" not in header
    assert "List<String> and" in text
    assert "<code>List&lt;String&gt;</code>" in article
