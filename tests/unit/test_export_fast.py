"""The fast exports give what the straightforward code gave (kept here as the reference):
vault.json loads to the same data, vault.graphml is the same bytes, on hostile text too."""

from __future__ import annotations

import datetime as dt
import io
import json
import pathlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
import pytest

from mkdocs_vault import export
from mkdocs_vault.export import vault_graphml, vault_json
from mkdocs_vault.graph.knowledge import (
    Related,
    VaultEntry,
    backlinks,
    entries_by_uri,
    knowledge_graph,
    related_entries,
    resolve,
)
from mkdocs_vault.loading.pages import load_page
from mkdocs_vault.model import Category, Entry, Idea, Source
from tests.unit.test_knowledge import small_vault, synthetic_vault

HOSTILE = ['say "hi"', "it's", "both \" and '", "a < b & c > d", "tab\tnew\nline\rcr",
           "bell\x07 nul\x00 esc\x1b", "U+2028\u2028U+2029\u2029", "\ufeffbom", "\ufffe\uffff",
           "lone \ud800 surrogate", "東京 Ærø 🙂", "back\\slash \\u0000 /slash", "]}\n{", "%s %d",
           "", " "]


# --- The reference: the code before it was made fast -------------------------------------

def reference_json(entries: list[VaultEntry], graph: nx.MultiDiGraph,
                   related: Mapping[str, Sequence[Related]],
                   site_url_of: Callable[[str], str]) -> str:
    items = entries_by_uri(entries)
    known = {uri: item.entry for uri, item in items.items()}
    referenced = backlinks(graph)
    out = []
    for uri, item in items.items():
        entry = item.entry
        ideas = []
        for idea in entry.ideas:
            see: list[dict[str, object]] = []
            for target in idea.see:
                found = resolve(uri, target, known)
                if isinstance(found, str) or found == (uri, idea.number):
                    see.append({"target": target, "uri": None, "idea": None})
                else:
                    see.append({"target": target, "uri": found.uri, "idea": found.idea})
            ideas.append({"number": idea.number, "text": idea.text, "label": idea.label,
                          "category": idea.category, "links": list(idea.links), "see": see,
                          "referenced_by": [{"uri": u, "idea": n} for u, n
                                            in referenced.get((uri, idea.number), [])],
                          "url": site_url_of(f"{item.url}#idea-{idea.number}")})
        out.append({
            "uri": uri, "url": site_url_of(item.url), "title": entry.title,
            "series": entry.series, "number": entry.number, "total": entry.total,
            "date": entry.date.isoformat() if entry.date else None,
            "speakers": list(entry.speakers), "host": entry.host,
            "source": ({"title": entry.source.title, "url": entry.source.url}
                       if entry.source else None),
            "tags": list(entry.tags),
            "categories": [{"key": c.key, "label": c.label, "color": c.color}
                           for c in entry.categories],
            "resume": entry.resume, "credits": entry.credits, "ideas": ideas,
            "related": [{"uri": r.uri, "score": r.score, "reasons": list(r.reasons)}
                        for r in related.get(uri, ())],
        })
    document = {"schema": "mkdocs-vault/vault", "version": 1, "entries": out}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _safe(value: object) -> object:
    return _XML_INVALID_RE.sub("", value) if isinstance(value, str) else value


def _type(value: object) -> str:
    if isinstance(value, bool | int):
        return "long"
    return "double" if isinstance(value, float) else "string"


def _keys(items: Iterable[dict[str, object]], prefix: str) -> dict[tuple[str, str], str]:
    keys: dict[tuple[str, str], str] = {}
    for data in items:
        for name, value in data.items():
            keys.setdefault((name, _type(value)), f"{prefix}{len(keys)}")
    return keys


def _data(data: dict[str, object], keys: dict[tuple[str, str], str]) -> str:
    return "".join(f'<data key="{keys[name, _type(value)]}">{escape(str(_safe(value)))}</data>'
                   for name, value in data.items())


def reference_graphml(graph: nx.MultiDiGraph) -> bytes:
    node_keys = _keys((data for _, data in graph.nodes(data=True)), "n")
    edge_keys = _keys((data for _, _, data in graph.edges(data=True)), "e")
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        out.extend(f'<key id="{key_id}" for="{scope}" attr.name={quoteattr(name)} '
                   f'attr.type="{kind}" />' for (name, kind), key_id in keys.items())
    out.append('<graph edgedefault="directed">')
    for node, data in graph.nodes(data=True):
        out.append(f"<node id={quoteattr(str(_safe(node)))}>{_data(data, node_keys)}</node>")
    for a, b, key, data in graph.edges(keys=True, data=True):
        out.append(f"<edge source={quoteattr(str(_safe(a)))} target={quoteattr(str(_safe(b)))} "
                   f"id={quoteattr(str(_safe(key)))}>{_data(data, edge_keys)}</edge>")
    out.append("</graph></graphml>\n")
    return "\n".join(out).encode("utf-8")


# --- Vaults ------------------------------------------------------------------------------

def hostile_vault() -> list[VaultEntry]:
    """Every field holding every kind of awkward text, and links of every kind."""
    vault = []
    for i, text in enumerate(HOSTILE):
        ideas = tuple(Idea(n, f"{text} idea {n}", f"{text}{n}", "c" if n % 2 else None,
                           links=(1, 2) if n == 3 else (),
                           see=(f"e{(i + 1) % len(HOSTILE)}.md#idea-{n}", "nowhere.md",
                                f"e{i}.md#idea-{n}", f"e{i}.md", "https://x.org", text)
                           if n < 3 else ())
                      for n in range(1, 4))
        vault.append(VaultEntry(f"e{i}.md", f"e{i}/", Entry(
            ideas=ideas, title=text or None, series=text or None, number=i, total=None,
            date=dt.date(2020, 1, 1 + i), speakers=(text, f"{text}2"), host=text or None,
            source=Source(text, text or None), tags=(text, "t"),
            categories=(Category("c", text or "C", "#d4f9d4"),), resume=text, credits=text,
            related=(f"e{(i + 2) % len(HOSTILE)}.md",))))
    return vault


VAULTS = {"small": small_vault, "synthetic": lambda: synthetic_vault(60),
          "hostile": hostile_vault, "empty": list}


def example_vault() -> list[VaultEntry]:
    docs = pathlib.Path(__file__).parents[2] / "example-site" / "docs"
    vault = []
    for path in sorted(docs.rglob("*.md")):
        loaded = load_page(path.read_text(encoding="utf-8"))
        if loaded is not None and loaded.ok and loaded.entry is not None:
            uri = path.relative_to(docs).as_posix()
            vault.append(VaultEntry(uri, uri[:-3] + "/", loaded.entry))
    assert vault
    return vault


VAULTS["example"] = example_vault


# --- vault.json --------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(VAULTS))
def test_json_loads_as_before(name: str) -> None:
    vault = VAULTS[name]()
    knowledge = knowledge_graph(vault)
    ranked = related_entries(knowledge)
    site: Callable[[str], str] = lambda url: "https://v.example/" + url  # noqa: E731
    expected = json.loads(reference_json(vault, knowledge.graph, ranked, site))
    fast = vault_json(vault, knowledge, ranked, site)
    assert json.loads(fast) == expected
    assert json.loads(vault_json(vault, knowledge, ranked, site,
                                 referenced=backlinks(knowledge))) == expected
    # indent= gives the old layout, byte for byte.
    assert vault_json(vault, knowledge, ranked, site, indent=1) == reference_json(
        vault, knowledge.graph, ranked, site)


@pytest.mark.parametrize("name", sorted(VAULTS))
def test_json_one_entry_per_line(name: str) -> None:
    vault = VAULTS[name]()
    knowledge = knowledge_graph(vault)
    text = vault_json(vault, knowledge, related_entries(knowledge))
    lines = text.split("\n")
    assert lines[0].startswith('{"schema":"mkdocs-vault/vault","version":1,"entries":[')
    assert text.endswith("]}\n")
    entries = lines[1:-2] if vault else []
    assert len(entries) == len({v.uri for v in vault})
    for line in entries:  # each line one entry: raw newlines (or U+2028) never break one
        assert isinstance(json.loads(line.removesuffix(",")), dict)


def test_json_hostile_text_survives() -> None:
    knowledge = knowledge_graph(hostile_vault())
    data = json.loads(vault_json(hostile_vault(), knowledge, related_entries(knowledge)))
    titles = {e["title"] for e in data["entries"]}
    assert set(HOSTILE) - {""} <= titles


# --- vault.graphml -----------------------------------------------------------------------

def hostile_graph() -> nx.MultiDiGraph:
    """Attributes and ids of every awkward kind, nodes and edges with no attributes (first,
    between, last), one name holding several types, str and int subclasses."""

    class Rank(int):
        def __str__(self) -> str:
            return "rank & <file>"

    graph = nx.MultiDiGraph()
    graph.add_node("bare first")
    for i, text in enumerate(HOSTILE):
        graph.add_node(f"n{i} {text}", kind="x", label=text, number=i, share=i / 3,
                       flag=i % 2 == 0, mixed=text if i % 3 else i)
        if i % 4 == 0:
            graph.add_node(f"bare {i} {text}")
        graph.add_edge("bare first", f"n{i} {text}", key=text, kind=text, weight=i)
        graph.add_edge(f"n{i} {text}", "bare first", key=i)
        graph.add_edge(f"n{i} {text}", "bare first", key=f"k{text}", mixed=text if i % 2 else i)
    graph.add_node(7, label="an int node")
    graph.add_node(("tuple", "node"), label=Shout("soft"), rank=Rank(3))
    graph.add_edge(7, ("tuple", "node"), key=None)
    graph.add_node("bare last")
    return graph


class Shout(str):
    def __str__(self) -> str:
        return "SHOUT"


class Nul:
    def __str__(self) -> str:
        return "a\x00b & c"


def clean_graph_with(value: object) -> nx.MultiDiGraph:
    """A graph of clean text but for one value (the fast path must not skip it)."""
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="plain", odd=value)
    graph.add_edge("a", "b", key="k", odd=value)
    return graph


def _bare() -> nx.MultiDiGraph:
    """Edges without attributes (added one by one: networkx 3.0 warns while it converts a
    list of edges, looking for pandas)."""
    graph = nx.MultiDiGraph()
    for a, b in (("a", "b"), ("b", "a"), ("a", "b")):
        graph.add_edge(a, b)
    return graph


GRAPHS = {"odd": hostile_graph, "str subclass": lambda: clean_graph_with(Shout("soft")),
          "str() with NUL": lambda: clean_graph_with(Nul()), "empty": nx.MultiDiGraph,
          "bare": _bare}

GRAPHS.update({f"{name} vault": (lambda f=f: knowledge_graph(f()).graph)
               for name, f in VAULTS.items()})


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_graphml_same_bytes_as_before(name: str) -> None:
    graph = GRAPHS[name]()
    assert vault_graphml(graph) == reference_graphml(graph)


def test_graphml_hostile_reads_back() -> None:
    graph = knowledge_graph(hostile_vault()).graph
    loaded = nx.read_graphml(io.BytesIO(vault_graphml(graph)), force_multigraph=True)
    # Ids that differ only by characters XML cannot hold become one (as before).
    assert set(loaded) == {_XML_INVALID_RE.sub("", node) for node in graph}
    assert loaded.nodes["entry:e0.md"]["title"] == 'say "hi"'
    assert loaded.nodes["entry:e5.md"]["title"] == "bell nul esc"


@pytest.mark.parametrize("rows", [1, 2, 7])
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_graphml_in_small_batches_is_the_same(name: str, rows: int,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are escaped and encoded a batch at a time (`_ROWS_AT_ONCE`): any batch size
    gives the same document, key ids included."""
    graph = GRAPHS[name]()
    monkeypatch.setattr(export, "_ROWS_AT_ONCE", rows)
    assert vault_graphml(graph) == reference_graphml(graph)
