"""Any text is safe as a label: rendered literally by Mermaid 11 and 12, nothing injected."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_vault.graph.labels import plain_text, wrap
from mkdocs_vault.graph.mermaid import JOINER
from tests.browser.conftest import open_page, serve
from tests.sitebuilder import MERMAID_JS

if TYPE_CHECKING:
    from tests.sitebuilder import SiteBuilder

pytestmark = pytest.mark.browser

HOSTILE = [
    'He said "stop" & left',
    "[brackets] {braces} (parens) {{hexagon}}",
    "issue #12; fixed #quot; #35;",
    "a; b | c ||| d",
    "<b>bold</b><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '%%{init: {"theme": "forest"}}%%',
    "%% not a comment",
    "end",
    'click k1 href "javascript:alert(1)"',
    "subgraph X",
    'Lifestyle:"fun"; style:#f00;',
    "classDef x fill:#f00",
    "A --> B -.-> C ==> D ~~~ E",
    "emoji 🚀❤️☕ 👩‍💻",
    "中文标签，没有空格的长句子也要完整显示",
    "مرحبا بالعالم",
    "שלום עולם",
    "back`tick` and \\backslash\\",
    "100% sure, 50 %",
    "it's o'clock",
    "&amp; &lt;not a tag&gt; &#35;",
    "  spaced \n newline \t tab  ",
    "-->",
    "x" * 80 + " " + "word " * 22,  # long, but under the 200-character cut
    # Mermaid draws the two characters `\n` as a line break, even written `#92;n`.
    "C:\\new\\table",
    'printf("hello\\n")',
    "a\\\\nb",
    "\\t tab escape",
    # Invisible characters: bidi controls (this override is never closed), zero-width space,
    # BOM, line and paragraph separators. Control characters are removed by the schema.
    "bidi \u202eevil\u202c and \u2067isolate, \u202eunclosed",
    "zero\u200bwidth\ufeff bom",
    "line\u2028sep\u2029para",
]
# What no label shows: the schema removes control characters, `mermaid.escape` these.
INVISIBLE = {"\u200b", "\ufeff", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def hostile_entry() -> dict[str, Any]:
    """An entry whose every label, category and centre is hostile text."""
    return {
        "center": 'Centre "]; click ctr href "javascript:alert(1)"; %%{init}%%',
        "categories": {
            "end": {"label": "end"},
            "default": {"label": "<i>default</i> & subgraph"},
            "style": {"label": 'style:"x"; #1;'},
        },
        "ideas": [
            {"text": f"Idea text {n}: {label}", "label": label,
             "category": ("end", "default", "style")[n % 3]}
            for n, label in enumerate(HOSTILE, start=1)
        ],
    }


def squeeze(text: str) -> str:
    """Text without any whitespace."""
    return "".join(text.split())


def collapse(text: str) -> str:
    """What a label shows: whitespace collapsed, invisible characters dropped."""
    return " ".join("".join(ch for ch in text if ch not in INVISIBLE).split())


def seen(text: str) -> str:
    """Text as a reader sees it: without the word joiners that `mermaid.escape` inserts."""
    return text.replace(JOINER, "")


@pytest.mark.parametrize("version", ["11", "12"])
def test_hostile_labels_render_literally(browser: Any, site: SiteBuilder, version: str) -> None:
    """Every hostile label is drawn as its literal text; no element or link is injected."""
    site.plugin_options(mermaid_js=str(MERMAID_JS[version]))
    site.entry("hostile.md", hostile_entry())
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    with serve(result.site_dir) as base, open_page(browser, base, "hostile/",
                                                   result.site_dir) as shown:
        shown.screenshot(f"hostile-mermaid{version}")
        assert shown.errors == []
        [graph] = shown.graphs
        assert not graph["error"]
        nodes = {n["id"]: n for n in graph["nodes"]}
        for number, label in enumerate(HOSTILE, start=1):
            node = nodes[f"k{number}"]
            assert seen(node["text"]) == f"{number} {collapse(label)}"
            assert seen(node["title"]) == plain_text(f"Idea text {number}: {label}")
            assert node["href"] == f"#idea-{number}"
            assert node["spill"] <= 1, f"label {number} sticks out of its card"
        # Hub labels are broken into lines with <br>, so compare them without whitespace.
        hubs = sorted(squeeze(seen(n["text"])) for n in graph["nodes"] if n["id"].startswith("hub"))
        assert hubs == sorted(squeeze(t) for t in ["end", "<i>default</i> & subgraph",
                                                   'style:"x"; #1;'])
        assert squeeze(seen(nodes["ctr"]["text"])) == squeeze(hostile_entry()["center"])
        # Only our own markup: <b> for numbers and hub names, one link per idea.
        assert not {"script", "img", "i", "iframe", "foreignobject-script"} & set(graph["tags"])
        entry = hostile_entry()
        lines = [*(c["label"] for c in entry["categories"].values()), entry["center"]]
        assert graph["bold"] == len(HOSTILE) + sum(len(wrap(t, 14)) for t in lines)
        assert graph["links"] == len(HOSTILE)
        hrefs = shown.page.evaluate("""() => [...document.querySelector('div.mermaid')
            .shadowRoot.querySelectorAll('a')].map(a => a.getAttribute('xlink:href'))""")
        assert all(h.startswith("#idea-") for h in hrefs)
