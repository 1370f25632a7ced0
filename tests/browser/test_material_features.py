"""Material for MkDocs features around a vault entry, in headless Chromium.

Instant navigation (to an entry, back and forward), entries inside content tabs and collapsed
`details` blocks, the live light/dark toggle, and `theme.language`. Every site is built in a
temporary folder with the local Mermaid; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from mkdocs_vault.graph.knowledge import Reason, reason_text
from mkdocs_vault.render import languages
from mkdocs_vault.render.page import plain
from tests.browser.conftest import MEASURE_JS, VIEWPORT, serve
from tests.sitebuilder import ENTRIES_ONLY, MERMAID_JS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = pytest.mark.browser

MIN_LABEL_PX = 12.0
MIN_CONTRAST = 4.5

PALETTE = [
    {"scheme": "default", "toggle": {"icon": "material/weather-night",
                                     "name": "Switch to dark mode"}},
    {"scheme": "slate", "toggle": {"icon": "material/weather-sunny",
                                   "name": "Switch to light mode"}},
]

TABBED = {"pymdownx.tabbed": {"alternate_style": True}}


def entry_data(name: str, ideas: int = 8) -> dict[str, Any]:
    """A small entry with three categories."""
    keys = ("open", "cost", "risk")
    return {
        "series": "Talks",
        "center": f"{name} hub",
        "categories": {"open": {"label": "Open"}, "cost": {"label": "Cost"},
                       "risk": {"label": "Risk"}},
        "resume": f"What {name} is about.",
        "ideas": [{"text": f"{name} idea {n}: models compete on price and openness",
                   "category": keys[n % 3]} for n in range(1, ideas + 1)],
    }


def new_site(site: SiteBuilder, **theme: Any) -> SiteBuilder:
    """The site with local Mermaid, entries only (no generated pages), and `theme` options."""
    site.plugin_options(mermaid_js=str(MERMAID_JS["11"]), **ENTRIES_ONLY)
    site.config["theme"].update(theme)
    return site


def built(site: SiteBuilder, *, strict: bool = True) -> BuildResult:
    result = site.build(strict=strict)
    assert result.error is None, f"{result.error!r}\n" + "\n".join(result.warnings)
    return result


SHOWN = ("() => [...document.querySelectorAll('div.mermaid')]"
         ".map(h => h.getClientRects().length > 0)")
"""For each drawn graph, whether it is displayed (a part may be drawn twice, wide and narrow,
of which CSS shows one; a graph in a closed tab or details block has no boxes)."""


def shown_graphs(page: Any) -> list[dict[str, Any]]:
    """Measurements (see measure.js) of the graphs a reader sees now."""
    graphs: list[dict[str, Any]] = page.evaluate(MEASURE_JS)
    shown: list[bool] = page.evaluate(SHOWN)
    if len(graphs) == sum(shown):  # measure.js measures only the graphs shown
        return graphs
    assert len(graphs) == len(shown)
    return [graph for graph, visible in zip(graphs, shown, strict=True) if visible]


def wait_graphs(page: Any) -> list[dict[str, Any]]:
    """Wait until the page has a graph and all of them are drawn; the graphs a reader sees."""
    page.wait_for_function("() => document.querySelector('div.mermaid, pre.mermaid')",
                           timeout=30_000)
    wait_drawn(page)
    return shown_graphs(page)


OPEN_SHADOW_ROOTS = (
    # Material renders Mermaid into a closed shadow root; open it so tests can look inside.
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) {"
    "  return attach.call(this, {...init, mode: 'open'}); };"
)


@dataclass
class Visit:
    """An opened page, and what went wrong in it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


@contextmanager
def visit(browser: Any, base: str, path: str) -> Iterator[Visit]:
    """Open `base/path` (light scheme, shadow roots open, only 127.0.0.1 reachable) and wait
    until Mermaid has drawn every graph, shown or hidden.

    Unlike conftest's `open_page`, no graph count is asserted: graphs in closed tabs and
    details blocks are drawn but not displayed, so measure.js leaves them out.
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(OPEN_SHADOW_ROOTS)
    shown = Visit(context.new_page())

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(base):
            request_route.continue_()
        else:
            shown.blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    shown.page.on("pageerror", lambda error: shown.errors.append(str(error)))
    shown.page.on("console",
                  lambda m: shown.errors.append(m.text) if m.type == "error" else None)
    try:
        shown.page.goto(f"{base}/{path}")
        wait_drawn(shown.page)
        yield shown
    finally:
        context.close()


def wait_drawn(page: Any) -> None:
    """Wait until no `pre.mermaid` is left undrawn and every drawn graph has its nodes."""
    page.wait_for_function(
        """() => !document.querySelector('pre.mermaid') &&
                 [...document.querySelectorAll('div.mermaid')].every(h => h.shadowRoot
                     && h.shadowRoot.querySelectorAll('svg g.node').length > 0)""",
        timeout=30_000)
    page.wait_for_timeout(100)  # let Material finish swapping nodes


def smallest_label(graph: dict[str, Any]) -> float:
    return float(min(n["minPx"] for n in graph["nodes"]))


def worst_contrast(graph: dict[str, Any]) -> float:
    return float(min(n["contrast"] for n in graph["nodes"]))


def assert_readable(graph: dict[str, Any]) -> None:
    assert graph["rendered"]
    assert not graph["error"]
    assert len(graph["nodes"]) >= 8
    assert smallest_label(graph) >= MIN_LABEL_PX
    assert worst_contrast(graph) >= MIN_CONTRAST


# -- navigation.instant --------------------------------------------------------------------


@pytest.mark.timeout(120)
def test_graph_renders_after_instant_navigation_back_and_forward(browser: Any,
                                                                 site: SiteBuilder) -> None:
    """Home -> entry A (click) -> entry B (click) -> back -> back -> forward: every time the
    entry's graph is drawn, readable, and the document was never reloaded."""
    new_site(site, features=["navigation.instant"])
    site.page("index.md", "# Home\n\n[First talk](a.md)\n")
    site.entry("a.md", entry_data("Alpha"), title="First talk", body="[Second talk](b.md)\n")
    site.entry("b.md", entry_data("Beta", ideas=9), title="Second talk")
    site_dir = site.root / "site"
    # Material navigates instantly only to URLs of the sitemap, whose host (not port) it maps
    # to the page's: site_url must be the served address, known once the server runs.
    with serve(site_dir) as base:
        site.config["site_url"] = base + "/"
        built(site)
        with visit(browser, base, "") as shown:
            _navigate(shown, base)


def _navigate(shown: Any, base: str) -> None:
    """Follow links and history; after each step the graph a reader sees is checked."""
    page = shown.page
    page.evaluate("window.__notReloaded = true")
    assert page.evaluate("document.querySelectorAll('div.mermaid').length") == 0

    page.click("article a[href$='a/']")
    page.wait_for_url(f"{base}/a/")
    [graph] = wait_graphs(page)
    assert_readable(graph)
    assert "Alpha hub" in {n["text"] for n in graph["nodes"]}

    page.click("article a[href$='b/']")
    page.wait_for_url(f"{base}/b/")
    page.wait_for_function("() => document.querySelector('h1').textContent"
                           ".includes('Second talk')")
    [graph] = wait_graphs(page)
    assert_readable(graph)
    assert "Beta hub" in {n["text"] for n in graph["nodes"]}

    page.go_back()
    page.wait_for_url(f"{base}/a/")
    page.wait_for_function("() => document.querySelector('h1').textContent"
                           ".includes('First talk')")
    [graph] = wait_graphs(page)
    assert_readable(graph)
    assert "Alpha hub" in {n["text"] for n in graph["nodes"]}

    page.go_back()
    page.wait_for_url(f"{base}/")
    page.wait_for_function("() => document.querySelectorAll('div.mermaid, pre.mermaid')"
                           ".length === 0")

    page.go_forward()
    page.wait_for_url(f"{base}/a/")
    [graph] = wait_graphs(page)
    assert_readable(graph)
    assert "Alpha hub" in {n["text"] for n in graph["nodes"]}

    assert page.evaluate("window.__notReloaded === true"), "a navigation reloaded the page"
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    assert sum("assets/vault/vault.css" in s for s in sheets) == 1
    assert page.evaluate("typeof mermaid") == "object"
    assert shown.errors == []
    assert all(url.startswith(base) for url in shown.blocked)


# -- content tabs and details --------------------------------------------------------------

INDENTED_MARKERS = ("an indented `<!-- vault:graph -->` (inside a tab or a details block) is not "
                    "recognised: render/page.py MARKER_RE allows at most 3 leading spaces, so the "
                    "marker stays an HTML comment and the graph is drawn at its default place")


def tabbed_body(marker: str = "<!-- vault:graph -->") -> str:
    return f"""
=== "Summary"

    The summary tab is shown first.

=== "Graph"

    {marker}

"""


def details_body(marker: str = "<!-- vault:graph -->") -> str:
    return f"""
??? note "The concept graph"

    {marker}
"""


@pytest.mark.timeout(120)
def test_graph_in_a_content_tab_is_drawn_when_the_tab_is_shown(browser: Any,
                                                               site: SiteBuilder) -> None:
    """The graph placed in the second tab: inside it in the HTML, hidden at first, readable
    once the tab is chosen."""
    new_site(site)
    site.config["markdown_extensions"] = ["pymdownx.superfences", TABBED]
    site.entry("tabs.md", entry_data("Tabbed"), body=tabbed_body())
    result = built(site)
    assert "<!-- vault:graph -->" not in result.html("tabs/"), "the marker was not replaced"
    with serve(result.site_dir) as base, visit(browser, base, "tabs/") as shown:
        page = shown.page
        in_tab = page.evaluate("""() => { const host = document.querySelector('div.mermaid');
            const block = host && host.closest('.tabbed-block');
            return block ? [...block.parentElement.children].indexOf(block) : -1; }""")
        assert in_tab == 1, "the graph is not in the second tab"
        assert page.evaluate("document.querySelector('.vault-graph').offsetParent") is None
        page.click(".tabbed-labels label:nth-child(2)")
        page.wait_for_function("document.querySelector('.vault-graph').offsetParent !== null")
        [graph] = shown_graphs(page)
        assert_readable(graph)
        assert graph["width"] > 300
        assert shown.errors == []


@pytest.mark.timeout(120)
def test_graph_in_a_collapsed_details_block_is_drawn_when_opened(browser: Any,
                                                                 site: SiteBuilder) -> None:
    """`??? note` with the marker inside: closed at first, readable once opened."""
    new_site(site)
    site.config["markdown_extensions"] = ["admonition", "pymdownx.details",
                                          "pymdownx.superfences"]
    site.entry("details.md", entry_data("Folded"), body=details_body())
    result = built(site)
    assert "<!-- vault:graph -->" not in result.html("details/"), "the marker was not replaced"
    with serve(result.site_dir) as base, visit(browser, base, "details/") as shown:
        page = shown.page
        assert page.evaluate("!!document.querySelector('details:not([open]) div.mermaid')")
        page.click("details > summary")
        page.wait_for_function("document.querySelector('details').open")
        [graph] = shown_graphs(page)
        assert_readable(graph)
        assert graph["width"] > 300
        assert shown.errors == []


@pytest.mark.timeout(60)
def test_an_entry_whose_body_has_content_tabs_renders(browser: Any, site: SiteBuilder) -> None:
    """Tabs in the author's text (no marker in them): the graph above is drawn, readable, and
    the tabs below switch."""
    new_site(site)
    site.config["markdown_extensions"] = ["pymdownx.superfences", TABBED]
    site.entry("tabs.md", entry_data("Tabbed"), body=tabbed_body("More text in tab two."))
    result = built(site)
    with serve(result.site_dir) as base, visit(browser, base, "tabs/") as shown:
        [graph] = shown_graphs(shown.page)
        assert_readable(graph)
        shown.page.click(".tabbed-labels label:nth-child(2)")
        shown.page.wait_for_function(
            "document.querySelectorAll('.tabbed-block')[1].offsetParent !== null")
        assert shown.errors == []


# -- light/dark toggle ---------------------------------------------------------------------


@pytest.mark.timeout(90)
def test_labels_keep_their_contrast_after_a_live_palette_toggle(browser: Any,
                                                                site: SiteBuilder) -> None:
    """Light -> dark -> light with Material's toggle button: after each switch the labels are
    >= 4.5:1 against their fills (measured inside the shadow root) and still >= 12 px."""
    new_site(site, palette=PALETTE)
    site.entry("talk.md", entry_data("Toggle", ideas=12))
    result = built(site)
    with serve(result.site_dir) as base, visit(browser, base, "talk/") as shown:
        page = shown.page
        [graph] = shown_graphs(page)
        assert graph["scheme"] == "default"
        assert_readable(graph)
        before = {n["id"]: n["colors"] for n in graph["nodes"]}
        for scheme in ("slate", "default"):
            page.click("form[data-md-component=palette] label:not([hidden])")
            page.wait_for_function(
                f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
            page.wait_for_timeout(300)  # colour transitions
            [graph] = wait_graphs(page)
            assert graph["scheme"] == scheme
            assert_readable(graph)
            assert {n["id"]: n["colors"] for n in graph["nodes"]} == before, \
                "label colours changed with the scheme"
        assert shown.errors == []


# -- theme.language ------------------------------------------------------------------------

LANGUAGE_WIRING = "the lead wires render/languages.py to theme.language"


def _language_site(site: SiteBuilder, lang: str) -> SiteBuilder:
    site.plugin_options(mermaid_js=str(MERMAID_JS["11"]), graph={"max_ideas": 6})
    site.config["theme"]["language"] = lang
    first = entry_data("Uno", ideas=6) | {
        "number": 1, "total": 12, "host": "Lex Fridman",
        "source": {"title": "Podcast #1", "url": "https://example.com/1"}}
    first["ideas"][0]["see"] = ["b.md#idea-2"]
    first["ideas"][1]["links"] = [4]
    site.entry("a.md", first, title="Primera")
    site.entry("b.md", entry_data("Dos", ideas=6) | {"number": 2, "speakers": ["Ada Lovelace"]},
               title="Segunda")
    site.entry("big.md", entry_data("Grande", ideas=12) | {"series": "Otra"}, title="Grande")
    return site


@pytest.mark.timeout(120)
@pytest.mark.parametrize("lang", ["es", "fr", "de", "zh"])
def test_generated_words_follow_theme_language(browser: Any, site: SiteBuilder,
                                               lang: str) -> None:
    """Headings, header words, captions, links' words, the vault pages and the error box are
    in the site's language; the page still draws its graph."""
    heads, words, site_words = (languages.headings(lang), languages.strings(lang),
                                languages.site_strings(lang))
    result = built(_language_site(site, lang))
    a, b, big = result.html("a/"), result.html("b/"), result.html("big/")

    def shown(value: str) -> str:
        return html.escape(value, quote=True)

    assert f">{shown(heads['graph'])}</h2>" in a
    assert f">{shown(heads['resume'])}</h2>" in a
    assert f">{shown(heads['ideas'].format(count=6))}</h2>" in a
    assert f">{shown(heads['related'])}</h2>" in a
    number = words["number"].format(number=1) + " " + words["of"].format(total=12)
    assert shown(number) in a
    before, after = words["host"].split("{host}")  # the name may be a link to its page
    assert re.search(re.escape(shown(before)) + r"(<a [^>]*>)?Lex Fridman(</a>)?"
                     + re.escape(shown(after)), a)
    assert shown(words["source"]) + " <a " in a
    assert shown(words["see"]) in a
    assert shown(words["referenced_by"]) in b
    assert shown(words["next"]) in a
    assert shown(words["previous"]) in b
    part = re.escape(shown(words["graph_part"].format(part=1, parts=0))).replace("0", r"\d+")
    assert re.search(part, big)
    # The graph's own words: the figure's name, the skip link, the legend.
    name = words["graph_name"].format(title="Uno hub", count=6, categories=3)
    assert f'role="figure" aria-label="{shown(name)}"' in a
    big_name = words["graph_name_parts"].format(
        name=words["graph_name"].format(title="Grande hub", count=12, categories=3), parts=0)
    assert re.search('aria-label="' + re.escape(shown(big_name)).replace("0", r"\d+") + '"', big)
    assert f">{shown(words['skip_graph'].format(count=6))}</a>" in a
    assert f'<p class="vault-key">{shown(words["graph_key_lanes"])}</p>' in a
    assert f'<p class="vault-links">{shown(words["linked_ideas"])} <a ' in a
    # Why b is related to a, in the site's words.
    for reason in (Reason("linked"), Reason("series", ("Talks",))):
        assert shown(reason_text(reason, site_words)) in a, reason
    for english in ("Concept Graph", "Key Ideas", "Related entries", "Host:", "Referenced by",
                    "Part 1 of", "Concept graph of", "Skip the graph", "key ideas", "Lines join",
                    "Linked ideas", "linked idea", "same series", "shared categor", " entries<"):
        assert english not in a + b + big, english

    # The vault pages are Markdown, their words written by `plain` (punctuation as references).
    index = result.html("vault/")
    for key in ("categories", "people"):
        assert f">{plain(site_words[key])}</h2>" in index
    assert plain(site_words["count"].format(label=site_words["entries"], count=3)) in index
    series = result.html("vault/series/talks/")
    assert plain(site_words["of_total"].format(count=2, total=12)) in series
    person = result.html("vault/people/ada-lovelace/")
    assert plain(site_words["entry_count_one"]) in person
    assert plain(site_words["speaker"]) in person

    with serve(result.site_dir) as base, visit(browser, base, "a/") as page:
        [graph] = shown_graphs(page.page)
        assert_readable(graph)
        assert page.page.evaluate("document.querySelector('h2').textContent") == heads["graph"]

    site.entry("broken.md", {"ideas": [{"text": "x", "links": [3]}]})
    broken = site.build()
    assert broken.error is None
    assert shown(languages.problems_title(lang)) in broken.html("broken/")


@pytest.mark.timeout(60)
def test_mkdocs_yml_still_overrides_the_words(site: SiteBuilder) -> None:
    """`headings:` and `strings:` in mkdocs.yml win over the language's words."""
    site.plugin_options(**ENTRIES_ONLY, headings={"graph": "Mapa de ideas"},
                        strings={"host": "Conduce: {host}"})
    site.config["theme"]["language"] = "es"
    site.entry("a.md", entry_data("Uno") | {"host": "Lex"})
    page = built(site).html("a/")
    assert ">Mapa de ideas</h2>" in page
    assert "Conduce: Lex" in page
