"""JSON and GraphML exports of the vault (`mkdocs_vault.export`)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import jsonschema
import networkx as nx

from mkdocs_vault.export import VAULT_JSON_SCHEMA, vault_graphml, vault_json
from mkdocs_vault.graph.knowledge import VaultEntry, knowledge_graph, related_entries
from mkdocs_vault.model import Category, Entry, Idea, Source
from tests.unit.test_knowledge import small_vault, synthetic_vault


def exported(vault: list[VaultEntry], **kw: object) -> dict[str, object]:
    knowledge = knowledge_graph(vault)
    text = vault_json(vault, knowledge, related_entries(knowledge, terms=0), **kw)  # type: ignore[arg-type]
    data: dict[str, object] = json.loads(text)
    return data


def test_schema_is_valid_and_output_validates() -> None:
    jsonschema.Draft202012Validator.check_schema(VAULT_JSON_SCHEMA)
    for vault in (small_vault(), synthetic_vault(50)):
        jsonschema.validate(exported(vault), VAULT_JSON_SCHEMA,
                            cls=jsonschema.Draft202012Validator)


def test_json_content() -> None:
    data = exported(small_vault(), site_url_of=lambda url: "https://v.example/" + url)
    assert (data["schema"], data["version"]) == ("mkdocs-vault/vault", 1)
    entries = data["entries"]
    assert isinstance(entries, list)
    assert [e["uri"] for e in entries] == ["a.md", "b.md", "d.md", "other/c.md"]
    a = entries[0]
    assert a["url"] == "https://v.example/a/"
    assert a["ideas"][0]["url"] == "https://v.example/a/#idea-1"
    assert a["ideas"][0]["see"] == [{"target": "b.md#idea-1", "uri": "b.md", "idea": 1}]
    assert a["ideas"][1]["see"] == [{"target": "nowhere.md", "uri": None, "idea": None}]
    assert a["ideas"][1]["referenced_by"] == [{"uri": "other/c.md", "idea": 1}]
    assert a["categories"][1] == {"key": "c1", "label": "Open", "color": "#ffe4b5"}
    assert [r["uri"] for r in a["related"]] == ["other/c.md", "b.md"]
    assert a["related"][0]["reasons"][0] == "named by the author"
    assert (a["date"], a["source"], a["host"]) == (None, None, "Lex")


def test_json_dates_sources_and_unicode() -> None:
    entry = Entry(ideas=(Idea(1, "東京 *x*", "東京"),), title="Ærø", date=dt.date(2025, 3, 7),
                  source=Source("Podcast #459", None), resume="r", credits="c")
    vault = [VaultEntry("t.md", "t/", entry)]
    knowledge = knowledge_graph(vault)
    text = vault_json(vault, knowledge, related_entries(knowledge))
    assert "東京" in text
    data = json.loads(text)
    jsonschema.validate(data, VAULT_JSON_SCHEMA)
    first = data["entries"][0]
    assert first["date"] == "2025-03-07"
    assert first["source"] == {"title": "Podcast #459", "url": None}
    assert text == vault_json(vault, knowledge, related_entries(knowledge))


def test_graphml_round_trip() -> None:
    graph = knowledge_graph(synthetic_vault(30)).graph
    data = vault_graphml(graph)
    assert data.startswith(b"<?xml")
    loaded = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert isinstance(loaded, nx.MultiDiGraph)
    assert loaded.number_of_nodes() == graph.number_of_nodes()
    assert loaded.number_of_edges() == graph.number_of_edges()
    assert dict(loaded.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted((a, b, k, tuple(sorted(d.items())))
                  for a, b, k, d in loaded.edges(keys=True, data=True)) == sorted(
        (a, b, k, tuple(sorted(d.items()))) for a, b, k, d in graph.edges(keys=True, data=True))
    # Only standard GraphML types, which Gephi, yEd and Cytoscape read.
    assert set(re.findall(rb'attr\.type="(\w+)"', data)) <= {b"string", b"long", b"double"}


def test_graphml_drops_xml_invalid_characters() -> None:
    entry = Entry(ideas=(Idea(1, "bell\x07 and \x00 nul", "x"),), title="T\x1b",
                  categories=(Category("c", "C", "#d4f9d4"),))
    graph = knowledge_graph([VaultEntry("a.md", "a/", entry)]).graph
    loaded = nx.read_graphml(io.BytesIO(vault_graphml(graph)))
    assert loaded.nodes["idea:a.md#1"]["text"] == "bell and  nul"
    assert loaded.nodes["entry:a.md"]["label"] == "T"
