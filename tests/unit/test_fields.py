"""Authors' Markdown fields: which extensions they get, how they are rendered and filtered."""

from __future__ import annotations

import functools
from typing import Any

import markdown
import material.extensions.emoji as material_emoji  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension

from mkdocs_vault.render.markdown import (
    SAFE_EXTENSIONS,
    MarkdownFields,
    choose_extensions,
    extension_name,
)
from tests.unit.test_sanitize import Checker, violations

# ---------------------------------------------------------------------------------------------
# choose_extensions


def test_extension_name() -> None:
    assert extension_name("markdown.extensions.tables") == "tables"
    assert extension_name("tables") == "tables"
    assert extension_name("pymdownx.tasklist") == "pymdownx.tasklist"
    assert extension_name("my.markdown.extensions.x") == "my.markdown.extensions.x"


def test_choose_extensions() -> None:
    toc = TocExtension()
    names: list[str | Extension] = [
             "abbr", "markdown.extensions.tables", "toc", "markdown.extensions.toc", "meta",
             "pymdownx.snippets", "pymdownx.critic", "pymdownx.striphtml", "pymdownx.b64",
             "pymdownx.pathconverter", toc, "no.such.extension", "pymdownx.tasklist",
             "markdown.extensions.pymdownx.tasklist", "pymdownx.blocks.html", "Tables",
             "markdown.extensions.footnotes"]
    configs: dict[str, Any] = {
        "markdown.extensions.tables": {"use_align_attribute": True}, "toc": {"permalink": True},
        "pymdownx.snippets": {"base_path": "/"}, "pymdownx.tasklist": {"custom_checkbox": True},
        "abbr": {}, "footnotes": {"UNIQUE_IDS": True}, "unused": {"x": 1},
    }
    chosen, chosen_configs, skipped = choose_extensions(names, configs)
    # (`markdown.extensions.pymdownx.tasklist` is chosen by its name; Markdown cannot load it,
    # so neither can the site.)
    assert chosen == ["abbr", "markdown.extensions.tables", "pymdownx.tasklist",
                      "markdown.extensions.pymdownx.tasklist", "pymdownx.blocks.html",
                      "markdown.extensions.footnotes"]
    assert chosen_configs == {"markdown.extensions.tables": {"use_align_attribute": True},
                              "pymdownx.tasklist": {"custom_checkbox": True}, "abbr": {}}
    assert skipped == ["toc", "markdown.extensions.toc", "meta", "pymdownx.snippets",
                       "pymdownx.critic", "pymdownx.striphtml", "pymdownx.b64",
                       "pymdownx.pathconverter", "TocExtension", "no.such.extension",
                       "Tables"]
    assert choose_extensions([], {"abbr": {}}) == ([], {}, [])


def test_dangerous_extensions_are_never_safe() -> None:
    never = {"toc", "meta", "pymdownx.snippets", "pymdownx.critic", "pymdownx.striphtml",
             "pymdownx.b64", "pymdownx.pathconverter", "wikilinks", "markdown_include.include"}
    assert not never & SAFE_EXTENSIONS
    chosen, _, skipped = choose_extensions(sorted(never) + [f"markdown.extensions.{n}"
                                                           for n in sorted(never)], {})
    assert chosen == []
    assert len(skipped) == 2 * len(never)


def test_all_safe_extensions_are_real() -> None:
    for name in sorted(SAFE_EXTENSIONS - {"codehilite", "legacy_em"}):  # they clash with others
        markdown.Markdown(extensions=[name]).convert("x")


# ---------------------------------------------------------------------------------------------
# MarkdownFields.html


def plain_fields(raw_html: bool = False) -> MarkdownFields:
    # A fresh instance for each test, so that each test checks how it is built.
    return MarkdownFields(["tables", "footnotes", "abbr", "attr_list", "md_in_html"],
                          raw_html=raw_html)


@pytest.mark.parametrize(("text", "inline", "expected"), [
    ("a *b*", False, "<p>a <em>b</em></p>"),
    ("a *b*", True, "a <em>b</em>"),
    ("a\n\nb", True, "<p>a</p>\n<p>b</p>"),
    ("a\n\n- b", True, "<p>a</p>\n<ul>\n<li>b</li>\n</ul>"),
    ("- b", True, "<ul>\n<li>b</li>\n</ul>"),
    ("# T", True, "<h1>T</h1>"),
    ("a\n\n---\n\nb", True, "<p>a</p>\n<hr />\n<p>b</p>"),
    ("a\n{: .c }\n\nb", True, '<p class="c">a</p>\n<p>b</p>'),
    ("a\n{: .c }", True, '<p class="c">a</p>'),  # a paragraph with attributes stays whole
    ("", True, ""),
    ("", False, ""),
])
def test_inline_unwraps_one_paragraph_only(text: str, inline: bool, expected: str) -> None:
    assert plain_fields().html(text, "f-", inline=inline) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a <b> c", "<p>a &lt;b&gt; c</p>"),
    ("List<String>", "<p>List&lt;String&gt;</p>"),
    ('<b onclick="x">t</b>', '<p>&lt;b onclick="x"&gt;t&lt;/b&gt;</p>'),
    ("<div>\nblock\n</div>", "<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>"),
    ("<div markdown>\n*x*\n</div>", "<p>&lt;div markdown&gt;\n<em>x</em>\n&lt;/div&gt;</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<!-- c -->", "<p>&lt;!-- c --&gt;</p>"),
    ("<https://x.org>", '<p><a href="https://x.org">https://x.org</a></p>'),
    ("<a@b.org>", '<p><a href="mailto:a@b.org">'
                  "&#97;&#64;&#98;&#46;&#111;&#114;&#103;</a></p>"),
    ("&amp; &copy; {{ x }}", "<p>&amp; &copy; &#123;&#123; x &#125;&#125;</p>"),
    ("[x](javascript:alert(1)) [y](https://x.org)",
     '<p><a>x</a> <a href="https://x.org">y</a></p>'),
    ('a\n{: #__config onclick="x" style="color:red" }', '<p id="f-__config">a</p>'),
])
def test_raw_html_is_text(text: str, expected: str) -> None:
    assert plain_fields().html(text, "f-") == expected


def test_defaults() -> None:
    fields = MarkdownFields()
    assert fields.resolve is None
    assert fields.broken == []
    assert fields.html("a <b> [x](x.md)", "f-", inline=True) == 'a &lt;b&gt; <a href="x.md">x</a>'


def test_raw_html_true_is_trusted() -> None:
    fields = plain_fields(raw_html=True)
    assert fields.html('a <b onclick="x">{{y}}</b>', "f-", inline=True) == (
        'a <b onclick="x">&#123;&#123;y&#125;&#125;</b>')
    assert fields.html("<div id=a>\n<script>z()</script>\n</div>", "f-") == (
        "<div id=a>\n<script>z()</script>\n</div>")


def test_links_are_resolved() -> None:
    fields = MarkdownFields(["footnotes", "attr_list"])
    calls: list[str] = []
    targets = {"a.md": "../a/", "gone.md": None, "i.png": "../img/i.png", "g.png": None}

    def resolve(url: str) -> str | None:
        calls.append(url)
        return targets.get(url, url)

    fields.resolve = resolve
    out = fields.html("[A](a.md) [G](gone.md) [E]() ![i](i.png) ![g](g.png) "
                      "[W](https://x.org) [S](#s)", "f-", inline=True)
    assert out == ('<a href="../a/">A</a> <a href="gone.md">G</a> <a href="">E</a> '
                   '<img alt="i" src="../img/i.png" /> <img alt="g" src="g.png" /> '
                   '<a href="https://x.org">W</a> <a href="#s">S</a>')
    assert fields.broken == ["gone.md", "g.png"]
    assert calls == ["a.md", "gone.md", "i.png", "g.png", "https://x.org", "#s"]
    assert fields.html("[A](a.md)", "f-") == '<p><a href="../a/">A</a></p>'
    assert fields.broken == []  # of the last field only
    calls.clear()
    assert fields.html('a\n{: src="gone.md" href="gone.md" }', "f-") == "<p>a</p>"
    assert (calls, fields.broken) == ([], [])  # only links and images are resolved
    fields.resolve = None
    assert fields.html("[A](a.md) [G](gone.md)", "f-", inline=True) == (
        '<a href="a.md">A</a> <a href="gone.md">G</a>')
    assert fields.broken == []


def test_footnotes_live_under_the_prefix() -> None:
    out = plain_fields().html("a[^1]\n\n[^1]: note", "vault-resume-")
    assert out == (
        '<p>a<sup id="vault-resume-fnref:1"><a class="footnote-ref" '
        'href="#vault-resume-fn:1">1</a></sup></p>\n<div class="footnote">\n<hr />\n<ol>\n'
        '<li id="vault-resume-fn:1">\n<p>note&#160;<a class="footnote-backref" '
        'href="#vault-resume-fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a>'
        "</p>\n</li>\n</ol>\n</div>")


def test_fields_share_no_definitions() -> None:
    fields = plain_fields()
    assert fields.html("[r] HTML[^n]\n\n[r]: https://x.org\n*[HTML]: Hyper\n\n[^n]: N",
                       "f-", inline=True).startswith(
        '<p><a href="https://x.org">r</a> <abbr title="Hyper">HTML</abbr><sup id="f-fnref:n">')
    assert fields.html("[r] HTML[^n]", "g-", inline=True) == "[r] HTML[^n]"


# ---------------------------------------------------------------------------------------------
# Properties: whatever Markdown an author writes, the HTML is allowlisted and balanced.

RICH = ["attr_list", "footnotes", "tables", "md_in_html", "def_list", "abbr", "admonition",
        "pymdownx.tasklist", "pymdownx.tabbed", "pymdownx.superfences", "pymdownx.details",
        "pymdownx.emoji", "pymdownx.magiclink", "pymdownx.betterem", "pymdownx.mark",
        "pymdownx.caret", "pymdownx.tilde", "pymdownx.keys", "pymdownx.highlight",
        "pymdownx.inlinehilite", "smarty"]
RICH_CONFIGS = {
    "pymdownx.tabbed": {"alternate_style": True},
    "pymdownx.tasklist": {"custom_checkbox": True},
    "pymdownx.emoji": {"emoji_index": material_emoji.twemoji,
                       "emoji_generator": material_emoji.to_svg},
    "pymdownx.highlight": {"anchor_linenums": True},
}


@functools.cache
def rich_fields() -> MarkdownFields:
    return MarkdownFields(RICH, RICH_CONFIGS)


def test_rich_fields_look_as_in_the_site() -> None:
    fields = MarkdownFields(RICH, RICH_CONFIGS)
    assert fields.html("- [x] t", "f-") == (
        '<ul class="task-list">\n<li class="task-list-item"><label class="task-list-control">'
        '<input type="checkbox" disabled checked /><span class="task-list-indicator"></span>'
        "</label> t</li>\n</ul>")
    assert fields.html('=== "Tab"\n    body', "f-") == (
        '<div class="tabbed-set tabbed-alternate"><input checked="checked" '
        'id="f-__tabbed_1_1" name="f-__tabbed_1" type="radio" /><div class="tabbed-labels">'
        '<label for="f-__tabbed_1_1">Tab</label></div>\n<div class="tabbed-content">\n'
        '<div class="tabbed-block">\n<p>body</p>\n</div>\n</div>\n</div>')
    assert fields.html("| a |\n|:-|\n| b |", "f-") == (
        '<table>\n<thead>\n<tr>\n<th style="text-align: left;">a</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td style="text-align: left;">b</td>\n</tr>\n</tbody>\n</table>')
    icon = fields.html(":material-check:", "f-", inline=True)
    assert icon.startswith('<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" '
                           'viewbox="0 0 24 24"><path d="M21 7')
    assert icon.endswith('" /></svg></span>')
    assert fields.html("++ctrl+a++ ==m== ^^i^^ ~~d~~", "f-", inline=True) == (
        '<span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span>'
        '<kbd class="key-a">A</kbd></span> <mark>m</mark> <ins>i</ins> <del>d</del>')


MARKDOWN_PIECES = [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#09;script:x)",
    "[x](&#106;avascript:x)", "[x](data:text/html,x)", "[x](vbscript:x)", "![i](javascript:x)",
    "[r]", "[r]: javascript:alert(1)", "[r]: https://x.org", "<javascript:alert(1)>",
    "<u>", "<small>", "<q>", "<figure>", "<s>", "<i>", "<time>",
    "<https://x.org>", "https://x.org/a?b", "www.x.org", "[x](https://x.org){: onclick=x }",
    '{: #__config onclick="x" }', "{: #x }", '{: style="color:red" data-x=1 }',
    '{: href="javascript:x" }', "{: .c }", "[x](#x)", "[^1]", "[^1]: note", "[^x]: *n*",
    "- [x] t", "- [ ] u", "1. a", "* b", '=== "Tab"', '=== "T{{x}}"', "    body", "| a |",
    "|:-|", "| b |", ":material-check:", ":smile:", ":fontawesome-brands-github:",
    "`code`", "`#!js alert(1)`", "```js", "```", "~~~", "<b onclick=x>", "</b>", "<script>",
    "</script>", "<div markdown>", "</div>", "<img src=x onerror=y>", "<!-- c -->",
    "<svg onload=x>", "<a href=javascript:x>", "{{ 7*7 }}", "{% x %}", '--8<-- "x"',
    "!!! note", '!!! warning "T"', "??? note", "???+ tip", "*[HTML]: <b>x</b>", "HTML",
    "Term", ": Def", "++ctrl+a++", "==m==", "^^i^^", "~~d~~", "H~2~O", "*e* **s**", "_u_",
    "&amp;", "&", "<", ">", '"q"', "'s'", "---", "# H", "> quote", "\\", "{", "}",
]
MARKDOWN = st.lists(
    st.tuples(st.sampled_from(MARKDOWN_PIECES),
              st.sampled_from(["", " ", "\n", "\n\n", "\n    ", "\n\n    "])),
    max_size=10,
).map(lambda pairs: "".join(p + s for p, s in pairs))
RAW_ONLY = {"b", "i", "u", "small", "q", "s", "figure", "time", "script", "svg"}
"""Tags that only raw HTML writes in the generated text (emoji write svg only with `:...:`)."""


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN, st.booleans())
def test_property_markdown_fields_are_safe(text: str, inline: bool) -> None:
    out = rich_fields().html(text, "pfx-", inline=inline)
    assert violations(out, "pfx-") == [], (text, out)


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN.map(lambda t: t.replace(":material-check:", "").replace(":smile:", "")
                    .replace(":fontawesome-brands-github:", "")))
def test_property_raw_html_stays_text(text: str) -> None:
    out = rich_fields().html(text, "pfx-")
    checker = Checker("pfx-")
    checker.feed(out)
    checker.close()
    assert not RAW_ONLY & set(checker.tags), (text, out)
    assert checker.errors == [], (text, out)


def test_footnote_ids_do_not_depend_on_the_fields_before() -> None:
    # UNIQUE_IDS numbers documents by how many the Markdown instance converted before: a
    # field would change with the fields rendered before it (cache hits, the worker).
    fields = MarkdownFields(["footnotes"], {"footnotes": {"UNIQUE_IDS": True}})
    text = "A claim.[^1]\n\n[^1]: The source."
    first = fields.html(text, "idea-1-")
    assert "fn" in first
    assert fields.html("Another field.", "idea-2-")
    assert fields.html(text, "idea-1-") == first
