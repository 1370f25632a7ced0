"""A Mermaid overview of the whole vault, for its index page.

Small vaults (at most `SMALL` entries) are drawn entry by entry: each series is a hub with its
entries as cards in rows of two, left to right, like the `lanes` layout of an entry.

Larger vaults are aggregated, so that 1,000 or 10,000 entries still make one readable graph far
inside Mermaid's limits: the `MAX_SERIES` largest series on the left, the `MAX_CATEGORIES` most
used categories (by label) on the right, and an edge from each series to its `PER_SERIES` most
distinctive categories (highest share of the category's entries), thicker (`linkStyle`) the
more entries of the series have ideas in it. Every category keeps at least one edge. A vault
without series shows its categories alone, in rows of three.

Both shapes have at most about three boxes side by side, so at 16 px the natural width stays
under ~700 px and Mermaid's scale-to-fit (`useMaxWidth`) keeps labels readable in the content
column.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

import networkx as nx

from mkdocs_vault.graph import colors
from mkdocs_vault.graph.knowledge import VaultEntry, name_key
from mkdocs_vault.graph.labels import LABEL_MAX, clip, collapse_spaces, wrap
from mkdocs_vault.graph.mermaid import CLASSIC_APPEARANCE, CLASSIC_FLOWCHART, Flowchart, escape
from mkdocs_vault.site.settings import SiteSettings

SMALL = 30
MAX_SERIES = 15
MAX_CATEGORIES = 20
PER_SERIES = 3
MAX_EDGES = 78
FONT_SIZE = 16
CARD_CHARS = 24
HUB_CHARS = 18
PLAIN_FILL = "#e9edf2"
SERIES_FILL = "#ffffff"
THICKNESS = ("1.5px", "3px", "5px")

UrlOf = Callable[[str, str], str]
"""`url_of(kind, name)`: the href of a node, relative to the page showing the overview.
Kinds: `series` (name: the series), `category` (name: its label), `entry` (name: the uri)."""

_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
_COLOR_RE = re.compile(r"#[0-9a-fA-F]{6}")


def slug(text: str) -> str:
    """`text` as a URL path segment: lowercase ASCII letters, digits and single hyphens.

    Accents are dropped (NFKD: `Café Ünïcode` -> `cafe-unicode`); text with no ASCII letter
    or digit left (`東京`, `!!!`, ``) becomes `x` and 10 hex digits of its SHA-256, stable
    across builds.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    result = _NON_SLUG_RE.sub("-", ascii_text.lower()).strip("-")
    if result:
        return result
    return "x" + hashlib.sha256(collapse_spaces(text).encode("utf-8")).hexdigest()[:10]


def site_url_of(entries: Sequence[VaultEntry], prefix: str = "") -> UrlOf:
    """A `url_of` for a page `prefix` away from the site root (`"../"` from `vault/`):
    `series/<slug>/`, `categories/<slug>/`, and the entries' own URLs."""
    urls = {e.uri: e.url for e in entries}

    def url_of(kind: str, name: str) -> str:
        if kind == "entry":
            return prefix + urls[name]
        folder = {"series": "series", "category": "categories"}[kind]
        return f"{prefix}{folder}/{slug(name)}/"

    return url_of


def _init() -> dict[str, object]:
    # As for entry graphs: Mermaid 12 (Zensical's default) drawn like Mermaid 11.
    return {
        **CLASSIC_APPEARANCE,
        "flowchart": {**CLASSIC_FLOWCHART, "nodeSpacing": 12, "rankSpacing": 60, "padding": 8,
                      "useMaxWidth": True, "wrappingWidth": 240},
        "themeVariables": {"fontSize": f"{FONT_SIZE}px"},
    }


def _lines(text: str, width: int, bold: bool = False) -> str:
    lines = [escape(line) for line in wrap(clip(text, LABEL_MAX), width)] or [" "]
    return "<br>".join(f"<b>{line}</b>" if bold else line for line in lines)


def _click(chart: Flowchart, node: str, href: str) -> None:
    """A link when Mermaid can take the href as is; a URL with other characters (spaces,
    non-ASCII) is left unlinked rather than broken."""
    try:
        chart.click(node, href)
    except ValueError:
        return


def _small(entries: Sequence[VaultEntry], url_of: UrlOf) -> Flowchart:
    chart = Flowchart("LR", _init())
    groups: dict[str, list[VaultEntry]] = defaultdict(list)
    names: dict[str, str] = {}
    for item in entries:
        key = name_key(item.entry.series or "")
        groups[key].append(item)
        names.setdefault(key, collapse_spaces(item.entry.series or ""))
    number = itertools.count(1)
    hubs, cards = [], []
    for key in sorted(groups, key=lambda k: (k == "", k)):
        members = sorted(groups[key], key=lambda e: (e.entry.number is None,
                                                     e.entry.number or 0, e.uri))
        hub = None
        if key:
            hub = f"s{next(number)}"
            chart.node(hub, _lines(names[key], HUB_CHARS, bold=True), "stadium")
            _click(chart, hub, url_of("series", names[key]))
            hubs.append(hub)
        for start in range(0, len(members), 2):
            row = []
            for item in members[start : start + 2]:
                node = f"e{next(number)}"
                title = item.entry.title or item.uri
                if item.entry.number is not None:
                    title = f"{item.entry.number}. {title}"
                chart.node(node, _lines(title, CARD_CHARS), "round")
                _click(chart, node, url_of("entry", item.uri))
                row.append(node)
                cards.append(node)
            if hub is not None:
                chart.edge(hub, row[0])
            for left, right in itertools.pairwise(row):
                chart.edge(left, right, "~~~")
    chart.class_def("series", fill=SERIES_FILL, stroke="#444444", stroke_width="2px",
                    color=colors.LABEL_COLOR)
    chart.assign("series", hubs)
    chart.class_def("entry", fill=PLAIN_FILL, stroke="#59636e", color=colors.LABEL_COLOR)
    chart.assign("entry", cards)
    return chart


def _tallies(graph: nx.MultiDiGraph) -> tuple[Counter[str], Counter[str],
                                              Counter[tuple[str, str]], dict[str, str]]:
    """Entries per series, per category, per (series, category); category colours."""
    series: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    color: dict[str, str] = {}
    succ, nodes = graph._adj, graph._node  # the graph's own dicts: its views cost more
    for node in sorted(n for n, data in nodes.items() if data["kind"] == "entry"):
        in_series = sorted(o for o, keys in succ[node].items() if "in-series" in keys)
        used: set[str] = set()
        for idea, keys in succ[node].items():
            if "has-idea" in keys:
                used.update(c for c, k in succ[idea].items() if "about" in k)
        series.update(in_series)
        categories.update(used)
        pairs.update((s, c) for s in in_series for c in used)
        for c in used:
            color.setdefault(c, nodes[c].get("color", ""))
    return series, categories, pairs, color


def _top(counts: Counter[str], limit: int) -> list[str]:
    return [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def _aggregate(graph: nx.MultiDiGraph, url_of: UrlOf, settings: SiteSettings) -> Flowchart:
    def entries(number: int) -> str:
        return escape(settings.count("entry_count", number))
    chart = Flowchart("LR", _init())
    series_count, category_count, pairs, color = _tallies(graph)
    label = {n: graph.nodes[n]["label"] for n in (*series_count, *category_count)}
    series = _top(series_count, MAX_SERIES)
    categories = _top(category_count, MAX_CATEGORIES)
    ids = {n: f"s{i}" for i, n in enumerate(series, start=1)}
    in_series = set(series)
    ids.update({n: f"c{i}" for i, n in enumerate(categories, start=1)})
    for node in series:
        chart.node(ids[node], f"{_lines(label[node], HUB_CHARS, bold=True)}<br>"
                              f"{entries(series_count[node])}",
                   "stadium")
        _click(chart, ids[node], url_of("series", label[node]))
    for node in categories:
        chart.node(ids[node], f"{_lines(label[node], HUB_CHARS, bold=True)}<br>"
                              f"{entries(category_count[node])}",
                   "round")
        _click(chart, ids[node], url_of("category", label[node]))
    edges: dict[tuple[str, str], int] = {}
    wanted = set(categories)
    by_series: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (s, c), w in sorted(pairs.items()):
        if c in wanted:
            by_series[s].append((c, w))
    for s in series:
        # The categories that set the series apart: highest share of the category's entries.
        distinct = sorted(by_series[s], key=lambda cw: (-cw[1] / category_count[cw[0]],
                                                         -cw[1], cw[0]))
        for c, w in distinct[:PER_SERIES]:
            edges[(s, c)] = w
    for c in categories:
        if not any(c == c2 for _, c2 in edges):
            best = sorted((-w, s) for (s, c2), w in pairs.items() if c2 == c and s in in_series)
            if best:
                edges[(best[0][1], c)] = -best[0][0]
    chosen = sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_EDGES]
    heaviest = max((w for _, w in chosen), default=1)
    widths: dict[str, list[str]] = defaultdict(list)
    for (s, c), w in sorted(chosen, key=lambda kv: (series.index(kv[0][0]),
                                                    categories.index(kv[0][1]))):
        widths[THICKNESS[min(2, 3 * w // (heaviest + 1))]].append(str(chart.edges))
        chart.edge(ids[s], ids[c], "---")
    if not series:
        for row in range(0, len(categories), 3):
            for left, right in itertools.pairwise(categories[row : row + 3]):
                chart.edge(ids[left], ids[right], "~~~")
    for width in THICKNESS:
        if widths[width]:
            chart.lines.append(f"linkStyle {','.join(widths[width])} stroke-width:{width}")
    chart.class_def("series", fill=SERIES_FILL, stroke="#444444", stroke_width="2px",
                    color=colors.LABEL_COLOR)
    chart.assign("series", [ids[s] for s in series])
    for index, node in enumerate(categories):
        fill = color.get(node, "")
        fill = fill if _COLOR_RE.fullmatch(fill) else PLAIN_FILL
        chart.class_def(f"cat{index}", fill=fill, stroke=colors.shade(fill, 0.45),
                        color=colors.LABEL_COLOR)
        chart.assign(f"cat{index}", [ids[node]])
    return chart


def overview_graph(entries: Sequence[VaultEntry], graph: nx.MultiDiGraph, *,
                   url_of: UrlOf, small: int = SMALL,
                   settings: SiteSettings | None = None) -> Flowchart:
    """The overview of the vault (see the module docstring); `graph` is `knowledge_graph`'s.

    `chart.source()` is the Mermaid text; pass it through `mermaid.diagram` for a page.
    Node ids are generated, labels escaped; nodes whose href `url_of` gives with characters
    Mermaid cannot take (see `Flowchart.click`) are drawn without a link. The words (entry
    counts) are those of `settings` (English by default).
    """
    if len(entries) <= small:
        return _small(sorted(entries, key=lambda e: e.uri), url_of)
    return _aggregate(graph, url_of, settings or SiteSettings())
