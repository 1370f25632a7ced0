"""Concept-graph layouts: every idea once, in its category's colour, linked to its list item."""

from __future__ import annotations

import functools
import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from mkdocs_vault.graph import layouts
from mkdocs_vault.graph.layouts import GraphStyle, chunks, concept_graphs, idea_id
from mkdocs_vault.graph.mermaid import Flowchart, escape
from mkdocs_vault.loading.pages import load_page
from mkdocs_vault.model import Entry

EXAMPLE = (Path(__file__).resolve().parents[2] / "example-site" / "docs" / "lex"
           / "deepseek-china-ai-megaclusters.md")
LAYOUTS = ["lanes", "classic"]

NODE_RE = re.compile(r'^(\w+)(\(\[|\{\{|\(\(|\(|\[)"(.*)"(\]\)|\}\}|\)\)|\)|\])$')
EDGE_RE = re.compile(r"^(\w+) (-->|-\.->|---|~~~) (\w+)$")
CLASS_RE = re.compile(r"^class (\S+) (\w+)$")
CLASSDEF_RE = re.compile(r"^classDef (\w+) (\S+)$")
CLICK_RE = re.compile(r'^click (\w+) href "([^"]*)"')
JUNCTION_RE = re.compile(r"^(j\d+)@\{ shape: f-circ \}$")


def category_index(entry: Entry, key: str | None) -> int:
    """Position of a category among the declared ones (its `catN` / `hubN` number)."""
    return [c.key for c in entry.categories].index(key or "")


def href(number: int) -> str:
    """The list anchor of an idea, as `render` passes it."""
    return f"#idea-{number}"


@functools.cache
def deepseek() -> Entry:
    """The 30-idea example entry."""
    page = load_page(EXAMPLE.read_text(encoding="utf-8"))
    assert page is not None
    assert page.problems == ()
    assert page.entry is not None
    return page.entry


@functools.cache
def deepseek_chart(layout: str) -> Flowchart:
    """The example entry's single graph in a layout."""
    charts = concept_graphs(deepseek(), "DeepSeek Impact", layout, GraphStyle(), href)
    assert len(charts) == 1
    return charts[0]


def make_entry(ideas: list[str], categories: str = "", **style: int) -> Entry:
    """An entry built from YAML idea lines (flow mappings or strings)."""
    text = "---\nvault:\n" + categories + "  ideas:\n"
    text += "".join(f"    - {idea}\n" for idea in ideas) + "---\n"
    page = load_page(text)
    assert page is not None
    assert [p for p in page.problems if p.severity == "error"] == []
    assert page.entry is not None
    return page.entry


class Parsed:
    """The parts of a Mermaid flowchart source, by kind of line."""

    def __init__(self, source: str) -> None:
        self.lines = source.splitlines()
        self.nodes: list[tuple[str, str, str]] = []
        self.edges: list[tuple[str, str, str]] = []
        self.classes: dict[str, str] = {}
        self.class_defs: dict[str, dict[str, str]] = {}
        self.clicks: list[tuple[str, str]] = []
        self.junctions: list[str] = []
        for line in self.lines[2:]:
            if match := JUNCTION_RE.match(line):
                self.junctions.append(match.group(1))
            elif match := NODE_RE.match(line):
                self.nodes.append((match.group(1), match.group(2), match.group(3)))
            elif match := EDGE_RE.match(line):
                self.edges.append((match.group(1), match.group(2), match.group(3)))
            elif match := CLASSDEF_RE.match(line):
                props = dict(item.split(":", 1) for item in match.group(2).split(","))
                self.class_defs[match.group(1)] = props
            elif match := CLASS_RE.match(line):
                for node in match.group(1).split(","):
                    assert node not in self.classes, f"{node} is in two classes"
                    self.classes[node] = match.group(2)
            elif match := CLICK_RE.match(line):
                self.clicks.append((match.group(1), match.group(2)))
            else:
                pytest.fail(f"unexpected line: {line!r}")

    def labels(self) -> dict[str, str]:
        """Label of each declared node."""
        return {node: label for node, _, label in self.nodes}

    def fill(self, node: str) -> str:
        """Fill colour of a node, through its class."""
        return self.class_defs[self.classes[node]]["fill"]


@functools.cache
def parsed(layout: str) -> Parsed:
    """The example graph, parsed."""
    return Parsed(deepseek_chart(layout).source())


# -- the DeepSeek example ------------------------------------------------------------------------


def test_example_entry() -> None:
    """The example has 30 ideas in 6 categories."""
    entry = deepseek()
    assert len(entry.ideas) == 30
    assert [c.key for c in entry.categories] == ["open", "cost", "hw", "geo", "safety", "future"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_header_lines(layout: str) -> None:
    """The graph opens with its init directive and direction."""
    lines = parsed(layout).lines
    assert lines[0].startswith("%%{init: {")
    assert '"fontSize":"18px"' in lines[0]
    assert lines[1] == "flowchart LR"


@pytest.mark.parametrize("layout", [*LAYOUTS, "narrow"])
def test_init_pins_mermaid_11_drawing(layout: str) -> None:
    """Mermaid 12 draws flowcharts in the `neo` look, laid out by ELK, with labels at least
    120 px wide; the directive asks for what Mermaid 11 does, so both draw the same graph."""
    charts = concept_graphs(deepseek(), "DeepSeek Impact", layout, GraphStyle(), href)
    config = json.loads(charts[0].source().splitlines()[0].removeprefix("%%{init: ")
                        .removesuffix("}%%"))
    assert config["look"] == "classic"
    assert config["layout"] == "dagre"
    assert config["flowchart"]["minNodeWidth"] == 0
    assert config["flowchart"]["rankSpacing"] == GraphStyle().rank_spacing


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_idea_declared_once(layout: str) -> None:
    """Nodes k1..k30 are each declared exactly once, besides the centre and six hubs."""
    graph = parsed(layout)
    declared = Counter(node for node, _, _ in graph.nodes)
    assert all(count == 1 for count in declared.values())
    assert set(declared) == {f"k{n}" for n in range(1, 31)} | {"ctr"} | {
        f"hub{i}" for i in range(6)}
    assert deepseek_chart(layout).nodes == [node for node, _, _ in graph.nodes]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_idea_class_is_its_category(layout: str) -> None:
    """Each idea node is filled with its category's colour, through that category's class."""
    graph = parsed(layout)
    entry = deepseek()
    for idea in entry.ideas:
        index = category_index(entry, idea.category)
        node = idea_id(idea.number)
        assert graph.classes[node] == f"cat{index}"
        category = entry.category(idea.category)
        assert category is not None
        assert graph.fill(node) == category.color
        assert graph.class_defs[f"cat{index}"]["color"] == "#111111"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_hubs_and_centre(layout: str) -> None:
    """Hubs carry the category labels and colours; the centre label is wrapped."""
    graph = parsed(layout)
    labels = graph.labels()
    assert labels["ctr"] == "<b>DeepSeek</b><br><b>Impact</b>"
    assert graph.fill("ctr") == "#ffffff"
    for index, category in enumerate(deepseek().categories):
        assert labels[f"hub{index}"] == f"<b>{category.label}</b>"
        assert graph.fill(f"hub{index}") == category.color


@pytest.mark.parametrize("layout", LAYOUTS)
def test_idea_labels(layout: str) -> None:
    """Each idea card shows its number and its escaped label."""
    labels = parsed(layout).labels()
    for idea in deepseek().ideas:
        label = labels[idea_id(idea.number)]
        assert f"<b>{idea.number}</b> {escape(idea.label)}</span>" in label
        assert label.startswith("<span ")
    assert "<b>13</b> 1 200× inference price drop" in labels["k13"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_idea_shapes(layout: str) -> None:
    """Ideas are round cards, and so is the centre (a stadium is wider in Mermaid 12)."""
    shapes = {node: shape for node, shape, _ in parsed(layout).nodes}
    assert {shapes[f"k{n}"] for n in range(1, 31)} == {"("}
    assert shapes["ctr"] == "("


@pytest.mark.parametrize("layout", LAYOUTS)
def test_one_click_per_idea(layout: str) -> None:
    """Each idea has one `click kN href "#idea-N"` line, and nothing else is clickable."""
    clicks = parsed(layout).clicks
    assert sorted(clicks) == sorted((f"k{n}", f"#idea-{n}") for n in range(1, 31))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_line_ends_with_semicolon(layout: str) -> None:
    """No line ends with `;`, which Mermaid's entity pre-pass would eat."""
    assert not [line for line in parsed(layout).lines if line.rstrip().endswith(";")]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_edges_join_declared_nodes(layout: str) -> None:
    """Every edge joins two declared nodes."""
    graph = parsed(layout)
    declared = {node for node, _, _ in graph.nodes}
    for a, _, b in graph.edges:
        assert {a, b} <= declared


@pytest.mark.parametrize(("layout", "edges"), [("lanes", 36), ("classic", 60)])
def test_counts(layout: str, edges: int) -> None:
    """37 nodes; lanes: 6 centre-hub edges and one per idea; classic: two per idea."""
    chart = deepseek_chart(layout)
    graph = parsed(layout)
    assert len(chart.nodes) == len(graph.nodes) == 37
    assert chart.edges == len(graph.edges) == edges


def test_lanes_structure() -> None:
    """In lanes, each idea hangs off its category hub, directly or beside another idea."""
    graph = parsed("lanes")
    entry = deepseek()
    hub_of = {f"k{i.number}": f"hub{category_index(entry, i.category)}" for i in entry.ideas}
    parent: dict[str, str] = {}
    for a, arrow, b in graph.edges:
        if a == "ctr":
            assert (arrow, b[:3]) == ("-->", "hub")
        elif a.startswith("hub"):
            assert arrow == "-->"
            parent[b] = a
        else:
            assert arrow == "---"  # a visible line: no card reads as detached
            parent[b] = parent[a]
    assert parent == hub_of
    # rows of two: the hub points at the first idea of each row
    firsts = [b for a, _, b in graph.edges if a == "hub2"]
    assert firsts == ["k4", "k14", "k21", "k26"]


def test_classic_structure() -> None:
    """In classic, the centre points at every idea and each idea at its category hub."""
    graph = parsed("classic")
    entry = deepseek()
    assert [(a, b) for a, arrow, b in graph.edges if arrow == "-->"] == [
        ("ctr", f"k{n}") for n in range(1, 31)]
    assert sorted((a, b) for a, arrow, b in graph.edges if arrow == "-.->") == sorted(
        (f"k{i.number}", f"hub{category_index(entry, i.category)}") for i in entry.ideas)


def test_uncategorised_ideas_are_plain() -> None:
    """Ideas without a category get the neutral `plain` class, under the centre in lanes."""
    entry = make_entry(["{text: a, category: x}", "b", "c"])
    graph = Parsed(concept_graphs(entry, "C", "lanes", GraphStyle(), href)[0].source())
    assert graph.classes["k2"] == graph.classes["k3"] == "plain"
    assert graph.fill("k2") == "#e9edf2"
    assert ("ctr", "-->", "k2") in graph.edges
    assert ("k2", "---", "k3") in graph.edges


def test_hostile_label_stays_inside_node() -> None:
    """A label full of Mermaid syntax is escaped inside its node."""
    entry = make_entry(["{text: 'x', label: '\"]) --> evil[\"x\"] %%{init}%% ;'}"])
    source = concept_graphs(entry, "C", "lanes", GraphStyle(), href)[0].source()
    graph = Parsed(source)
    assert [node for node, _, _ in graph.nodes] == ["ctr", "k1"]
    assert "evil" not in {a for a, _, _ in graph.edges}
    assert "evil#91;#quot;x#quot;#93;" in graph.labels()["k1"]


@pytest.mark.parametrize("tooltips", [True, False])
def test_tooltip_title(tooltips: bool) -> None:
    """With tooltips, the full idea text is the card's title; the click stays either way."""
    entry = make_entry(["{text: 'It''s **big**: 27× more', label: Big}"])
    style = GraphStyle(tooltips=tooltips)
    graph = Parsed(concept_graphs(entry, "C", "lanes", style, href)[0].source())
    label = graph.labels()["k1"]
    assert ("title='It#39;s big#58; 27× more'" in label) is tooltips
    assert graph.clicks == [("k1", "#idea-1")]


def title_of(label: str) -> str:
    """The title attribute in a card's label, entities decoded."""
    match = re.search(r"title='([^']*)'", label)
    assert match is not None
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), match.group(1).replace(
        "#quot;", '"').replace("#lt;", "<").replace("#gt;", ">").replace("#amp;", "&"))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("AT&amp;T buys &lt;Acme&gt; &#35;1", "AT&T buys <Acme> #1"),
        ("a --> b ]> c </d>", "a --\u2060> b ]\u2060> c <\u2060/d>"),
        ("C:\\new", "C:\\\u2060new"),
        ("bidi \u202eevil", "bidi evil"),
    ],
)
def test_tooltip_as_the_list_shows_it(text: str, title: str) -> None:
    """The tooltip decodes character references, drops bidi controls, and carries word
    joiners where DOMPurify or Mermaid would act on the text (`mermaid.escape`)."""
    entry = make_entry([f"{{text: {json.dumps(text)}, label: L}}"])
    graph = Parsed(concept_graphs(entry, "C", "lanes", GraphStyle(), href)[0].source())
    assert title_of(graph.labels()["k1"]) == title


LONG_RUNS = {
    "_a": "_a" * 30000, "**": "**" * 30000, "[": "[" * 60000, "`": "`" * 60000,
    "==": "==" * 30000, "~~": "~~" * 30000, "[a](": "[a](" * 15000,
    "mix": "*a _b `c [d](e ~~f ==g &amp; " * 2100,
}


@pytest.mark.timeout(5)
@pytest.mark.parametrize("text", LONG_RUNS.values(), ids=LONG_RUNS.keys())
def test_graph_of_long_markup_runs_is_fast(text: str) -> None:
    """A 60 KB idea text of markup characters gets its derived label and its tooltip in well
    under a second (each took about 24 s with backtracking regexes)."""
    start = time.perf_counter()
    entry = make_entry([f"{{text: {json.dumps(text)}}}"])
    [chart] = concept_graphs(entry, "C", "lanes", GraphStyle(), href)
    assert time.perf_counter() - start < 2
    assert len(Parsed(chart.source()).labels()["k1"]) > 0


# -- links ---------------------------------------------------------------------------------------

LINKED = [
    "{text: one, category: a, links: [2, 3]}",
    "{text: two, category: a, links: [1, 4]}",
    "{text: three, category: b, links: [1]}",
    "{text: four, category: b, links: [2, 1]}",
    "{text: five, category: a}",
]


@pytest.mark.parametrize("layout", [*LAYOUTS, "narrow"])
def test_links_take_no_part_in_the_layout(layout: str) -> None:
    """Links are listed under the graph, not drawn: an edge would pull cards out of their
    lanes. The graph is the same as without links, and each pair is listed once."""
    entry = make_entry(LINKED)
    unlinked = make_entry([re.sub(r", links: \[[\d, ]*\]", "", line) for line in LINKED])
    assert unlinked != entry
    [with_links] = concept_graphs(entry, "C", layout, GraphStyle(), href)
    [without] = concept_graphs(unlinked, "C", layout, GraphStyle(), href)
    assert with_links.source() == without.source()
    assert "-.-" not in with_links.source().replace("-.->", "")
    assert layouts.link_pairs(entry.ideas) == [(1, 2), (1, 3), (1, 4), (2, 4)]


def test_no_links_no_dotted_edges() -> None:
    """The example has no links, so no `-.-` edges."""
    for layout in LAYOUTS:
        assert not [e for e in parsed(layout).edges if e[1] == "-.-"]


def test_narrow_is_one_card_wide() -> None:
    """The phone layout: top to bottom, the centre, then each hub and its cards in a chain of
    visible lines; lanes follow each other through invisible links only."""
    entry = deepseek()
    [chart] = concept_graphs(entry, "DeepSeek Impact", "narrow", GraphStyle(), href)
    graph = Parsed(chart.source())
    assert chart.source().splitlines()[1] == "flowchart TB"
    order = [b for _, _, b in graph.edges]
    expected: list[str] = []
    for index, category in enumerate(entry.categories):
        expected += [f"hub{index}"] + [f"k{i.number}" for i in entry.ideas
                                       if i.category == category.key]
    assert order == expected
    for a, arrow, b in graph.edges:
        assert arrow == ("~~~" if b.startswith("hub") else "---"), (a, b)
    assert len(graph.clicks) == 30


def test_reader_graphs_pair_each_part() -> None:
    """Wide and narrow graphs hold the same ideas, part by part."""
    entry = big()
    pairs = layouts.reader_graphs(entry, "Big", "lanes", GraphStyle(max_ideas=80), href)
    assert len(pairs) == 3
    for wide, narrow in pairs:
        assert {n for n in wide.nodes if n.startswith("k")} == {
            n for n in narrow.nodes if n.startswith("k")}


# -- large entries -------------------------------------------------------------------------------


def big_entry() -> Entry:
    """200 ideas: 90 in `c0`, 60 in `c1`, 30 in `c2`, 20 without category, interleaved."""
    sizes = {"c0": 90, "c1": 60, "c2": 30, None: 20}
    order: list[str | None] = []
    while any(sizes.values()):
        for key, left in sizes.items():
            if left:
                order.append(key)
                sizes[key] = left - 1
    ideas = [
        f"{{text: idea {n}, category: {key}, links: [{n % 200 + 1}]}}"
        if key else f"{{text: idea {n}, links: [{n % 200 + 1}]}}"
        for n, key in enumerate(order, start=1)
    ]
    return make_entry(ideas)


@functools.cache
def big() -> Entry:
    """The 200-idea entry, built once."""
    return big_entry()


@pytest.mark.parametrize("max_ideas", [80, 50, 7, 200, 1000])
def test_chunks_cover_every_idea_once(max_ideas: int) -> None:
    """Parts hold at most `max_ideas` ideas and together hold each idea exactly once."""
    entry = big()
    parts = chunks(entry, GraphStyle(max_ideas=max_ideas))
    assert all(0 < len(part) <= max_ideas for part in parts)
    numbers = [idea.number for part in parts for idea in part]
    assert sorted(numbers) == list(range(1, 201))
    assert len(parts) >= -(-200 // max_ideas)


def test_chunks_small_entry_is_one_part() -> None:
    """An entry within the limit is one part, in list order."""
    assert chunks(deepseek(), GraphStyle()) == [deepseek().ideas]
    assert chunks(deepseek(), GraphStyle(max_ideas=30)) == [deepseek().ideas]


def test_chunks_keep_categories_together() -> None:
    """Categories that fit in a part are not split; a larger one fills whole parts."""
    entry = big()
    parts = chunks(entry, GraphStyle(max_ideas=80))
    assert [len(p) for p in parts] == [80, 70, 50]
    for key in ("c1", "c2", None):
        holding = [i for i, part in enumerate(parts) if any(x.category == key for x in part)]
        assert len(holding) == 1, key
    assert {x.category for x in parts[0]} == {"c0"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_big_entry_graphs(layout: str) -> None:
    """Each part's graph declares exactly its ideas, and links leave no dangling edge."""
    entry = big()
    style = GraphStyle(max_ideas=80)
    charts = concept_graphs(entry, "Big", layout, style, href)
    parts = chunks(entry, style)
    assert len(charts) == len(parts) == 3
    for chart, part in zip(charts, parts, strict=True):
        graph = Parsed(chart.source())
        ideas = {node for node, _, _ in graph.nodes if node.startswith("k")}
        assert ideas == {idea_id(i.number) for i in part}
        declared = {node for node, _, _ in graph.nodes} | set(graph.junctions)
        for a, _, b in graph.edges:
            assert {a, b} <= declared
        assert len(graph.clicks) == len(part)
        assert not [line for line in graph.lines if line.endswith(";")]
        assert not [e for e in graph.edges if e[1] == "-.-"]  # links are listed, not drawn


def from_yaml(front_matter: str) -> Entry:
    """An entry from the whole front matter text (valid, maybe with warnings)."""
    page = load_page(f"---\n{front_matter}---\n")
    assert page is not None
    assert page.entry is not None, page.problems
    return page.entry


def test_many_categories_stay_within_mermaid_limits() -> None:
    """600 declared categories and one idea: one small graph; 400 one-idea categories: every
    part under 45,000 characters and 450 edges, each with only its own styles."""
    declared = "".join(f"    c{n}: {{label: Category {n}}}\n" for n in range(600))
    one = from_yaml(f"vault:\n  categories:\n{declared}  ideas: [{{text: t, category: c7}}]\n")
    [chart] = concept_graphs(one, "C", "lanes", GraphStyle(), href)
    assert len(chart.nodes) == 3  # centre, hub, idea
    ideas = "".join(f"    - {{text: idea {n}, category: c{n}}}\n" for n in range(400))
    many = from_yaml(f"vault:\n  categories:\n{declared}  ideas:\n{ideas}")
    for layout in LAYOUTS:
        charts = concept_graphs(many, "C", layout, GraphStyle(), href)
        assert sum(len([n for n in c.nodes if n.startswith("k")]) for c in charts) == 400
        for chart in charts:
            source = chart.source()
            assert len(source) <= 45_000
            assert chart.edges <= 450
            assert source.count("classDef cat") <= 80


def test_long_centre_and_category_labels_are_cut() -> None:
    """Centre and hub labels are cut at 200 characters like idea labels."""
    entry = from_yaml("vault:\n  categories: {a: {label: '" + ">" * 10_000 + "'}}\n"
                      "  ideas: [{text: t, category: a}]\n")
    [chart] = concept_graphs(entry, '"' * 10_000, "lanes", GraphStyle(), href)
    assert len(chart.source()) < 10_000


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("style", [GraphStyle(), GraphStyle(max_ideas=7, columns=3),
                                   GraphStyle(tooltips=False, hub_chars=5, node_width=180)])
def test_shared_drawing_draws_what_fresh_ones_draw(layout: str, style: GraphStyle) -> None:
    """Cards made once and shared by the wide and the narrow graph of every part give the
    graphs that drawing each of them on its own gives."""
    for entry in (deepseek(), big()):
        pairs = layouts.reader_graphs(entry, "Centre", layout, style, href)
        parts = [part for part, _ in layouts._drawn_parts(
            layouts._Drawing(entry, style, href), "Centre", layouts.LAYOUTS[layout])]
        assert len(parts) == len(pairs)
        for part, (wide, phone) in zip(parts, pairs, strict=True):
            alone = layouts.LAYOUTS[layout](layouts._Drawing(entry, style, href), "Centre", part)
            assert wide.source() == alone.source()
            assert (wide.nodes, wide.edges) == (alone.nodes, alone.edges)
            narrow = layouts.narrow(layouts._Drawing(entry, style, href), "Centre", part)
            assert phone.source() == narrow.source()


def test_hub_labels_follow_their_style() -> None:
    """Hub labels are cached across entries by text and line width, never shared between
    styles of different widths."""
    entry = make_entry(["{text: a, category: c}"], "  categories: {c: {label: one two three}}\n")
    wide = concept_graphs(entry, "Centre", "lanes", GraphStyle(hub_chars=40), href)[0]
    thin = concept_graphs(entry, "Centre", "lanes", GraphStyle(hub_chars=3), href)[0]
    assert 'hub0{{"<b>one two three</b>"}}' in wide.source().splitlines()
    assert 'hub0{{"<b>one</b><br><b>two</b><br><b>three</b>"}}' in thin.source().splitlines()


def test_equal_ideas_of_different_entries_keep_their_own_cards() -> None:
    """Cards live as long as one call: an idea numbered like one of another entry, or one of
    another style, is drawn from its own text."""
    first = make_entry(["{text: first text, label: First}"])
    second = make_entry(["{text: second text, label: Second}"])
    assert "First" in concept_graphs(first, "C", "lanes", GraphStyle(), href)[0].source()
    drawn = concept_graphs(second, "C", "lanes", GraphStyle(tooltips=False), href)[0].source()
    assert "Second" in drawn
    assert "First" not in drawn
    assert "title=" not in drawn
