"""The vault as one knowledge graph, and what it tells: related entries and backlinks.

Pure functions of the valid entries (`VaultEntry`): no MkDocs, no files, deterministic output
(entries in `uri` order, ties broken by `uri`).

Node ids and kinds (every node has `kind` and `label`; attribute values are `str`, `int` or
`float` only, so the graph can be written as GraphML as is):

========================  ==========  =================================================
id                        kind        other attributes
========================  ==========  =================================================
`entry:<uri>`             entry       uri, url, ideas (count), title, series, number,
                                      total, date (ISO) - the last five when set
`idea:<uri>#<n>`          idea        uri, number, text, anchor (`idea-<n>`), category
                                      (key, when set)
`category:<label>`        category    color (the first entry's, in uri order)
`person:<name>`           person
`tag:<name>`              tag
`series:<name>`           series
========================  ==========  =================================================

Category, person, tag and series ids use the name case-folded with its whitespace collapsed, so
`Chips` and `chips ` are one node; the label is the first spelling met in uri order.

Edges (a `MultiDiGraph`; the edge key is its `kind`):

* entry -> idea `has-idea`; idea -> category `about`;
* entry -> person `person`, with `roles`: `speaker`, `host` or `speaker,host`;
* entry -> tag `tagged`; entry -> series `in-series` (with `number` when set);
* idea -> idea `link` (the idea's `links`, within the entry);
* idea -> idea or idea -> entry `see` (the idea's `see`, with `index`);
* entry -> entry `related` (the entry's `related`, with `index`).

`see` and `related` are written like MkDocs links, relative to the entry's page: `other.md`,
`../lex/other.md#idea-2`, `#idea-3` (same page), `/lex/other.md` (from the docs folder).
Targets that are not entries or ideas of the vault are returned as `LinkProblem`s.
"""

from __future__ import annotations

import heapq
import math
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import unquote

import networkx as nx

from mkdocs_vault.graph.labels import collapse_spaces
from mkdocs_vault.model import Category, Entry
from mkdocs_vault.pickling import compact
from mkdocs_vault.urls import scheme

_IDEA_FRAGMENT_RE = re.compile(r"idea-([0-9]{1,9})")


@dataclass(frozen=True, slots=True)
class VaultEntry:
    """A valid entry and where it lives."""

    uri: str
    """Source path in the docs folder, `/`-separated: `lex/deepseek.md`."""
    url: str
    """Page URL relative to the site root: `lex/deepseek/`."""
    entry: Entry


@compact
@dataclass(frozen=True, slots=True, order=True)
class LinkProblem:
    """A `see` or `related` link whose target is not in the vault."""

    uri: str
    """The entry holding the link."""
    idea: int | None
    """Number of the idea holding a `see` link; `None` for the entry's `related`."""
    index: int
    """Position in `see` or `related`."""
    target: str
    """The link as written."""
    reason: str

    @property
    def field(self) -> str:
        """`ideas[n].see[i]` or `related[i]`, for messages."""
        if self.idea is None:
            return f"related[{self.index}]"
        return f"ideas[{self.idea - 1}].see[{self.index}]"

    def __str__(self) -> str:
        return f"{self.uri}: {self.field}: {self.target!r}: {self.reason}"


class Knowledge(NamedTuple):
    """`knowledge_graph`'s result: the graph and the links it could not resolve."""

    graph: nx.MultiDiGraph
    problems: list[LinkProblem]


def entry_node(uri: str) -> str:
    return f"entry:{uri}"


def idea_node(uri: str, number: int) -> str:
    return f"idea:{uri}#{number}"


def name_key(name: str) -> str:
    """How names are matched across entries: whitespace collapsed, case-folded."""
    return collapse_spaces(name).casefold()


class _Target(NamedTuple):
    uri: str
    idea: int | None


def resolve(uri: str, target: str, known: Mapping[str, Entry]) -> _Target | str:
    """Where a `see`/`related` link of the entry at `uri` points, or why it points nowhere."""
    text = target.strip()
    if not text:
        return "empty link"
    if text.startswith("//") or scheme(text) is not None:
        return "an external URL, not an entry of this vault"
    path, _, fragment = text.partition("#")
    path = unquote(path.partition("?")[0])
    if not path:
        resolved = uri
    elif path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path))
    if resolved == ".." or resolved.startswith("../"):
        return "points outside the docs folder"
    entry = known.get(resolved)
    if entry is None:
        return f"no vault entry at {resolved!r}"
    if not fragment:
        return _Target(resolved, None)
    match = _IDEA_FRAGMENT_RE.fullmatch(fragment)
    if match is None:
        return f"'#{fragment}' is not an idea anchor (#idea-N)"
    number = int(match.group(1))
    if not any(i.number == number for i in entry.ideas):
        return f"{resolved!r} has no idea {number} (it has {len(entry.ideas)})"
    return _Target(resolved, number)


class _Builder:
    """Fills a `MultiDiGraph`'s own dicts, as `add_node` and `add_edge` would (same order,
    same attribute dicts) at a fraction of their cost: the vault's graph has about 100 nodes
    and edges per entry, and the public calls were most of `knowledge_graph`'s time."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        # networkx's documented data structure: node -> attrs, and node -> node -> key -> attrs,
        # the same key dict shared by `_succ[u][v]` and `_pred[v][u]`.
        self.nodes: dict[str, dict[str, object]] = graph._node
        self.succ: dict[str, dict[str, dict[str, dict[str, object]]]] = graph._succ
        self.pred: dict[str, dict[str, dict[str, dict[str, object]]]] = graph._pred
        self.shown: dict[str, str] = {}

    def node(self, node: str, attrs: dict[str, object]) -> None:
        """`graph.add_node(node, **attrs)`."""
        found = self.nodes.get(node)
        if found is None:
            self.succ[node], self.pred[node] = {}, {}
            self.nodes[node] = found = {}
        found.update(attrs)

    def has_edge(self, u: str, v: str, key: str) -> bool:
        return key in self.succ.get(u, {}).get(v, ())

    def edge(self, u: str, v: str, key: str, attrs: dict[str, object]) -> None:
        """`graph.add_edge(u, v, key=key, **attrs)`."""
        for end in (u, v):
            if end not in self.nodes:
                self.node(end, {})
        keyed = self.succ[u].get(v)
        if keyed is None:
            keyed = self.succ[u][v] = self.pred[v][u] = {}
        data = keyed.get(key)
        if data is None:
            keyed[key] = data = {}
        data.update(attrs)

    def named(self, kind: str, name: str, **attrs: str) -> str | None:
        """The node of a category, person, tag or series (added at its first spelling)."""
        shown = self.shown.get(name)
        if shown is None:
            shown = self.shown[name] = collapse_spaces(name)
        if not shown:
            return None
        node = f"{kind}:{shown.casefold()}"
        if node not in self.nodes:
            self.node(node, {"kind": kind, "label": shown, **attrs})
        return node


def _add_entry(graph: _Builder, item: VaultEntry) -> None:
    entry, uri = item.entry, item.uri
    node = entry_node(uri)
    attrs: dict[str, object] = {"uri": uri, "url": item.url, "ideas": len(entry.ideas)}
    if entry.title:
        attrs["title"] = entry.title
    if entry.series:
        attrs["series"] = entry.series
    if entry.number is not None:
        attrs["number"] = entry.number
    if entry.total is not None:
        attrs["total"] = entry.total
    if entry.date is not None:
        attrs["date"] = entry.date.isoformat()
    graph.node(node, {"kind": "entry", "label": entry.title or uri, **attrs})
    numbers = {i.number for i in entry.ideas}
    categories = category_map(entry)
    for idea in entry.ideas:
        inode = idea_node(uri, idea.number)
        extra = {"category": idea.category} if idea.category else {}
        graph.node(inode, {"kind": "idea", "label": idea.label, "uri": uri,
                           "number": idea.number, "text": idea.text,
                           "anchor": f"idea-{idea.number}", **extra})
        graph.edge(node, inode, "has-idea", {"kind": "has-idea"})
        category = categories.get(idea.category)
        if category is not None:
            cnode = graph.named("category", category.label, color=category.color)
            if cnode is not None:
                graph.edge(inode, cnode, "about", {"kind": "about"})
    for idea in entry.ideas:
        for other in idea.links:
            if other in numbers and other != idea.number:
                graph.edge(idea_node(uri, idea.number), idea_node(uri, other), "link",
                           {"kind": "link"})
    roles: dict[str, list[str]] = {}
    for speaker in entry.speakers:
        roles.setdefault(speaker, []).append("speaker")
    if entry.host:
        roles.setdefault(entry.host, []).append("host")
    for person, person_roles in roles.items():
        pnode = graph.named("person", person)
        if pnode is None:
            continue
        merged = person_roles
        if graph.has_edge(node, pnode, "person"):  # two spellings of one name
            before = graph.succ[node][pnode]["person"]["roles"]
            merged = [*str(before).split(","), *person_roles]
        graph.edge(node, pnode, "person", {"kind": "person",
                                           "roles": ",".join(dict.fromkeys(merged))})
    for tag in entry.tags:
        tnode = graph.named("tag", tag)
        if tnode is not None:
            graph.edge(node, tnode, "tagged", {"kind": "tagged"})
    if entry.series:
        snode = graph.named("series", entry.series)
        if snode is not None:
            number = {"number": entry.number} if entry.number is not None else {}
            graph.edge(node, snode, "in-series", {"kind": "in-series", **number})


def category_map(entry: Entry) -> dict[str | None, Category]:
    """The entry's categories by key, the first of a repeated key winning: `entry.category`
    for every idea without a search each."""
    found: dict[str | None, Category] = {}
    for category in entry.categories:
        found.setdefault(category.key, category)
    return found


def _add_references(graph: _Builder, item: VaultEntry, known: Mapping[str, Entry],
                    problems: list[LinkProblem]) -> None:
    uri = item.uri
    for idea in item.entry.ideas:
        source = idea_node(uri, idea.number)
        for index, target in enumerate(idea.see):
            found = resolve(uri, target, known)
            if isinstance(found, str):
                problems.append(LinkProblem(uri, idea.number, index, target, found))
                continue
            if found == (uri, idea.number):
                problems.append(LinkProblem(uri, idea.number, index, target,
                                            "points at its own idea"))
                continue
            node = (entry_node(found.uri) if found.idea is None
                    else idea_node(found.uri, found.idea))
            if not graph.has_edge(source, node, "see"):
                graph.edge(source, node, "see", {"kind": "see", "index": index})
    for index, target in enumerate(item.entry.related):
        found = resolve(uri, target, known)
        if isinstance(found, str):
            problems.append(LinkProblem(uri, None, index, target, found))
        elif found.uri == uri:
            problems.append(LinkProblem(uri, None, index, target, "names its own entry"))
        elif not graph.has_edge(entry_node(uri), entry_node(found.uri), "related"):
            graph.edge(entry_node(uri), entry_node(found.uri), "related",
                       {"kind": "related", "index": index})


def knowledge_graph(entries: Iterable[VaultEntry]) -> Knowledge:
    """The vault's knowledge graph (see the module docstring) and its unresolved links.

    Never raises on bad links: each one is a `LinkProblem`, in uri, idea and index order.
    Entries are taken in `uri` order; uris must be unique (a repeated one is ignored).
    """
    items: dict[str, VaultEntry] = {}
    for item in sorted(entries, key=lambda e: e.uri):
        items.setdefault(item.uri, item)
    known = {uri: item.entry for uri, item in items.items()}
    graph = nx.MultiDiGraph()
    builder = _Builder(graph)
    for item in items.values():
        _add_entry(builder, item)
    problems: list[LinkProblem] = []
    for item in items.values():
        _add_references(builder, item, known, problems)
    return Knowledge(graph, problems)


# --- Backlinks ---------------------------------------------------------------------------

IdeaRef = tuple[str, int]
"""An idea as (entry uri, idea number)."""


def backlinks(source: nx.MultiDiGraph | Knowledge) -> dict[IdeaRef, list[IdeaRef]]:
    """"Referenced by" of each idea that some `see` points at: the ideas pointing at it,
    sorted. `see` links to a whole entry are not included (no idea to show them under)."""
    graph = source.graph if isinstance(source, Knowledge) else source
    found: dict[IdeaRef, list[IdeaRef]] = defaultdict(list)
    nodes = graph._node  # the graph's own dicts: its views cost more than the walk itself
    for a, targets in graph._adj.items():
        for b, keyed in targets.items():
            if "see" not in keyed or nodes[b]["kind"] != "idea":
                continue
            origin, target = nodes[a], nodes[b]
            found[(target["uri"], target["number"])].append((origin["uri"], origin["number"]))
    return {key: sorted(found[key]) for key in sorted(found)}


# --- Related entries ---------------------------------------------------------------------


@compact
@dataclass(frozen=True, slots=True)
class Reason:
    """Why an entry is related, as data: `reason_text` words it for readers.

    `kind` is `named` (the author names the other entry), `names_this` (the other entry names
    this one), `linked` (`see` links between them, `count` of them) or the kind of what both
    have: `speaker`, `host`, `series`, `category`, `tag`, `term` (`names`: all of them,
    sorted).
    """

    kind: str
    names: tuple[str, ...] = ()
    count: int = 1


REASON_STRINGS: dict[str, str] = {
    "reason_named": "named by the author",
    "reason_names_this": "names this entry as related",
    "reason_linked_idea": "linked idea",
    "reason_linked_ideas": "linked ideas",
    "reason_speaker": "same speaker: {name}",
    "reason_speakers": "same speakers: {names}",
    "reason_host": "same host: {name}",
    "reason_hosts": "same hosts: {names}",
    "reason_series": "same series: {name}",
    "reason_series_many": "same series: {names}",
    "reason_category": "shared category: {name}",
    "reason_categories": "{count} shared categories: {names}",
    "reason_tag": "shared tag: {name}",
    "reason_tags": "{count} shared tags: {names}",
    "reason_term": "shared term: {name}",
    "reason_terms": "{count} shared terms: {names}",
    "reason_names_separator": ", ",
    "reason_names_more": "{names}, …",
    "reason_separator": ", ",
}
"""The English words of the reasons (part of `site.settings.DEFAULT_STRINGS`, which other
languages translate): one template for one name (`{name}`) and one for several (`{names}`,
the first `REASON_NAMES` of them, and `{count}`, how many in all)."""

REASON_NAMES = 3
"""Names listed in a reason; `reason_names_more` marks that there are more."""

_REASON_KEYS: dict[str, tuple[str, str]] = {
    "named": ("reason_named", "reason_named"),
    "names_this": ("reason_names_this", "reason_names_this"),
    "linked": ("reason_linked_idea", "reason_linked_ideas"),
    "speaker": ("reason_speaker", "reason_speakers"),
    "host": ("reason_host", "reason_hosts"),
    "series": ("reason_series", "reason_series_many"),
    "category": ("reason_category", "reason_categories"),
    "tag": ("reason_tag", "reason_tags"),
    "term": ("reason_term", "reason_terms"),
}
"""The templates of each kind of reason: (one, several)."""


def reason_text(reason: Reason, strings: Mapping[str, str] = REASON_STRINGS) -> str:
    """`reason` in the words of `strings` (a key it lacks is English)."""
    def word(key: str) -> str:
        return strings.get(key, REASON_STRINGS[key])
    one, many = _REASON_KEYS[reason.kind]
    if not reason.names:
        return word(one if reason.count == 1 else many).format(count=reason.count)
    if len(reason.names) == 1:
        return word(one).format(name=reason.names[0])
    names = word("reason_names_separator").join(reason.names[:REASON_NAMES])
    if len(reason.names) > REASON_NAMES:
        names = word("reason_names_more").format(names=names)
    return word(many).format(count=len(reason.names), names=names)


def reasons_text(reasons: Iterable[Reason], strings: Mapping[str, str] = REASON_STRINGS) -> str:
    """Several reasons as one line, in the words of `strings`."""
    separator = strings.get("reason_separator", REASON_STRINGS["reason_separator"])
    return separator.join(reason_text(reason, strings) for reason in reasons)


@compact
@dataclass(frozen=True, slots=True)
class Related:
    """An entry worth reading next, with why."""

    uri: str
    score: float
    why: tuple[Reason, ...]
    """The reasons as data, for words in any language (`reason_text`)."""

    @property
    def reasons(self) -> tuple[str, ...]:
        """The reasons in English (`vault.json` has them)."""
        return tuple(reason_text(reason) for reason in self.why)


WEIGHTS: dict[str, float] = {
    "speaker": 1.0,
    "tag": 1.0,
    "category": 0.75,
    "series": 0.5,
    "term": 0.5,
    "host": 0.25,
}
"""Weight of one shared neighbour, by kind, before Adamic–Adar's 1 / log(degree)."""
LINK_WEIGHT = 1.5
"""Per `see` link between the two entries (either way), at most `MAX_LINKS` counted."""
MAX_LINKS = 3
NAMED_BACK_WEIGHT = 2.0
"""When the other entry names this one in its `related`."""
NAMED = Reason("named")
"""The reason of the entries the author names in `related:`."""
HUB_MIN = 50
HUB_MAX = 200
"""Default hub cap: 5% of the vault, but at least `HUB_MIN` and at most `HUB_MAX` entries."""

_WORD_RE = re.compile(r"[^\W\d_]{5,}")
_LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|<[^>]*>|https?://\S+")
STOPWORDS = frozenset("""
about above across after again against almost along already although always among another
around based because become becomes before being below between beyond could doing during
early either enough every everything first following further going great having however
itself large later least level little makes making might model models never often other others
people point quite rather really right second shall should since small something still
their there these thing things think those though three through today under until using
usually various where whether which while whose within without world would years
""".split())
"""Words left out of salient terms: common English, and Markdown leftovers."""

_Feature = tuple[str, str]  # (kind, key), e.g. ("speaker", "person:dylan patel")


def _terms(texts: Iterable[str]) -> Counter[str]:
    counts = Counter(_WORD_RE.findall(_LINK_TARGET_RE.sub(" ", "\n".join(texts)).lower()))
    for word in STOPWORDS.intersection(counts):
        del counts[word]
    return counts


class _Index(NamedTuple):
    uris: list[str]
    features: list[list[int]]
    """Feature numbers of each entry, sorted."""
    members: list[list[int]]
    """Entry numbers having each feature, sorted."""
    feature_names: list[_Feature]
    labels: list[str]
    links: list[Counter[int]]
    """`see` links between two entries, either way."""
    named: list[list[int]]
    """Entries named in `related`, in the author's order."""
    named_by: list[set[int]]


def _index(graph: nx.MultiDiGraph, terms: int) -> _Index:
    uris = sorted(d["uri"] for d in graph._node.values() if d["kind"] == "entry")
    number = {entry_node(u): i for i, u in enumerate(uris)}
    raw: list[set[_Feature]] = [set() for _ in uris]
    words: list[Counter[str]] = []
    links: list[Counter[int]] = [Counter() for _ in uris]
    named: list[list[tuple[int, int]]] = [[] for _ in uris]
    named_by: list[set[int]] = [set() for _ in uris]
    labels: dict[str, str] = {}
    succ = graph._adj  # the graph's own dicts: its views cost more than the walk itself
    nodes = graph._node
    for i, uri in enumerate(uris):
        texts: list[str] = []
        for other, keyed in succ[entry_node(uri)].items():
            for kind, data in keyed.items():
                if kind == "has-idea":
                    idea = nodes[other]
                    texts += (idea["label"], idea["text"])
                    for target, ikinds in succ[other].items():
                        if "about" in ikinds:
                            raw[i].add(("category", target))
                            labels[target] = nodes[target]["label"]
                        if "see" in ikinds:
                            j = number[entry_node(nodes[target]["uri"])]
                            if j != i:
                                links[i][j] += 1
                                links[j][i] += 1
                    continue
                labels[other] = nodes[other]["label"]
                if kind == "person":
                    for role in data["roles"].split(","):
                        raw[i].add((role, other))
                elif kind in ("tagged", "in-series"):
                    raw[i].add(("tag" if kind == "tagged" else "series", other))
                elif kind == "related":
                    named[i].append((data["index"], number[other]))
                    named_by[number[other]].add(i)
        words.append(_terms(texts) if terms else Counter())
    if terms:
        df: Counter[str] = Counter()
        for counts in words:
            df.update(counts.keys())
        total = len(uris)
        for i, counts in enumerate(words):
            scored = [(-tf * math.log(total / df[w]), w) for w, tf in counts.items() if df[w] > 1]
            for _, word in heapq.nsmallest(terms, scored):
                raw[i].add(("term", f"term:{word}"))
                labels[f"term:{word}"] = word
    names = sorted({f for fs in raw for f in fs})
    feature_number = {f: n for n, f in enumerate(names)}
    features = [sorted(feature_number[f] for f in fs) for fs in raw]
    members: list[list[int]] = [[] for _ in names]
    for i, fs in enumerate(features):
        for f in fs:
            members[f].append(i)
    return _Index(uris, features, members, names, [labels[key] for _, key in names], links,
                  [[j for _, j in sorted(n)] for n in named], named_by)


def _reasons(index: _Index, i: int, j: int) -> list[Reason]:
    shared = sorted(set(index.features[i]) & set(index.features[j]))
    by_kind: dict[str, list[str]] = defaultdict(list)
    for f in shared:
        by_kind[index.feature_names[f][0]].append(index.labels[f])
    reasons: list[Reason] = []
    if index.links[i][j]:
        reasons.append(Reason("linked", count=index.links[i][j]))
    if j in index.named_by[i]:
        reasons.append(Reason("names_this"))
    for kind in ("speaker", "host", "series", "category", "tag", "term"):
        if by_kind[kind]:
            reasons.append(Reason(kind, tuple(sorted(by_kind[kind]))))
    return reasons


def related_entries(source: nx.MultiDiGraph | Knowledge, k: int = 5, *,
                    hub_cap: int | None = None, terms: int = 5) -> dict[str, list[Related]]:
    """Up to `k` related entries for every entry, best first; every entry has a list.

    The entries the author names in `related:` come first, in the author's order, with the
    reason "named by the author" (all of them, even past `k`). The rest are ranked by a
    weighted Adamic–Adar score: each neighbour `z` the two entries share adds
    `WEIGHTS[kind] / log(degree(z))`, `degree` being the number of entries having it, so a
    speaker shared by two entries counts far more than a category shared by hundreds.
    Neighbours: speakers, host, series, tags, categories (by label) and `terms` salient words
    per entry (lowercase words of at least 5 letters from idea labels and texts, outside
    `STOPWORDS` and found in at least two entries, the entry's top ones by tf-idf). A `see`
    between them adds `LINK_WEIGHT` per link (up to `MAX_LINKS`); naming this entry in its
    own `related` adds `NAMED_BACK_WEIGHT`.

    No pair-wise comparison: candidates of an entry are gathered through its neighbours,
    skipping hubs (neighbours of more than `hub_cap` entries; by default 5% of the vault,
    between `HUB_MIN` and `HUB_MAX`) - which still count in the score of candidates found
    otherwise. With a bounded cap the cost grows linearly with the vault. Ties are broken by
    uri; scores are rounded to 4 decimals in the result.
    """
    graph = source.graph if isinstance(source, Knowledge) else source
    index = _index(graph, terms)
    size = len(index.uris)
    cap = hub_cap if hub_cap is not None else max(HUB_MIN, min(size // 20, HUB_MAX))
    weight = [WEIGHTS[kind] / math.log(len(m)) if len(m) > 1 else 0.0
              for (kind, _), m in zip(index.feature_names, index.members, strict=True)]
    hub = [len(m) > cap for m in index.members]
    member_sets = [set(m) if hub[f] else set() for f, m in enumerate(index.members)]
    result: dict[str, list[Related]] = {}
    for i, uri in enumerate(index.uris):
        scores: dict[int, float] = defaultdict(float)
        hubs = []
        for f in index.features[i]:
            if hub[f]:
                hubs.append(f)
                continue
            w = weight[f]
            for j in index.members[f]:
                scores[j] += w
        for j, count in sorted(index.links[i].items()):
            scores[j] += LINK_WEIGHT * min(count, MAX_LINKS)
        for j in sorted(index.named_by[i]):
            scores[j] += NAMED_BACK_WEIGHT
        for j in index.named[i]:
            scores[j] += 0.0
        scores.pop(i, None)
        for f in hubs:  # each candidate still adds its hubs in feature order
            w = weight[f]
            for j in member_sets[f].intersection(scores):
                scores[j] += w
        named = index.named[i]
        chosen = [Related(index.uris[j], round(scores[j], 4),
                          (NAMED, *_reasons(index, i, j))) for j in named]
        for j in _best(scores, named, k - len(chosen), index.uris):
            chosen.append(Related(index.uris[j], round(scores[j], 4),
                                  tuple(_reasons(index, i, j))))
        result[uri] = chosen
    return result


def _best(scores: Mapping[int, float], named: Sequence[int], want: int,
          uris: Sequence[str]) -> list[int]:
    """The `want` best-scored entries outside `named`, by score then uri. Only those scoring
    at least the `want`-th best score are ordered (a sort of the bare scores finds it)."""
    if want <= 0:
        return []
    found = [j for j, score in scores.items() if score > 0 and j not in named]
    if len(found) > want:
        cut = sorted((scores[j] for j in found), reverse=True)[want - 1]
        found = [j for j in found if scores[j] >= cut]
    return sorted(found, key=lambda j: (-scores[j], uris[j]))[:want]


def entries_by_uri(entries: Sequence[VaultEntry]) -> dict[str, VaultEntry]:
    """The entries by uri, in uri order."""
    return {e.uri: e for e in sorted(entries, key=lambda e: e.uri)}
