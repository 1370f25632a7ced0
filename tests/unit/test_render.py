"""Rendering an entry as Markdown: sections, markers, the ideas list, escaping."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest

from mkdocs_vault.graph.layouts import GraphStyle
from mkdocs_vault.loading.pages import LoadedPage, load_page
from mkdocs_vault.loading.problems import Problem
from mkdocs_vault.model import Entry
from mkdocs_vault.render.options import RenderOptions
from mkdocs_vault.render.page import (
    Rendered,
    format_date,
    plain,
    render_page,
    render_problems,
)

EXAMPLE = (Path(__file__).resolve().parents[2] / "example-site" / "docs" / "lex"
           / "deepseek-china-ai-megaclusters.md")

ENTRY = """\
title: The Talk
vault:
  series: Series
  number: 2
  total: 5
  date: 2024-01-02
  speakers: ['*NSYNC_[x]', B]
  host: H
  source: {title: Src, url: 'https://x.org'}
  image: {src: a.png, alt: 'al[t]'}
  resume: Resume paragraph.
  credits: Credit line
  categories: {a: {label: A, color: '#abc'}}
  ideas:
    - {text: First idea, category: a}
    - {text: Second idea, category: a}
"""

# Where each section starts, recognisable in the output.
SIGNS = {
    "header": '<div class="vault-header">',
    "graph": "## Concept Graph",
    "resume": "## Résumé",
    "ideas": "## 2 Key Ideas",
    "credits": '<p class="vault-credits">',
    "body": "BODY-TEXT",
}


def load(front_matter: str = ENTRY, body: str = "BODY-TEXT\n") -> LoadedPage:
    """A valid vault page."""
    page = load_page(f"---\n{front_matter}---\n{body}")
    assert page is not None
    assert page.entry is not None, page.problems
    return page


def render(page: LoadedPage, options: RenderOptions | None = None) -> Rendered:
    """`render_page` as the plugin calls it."""
    assert page.entry is not None
    return render_page(page.entry, page.body, options or RenderOptions(), title="Title",
                       body_line=page.body_line)


def order(markdown_text: str) -> list[str]:
    """Sections present in the output, in the order they appear."""
    found = {name: markdown_text.find(sign) for name, sign in SIGNS.items()}
    return sorted((n for n, at in found.items() if at >= 0), key=lambda n: found[n])


@functools.cache
def deepseek() -> tuple[Entry, str]:
    """The example entry and its rendered page."""
    page = load_page(EXAMPLE.read_text(encoding="utf-8"))
    assert page is not None
    assert page.entry is not None
    out = render_page(page.entry, page.body, RenderOptions(), title="T",
                      body_line=page.body_line)
    assert out.problems == ()
    return page.entry, out.inline()


# -- section order -------------------------------------------------------------------------------


def test_default_order() -> None:
    """Header, graph, résumé, ideas, credits, then the author's body."""
    out = render(load())
    assert out.problems == ()
    assert order(out.markdown) == ["header", "graph", "resume", "ideas", "credits", "body"]
    assert out.markdown.endswith("BODY-TEXT\n")
    assert not out.markdown.endswith("\n\n")


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        (("ideas", "graph"), ["ideas", "graph", "body"]),
        (("body", "resume", "header"), ["body", "resume", "header"]),
        (("credits", "body", "ideas", "header", "graph", "resume"),
         ["credits", "body", "ideas", "header", "graph", "resume"]),
        ((), ["body"]),
    ],
)
def test_custom_order(sections: tuple[str, ...], expected: list[str]) -> None:
    """The site's `sections` choose and order the parts; the body is always kept."""
    out = render(load(), RenderOptions(sections=sections))
    assert order(out.markdown) == expected


def test_per_page_sections_win() -> None:
    """A page's own `sections` override the site's."""
    page = load(ENTRY + "  sections: [ideas, header]\n")
    out = render(page, RenderOptions(sections=("graph", "resume")))
    assert order(out.markdown) == ["ideas", "header", "body"]


def test_empty_sections_skipped() -> None:
    """Sections without content (no résumé, no credits, no header fields) are left out."""
    out = render(load("vault:\n  ideas: [a, b]\n"))
    assert order(out.markdown) == ["graph", "ideas", "body"]
    assert "## Résumé" not in out.markdown
    assert "vault-credits" not in out.markdown
    assert "vault-header" not in out.markdown
    assert "## 2 Key Ideas" in out.markdown


def test_headings_configurable() -> None:
    """Headings follow `heading_level`; an empty heading is left out."""
    options = RenderOptions(heading_level=3, headings={"graph": "", "resume": "Summary",
                                                        "ideas": "Ideas ({count})"})
    out = render(load(), options).inline()
    assert "### Summary\n" in out
    assert "### Ideas &#40;2&#41;\n" in out
    assert "Concept Graph" not in out
    assert '<pre class="mermaid">' in out


# -- markers -------------------------------------------------------------------------------------


def test_marker_places_section_in_body() -> None:
    """`<!-- vault:graph -->` puts the graph there instead of in its default place."""
    body = "Intro.\n\n<!-- vault:graph -->\n\nOutro.\n"
    out = render(load(body=body)).inline()
    assert out.count('<pre class="mermaid">') == 1
    assert out.index("Intro.") < out.index("## Concept Graph") < out.index("Outro.")
    assert out.index("## 2 Key Ideas") < out.index("Intro.")
    assert "<!-- vault:graph -->" not in out


@pytest.mark.parametrize("marker", ["<!-- vault:ideas -->", "<!--vault:ideas-->",
                                    "   <!--  vault: ideas  -->  "])
def test_marker_spellings(marker: str) -> None:
    """Markers allow spaces inside the comment and up to three spaces of indent."""
    out = render(load(body=f"Intro.\n\n{marker}\n")).markdown
    assert out.count("## 2 Key Ideas") == 1
    assert out.index("Intro.") < out.index("## 2 Key Ideas")


@pytest.mark.parametrize(("fence", "inner"), [("```", "~~~"), ("~~~", "```"), ("````", "```")])
def test_marker_in_fenced_code_is_kept(fence: str, inner: str) -> None:
    """A marker inside fenced code is shown as written, not replaced."""
    body = f"{fence}markdown\n{inner}\n<!-- vault:ideas -->\n{fence}\n\nAfter.\n"
    out = render(load(body=body)).markdown
    assert "<!-- vault:ideas -->" in out
    assert out.count("## 2 Key Ideas") == 1
    assert out.index("## 2 Key Ideas") < out.index(fence + "markdown")


def test_marker_after_fence() -> None:
    """After a fence closes, markers work again."""
    body = "```\ncode\n```\n<!-- vault:ideas -->\n"
    out = render(load(body=body)).markdown
    assert "<!-- vault:ideas -->" not in out
    assert out.index("code") < out.index("## 2 Key Ideas")


def test_marker_after_inner_fence_with_info_string() -> None:
    """A ```python line inside a ``` block does not close it."""
    body = "```\n```python\n<!-- vault:ideas -->\n```\n"
    out = render(load(body=body)).markdown
    assert "<!-- vault:ideas -->" in out


@pytest.mark.parametrize(
    ("marker", "hint"),
    [("grap", "did you mean 'graph'?"), ("idea", "did you mean 'ideas'?"), ("xyz", None),
     ("body", None)],
)
def test_unknown_marker_warns(marker: str, hint: str | None) -> None:
    """An unknown marker is a warning on its file line, and is left in place."""
    page = load(body=f"\nLine.\n\n<!-- vault:{marker} -->\n")
    assert page.body_line == 20  # the blank line after the front matter is skipped
    out = render(page)
    assert len(out.problems) == 1
    found = out.problems[0]
    assert (found.severity, found.field, found.line) == ("warning", "marker", 22)
    assert f"<!-- vault:{marker} -->" in found.message
    if hint:
        assert hint in found.message
    else:
        assert "did you mean" not in found.message
    assert f"<!-- vault:{marker} -->" in out.markdown


def test_repeated_marker_warns() -> None:
    """A section placed twice is placed once; the second marker is a warning."""
    page = load(body="<!-- vault:resume -->\n\nText\n\n<!-- vault:resume -->\n")
    out = render(page)
    assert out.markdown.count("## Résumé") == 1
    assert [(p.line, p.severity) for p in out.problems] == [(page.body_line + 4, "warning")]
    assert "already placed" in out.problems[0].message


def test_marker_overrides_sections() -> None:
    """A marker places a section even when `sections` leaves it out."""
    out = render(load(body="<!-- vault:credits -->\n"), RenderOptions(sections=("ideas",)))
    assert order(out.markdown) == ["ideas", "credits"]


def test_body_kept_when_not_in_sections() -> None:
    """The author's body is never dropped."""
    out = render(load(ENTRY + "  sections: [header]\n"))
    assert order(out.markdown) == ["header", "body"]


# -- the ideas list ------------------------------------------------------------------------------


def test_ideas_list_example() -> None:
    """The example's list: heading, then `<li id="idea-N">text tag</li>` for all 30 ideas."""
    entry, out = deepseek()
    assert "## 30 Key Ideas\n\n" in out
    items = re.findall(r'^<li id="idea-(\d+)">(.*)</li>$', out, re.MULTILINE)
    assert [int(n) for n, _ in items] == list(range(1, 31))
    for (_, line), idea in zip(items, entry.ideas, strict=True):
        assert line.startswith(html.escape(idea.text, quote=False)[:20])
        category = entry.category(idea.category)
        assert category is not None
        assert f'style="background:{category.color};color:#111111">{category.label}</span>' in line


def test_ideas_list_is_a_raw_block_of_placeholders() -> None:
    """MkDocs sees the ids (for anchor validation) and placeholders, never the idea text."""
    out = render(load())
    assert re.search(r'<ol class="vault-ideas">\n<li id="idea-1">vault[0-9a-f]+p\d+z</li>\n'
                     r'<li id="idea-2">vault[0-9a-f]+p\d+z</li>\n</ol>', out.markdown)
    assert "First idea" not in out.markdown
    assert "First idea" in out.inline()


def test_ideas_list_without_tags() -> None:
    """`idea_tags: false` leaves the category tags out of the list."""
    out = render(load(), RenderOptions(idea_tags=False)).inline()
    assert '<li id="idea-1">First idea</li>\n' in out


@pytest.mark.parametrize(("raw_html", "shown"), [
    (False, "Use &lt;b&gt;List&lt;String&gt;&lt;/b&gt; and <code>&lt;i&gt;code&lt;/i&gt;</code>"),
    (True, "Use <b>List<String></b> and <code>&lt;i&gt;code&lt;/i&gt;</code>"),
])
def test_idea_html_inert_by_default(raw_html: bool, shown: str) -> None:
    """Raw HTML in an idea is shown as text unless `raw_html` allows it; code spans are kept."""
    from mkdocs_vault.render.markdown import MarkdownFields

    page = load("vault:\n  ideas:\n    - 'Use <b>List<String></b> and `<i>code</i>`'\n")
    assert page.entry is not None
    out = render_page(page.entry, page.body, RenderOptions(), title="T",
                      fields=MarkdownFields(raw_html=raw_html)).inline()
    assert f'<li id="idea-1">{shown}</li>' in out


def test_multiline_idea_stays_in_item() -> None:
    """A multi-line idea stays inside its list item."""
    page = load("vault:\n  ideas:\n    - \"Line one\\nline two\"\n    - b\n")
    out = render(page).inline()
    assert '<li id="idea-1">Line one\nline two</li>' in out
    assert "line two</li>" in markdown.markdown(out)


def test_example_graph_and_legend() -> None:
    """The example page has one graph and a legend with each category's idea count."""
    entry, out = deepseek()
    assert out.count('<pre class="mermaid">') == 1
    counts = re.findall(r'vault-tag" style="background:(#\w+);color:#111111">(\w+) '
                        r'<span class="vault-count">(\d+)</span>', out)
    assert counts == [(c.color, c.label, str(sum(i.category == c.key for i in entry.ideas)))
                      for c in entry.categories]
    assert sum(int(n) for _, _, n in counts) == 30


def test_graph_parts_captioned() -> None:
    """An entry larger than `max_ideas` gets several captioned graphs."""
    ideas = "".join(f"    - idea {n}\n" for n in range(1, 8))
    options = RenderOptions(graph=GraphStyle(max_ideas=3))
    out = render(load("vault:\n  ideas:\n" + ideas), options).inline()
    assert out.count('<pre class="mermaid">') == 3
    assert re.findall(r'<p class="vault-graph-part">(.*?)</p>', out) == [
        "Part 1 of 3", "Part 2 of 3", "Part 3 of 3"]


def test_graph_html_is_inert() -> None:
    """The Mermaid source inside the page holds no raw `<`, `>`, `{` or `}`."""
    _, out = deepseek()
    code = re.search(r'<pre class="mermaid"><code>(.*?)</code></pre>', out, re.DOTALL)
    assert code is not None
    assert not {"<", ">", "{", "}"} & set(code.group(1))


# -- header and escaping -------------------------------------------------------------------------


def test_header_fields() -> None:
    """The header shows series, number of total, date, people, source and image."""
    out = render(load()).inline()
    assert '<span class="vault-series">Series</span>' in out
    assert '<span class="vault-number">No. 2 of 5</span>' in out
    assert '<time class="vault-date" datetime="2024-01-02">2024-01-02</time>' in out
    assert '<span class="vault-host">Host: H</span>' in out
    assert '<a href="https://x.org">Src</a>' in out
    assert '<img src="a.png" alt="al[t]">' in out


def test_speaker_is_inert() -> None:
    """A speaker named `*NSYNC_[x]` is shown as written, not as emphasis or a link."""
    out = render(load()).inline()
    html_out = markdown.markdown(out)
    assert "<em>" not in html_out
    assert "<a " not in html_out.split('class="vault-source"')[0]
    assert "<strong>*NSYNC_[x]</strong> &amp; <strong>B</strong>" in out


@pytest.mark.parametrize(("date", "shown"), [
    ((1, 1, 1), "0001-01-01"), ((999, 12, 31), "0999-12-31"), ((2025, 3, 7), "2025-03-07")])
def test_years_keep_four_digits(date: tuple[int, int, int], shown: str) -> None:
    """`%Y` of year 1 is `1` on Linux; the header writes `0001`."""
    import datetime as dt

    assert format_date(dt.date(*date), "%Y-%m-%d") == shown
    assert format_date(dt.date(*date), "%%Y %Y") == f"%Y {shown[:4]}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*NSYNC_[x]", "&#42;NSYNC&#95;&#91;x&#93;"),
        ("<b>x</b> & y", "&#60;b&#62;x&#60;&#47;b&#62; &#38; y"),
        ("www.x.org a@b.c ++k++ (c) 1/2", "www&#46;x&#46;org a&#64;b&#46;c &#43;&#43;k&#43;&#43; "
         "&#40;c&#41; 1&#47;2"),
        ("line\n\n- item\x00", "line &#45; item"),
        ("`code` {x} $1", "&#96;code&#96; &#123;x&#125; &#36;1"),
        (":smile: ==m== ~~d~~ ^^i^^", "&#58;smile&#58; &#61;&#61;m&#61;&#61; "
         "&#126;&#126;d&#126;&#126; &#94;&#94;i&#94;&#94;"),
        ("#h |t| \\", "&#35;h &#124;t&#124; &#92;"),
        ("Plain words, 27× é 深度", "Plain words, 27× é 深度"),
    ],
)
def test_plain(text: str, expected: str) -> None:
    """`plain` encodes every Markdown special character."""
    assert plain(text) == expected


@pytest.mark.parametrize(
    "text",
    ["*NSYNC_[x]", "**bold** _em_ `code`", "[link](https://x.org)", "<script>x</script>",
     "a | b", "==mark== ~~del~~", "#not-a-heading", "&amp; literal"],
)
def test_plain_renders_literally(text: str) -> None:
    """Through Python-Markdown, `plain` text comes out exactly as written."""
    rendered = markdown.markdown(plain(text), extensions=["tables"])
    assert rendered.startswith("<p>")
    assert rendered.endswith("</p>")
    assert html.unescape(rendered[3:-4]) == text


# -- problems box --------------------------------------------------------------------------------


def test_problems_box_escapes() -> None:
    """Messages, fields and paths are HTML-escaped in the problems box, braces encoded."""
    rendered = render_problems([Problem('<script>x</script> & "q" {{ x }}', "ideas[0]<b>", 4, 2),
                                Problem("plain")], "docs/<a>.md", "Body\n")
    assert "<script>" not in rendered.markdown
    assert rendered.markdown.startswith('<div class="admonition failure vault-problems">vault')
    assert rendered.markdown.endswith("</div>\n\nBody\n")
    box = rendered.inline()
    assert "<script>" not in box
    assert "&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot; &#123;&#123; x &#125;&#125;" in box
    assert "<code>docs/&lt;a&gt;.md:4:2</code>" in box
    assert "<code>ideas[0]&lt;b&gt;</code>" in box
    assert "<code>docs/&lt;a&gt;.md</code> <code>vault</code> plain</li>" in box
    assert box.count("<li>") == 2


def test_marker_inside_a_comment_is_left_alone() -> None:
    """A marker the author commented out is not expanded (its `-->` would end the comment)."""
    body = "Intro\n\n<!--\n<!-- vault:ideas -->\nold notes\n-->\n\nOutro\n"
    out = render(load(body=body))
    assert "<!--\n<!-- vault:ideas -->\nold notes\n-->" in out.markdown
    assert out.markdown.count("Key Ideas") == 1
    assert out.markdown.index("Key Ideas") < out.markdown.index("Intro")
    one_line = render(load(body="<!-- hidden <!-- vault:graph --> -->\n")).markdown
    assert "Concept Graph" in one_line  # placed by default, the commented marker kept
    assert "<!-- hidden <!-- vault:graph --> -->" in one_line


def test_leading_h1_of_the_body_stays_on_top() -> None:
    """A body that starts with `# Title` keeps that heading above the generated sections."""
    loaded = load_page("---\nvault:\n  ideas: [one]\n---\n\n# My title\n\nText.\n")
    assert loaded is not None
    assert loaded.entry is not None
    page = render_page(loaded.entry, loaded.body, RenderOptions(), title="t").markdown
    assert page.startswith("# My title\n\n")
    assert page.index("Key Ideas") < page.index("Text.")
    setext = render_page(loaded.entry, "My title\n========\n\nText.\n", RenderOptions(),
                         title="t").markdown
    assert setext.startswith("My title\n========\n\n")


def test_episode_zero_is_a_valid_number() -> None:
    """Series may start at 0."""
    loaded = load_page("---\nvault:\n  number: 0\n  ideas: [one]\n---\n")
    assert loaded is not None
    assert loaded.entry is not None
    assert loaded.entry.number == 0
