"""networkx views of entries and vaults, and their agreement with the Mermaid drawing."""

from __future__ import annotations

import re

from mkdocs_vault.graph.entry import CENTER, concept_graph, vault_graph
from mkdocs_vault.graph.layouts import GraphStyle, concept_graphs, link_pairs
from mkdocs_vault.model import Entry
from tests.unit.test_layouts import deepseek, from_yaml


def entry(yaml_body: str) -> Entry:
    """An entry from the YAML under `vault:`, on a page titled T."""
    return from_yaml(f"title: T\nvault:\n{yaml_body}")


def test_deepseek_concept_graph_shape() -> None:
    """30 ideas under 6 categories under one centre: 37 nodes, 36 edges, a tree."""
    graph = concept_graph(deepseek())
    assert graph.number_of_nodes() == 37
    assert graph.number_of_edges() == 36
    assert graph.nodes[CENTER]["label"] == "DeepSeek Impact"
    kinds = [d["kind"] for _, d in graph.nodes(data=True)]
    assert (kinds.count("idea"), kinds.count("category")) == (30, 6)
    # The seed's two uncoloured ideas sit under their categories here.
    assert graph.has_edge("category:open", "idea:16")
    assert graph.has_edge("category:safety", "idea:25")


def test_mermaid_drawing_agrees_with_the_graph() -> None:
    """Each idea drawn once, in the class of the category the graph puts it under."""
    data = deepseek()
    graph = concept_graph(data)
    [chart] = concept_graphs(data, "x", "lanes", GraphStyle(), lambda n: f"#idea-{n}")
    source = chart.source()
    classes = {node: cls for ids, cls in re.findall(r"^class (\S+) (cat\d+)$", source, re.M)
               for node in ids.split(",")}
    keys = [c.key for c in data.categories]
    for parent, child in graph.edges():
        if child.startswith("idea:"):
            number = int(child.split(":")[1])
            assert classes[f"k{number}"] == f"cat{keys.index(parent.split(':')[1])}"
    drawn = re.findall(r"^k(\d+)\(", source, re.M)
    assert sorted(map(int, drawn)) == sorted(d["number"] for _, d in graph.nodes(data=True)
                                              if d["kind"] == "idea")


def test_links_are_the_same_pairs_in_both() -> None:
    """`links` become link edges in networkx and the listed pairs under the graph, once each."""
    data = entry("  ideas:\n    - {text: a, links: [2, 3]}\n    - {text: b, links: [1]}\n"
                 "    - c\n")
    graph = concept_graph(data)
    links = sorted((a, b) for a, b, d in graph.edges(data=True) if d["kind"] == "link")
    assert links == [("idea:1", "idea:2"), ("idea:1", "idea:3")]
    assert link_pairs(data.ideas) == [(1, 2), (1, 3)]


def test_uncategorised_ideas_hang_from_the_centre() -> None:
    """Without categories every idea is a child of the centre."""
    graph = concept_graph(entry("  ideas: [one, two]\n"), "Fallback title")
    assert graph.nodes[CENTER]["label"] == "T"
    assert sorted(graph.successors(CENTER)) == ["idea:1", "idea:2"]


def test_vault_graph_joins_entries_through_people_and_categories() -> None:
    """Two entries sharing a speaker and a category label are two steps apart."""
    first = entry("  speakers: [Ada]\n  series: S\n  number: 1\n"
                  "  categories: {x: {label: Maths}}\n  ideas: [{text: a, category: x}]\n")
    second = entry("  speakers: [Ada, Bob]\n  host: Cy\n"
                   "  categories: {y: {label: Maths}}\n  ideas: [{text: b, category: y}]\n")
    graph = vault_graph([("a.md", first), ("b.md", second)])
    assert set(graph.neighbors("person:Ada")) == {"entry:a.md", "entry:b.md"}
    assert set(graph.neighbors("category:Maths")) == {"entry:a.md", "entry:b.md"}
    assert graph.has_edge("entry:b.md", "person:Cy")
    assert graph.edges["entry:a.md", "series:S"]["number"] == 1
