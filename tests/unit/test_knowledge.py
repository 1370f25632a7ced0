"""The vault's knowledge graph, related entries and backlinks (`mkdocs_vault.graph.knowledge`)."""

from __future__ import annotations

import datetime as dt
import math
import random
import time

import networkx as nx
import pytest

import mkdocs_vault.graph.knowledge as knowledge_module
from mkdocs_vault.graph.knowledge import (
    REASON_STRINGS,
    LinkProblem,
    Reason,
    Related,
    VaultEntry,
    backlinks,
    knowledge_graph,
    reason_text,
    reasons_text,
    related_entries,
    resolve,
)
from mkdocs_vault.model import Category, Entry, Idea

LN2 = math.log(2)


def worded(related: list[Related]) -> list[tuple[str, float, tuple[str, ...]]]:
    """Related entries with their reasons in English, as readers and `vault.json` see them."""
    return [(r.uri, r.score, r.reasons) for r in related]

WORDS = ("chips compute energy training inference scaling robots biology physics markets "
         "policy safety memory language vision search agents protein fusion rockets "
         "semiconductor datacenter reasoning alignment economics history music chess "
         "genome climate battery quantum privacy networks startup funding education").split()


def synthetic_vault(size: int, seed: int = 7) -> list[VaultEntry]:
    """A deterministic vault of `size` entries: Zipf-distributed categories, shared speakers,
    hosts, tags and series, a few cross-entry `see` links."""
    rng = random.Random(seed)
    series = [f"Series {i}" for i in range(max(2, size // 50))]
    people = [f"Person {i}" for i in range(max(4, size // 2))]
    hosts = [f"Host {i}" for i in range(max(1, size // 100))]
    labels = [f"Topic {i}" for i in range(max(8, size // 20))]
    tags = [f"tag{i}" for i in range(max(5, size // 10))]
    entries = []
    for n in range(size):
        uri = f"s{n % 10}/e{n:05d}.md"
        cats = sorted(set(rng.choices(labels, weights=[1 / (r + 1) for r in range(len(labels))],
                                      k=rng.randint(3, 6))))
        categories = tuple(Category(f"c{i}", label, "#d4f9d4") for i, label in enumerate(cats))
        ideas = []
        count = rng.randint(10, 30)
        for number in range(1, count + 1):
            words = rng.sample(WORDS, 6)
            see = ()
            if rng.random() < 0.05:
                other = rng.randrange(size)
                see = (f"../s{other % 10}/e{other:05d}.md#idea-1",)
            ideas.append(Idea(number=number, text=" ".join(words) + ".", label=" ".join(words[:3]),
                              category=rng.choice(categories).key,
                              links=(number - 1,) if number > 1 and rng.random() < 0.2 else (),
                              see=see))
        entries.append(VaultEntry(uri, f"s{n % 10}/e{n:05d}/", Entry(
            ideas=tuple(ideas), title=f"Entry {n}: " + " ".join(rng.sample(WORDS, 3)),
            series=rng.choice(series) if rng.random() < 0.8 else None, number=n,
            date=dt.date(2020, 1, 1) + dt.timedelta(days=n),
            speakers=tuple(rng.sample(people, rng.randint(1, 2))), host=rng.choice(hosts),
            categories=categories, tags=tuple(rng.sample(tags, rng.randint(0, 3))))))
    return entries


def idea(number: int, text: str = "x", category: str | None = "c0", **kw: object) -> Idea:
    return Idea(number=number, text=text, label=text[:20], category=category, **kw)  # type: ignore[arg-type]


def small_vault() -> list[VaultEntry]:
    """Four entries: a and b share a lot, a names c, c points back at a, d stands alone."""
    a = Entry(ideas=(idea(1, see=("b.md#idea-1",)), idea(2, category="c1", see=("nowhere.md",))),
              title="A", series="Chips Talks", number=1, speakers=("Dylan Patel",), host="Lex",
              categories=(Category("c0", "Cost", "#d4f9d4"), Category("c1", "Open", "#ffe4b5")),
              tags=("chips",), related=("other/c.md",))
    b = Entry(ideas=(idea(1),), title="B", series="Chips Talks", number=2,
              speakers=("Dylan Patel", "Nathan Lambert"), host="Lex",
              categories=(Category("c0", "Cost", "#aaaaaa"),), tags=("chips", "gpus"))
    c = Entry(ideas=(idea(1, see=("../a.md#idea-2",)),), title="C", speakers=("Someone",),
              categories=(Category("c0", " open ", "#bbbbbb"),))
    d = Entry(ideas=(idea(1),), title="D", speakers=("Zed",),
              categories=(Category("c0", "Misc", "#cccccc"),))
    return [VaultEntry("other/c.md", "other/c/", c), VaultEntry("b.md", "b/", b),
            VaultEntry("a.md", "a/", a), VaultEntry("d.md", "d/", d)]


def test_graph_nodes_and_edges() -> None:
    graph, problems = knowledge_graph(small_vault())
    kinds = sorted(d["kind"] for _, d in graph.nodes(data=True))
    assert kinds.count("entry") == 4
    assert kinds.count("idea") == 5
    # "Open" and " open " are one category, labelled as first met in uri order (a.md).
    assert graph.nodes["category:open"]["label"] == "Open"
    assert graph.nodes["category:open"]["color"] == "#ffe4b5"
    assert graph.has_edge("idea:a.md#2", "category:open", "about")
    assert graph.has_edge("idea:other/c.md#1", "category:open", "about")
    assert graph.edges["entry:b.md", "person:dylan patel", "person"]["roles"] == "speaker"
    assert graph.edges["entry:a.md", "person:lex", "person"]["roles"] == "host"
    assert graph.edges["entry:a.md", "series:chips talks", "in-series"]["number"] == 1
    assert graph.has_edge("entry:a.md", "tag:chips", "tagged")
    assert graph.has_edge("idea:a.md#1", "idea:b.md#1", "see")
    assert graph.has_edge("idea:other/c.md#1", "idea:a.md#2", "see")
    assert graph.has_edge("entry:a.md", "entry:other/c.md", "related")
    assert problems == [LinkProblem("a.md", 2, 0, "nowhere.md", "no vault entry at 'nowhere.md'")]
    assert str(problems[0]) == "a.md: ideas[1].see[0]: 'nowhere.md': no vault entry at 'nowhere.md'"


def test_attributes_are_graphml_safe() -> None:
    graph, _ = knowledge_graph(synthetic_vault(40))
    for _, data in graph.nodes(data=True):
        assert {"kind", "label"} <= data.keys()
    values = [v for _, d in graph.nodes(data=True) for v in d.values()]
    values += [v for *_, d in graph.edges(data=True) for v in d.values()]
    assert all(type(v) in (str, int, float) for v in values)


def test_person_both_speaker_and_host_and_links() -> None:
    entry = Entry(ideas=(idea(1, links=(2, 9)), idea(2)), speakers=("Lex",), host="Lex")
    graph, _ = knowledge_graph([VaultEntry("x.md", "x/", entry)])
    assert graph.edges["entry:x.md", "person:lex", "person"]["roles"] == "speaker,host"
    assert graph.has_edge("idea:x.md#1", "idea:x.md#2", "link")
    assert graph.nodes["entry:x.md"]["label"] == "x.md"  # no title


@pytest.mark.parametrize(("target", "expected"), [
    ("b.md", ("dir/b.md", None)),
    ("./b.md#idea-2", ("dir/b.md", 2)),
    ("#idea-1", ("dir/a.md", 1)),
    ("../top.md", ("top.md", None)),
    ("/top.md#idea-1", ("top.md", 1)),
    ("b%2Emd", ("dir/b.md", None)),
    ("b.md#idea-7", "'dir/b.md' has no idea 7 (it has 2)"),
    ("b.md#intro", "'#intro' is not an idea anchor (#idea-N)"),
    ("../../up.md", "points outside the docs folder"),
    ("https://example.com/b.md", "an external URL, not an entry of this vault"),
    ("javascript:alert(1)", "an external URL, not an entry of this vault"),
    ("  ", "empty link"),
    ("c.md", "no vault entry at 'dir/c.md'"),
])
def test_resolve(target: str, expected: object) -> None:
    two = Entry(ideas=(idea(1), idea(2)))
    known = {"dir/a.md": two, "dir/b.md": two, "top.md": two}
    assert resolve("dir/a.md", target, known) == expected


def test_self_references_are_problems() -> None:
    entry = Entry(ideas=(idea(1, see=("#idea-1", "#idea-2")), idea(2)), related=("x.md",))
    graph, problems = knowledge_graph([VaultEntry("x.md", "x/", entry)])
    assert [(p.idea, p.index, p.reason) for p in problems] == [
        (1, 0, "points at its own idea"), (None, 0, "names its own entry")]
    assert graph.has_edge("idea:x.md#1", "idea:x.md#2", "see")


def test_related_exact() -> None:
    related = related_entries(knowledge_graph(small_vault()), terms=0)
    ab = 1.5 + (1.0 + 0.25 + 0.5 + 0.75 + 1.0) / LN2
    assert worded(related["a.md"]) == [
        ("other/c.md", round(1.5 + 0.75 / LN2, 4),
         ("named by the author", "linked idea", "shared category: Open")),
        ("b.md", round(ab, 4),
         ("linked idea", "same speaker: Dylan Patel", "same host: Lex",
          "same series: Chips Talks", "shared category: Cost", "shared tag: chips")),
    ]
    assert related["a.md"][1].why == (
        Reason("linked"), Reason("speaker", ("Dylan Patel",)), Reason("host", ("Lex",)),
        Reason("series", ("Chips Talks",)), Reason("category", ("Cost",)),
        Reason("tag", ("chips",)))
    assert [r.uri for r in related["b.md"]] == ["a.md"]
    assert worded(related["other/c.md"]) == [
        ("a.md", round(1.5 + 2.0 + 0.75 / LN2, 4),
         ("linked idea", "names this entry as related", "shared category: Open"))]
    assert related["d.md"] == []


def test_related_k_ties_and_plurals() -> None:
    """Equal scores are ordered by uri; several shared names are counted and listed."""
    cats = (Category("a", "Alpha", "#d4f9d4"), Category("b", "Beta", "#d4f9d4"))
    both = (idea(1, category="a"), idea(2, category="b"))
    vault = [VaultEntry(f"{name}.md", f"{name}/", Entry(ideas=both, categories=cats,
                                                        tags=("t1", "t2")))
             for name in "edcba"]
    related = related_entries(knowledge_graph(vault), k=2, terms=0)
    assert [r.uri for r in related["c.md"]] == ["a.md", "b.md"]
    assert related["c.md"][0].reasons == ("2 shared categories: Alpha, Beta",
                                          "2 shared tags: t1, t2")


@pytest.mark.parametrize(("reason", "english"), [
    (Reason("named"), "named by the author"),
    (Reason("names_this"), "names this entry as related"),
    (Reason("linked"), "linked idea"),
    (Reason("linked", count=3), "linked ideas"),
    (Reason("speaker", ("Ada",)), "same speaker: Ada"),
    (Reason("speaker", ("Ada", "Bo")), "same speakers: Ada, Bo"),
    (Reason("host", ("Lex", "Tim")), "same hosts: Lex, Tim"),
    (Reason("series", ("A", "B")), "same series: A, B"),
    (Reason("category", ("Cost",)), "shared category: Cost"),
    (Reason("category", ("a", "b", "c", "d")), "4 shared categories: a, b, c, …"),
    (Reason("tag", ("t1", "t2", "t3")), "3 shared tags: t1, t2, t3"),
    (Reason("term", ("photonic",)), "shared term: photonic"),
])
def test_reasons_in_english(reason: Reason, english: str) -> None:
    assert reason_text(reason) == english


def test_reasons_in_other_words() -> None:
    """Reasons are data: any table of words (a site's language) words them; a key it lacks
    is English."""
    words = {"reason_categories": "{count} categorías comunes: {names}",
             "reason_names_separator": "、", "reason_names_more": "{names}等",
             "reason_separator": "；"}
    reasons = (Reason("category", ("a", "b", "c", "d")), Reason("named"))
    assert reasons_text(reasons, words) == "4 categorías comunes: a、b、c等；named by the author"
    assert reasons_text(reasons) == "4 shared categories: a, b, c, …, named by the author"
    assert all(key.startswith("reason_") for key in REASON_STRINGS)


def test_related_terms() -> None:
    def entry(text: str) -> Entry:
        return Entry(ideas=(idea(1, text, category=None),))
    vault = [VaultEntry("a.md", "a/", entry("Photonic interconnects beat copper")),
             VaultEntry("b.md", "b/", entry("Photonic chips and interconnects, [see](https://x.io)")),
             VaultEntry("c.md", "c/", entry("Gardening about tomatoes"))]
    related = related_entries(knowledge_graph(vault))
    assert worded(related["a.md"]) == [("b.md", round(2 * 0.5 / LN2, 4),
                                        ("2 shared terms: interconnects, photonic",))]
    assert related["c.md"] == []


def test_hubs_still_count() -> None:
    """A neighbour shared by more than `hub_cap` entries finds no candidates but still adds
    to the score of candidates found through something else."""
    vault = [VaultEntry(f"e{i}.md", f"e{i}/", Entry(ideas=(idea(1, category=None),),
                                                   series="Big", speakers=(f"P{i // 2}",)))
             for i in range(6)]
    graph = knowledge_graph(vault).graph
    related = related_entries(graph, hub_cap=3, terms=0)
    assert worded(related["e0.md"]) == [("e1.md", round(1 / LN2 + 0.5 / math.log(6), 4),
                                         ("same speaker: P0", "same series: Big"))]
    assert len(related_entries(graph, hub_cap=10, terms=0)["e0.md"]) == 5


def test_backlinks() -> None:
    assert backlinks(knowledge_graph(small_vault())) == {
        ("a.md", 2): [("other/c.md", 1)],
        ("b.md", 1): [("a.md", 1)],
    }


def test_deterministic() -> None:
    vault = synthetic_vault(200)
    first = related_entries(knowledge_graph(vault))
    again = related_entries(knowledge_graph(list(reversed(vault))))
    assert first == again
    assert all(len(r) <= 5 for r in first.values())
    assert all(r.uri != uri for uri, rs in first.items() for r in rs)


@pytest.mark.timeout(60)
def test_thousand_entries_fast() -> None:
    vault = synthetic_vault(1000)
    start = time.perf_counter()
    knowledge = knowledge_graph(vault)
    related = related_entries(knowledge)
    elapsed = time.perf_counter() - start
    assert len(related) == 1000
    assert sum(map(len, related.values())) > 4000
    assert knowledge.problems == []
    assert elapsed < 10, elapsed  # about 0.5 s on one core


class _PublicCalls(knowledge_module._Builder):
    """The graph built through networkx's own `add_node` / `add_edge`: the reference that
    `_Builder`, which fills the graph's dicts itself, must match exactly."""

    def node(self, node: str, attrs: dict[str, object]) -> None:
        self.graph.add_node(node, **attrs)

    def edge(self, u: str, v: str, key: str, attrs: dict[str, object]) -> None:
        self.graph.add_edge(u, v, key=key, **attrs)


def hostile_vault() -> list[VaultEntry]:
    """Repeated idea numbers, category keys, links, tags and see targets; two spellings of a
    name in one entry; odd spaces and bytes; links to nowhere."""
    cats = (Category("a", "Chips", "#d4f9d4"), Category("a", "Other", "#ffffff"),
            Category("b", " chips\u00a0", "#f9d4d4"), Category("c", "\u200b", "#d4d4f9"))
    ideas = (Idea(1, "one [x](y.md)", "one", category="a", links=(2, 2, 1, 9), see=(
                 "b.md#idea-1", "b.md#idea-1", "b.md", "#idea-2", "#idea-1", "nowhere.md",
                 "https://x.org", "", "b.md#idea-99", "../out.md")),
             Idea(2, "two\x00 ", "two", category="b", see=("/b.md#idea-1",)),
             Idea(2, "again", "again", category="zzz"),
             Idea(3, "three", "three", category="c"))
    a = Entry(ideas=ideas, title="A", series=" Big  Series", number=1, speakers=(
        "Ann  Lee", "ann lee", "\u200b", "Bob"), host="ANN LEE", tags=("t", "T ", "t", ""),
        categories=cats, related=("b.md", "b.md", "a.md", "zz.md"))
    b = Entry(ideas=(Idea(1, "b one", "b one", see=("a.md#idea-2",)),), series="big series",
              host="Bob", speakers=("Bob",), categories=(Category("a", "CHIPS", "#000000"),))
    return [VaultEntry("a.md", "a/", a), VaultEntry("b.md", "b/", b),
            *synthetic_vault(60, seed=3)]


def graph_dump(graph: object) -> str:
    """Everything about the graph that anyone can see, in its order."""
    assert isinstance(graph, nx.MultiDiGraph)
    return repr((list(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)),
                 [(n, list(graph.pred[n].items())) for n in graph], graph.graph))


@pytest.mark.parametrize("vault", [small_vault(), hostile_vault(), synthetic_vault(150)])
def test_graph_filled_directly_is_networkx_s(vault: list[VaultEntry],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    fast = knowledge_graph(vault)
    monkeypatch.setattr(knowledge_module, "_Builder", _PublicCalls)
    reference = knowledge_graph(vault)
    assert graph_dump(fast.graph) == graph_dump(reference.graph)
    assert fast.problems == reference.problems
    assert backlinks(fast) == backlinks(reference)


def test_category_map_is_entry_category() -> None:
    entry = hostile_vault()[0].entry
    found = knowledge_module.category_map(entry)
    for key in ("a", "b", "c", "zzz", None, ""):
        assert found.get(key) is entry.category(key)


def reference_related(knowledge: knowledge_module.Knowledge, k: int, hub_cap: int | None
                      ) -> dict[str, list[Related]]:
    """`related_entries` pair by pair: each candidate's score summed in the same order (its
    non-hub neighbours, links, being named, its hubs), by brute force over all entries."""
    index = knowledge_module._index(knowledge.graph, 5)
    size = len(index.uris)
    cap = hub_cap if hub_cap is not None else max(50, min(size // 20, 200))
    weight = [knowledge_module.WEIGHTS[kind] / math.log(len(m)) if len(m) > 1 else 0.0
              for (kind, _), m in zip(index.feature_names, index.members, strict=True)]
    hub = [len(m) > cap for m in index.members]
    result = {}
    for i, uri in enumerate(index.uris):
        scores = {}
        for j in range(size):
            shared = set(index.features[i]) & set(index.features[j])
            found = any(not hub[f] for f in shared) or index.links[i][j] \
                or j in index.named_by[i] or j in index.named[i]
            if j == i or not found:
                continue
            score = 0.0
            for f in index.features[i]:
                if f in shared and not hub[f]:
                    score += weight[f]
            score += knowledge_module.LINK_WEIGHT * min(index.links[i][j],
                                                        knowledge_module.MAX_LINKS)
            score += knowledge_module.NAMED_BACK_WEIGHT if j in index.named_by[i] else 0.0
            for f in index.features[i]:
                if f in shared and hub[f]:
                    score += weight[f]
            scores[j] = score
        named = index.named[i]
        chosen = [Related(index.uris[j], round(scores[j], 4),
                          (knowledge_module.NAMED, *knowledge_module._reasons(index, i, j)))
                  for j in named]
        rest = sorted((-s, index.uris[j], j) for j, s in scores.items()
                      if s > 0 and j not in named)
        chosen += [Related(u, round(-s, 4), tuple(knowledge_module._reasons(index, i, j)))
                   for s, u, j in rest[:max(0, k - len(chosen))]]
        result[uri] = chosen
    return result


@pytest.mark.parametrize("hub_cap", [2, 6, None])
def test_related_is_the_pairwise_score(hub_cap: int | None) -> None:
    for vault in (hostile_vault(), synthetic_vault(120, seed=11)):
        knowledge = knowledge_graph(vault)
        assert related_entries(knowledge, k=4, hub_cap=hub_cap) == \
            reference_related(knowledge, 4, hub_cap)


@pytest.mark.parametrize("seed", range(40))
def test_the_best_few_are_those_a_full_sort_gives(seed: int) -> None:
    # Few distinct scores, so that ties at the cut are common.
    rng = random.Random(seed)
    uris = [f"e{n:06d}.md" for n in rng.sample(range(10**6), 60)]  # not in number order
    rng.shuffle(order := list(range(len(uris))))
    scores = {j: rng.choice((0.0, 0.5, 1.0, 1.5, 2.25)) for j in order[:rng.randrange(60)]}
    named = rng.sample(range(len(uris)), rng.randrange(4))
    for want in (-1, 0, 1, 3, 5, 100):
        full = sorted((-s, uris[j], j) for j, s in scores.items() if s > 0 and j not in named)
        assert knowledge_module._best(scores, named, want, uris) == \
            [j for _, _, j in full[:max(0, want)]]
