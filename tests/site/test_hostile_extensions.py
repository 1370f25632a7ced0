"""Authors' fields stay safe whatever Markdown extensions and plugins the site runs.

Each test builds a site with a common extension that defeated the earlier design (which let the
site's Markdown render the fields between marker comments), and checks the built page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = pytest.mark.site

JS_LINK = "[click](javascript:alert(1))"


def entry(**fields: object) -> dict[str, object]:
    """A valid entry with the given fields."""
    return {"ideas": [{"text": "A plain first idea."}, {"text": "A plain second idea."}],
            **fields}


def content(result: BuildResult, page: str = "talk.md") -> str:
    """The article of a built page (Material's own markup around it left out)."""
    html = result.html(page)
    return html[html.index("<article"):html.index("</article>")]


def build(site: SiteBuilder, extensions: list[object], vault: dict[str, object],
          **options: object) -> BuildResult:
    site.config["markdown_extensions"] = extensions
    site.entry("talk.md", vault, body="Author body.\n")
    if options:
        site.plugin_options(**options)
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    return result


def test_attr_list_cannot_take_the_theme_ids(site: SiteBuilder) -> None:
    """`{#__config}` would come before Material's `<script id="__config">` and replace its
    configuration; every id in a field is namespaced instead, and `on*` attributes dropped."""
    vault = entry(resume='Summary\n{: #__config }\n\n[x](#){ #__search onclick="alert(1)" }',
                  ideas=[{"text": "Idea\n{: #__drawer }"}, {"text": "Other\n{: #idea-1 }"}])
    result = build(site, ["attr_list"], vault)
    page = result.html("talk.md")
    assert page.count('id="__config"') == 1  # Material's own
    assert 'id="__search"' not in content(result)
    assert page.count('id="__drawer"') == 1  # Material's own
    assert page.count('id="idea-1"') == 1
    assert "onclick" not in page
    assert 'id="vault-resume-__config"' in page


def test_footnotes_stay_inside_the_filter(site: SiteBuilder) -> None:
    """Footnote definitions used to move out of the filtered section to the end of the page."""
    vault = entry(resume=f"Said so.[^1]\n\n[^1]: {JS_LINK}{{onclick=alert(1)}}",
                  ideas=[{"text": f"Also[^1]\n\n[^1]: {JS_LINK}"}, {"text": "b"}])
    result = build(site, ["footnotes", "attr_list"], vault)
    page = content(result)
    assert "javascript:" not in page
    assert "onclick" not in page
    assert 'class="footnote"' in page
    # Each field's footnotes link within that field.
    refs = re.findall(r'href="#(vault-[^"]*fn:1)"', page)
    assert refs
    assert all(f'id="{ref}"' in page for ref in refs)


def test_snippets_never_read_files_for_fields(site: SiteBuilder) -> None:
    """`--8<--` in a field would print any file next to mkdocs.yml into the public page."""
    (site.root / "secret.txt").write_text("TOP-SECRET-TOKEN\n", encoding="utf-8")
    line = '--8<-- "secret.txt"'
    vault = entry(resume=f"{line}\n", ideas=[{"text": line}, {"text": "b"}], credits=line)
    result = build(site, [{"pymdownx.snippets": {"base_path": [str(site.root)]}}], vault)
    assert "TOP-SECRET-TOKEN" not in result.html("talk.md")
    assert "--8&lt;-- &quot;secret.txt&quot;" in content(result) or \
        '--8&lt;-- "secret.txt"' in content(result)


@pytest.mark.parametrize("extension", [
    "pymdownx.striphtml", {"pymdownx.critic": {"mode": "accept"}}])
def test_comment_stripping_extensions_keep_fields_filtered(site: SiteBuilder,
                                                          extension: object) -> None:
    """striphtml deleted the marker comments, critic could delete across fields: nothing was
    filtered then. Now no marker exists to delete."""
    vault = entry(resume=f"{JS_LINK} {{--", ideas=[{"text": "--} Second"}, {"text": JS_LINK}])
    result = build(site, [extension], vault)
    page = content(result)
    assert "javascript:" not in page
    assert page.count("<li id=\"idea-") == 2


def test_macros_never_see_authors_text(site: SiteBuilder) -> None:
    """mkdocs-macros after the vault plugin used to evaluate `{{ ... }}` from plain fields."""
    site.config["plugins"] = ["search", "vault", "macros"]
    jinja = "{{ 7 * 7 }} {% if true %}yes{% endif %}"
    vault = entry(series=jinja, host=jinja, speakers=[jinja], center=jinja,
                  source={"title": jinja, "url": "https://x.org/?q={{7*7}}"},
                  categories={"c": {"label": jinja}}, resume=jinja, credits=jinja,
                  ideas=[{"text": jinja, "category": "c"}, {"text": "b", "category": "c"}])
    result = build(site, [], vault)
    page = content(result)
    assert "49" not in page
    assert ">yes<" not in page
    assert page.count("&#123;&#123; 7 * 7 &#125;&#125;") >= 6  # shown as written


def test_macros_never_see_the_error_box(site: SiteBuilder) -> None:
    """Values repeated in the problems box are inert too."""
    site.config["plugins"] = ["search", "vault", "macros"]
    site.entry("talk.md", {"ideas": [{"text": "x", "category": "{{ 7 * 7 }}"}],
                           "categories": {"a": {}}}, body="Body.\n")
    result = site.build()
    page = content(result)
    assert "vault-problems" in page
    assert "49" not in page
    assert "&#123;&#123; 7 * 7 &#125;&#125;" in page


MATERIAL_EXTENSIONS: list[object] = [
    "tables", "attr_list", "md_in_html",
    {"pymdownx.tasklist": {"custom_checkbox": True}},
    {"pymdownx.tabbed": {"alternate_style": True}},
    "pymdownx.superfences",
    {"pymdownx.emoji": {"emoji_index": "!!python/name:material.extensions.emoji.twemoji",
                        "emoji_generator": "!!python/name:material.extensions.emoji.to_svg"}},
]


def test_material_extensions_work_in_fields(site: SiteBuilder) -> None:
    """Task lists, content tabs, icons and table alignment come out as in the rest of the site
    (the old filter showed them as escaped markup or dropped the alignment)."""
    site.config["markdown_extensions"] = [e for e in MATERIAL_EXTENSIONS
                                          if not (isinstance(e, dict) and "pymdownx.emoji" in e)]
    resume = ("- [x] done\n- [ ] open\n\n"
              '=== "One"\n\n    First tab\n\n=== "Two"\n\n    Second tab\n\n'
              "| left | right |\n|:-----|------:|\n| a | b |\n\n"
              ":material-check: checked")
    site.entry("talk.md", entry(resume=resume), body="Body.\n")
    result = site.build(strict=True, extra_yaml="""
        markdown_extensions:
          - tables
          - attr_list
          - md_in_html
          - pymdownx.tasklist: {custom_checkbox: true}
          - pymdownx.tabbed: {alternate_style: true}
          - pymdownx.superfences
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
              emoji_generator: !!python/name:material.extensions.emoji.to_svg
        """)
    assert result.error is None, result.warnings
    page = content(result)
    assert re.search(r'<input type="checkbox" disabled(="")? checked(="")? ?/?>', page) or \
        '<input checked="checked" disabled="disabled" type="checkbox"' in page or \
        "task-list-indicator" in page
    assert 'class="tabbed-set tabbed-alternate"' in page
    labels = re.findall(r'<label for="([^"]+)"', page)
    inputs = re.findall(r'<input [^>]*id="([^"]+)"', page)
    assert labels
    assert set(labels) <= set(inputs)  # each tab label still toggles its own input
    assert 'style="text-align: left;"' in page
    assert 'style="text-align: right;"' in page
    assert "<svg" in page
    assert "&lt;svg" not in page
    assert "&lt;input" not in page


def test_links_in_fields_are_resolved_like_pages(site: SiteBuilder) -> None:
    """`other.md` links in fields become the page's URL, relative; a missing target warns."""
    site.page("other.md", "# Other\n")
    site.page("img/pic.png", "png")
    vault = entry(resume="See [other](../other.md#top) and ![p](../img/pic.png) and ![q](pic.png).",
                  ideas=[{"text": "Broken [x](missing.md)"}, {"text": "b"}])
    site.entry("sub/talk.md", vault, body="Body.\n")
    site.page("sub/pic.png", "png")
    result = site.build()
    page = content(result, "sub/talk.md")
    assert 'href="../../other/#top"' in page
    assert 'src="../../img/pic.png"' in page
    assert 'src="../pic.png"' in page
    assert any("sub/talk.md" in w and "ideas[0].text" in w and "missing.md" in w
               for w in result.vault_warnings), result.vault_warnings
