"""Pages of existing Knowledge Vaults, in their text form or as Markdown, read into entries.

The text form (what a browser copies from a vault page) is, line by line: a header
(`Knowledge Vault 1 - Lex 100+ / 116 (03/07/2025)`), `Speakers : Title`, an image placeholder,
the source (`Link to Lex Fridman InterviewLex Fridman Podcast #459 - 03/07/2025`), `Concept
Graph using …:`, the Mermaid graph on one line, `Resume:` and its paragraphs, `30 Key Ideas:`
and items `N.- text`, then the credits. The Markdown variant has headings instead of the
`Resume:`/`Key Ideas:` lines, a fenced `mermaid` block and `N.` lists.

The graph is where categories (classDef colour, category node label), each idea's category
and its short label come from. Hand-made graphs disagree with themselves and with the list;
every disagreement is a `Finding` that names the node, edge or idea, and the importer takes the
most specific evidence (the idea's dotted edge to its category, then its class, then the
category's edge to it). Nothing written is dropped: what has no field goes into `body`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from mkdocs_vault.importing import mermaid

_HEADER_RE = re.compile(
    r"^(?P<vault>Knowledge\s+Vault(?:\s+\d+)?)\s*[-–—]\s*(?P<series>.+?)\s*/\s*"
    r"(?P<number>\d+)\s*(?:\((?P<date>[^)]*)\))?\s*$", re.IGNORECASE)
_GRAPH_BY_RE = re.compile(r"^Concept\s+Graph\b.*:?\s*$", re.IGNORECASE)
_RESUME_RE = re.compile(r"^(?:#{1,6}\s*)?(?:Resume|Résumé|Summary)\s*:?\s*#*\s*$", re.IGNORECASE)
_IDEAS_RE = re.compile(r"^(?:#{1,6}\s*)?(?:(?P<count>\d+)\s+)?Key\s+Ideas\s*:?\s*#*\s*$",
                       re.IGNORECASE)
_ITEM_RE = re.compile(r"^\s{0,3}(?P<number>\d+)\s*[.)]-?\s+(?P<text>\S.*)$")
_FENCE_RE = re.compile(r"^\s{0,3}(?P<mark>`{3,}|~{3,})\s*(?P<info>[\w-]*)")
_GRAPH_LINE_RE = re.compile(r"^\s*(?:graph|flowchart)\s+(?:LR|RL|TB|TD|BT)\b")
_PLACEHOLDER_RE = re.compile(r"^<\s+[^<>]*\s+>$")
_IMAGE_RE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)$")
_MD_LINK_RE = re.compile(r"^\[(?P<who>[^\]]*)\]\((?P<url>[^)\s]+)\)\s*(?P<rest>.*)$")
_LINK_TO_RE = re.compile(
    r"^Link to\s+(?P<who>.+?(?:Interview|Podcast|Talk|Lecture|Video))(?P<rest>.*)$",
    re.IGNORECASE)
_SOURCE_DATE_RE = re.compile(r"^(?P<title>.*?)\s+[-–]\s+(?P<date>\d[\d/.-]*\d)$")
_HOST_RE = re.compile(r"^(?:Link to\s+)?(?P<host>.+?)\s+(?:Interview|Podcast|Talk|Lecture|Video)$",
                      re.IGNORECASE)
_TRAILING_NUMBER_RE = re.compile(r"^(?P<label>.*?)\s+(?P<number>\d+)$")
_FIGURE_RE = re.compile(
    r"(?P<figure>(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?!\d)|\d+(?:\.\d+)?)"
    r"(?:\s?(?:×|%|bn\b)|[kKMB×x](?![a-z]))?")
_HTML_RE = re.compile(r"<(?=[A-Za-z/!?])")
_GLUED_BY_RE = re.compile(r"\bby(?=[A-Z])")
_GLUED_BAR_RE = re.compile(r"(?<=\S)\|")
_TITLE_COMMA_RE = re.compile(r"(?<=\w)- (?=\w)")


@dataclass(frozen=True)
class Finding:
    """Something the source says inconsistently (a warning) or that the importer did (a note).

    `line` and `column` are 1-based positions in the source file, when known.
    """

    message: str
    line: int | None = None
    column: int | None = None
    severity: str = "warning"

    def format(self, path: str) -> str:
        where = path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class Imported:
    """An entry as read from an old page: the `vault:` mapping, the page title, the body."""

    vault: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    body: list[str] = field(default_factory=list)
    """Paragraphs (Markdown) that have no field, in source order."""
    comments: list[str] = field(default_factory=list)
    """Lines kept as YAML comments in the front matter (provenance; not shown)."""
    findings: list[Finding] = field(default_factory=list)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "warning"]


def looks_importable(text: str) -> bool:
    """Whether `text` is a vault page in the seed's form (text or Markdown)."""
    lines = text.splitlines()
    return any(_IDEAS_RE.match(line.strip()) for line in lines) and any(
        _ITEM_RE.match(line) for line in lines)


def parse_page(text: str, *, allow_html: bool = False) -> Imported:
    """Read a page in the seed's text form or its Markdown variant (see the module docstring).

    Arguments:
        text: the whole file.
        allow_html: keep raw HTML in Markdown fields as it is; by default `<` before a tag is
            written `&lt;`, so imported text cannot add markup to the site.
    """
    return _Reader(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"),
                   allow_html).read()


class _Reader:
    def __init__(self, text: str, allow_html: bool) -> None:
        self.lines = text.split("\n")
        self.allow_html = allow_html
        self.out = Imported()
        self.graph: tuple[int, int, str] | None = None
        """(line index, column offset, text) of the Mermaid graph."""
        self.graph_fenced = False
        self.ideas_line: int | None = None

    # ---- findings -----------------------------------------------------------------------

    def warn(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.out.findings.append(Finding(message, line, column))

    def note(self, message: str, line: int | None = None) -> None:
        self.out.findings.append(Finding(message, line, severity="note"))

    def markdown(self, value: str) -> str:
        """Imported text for a Markdown field: raw HTML escaped unless allowed."""
        return value if self.allow_html else _HTML_RE.sub("&lt;", value)

    # ---- sections -----------------------------------------------------------------------

    def read(self) -> Imported:
        before, resume, ideas = self._sections()
        self._preamble(before)
        if resume is not None:
            paragraphs = [self.markdown(p) for p, _ in _paragraphs(resume)]
            if paragraphs:
                self.out.vault["resume"] = "\n\n".join(paragraphs)
            else:
                self.warn("the résumé heading has no text under it", resume[0][0] if resume
                          else None)
        else:
            self.warn("no résumé (`Resume:` line or heading) was found")
        numbered = self._ideas(ideas) if ideas is not None else {}
        if not numbered:
            self.warn("no key ideas (`N Key Ideas:` and items `1.- text`) were found")
        chart = self._chart()
        self._assign(numbered, chart)
        return self.out

    def _sections(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]] | None,
                                 tuple[int | None, list[tuple[int, str]]] | None]:
        """Lines before the résumé, of the résumé, and of the key ideas (with the count
        the heading announces), each as (1-based line, text); the graph is taken out."""
        before: list[tuple[int, str]] = []
        resume: list[tuple[int, str]] | None = None
        ideas: list[tuple[int, str]] | None = None
        count: int | None = None
        current = before
        fence: tuple[str, str, int, list[str]] | None = None
        for index, line in enumerate(self.lines):
            number = index + 1
            if fence is not None:
                mark, info, start, held = fence
                if line.strip().startswith(mark[0] * len(mark)) and not line.strip().strip(
                        mark[0]):
                    fence = None
                    if info == "mermaid" and self.graph is None:
                        self.graph = (start, 0, "\n".join(held))
                        self.graph_fenced = True
                    else:
                        current.extend((start - 1 + i, t) for i, t in
                                       enumerate([f"{mark}{info}", *held, mark]))
                else:
                    held.append(line)
                continue
            opening = _FENCE_RE.match(line)
            if opening:
                fence = (opening.group("mark"), opening.group("info"), number + 1, [])
                continue
            stripped = line.strip()
            if self.graph is None and _GRAPH_LINE_RE.match(line):
                self.graph = (number, len(line) - len(line.lstrip()), stripped)
                continue
            if resume is None and ideas is None and _RESUME_RE.match(stripped):
                resume = current = []
                continue
            heading = _IDEAS_RE.match(stripped)
            if heading and ideas is None:
                ideas = current = []
                count = int(heading.group("count")) if heading.group("count") else None
                self.ideas_line = number
                continue
            current.append((number, line))
        if fence is not None:
            mark, info, start, held = fence
            self.warn(f"the ``` fence opened on line {start - 1} is never closed", start - 1)
            current.extend((start - 1 + i, t) for i, t in enumerate([f"{mark}{info}", *held]))
        return before, resume, (count, ideas) if ideas is not None else None

    def _preamble(self, lines: list[tuple[int, str]]) -> None:
        seen_title = False
        for number, raw in lines:
            line = raw.strip()
            if not line:
                continue
            bare = re.sub(r"^#{1,6}\s+", "", line).strip()
            header = _HEADER_RE.match(bare)
            if header and "series" not in self.out.vault:
                self._header(header, number, line)
                continue
            if _GRAPH_BY_RE.match(bare):
                self.out.body.append(self.markdown(bare.rstrip(":").strip() + "."))
                self.note(f"'{bare}' is kept in the page body", number)
                continue
            if _PLACEHOLDER_RE.match(bare):
                self.out.comments.append(f"the source had an image placeholder here: {bare}")
                self.note(f"'{bare}' is an image the text form does not contain; add "
                          f"`image:` by hand", number)
                continue
            image = _IMAGE_RE.match(bare)
            if image and "image" not in self.out.vault:
                self.out.vault["image"] = {"src": image.group("src"), "alt": image.group("alt")}
                continue
            if (bare.startswith(("Link to", "[")) and "source" not in self.out.vault
                    and self._source(bare, number)):
                continue
            if not seen_title:
                seen_title = True
                self._title(bare, number)
                continue
            self.out.body.append(self.markdown(bare))
            self.warn(f"line {number} is not part of the entry's form ('{_short(bare)}'); it "
                      f"is kept in the page body", number)

    def _header(self, match: re.Match[str], number: int, line: str) -> None:
        self.out.comments.append(f"header: {line}")
        self.out.vault["series"] = match.group("series")
        self.out.vault["number"] = int(match.group("number"))
        if match.group("date"):
            date = _date(match.group("date"))
            if date is None:
                self.warn(f"the header's date '{match.group('date')}' is not a date "
                          f"(MM/DD/YYYY or YYYY-MM-DD); it is left out", number)
            else:
                self.out.vault["date"] = date

    def _title(self, line: str, number: int) -> None:
        speakers, sep, title = line.partition(" : ")
        if not sep:
            speakers, sep, title = line.partition(": ")
        if not sep or not _looks_like_names(speakers):
            speakers, title = "", line
        title = title.strip()
        fixed = _TITLE_COMMA_RE.sub(", ", title)
        if fixed != title:
            self.note(f"the title's '- ' separators were read as commas: '{fixed}'", number)
        self.out.title = fixed
        names = [n.strip() for n in re.split(r"\s*(?:&|,|\band\b)\s*", speakers) if n.strip()]
        if names:
            self.out.vault["speakers"] = names

    def _source(self, line: str, number: int) -> bool:
        match = _MD_LINK_RE.match(line) or _LINK_TO_RE.match(line)
        if not match:
            return False
        who = match.group("who").strip()
        rest = match.group("rest").strip()
        dated = _SOURCE_DATE_RE.match(rest)
        title = dated.group("title").strip() if dated else rest
        host = _HOST_RE.match(who)
        if host:
            self.out.vault["host"] = host.group("host").strip()
        source: dict[str, str] = {"title": title or who}
        if "url" in match.groupdict() and match.group("url"):
            source["url"] = match.group("url")
        self.out.vault["source"] = source
        if dated:
            date = _date(dated.group("date"))
            if date is not None and "date" in self.out.vault and date != self.out.vault["date"]:
                self.warn(f"the source's date {date.isoformat()} differs from the header's "
                          f"{self.out.vault['date'].isoformat()}", number)
            elif date is not None and "date" not in self.out.vault:
                self.out.vault["date"] = date
        return True

    def _ideas(self, section: tuple[int | None, list[tuple[int, str]]]
               ) -> dict[int, tuple[int, str]]:
        count, lines = section
        numbered: dict[int, tuple[int, str]] = {}
        order: list[int] = []
        paragraphs = _paragraphs(lines)
        trailing: list[tuple[str, int]] = []
        last_item: int | None = None
        for paragraph, line in paragraphs:
            for piece_line, piece in _split_items(paragraph, line):
                item = _ITEM_RE.match(piece)
                if item:
                    n = int(item.group("number"))
                    text = " ".join(item.group("text").split())
                    if n in numbered:
                        self.warn(f"idea {n} is numbered twice in the list (lines "
                                  f"{numbered[n][0]} and {piece_line}); the second one is kept "
                                  f"in the page body", piece_line)
                        self.out.body.append(self.markdown(f"{n}\\. {text}"))
                        continue
                    numbered[n] = (piece_line, text)
                    order.append(n)
                    last_item = n
                    trailing = []
                else:
                    trailing.append((piece, piece_line))
        if trailing and last_item is not None:
            *others, (credits, credits_line) = trailing
            for text, line in others:
                self.out.body.append(self.markdown(text))
                self.warn(f"line {line} after the key ideas is not an idea ('{_short(text)}'); "
                          f"it is kept in the page body", line)
            self.out.vault["credits"] = self.markdown(_unglue(credits))
            del credits_line
        expected = list(range(1, len(order) + 1))
        if order and order != expected:
            self.warn(f"the key ideas are numbered {_ranges(order)}, not 1 to {len(order)}; they "
                      f"are renumbered in list order", self.ideas_line)
        if count is not None and count != len(order):
            self.warn(f"the heading announces {count} key ideas but the list has {len(order)}",
                      self.ideas_line)
        return {i + 1: numbered[n] for i, n in enumerate(order)} if order != expected else \
            numbered

    # ---- the graph ----------------------------------------------------------------------

    def _chart(self) -> mermaid.Flowchart | None:
        if self.graph is None:
            self.warn("no Mermaid graph was found: ideas get no categories and derived labels")
            return None
        return mermaid.parse(self.graph[2])

    def _where(self, offset: int) -> tuple[int, int]:
        """File line and column of an offset into the graph text."""
        assert self.graph is not None
        line, column, text = self.graph
        before = text[:offset]
        breaks = before.count("\n")
        if breaks:
            return line + breaks, offset - before.rfind("\n")
        return line, column + offset + 1

    def _assign(self, numbered: dict[int, tuple[int, str]],
                chart: mermaid.Flowchart | None) -> None:
        ideas: dict[int, dict[str, Any]] = {
            n: {"text": self.markdown(text)} for n, (_, text) in sorted(numbered.items())}
        self.out.vault["ideas"] = list(ideas.values())
        if chart is None:
            return
        for at, piece in chart.unread:
            line, column = self._where(at)
            self.warn(f"'{_short(piece)}' in the graph is not Mermaid flowchart syntax; it is "
                      f"kept in the page body", line, column)
            self.out.body.append(f"`{piece}`")
        _Graph(self, chart, numbered, ideas).assign()


class _Graph:
    """Categories, idea categories and labels from the graph, with the findings."""

    def __init__(self, reader: _Reader, chart: mermaid.Flowchart,
                 numbered: dict[int, tuple[int, str]], ideas: dict[int, dict[str, Any]]) -> None:
        self.reader = reader
        self.chart = chart
        self.numbered = numbered
        self.ideas = ideas
        self.idea_of: dict[str, int] = {}
        """Node id -> idea number."""

    def at(self, offset: int) -> tuple[int, int]:
        return self.reader._where(offset)

    def warn(self, message: str, offset: int) -> None:
        self.reader.warn(message, *self.at(offset))

    def assign(self) -> None:
        chart = self.chart
        center = self._center()
        self._idea_nodes(center)
        categories = self._categories(center)
        keys = self._category_keys(categories)
        declared: dict[str, dict[str, str]] = {}
        for name, style in chart.class_defs.items():
            spec = {"label": name}
            color = mermaid.fill_color(style)
            if color:
                spec["color"] = color
            declared[name] = spec
        for node_id, key in keys.items():
            label = chart.nodes[node_id].label
            spec = declared.setdefault(key, {"label": label or key})
            if label:
                spec["label"] = label
        if center is not None:
            label = chart.nodes[center].label
            if label:
                self.reader.out.vault["center"] = label
        if declared:
            vault = self.reader.out.vault
            ideas = vault.pop("ideas")
            vault["categories"] = declared
            vault["ideas"] = ideas
        class_names = set(chart.class_defs)
        for node_id, number in self.idea_of.items():
            self._idea(node_id, number, categories, keys, class_names, center)

    def _center(self) -> str | None:
        """The node most edges leave from that no edge enters."""
        entered = {e.target for e in self.chart.edges}
        out: dict[str, int] = {}
        for edge in self.chart.edges:
            if edge.source not in entered:
                out[edge.source] = out.get(edge.source, 0) + 1
        return max(out, key=lambda k: out[k]) if out else None

    def _idea_nodes(self, center: str | None) -> None:
        for node in self.chart.nodes.values():
            if node.id == center or node.label is None:
                continue
            match = _TRAILING_NUMBER_RE.match(node.label)
            if not match:
                continue
            number = int(match.group("number"))
            label = match.group("label").strip()
            if number not in self.numbered:
                self.warn(f"node {node.id} is labelled as idea {number}, which the list does "
                          f"not have; its label '{label}' is kept in the page body", node.at)
                self.reader.out.body.append(self.reader.markdown(
                    f"Graph node without an idea: {label}"))
                continue
            other = next((k for k, v in self.idea_of.items() if v == number), None)
            if other is not None:
                self.warn(f"nodes {other} and {node.id} are both labelled as idea {number}; "
                          f"{other} is used", node.at)
                continue
            self.idea_of[node.id] = number
            self.ideas[number]["label"] = label
            self._numbers(node, number, label)
        for number, (line, _) in sorted(self.numbered.items()):
            if number not in self.idea_of.values():
                self.reader.warn(f"idea {number} has no node in the graph; it gets no category "
                                 f"and a label derived from its text", line)

    def _numbers(self, node: mermaid.Node, number: int, label: str) -> None:
        """A label quoting a figure that the idea's text does not say."""
        text = self.numbered[number][1]
        said = [(m.group(), _number_value(m.group("figure"))) for m in _FIGURE_RE.finditer(text)]
        for match in _FIGURE_RE.finditer(label):
            value = _number_value(match.group("figure"))
            if any(value == v for _, v in said):
                continue
            digits = re.sub(r"\D", "", match.group("figure"))
            close = [s for s, _ in said if digits in re.sub(r"\D", "", s)] or [s for s, _ in said]
            shown = ", ".join(f"'{s}'" for s in close) if close else "no figure"
            self.warn(f"idea {number}: the label of node {node.id} says '{match.group()}' while "
                      f"the idea's text says {shown}; the label is kept as written, check it",
                      node.at)

    def _categories(self, center: str | None) -> set[str]:
        """Nodes that ideas are linked with that are neither ideas nor the centre."""
        found = set()
        for edge in self.chart.edges:
            for this, other in ((edge.source, edge.target), (edge.target, edge.source)):
                if this in self.idea_of and other not in self.idea_of and other != center:
                    found.add(other)
        return found

    def _category_keys(self, categories: set[str]) -> dict[str, str]:
        """Category node -> classDef name: by label, else by the classes of its ideas."""
        names = list(self.chart.class_defs)
        keys: dict[str, str] = {}
        for node_id in sorted(categories, key=lambda i: self.chart.nodes[i].at):
            node = self.chart.nodes[node_id]
            wanted = _key(node.label or node_id)
            by_label = next((n for n in names if _key(n) == wanted), None)
            if by_label is None:
                votes: dict[str, int] = {}
                for idea_id in self._members(node_id):
                    for cls in self.chart.nodes[idea_id].classes:
                        votes[cls] = votes.get(cls, 0) + 1
                by_label = max(votes, key=lambda k: votes[k]) if votes else None
                if by_label is None or by_label in keys.values():
                    by_label = _free_key(wanted or node_id.lower(), [*names, *keys.values()])
                    self.warn(f"category node {node_id} [{node.label}] matches no classDef; it "
                              f"becomes category '{by_label}' with a palette colour", node.at)
            if by_label in keys.values():
                other = next(k for k, v in keys.items() if v == by_label)
                self.warn(f"category nodes {other} and {node_id} both stand for '{by_label}'; "
                          f"their ideas are merged", node.at)
            keys[node_id] = by_label
        used = set(keys.values())
        for name, at in self.chart.class_def_at.items():
            if name not in used and not any(name in self.chart.nodes[i].classes
                                            for i in self.idea_of):
                self.warn(f"classDef {name} is used by no node; it is kept as a category",
                          at)
        return keys

    def _members(self, category: str) -> list[str]:
        return [e.source if e.target == category else e.target for e in self.chart.edges
                if category in (e.source, e.target)
                and (e.target if e.source == category else e.source) in self.idea_of]

    def _idea(self, node_id: str, number: int, categories: set[str], keys: dict[str, str],
              class_names: set[str], center: str | None) -> None:
        chart = self.chart
        node = chart.nodes[node_id]
        dotted = [e for e in chart.edges if e.source == node_id and e.target in categories
                  and e.dotted]
        solid = [e for e in chart.edges if e.target == node_id and e.source in categories
                 and not e.dotted]
        classes = [c for c in node.classes if c in class_names]
        for unknown in (c for c in node.classes if c not in class_names):
            self.warn(f"node {node_id} (idea {number}) has class {unknown}, which no classDef "
                      f"declares", node.at)
        category: str | None = None
        if dotted:
            category = keys[dotted[0].target]
            for extra in dotted[1:]:
                self.warn(f"node {node_id} (idea {number}) has dotted edges to several "
                          f"categories; {dotted[0].target} is used, not {extra.target}",
                          extra.at)
        elif classes:
            category = classes[0]
        elif solid:
            category = keys[solid[0].source]
        if len(set(classes)) > 1:
            self.warn(f"node {node_id} (idea {number}) has several classes "
                      f"({', '.join(classes)}); '{category}' is used", node.at)
        if not classes and category is not None and class_names:
            self.warn(f"node {node_id} (idea {number}) carries no class; its category "
                      f"'{category}' comes from its edges", node.at)
        elif classes and category is not None and classes[0] != category:
            self.warn(f"node {node_id} (idea {number}) has class {classes[0]} but its edges "
                      f"put it in '{category}'; '{category}' is used", node.at)
        for edge in dotted:
            if not any(s.source == edge.target for s in solid):
                self.warn(f"the dotted edge {node_id} -.-> {edge.target} (idea {number} in "
                          f"'{keys[edge.target]}') has no matching edge {edge.target} --> "
                          f"{node_id}", edge.at)
        uses_dotted = any(e.dotted for e in chart.edges)
        if uses_dotted and not dotted and category is not None:
            self.warn(f"node {node_id} (idea {number}) has no dotted edge to its category "
                      f"'{category}'", node.at)
        for edge in solid:
            if dotted and keys[edge.source] != category:
                self.reader.note(
                    f"edge {edge.source} --> {node_id} also links idea {number} with "
                    f"'{keys[edge.source]}'; an idea has one category, it stays in "
                    f"'{category}'", self.at(edge.at)[0])
        if category is None and center is not None:
            self.warn(f"node {node_id} (idea {number}) is linked to no category", node.at)
        if category is not None:
            self.ideas[number]["category"] = category


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[str, int]]:
    """Blank-line separated paragraphs, each joined into one line, with its first line."""
    out: list[tuple[str, int]] = []
    held: list[str] = []
    start = 0
    for number, line in [*lines, (0, "")]:
        if line.strip():
            if not held:
                start = number
            held.append(line.strip())
        elif held:
            out.append(("\n".join(held), start))
            held = []
    return out


def _split_items(paragraph: str, line: int) -> list[tuple[int, str]]:
    """A paragraph of the key ideas as its items (Markdown lists have no blank lines)."""
    pieces: list[tuple[int, str]] = []
    for offset, part in enumerate(paragraph.split("\n")):
        if _ITEM_RE.match(part) or not pieces:
            pieces.append((line + offset, part))
        else:  # a continuation line
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + " " + part)
    return pieces


def _date(value: str) -> dt.date | None:
    value = value.strip()
    for pattern in ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _looks_like_names(text: str) -> bool:
    parts = [p for p in re.split(r"\s*(?:&|,|\band\b)\s*", text) if p]
    return bool(parts) and all(
        1 <= len(p.split()) <= 4 and all(w[:1].isupper() for w in p.split()) for p in parts)


def _unglue(text: str) -> str:
    """Spaces the text form lost where links were (`Interview byLex Fridman| Custom`)."""
    return " ".join(_GLUED_BAR_RE.sub(" |", _GLUED_BY_RE.sub("by ", text)).split())


def _number_value(figure: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f,]", "", figure))


def _key(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


def _free_key(wanted: str, taken: list[str]) -> str:
    key, n = wanted or "category", 2
    while key in taken:
        key, n = f"{wanted}{n}", n + 1
    return key


def _short(text: str, size: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def _ranges(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:12])) + (", …" if len(numbers) > 12 else "")
