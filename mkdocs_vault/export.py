"""The vault as data: versioned JSON (`vault_json`) and GraphML (`vault_graphml`).

Both are documented in docs/exports.md. Deterministic: entries in uri order, keys in a fixed
order, so two builds of one vault give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from mkdocs_vault.graph.knowledge import (
    IdeaRef,
    Knowledge,
    Reason,
    Related,
    VaultEntry,
    backlinks,
    entries_by_uri,
    reason_text,
    resolve,
)
from mkdocs_vault.model import Entry, Idea

SCHEMA = "mkdocs-vault/vault"
VERSION = 1

_NULLABLE_STRING = {"type": ["string", "null"]}
_NULLABLE_INT = {"type": ["integer", "null"]}
_IDEA_REF = {
    "type": "object",
    "required": ["uri", "idea"],
    "additionalProperties": False,
    "properties": {"uri": {"type": "string"}, "idea": {"type": "integer"}},
}

VAULT_JSON_SCHEMA: dict[str, object] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://mkdocs-vault.invalid/schema/vault-1.json",
    "title": "mkdocs-vault vault export, version 1",
    "type": "object",
    "required": ["schema", "version", "entries"],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA},
        "version": {"const": VERSION},
        "entries": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["uri", "url", "title", "series", "number", "total", "date",
                             "speakers", "host", "source", "tags", "categories", "resume",
                             "credits", "ideas", "related"],
                "additionalProperties": False,
                "properties": {
                    "uri": {"type": "string"},
                    "url": {"type": "string"},
                    "title": _NULLABLE_STRING,
                    "series": _NULLABLE_STRING,
                    "number": _NULLABLE_INT,
                    "total": _NULLABLE_INT,
                    "date": {"type": ["string", "null"],
                             "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                    "speakers": {"type": "array", "items": {"type": "string"}},
                    "host": _NULLABLE_STRING,
                    "source": {
                        "oneOf": [
                            {"type": "null"},
                            {"type": "object", "required": ["title", "url"],
                             "additionalProperties": False,
                             "properties": {"title": {"type": "string"},
                                            "url": _NULLABLE_STRING}},
                        ],
                    },
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "categories": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["key", "label", "color"],
                            "additionalProperties": False,
                            "properties": {
                                "key": {"type": "string"},
                                "label": {"type": "string"},
                                "color": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
                            },
                        },
                    },
                    "resume": _NULLABLE_STRING,
                    "credits": _NULLABLE_STRING,
                    "ideas": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["number", "text", "label", "category", "links",
                                         "see", "referenced_by", "url"],
                            "additionalProperties": False,
                            "properties": {
                                "number": {"type": "integer", "minimum": 1},
                                "text": {"type": "string"},
                                "label": {"type": "string"},
                                "category": _NULLABLE_STRING,
                                "links": {"type": "array", "items": {"type": "integer"}},
                                "see": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["target", "uri", "idea"],
                                        "additionalProperties": False,
                                        "properties": {
                                            "target": {"type": "string"},
                                            "uri": _NULLABLE_STRING,
                                            "idea": _NULLABLE_INT,
                                        },
                                    },
                                },
                                "referenced_by": {"type": "array", "items": _IDEA_REF},
                                "url": {"type": "string"},
                            },
                        },
                    },
                    "related": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["uri", "score", "reasons"],
                            "additionalProperties": False,
                            "properties": {
                                "uri": {"type": "string"},
                                "score": {"type": "number"},
                                "reasons": {"type": "array", "items": {"type": "string"}},
                            },
                        },
                    },
                },
            },
        },
    },
}
"""JSON Schema (draft 2020-12) of `vault_json`'s output."""


def _entry(item: VaultEntry, known: Mapping[str, Entry], related: Sequence[Related],
           referenced: Mapping[IdeaRef, Sequence[IdeaRef]], site_url_of: Callable[[str], str],
           reasons: dict[Reason, str]) -> dict[str, object]:
    # Tuples where the schema has arrays: JSON writes them alike, and they need no copy.
    entry, uri = item.entry, item.uri
    return {
        "uri": uri,
        "url": site_url_of(item.url),
        "title": entry.title,
        "series": entry.series,
        "number": entry.number,
        "total": entry.total,
        "date": entry.date.isoformat() if entry.date else None,
        "speakers": entry.speakers,
        "host": entry.host,
        "source": ({"title": entry.source.title, "url": entry.source.url}
                   if entry.source else None),
        "tags": entry.tags,
        "categories": [{"key": c.key, "label": c.label, "color": c.color}
                       for c in entry.categories],
        "resume": entry.resume,
        "credits": entry.credits,
        "ideas": [_idea(item, idea, known, referenced, site_url_of) for idea in entry.ideas],
        "related": [{"uri": r.uri, "score": r.score, "reasons": _reasons(r, reasons)}
                    for r in related],
    }


def _idea(item: VaultEntry, idea: Idea, known: Mapping[str, Entry],
          referenced: Mapping[IdeaRef, Sequence[IdeaRef]],
          site_url_of: Callable[[str], str]) -> dict[str, object]:
    uri, number = item.uri, idea.number
    refs = referenced.get((uri, number))
    return {
        "number": number,
        "text": idea.text,
        "label": idea.label,
        "category": idea.category,
        "links": idea.links,
        "see": [_see(uri, number, target, known) for target in idea.see] if idea.see else (),
        "referenced_by": [{"uri": u, "idea": n} for u, n in refs] if refs else (),
        "url": site_url_of(f"{item.url}#idea-{number}"),
    }


def _see(uri: str, number: int, target: str, known: Mapping[str, Entry]) -> dict[str, object]:
    found = resolve(uri, target, known)
    if isinstance(found, str) or found == (uri, number):
        return {"target": target, "uri": None, "idea": None}
    return {"target": target, "uri": found.uri, "idea": found.idea}


def _reasons(related: Related, known: dict[Reason, str]) -> tuple[str, ...]:
    """`related.reasons`, each reason worded once per export (they repeat a lot)."""
    out = []
    for reason in related.why:
        text = known.get(reason)
        if text is None:
            text = known[reason] = reason_text(reason)
        out.append(text)
    return tuple(out)


# The C encoder, which Python uses only without `indent`; no cycles are possible.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))


def vault_json(entries: Sequence[VaultEntry], graph: nx.MultiDiGraph | Knowledge,
               related: Mapping[str, Sequence[Related]],
               site_url_of: Callable[[str], str] = lambda url: url, *,
               indent: int | None = None,
               referenced: Mapping[IdeaRef, Sequence[IdeaRef]] | None = None) -> str:
    """The vault as JSON following `VAULT_JSON_SCHEMA` (schema `mkdocs-vault/vault`, version 1).

    `graph` is `knowledge_graph`'s (for "referenced by"), `related` is `related_entries`'.
    `site_url_of` turns a URL relative to the site root (`lex/deepseek/#idea-3`) into the one
    to publish, e.g. by prefixing the site URL; by default URLs stay relative to the root.
    `see` targets are given as written and resolved (`uri`/`idea` null when they point nowhere,
    `idea` null for a whole entry). `referenced` is `backlinks(graph)`, when the caller has it.

    Without `indent`, compact JSON with one entry per line (diff-friendly, and written by
    Python's C encoder: ten times faster); with it, all of it indented by that many spaces.
    """
    items = entries_by_uri(entries)
    known = {uri: item.entry for uri, item in items.items()}
    if referenced is None:
        referenced = backlinks(graph)
    reasons: dict[Reason, str] = {}
    # Built and encoded one entry at a time: the dicts die young, so the garbage collector
    # never walks them (holding all of them at once doubled the time).
    documents = (_entry(item, known, related.get(uri, ()), referenced, site_url_of, reasons)
                 for uri, item in items.items())
    head = f'{{"schema":{json.dumps(SCHEMA)},"version":{VERSION},"entries":['
    if indent is not None:
        document = {"schema": SCHEMA, "version": VERSION, "entries": list(documents)}
        return json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
    lines = [_ENCODER.encode(document) for document in documents]
    return head + ("\n" + ",\n".join(lines) + "\n" if lines else "") + "]}\n"


# XML 1.0 cannot hold these at all, not even as character references.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(value: object) -> object:
    return _XML_INVALID_RE.sub("", value) if isinstance(value, str) else value


def vault_graphml(graph: nx.MultiDiGraph | Knowledge) -> bytes:
    """The knowledge graph as GraphML (UTF-8), for Gephi, yEd, Cytoscape or networkx.

    Attribute types are GraphML's `string`, `long` and `double`, which Gephi reads; text is
    stripped of the control characters XML cannot carry. Edge ids are the edge kinds. Written
    directly, not with `networkx.write_graphml`, which builds an element tree first: 2.8 s for
    a 1,000-entry vault, against a tenth of that here (the output reads back the same).
    """
    source = graph.graph if isinstance(graph, Knowledge) else graph
    node_keys = _graphml_keys((data for _, data in source.nodes(data=True)), "n")
    edge_keys = _graphml_keys((data for _, _, data in source.edges(data=True)), "e")
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        out.extend(f'<key id="{key_id}" for="{scope}" attr.name={quoteattr(name)} '
                   f'attr.type="{kind}" />' for (name, kind), key_id in keys.items())
    out.append('<graph edgedefault="directed">')
    for node, data in source.nodes(data=True):
        out.append(f"<node id={_attr(node)}>{_graphml_data(data, node_keys)}</node>")
    for a, b, key, data in source.edges(keys=True, data=True):
        out.append(f"<edge source={_attr(a)} target={_attr(b)} id={_attr(key)}>"
                   f"{_graphml_data(data, edge_keys)}</edge>")
    out.append("</graph></graphml>\n")
    return "\n".join(out).encode("utf-8")


def _graphml_type(value: object) -> str:
    if isinstance(value, bool | int):
        return "long"
    return "double" if isinstance(value, float) else "string"


def _attr(value: object) -> str:
    return quoteattr(str(_xml_safe(value)))


def _graphml_keys(items: Iterable[dict[str, object]], prefix: str
                  ) -> dict[tuple[str, str], str]:
    """(attribute name, GraphML type) -> key id, in order of first use: one name may hold text
    on some nodes and numbers on others, as networkx writes it."""
    keys: dict[tuple[str, str], str] = {}
    for data in items:
        for name, value in data.items():
            keys.setdefault((name, _graphml_type(value)), f"{prefix}{len(keys)}")
    return keys


def _graphml_data(data: dict[str, object], keys: dict[tuple[str, str], str]) -> str:
    return "".join(f'<data key="{keys[name, _graphml_type(value)]}">'
                   f"{escape(str(_xml_safe(value)))}</data>" for name, value in data.items())
