"""Entries and vaults as networkx graphs: for exports, vault-wide views and consistency checks.

The Mermaid layouts draw from the same `Entry`; tests compare both, so a drawing cannot drift
from the data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs_vault.model import Entry

CENTER = "center"


def concept_graph(entry: Entry, center: str = "") -> nx.DiGraph:
    """One entry: centre -> category -> idea, plus undirected `links` between ideas.

    Node ids: `center`, `category:<key>`, `idea:<n>`; each node has `kind` and `label`.
    Edges have `kind`: `has-category`, `has-idea` (from the centre when the idea has no
    category) or `link`.
    """
    graph = nx.DiGraph()
    graph.add_node(CENTER, kind="center", label=entry.center_label(center))
    for category in entry.categories:
        node = f"category:{category.key}"
        graph.add_node(node, kind="category", label=category.label, color=category.color)
        graph.add_edge(CENTER, node, kind="has-category")
    for idea in entry.ideas:
        node = f"idea:{idea.number}"
        graph.add_node(node, kind="idea", label=idea.label, text=idea.text,
                       number=idea.number, category=idea.category or "")
        parent = f"category:{idea.category}" if entry.category(idea.category) else CENTER
        graph.add_edge(parent, node, kind="has-idea")
    for idea in entry.ideas:
        for other in idea.links:
            a, b = sorted((idea.number, other))
            graph.add_edge(f"idea:{a}", f"idea:{b}", kind="link")
    return graph


def vault_graph(entries: Iterable[tuple[str, Entry]]) -> nx.Graph:
    """The whole vault: entries joined to their series, people and categories.

    Node ids: `entry:<path>`, `series:<name>`, `person:<name>`, `category:<label>`. Category
    nodes are shared by label across entries, which is what makes related entries findable.
    """
    graph = nx.Graph()
    for path, entry in entries:
        node = f"entry:{path}"
        graph.add_node(node, kind="entry", label=entry.title or path, ideas=len(entry.ideas))
        if entry.series:
            graph.add_node(f"series:{entry.series}", kind="series", label=entry.series)
            graph.add_edge(node, f"series:{entry.series}", kind="in-series",
                           number=entry.number or 0)
        for person in (*entry.speakers, *([entry.host] if entry.host else [])):
            graph.add_node(f"person:{person}", kind="person", label=person)
            graph.add_edge(node, f"person:{person}", kind="speaker")
        for category in entry.categories:
            count = sum(1 for i in entry.ideas if i.category == category.key)
            graph.add_node(f"category:{category.label}", kind="category", label=category.label)
            graph.add_edge(node, f"category:{category.label}", kind="about", weight=count)
    return graph
