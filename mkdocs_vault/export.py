"""The vault as data: versioned JSON (`vault_json`) and GraphML (`vault_graphml`).

Both are documented in docs/exports.md. Deterministic: entries in uri order, keys in a fixed
order, so two builds of one vault give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
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
    parts = [head]
    for document in documents:
        parts += (_ENCODER.encode(document), ",\n")
    if len(parts) > 1:
        parts[0] += "\n"
        parts[-1] = "\n"
    parts.append("]}\n")
    return "".join(parts)  # one join: adding the pieces up copied the whole text three times


# XML 1.0 cannot hold these at all, not even as character references.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SEP = "\x00"
"""Between the texts `_escape_all` works on at once: XML cannot hold it, so no output does."""
_XML_INVALID_BUT_SEP_RE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ATTR_ENTITIES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
"""What `quoteattr` escapes besides `&<>`."""
_DATA_CLOSE = "</data>"


def _xml_safe(value: object) -> object:
    return _XML_INVALID_RE.sub("", value) if isinstance(value, str) else value


def vault_graphml(graph: nx.MultiDiGraph | Knowledge) -> bytes:
    """The knowledge graph as GraphML (UTF-8), for Gephi, yEd, Cytoscape or networkx.

    Attribute types are GraphML's `string`, `long` and `double`, which Gephi reads; text is
    stripped of the control characters XML cannot carry. Edge ids are the edge kinds. Written
    directly, not with `networkx.write_graphml`, which builds an element tree first (2.8 s for
    a 1,000-entry vault), and escaped all at once, not value by value (`_escape_all`): 0.23 s,
    a third of the time before. The output reads back the same.
    """
    source = graph.graph if isinstance(graph, Knowledge) else graph
    nodes = list(source.nodes(data=True))
    node_ids = [node for node, _ in nodes]
    node_data = [data for _, data in nodes]
    del nodes
    quoted = dict(zip(node_ids, _quote_all(node_ids), strict=True))
    edge_tags, edge_data = _edges(source, quoted)
    node_keys, edge_keys = _Openings("n"), _Openings("e")
    for keys, datas in ((node_keys, node_data), (edge_keys, edge_data)):
        # Key ids in order of first use, all of them before any row is written.
        names = chain.from_iterable(datas)
        kinds = map(type, chain.from_iterable(data.values() for data in datas))
        for pair in dict.fromkeys(zip(names, kinds, strict=True)):
            keys[pair]  # the lookup assigns the id (`__missing__`)
    head = ['<?xml version="1.0" encoding="utf-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        head.extend(f'<key id="{key_id}" for="{scope}" attr.name={quoteattr(name)} '
                    f'attr.type="{kind}" />\n' for (name, kind), key_id in keys.ids.items())
    head.append('<graph edgedefault="directed">\n')
    node_tags = [f"<node id={quoted[node]}>" for node in node_ids]
    return b"".join([
        "".join(head).encode("utf-8"),
        *_encoded_rows(node_tags, node_data, node_keys, "</node>\n"),
        *_encoded_rows(edge_tags, edge_data, edge_keys, "</edge>\n"),
        b"</graph></graphml>\n"])


_ROWS_AT_ONCE = 20_000
"""Rows escaped and encoded together: all of them at once (nearly a million at 10,000 entries)
took 800 MB for a 182 MB document, and one string of the whole document cost twice the time."""


def _encoded_rows(tags: Sequence[str], datas: Sequence[dict[str, object]], keys: _Openings,
                  close: str) -> Iterator[bytes]:
    """The rows (nodes or edges) in UTF-8, `_ROWS_AT_ONCE` at a time."""
    for start in range(0, len(tags), _ROWS_AT_ONCE):
        part = datas[start:start + _ROWS_AT_ONCE]
        rows = _rows(tags[start:start + _ROWS_AT_ONCE], part, _data_items(part, keys), close)
        yield "".join(rows).encode("utf-8")


def _edges(graph: nx.MultiDiGraph, quoted: Mapping[object, str]
           ) -> tuple[list[str], list[dict[str, object]]]:
    """The opening tag and the attributes of each edge, in `graph.edges` order."""
    tags: list[str] = []
    data: list[dict[str, object]] = []
    ids: dict[object, str] = {}  # edge keys: a few kinds, each quoted once
    for a, neighbours in graph.adjacency():
        head = f"<edge source={quoted[a]} target="
        for b, keyed in neighbours.items():
            middle = f"{head}{quoted[b]} id="
            for key, attrs in keyed.items():
                quoted_key = ids.get(key)
                if quoted_key is None:
                    quoted_key = ids[key] = _quote_all([key])[0]
                tags.append(f"{middle}{quoted_key}>")
                data.append(attrs)
    return tags, data


def _graphml_kind(kind: type) -> str:
    """The GraphML type of values of Python type `kind`."""
    if issubclass(kind, bool | int):
        return "long"
    return "double" if issubclass(kind, float) else "string"


class _Openings(dict[tuple[str, type], str]):
    """`<data key="…">` by attribute name and Python type; `ids` gets each (name, GraphML
    type) -> key id in order of first use (one name may hold text on some nodes and numbers
    on others, as networkx writes it)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix
        self.ids: dict[tuple[str, str], str] = {}

    def __missing__(self, pair: tuple[str, type]) -> str:
        name, kind = pair
        key = (name, _graphml_kind(kind))
        key_id = self.ids.setdefault(key, f"{self.prefix}{len(self.ids)}")
        opening = self[pair] = f'<data key="{key_id}">'
        return opening


def _data_items(datas: Sequence[dict[str, object]], keys: _Openings) -> list[str]:
    """The `<data>` elements of all attributes in order, each as three strings:
    `<data key="…">` (from `keys`), the escaped value, `</data>`."""
    names = list(chain.from_iterable(datas))
    values = list(chain.from_iterable(data.values() for data in datas))
    items = [_DATA_CLOSE] * (3 * len(values))
    items[0::3] = map(keys.__getitem__, zip(names, map(type, values), strict=True))
    items[1::3] = _escape_all(values, {kind for _, kind in keys})
    return items


def _rows(tags: Sequence[str], datas: Sequence[dict[str, object]], items: list[str],
          close: str) -> list[str]:
    """The rows (nodes or edges) as strings to join: each one's tag, its `<data>` elements
    (`items`, from `_data_items`, changed in place), `close`."""
    head = ""  # rows before the first item
    end = 0
    last = _DATA_CLOSE + close
    for tag, data in zip(tags, datas, strict=True):
        if data:
            items[end] = tag + items[end]
            end += 3 * len(data)
            items[end - 1] = last
        elif end:
            items[end - 1] += tag + close
        else:
            head += tag + close
    items.insert(0, head)
    return items


def _escape_all(values: Sequence[object], types: Iterable[type],
                entities: Mapping[str, str] | None = None) -> list[str]:
    """`escape(str(_xml_safe(value)), entities)` of each value.

    Done on all the texts joined by `_SEP` and split again, which gives the same: removing
    and replacing characters works character by character and leaves `_SEP` alone (no text
    holds it: they are checked). Value by value it took ten times longer. `types` are those
    of the values.
    """
    entities = entities or {}
    if not values:
        return []
    if any(issubclass(kind, str) and kind is not str for kind in types):
        # str subclasses may have their own __str__, which `_xml_safe`'s re.sub bypasses.
        return [escape(str(_xml_safe(value)), entities) for value in values]
    joined = (f"%s{_SEP}" * len(values)) % tuple(values)  # str() of each: faster than map
    if joined.count(_SEP) != len(values) or _XML_INVALID_BUT_SEP_RE.search(joined):
        # Rare: characters XML cannot hold. Only text values lose them (`_xml_safe`).
        texts = [_XML_INVALID_RE.sub("", value) if isinstance(value, str) else str(value)
                 for value in values]
        joined = _SEP.join(texts) + _SEP
        if joined.count(_SEP) != len(values):  # a str() of a non-text value holds _SEP
            return [escape(text, entities) for text in texts]
    return escape(joined, entities).split(_SEP)[:-1]


def _quote_all(values: Sequence[object]) -> list[str]:
    """`quoteattr(str(_xml_safe(value)))` of each value."""
    escaped = _escape_all(values, set(map(type, values)), _ATTR_ENTITIES)
    if '"' not in "".join(escaped):
        return [f'"{text}"' for text in escaped]
    return list(map(_quoted, escaped))


def _quoted(escaped: str) -> str:
    """An escaped attribute value in quotes, chosen as `quoteattr` does."""
    if '"' not in escaped:
        return f'"{escaped}"'
    if "'" not in escaped:
        return f"'{escaped}'"
    return '"{}"'.format(escaped.replace('"', "&quot;"))
