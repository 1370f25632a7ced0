"""An entry as a page: header, concept graph, résumé, numbered key ideas, credits, body.

The page's headings are Markdown, so MkDocs' table of contents, permalinks and search see them.
Everything else is HTML that the core writes itself: the authors' text in it is escaped (plain
fields) or rendered and filtered by `fields.MarkdownFields` (Markdown fields), and it reaches the
page as placeholders inside raw HTML blocks (`fragments.py`), so the site's Markdown extensions
and template plugins never read a word an author wrote. The list items' `idea-N` ids are in the
raw HTML MkDocs sees, so it records them for anchor validation.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from mkdocs_vault.graph import colors
from mkdocs_vault.graph.labels import collapse_spaces
from mkdocs_vault.graph.layouts import link_pairs, reader_graphs
from mkdocs_vault.graph.mermaid import SEARCH_EXCLUDE, Flowchart, diagram
from mkdocs_vault.loading.problems import Problem
from mkdocs_vault.model import SECTIONS, Entry, Idea
from mkdocs_vault.pickling import compact
from mkdocs_vault.render.extras import EntryExtras, Link
from mkdocs_vault.render.fragments import Fragments, new_nonce
from mkdocs_vault.render.markdown import MarkdownFields
from mkdocs_vault.render.options import DEFAULT_STRINGS, PROBLEMS_TITLE_EN, RenderOptions
from mkdocs_vault.render.sanitize import encode_braces

# Any indentation: a marker may sit inside content tabs or a details block (indented by 4).
MARKER_RE = re.compile(r"^[ \t]*<!--\s*vault:\s*([\w-]*)\s*-->[ \t]*$")
_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$")
# Plain text in Markdown (headings) is written with its ASCII punctuation as character
# references: then no Markdown syntax and no extension can read anything into it.
_PUNCTUATION_RE = re.compile("[" + re.escape("!\"#$%&'()*+-./:<=>@[\\]^_`{|}~") + "]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_YEAR_RE = re.compile(r"(?<!%)((?:%%)*)%Y")
IDEA_ANCHOR = "idea-{number}"


def plain(text: str) -> str:
    """Plain text (a heading) as inert Markdown on one line, shown exactly as written."""
    text = collapse_spaces(_CONTROL_RE.sub("", text))
    return _PUNCTUATION_RE.sub(lambda m: f"&#{ord(m.group())};", text)


def text(value: str) -> str:
    """Plain text as HTML on one line: escaped, without control characters, braces encoded."""
    return encode_braces(html.escape(collapse_spaces(_CONTROL_RE.sub("", value)), quote=True))


def attr(value: str) -> str:
    """Text for an HTML attribute value."""
    return encode_braces(html.escape(value, quote=True))


def format_date(date: dt.date, date_format: str) -> str:
    """`date` in `date_format`; years before 1000 keep four digits (`%Y` gives `1` for 0001)."""
    return date.strftime(_YEAR_RE.sub(lambda m: m.group(1) + f"{date.year:04d}", date_format))


@compact
@dataclass(frozen=True, slots=True)
class Rendered:
    """A page as MkDocs gets it (`markdown`, with placeholders), the HTML that fills them, and
    the problems noticed while rendering."""

    markdown: str
    fragments: Fragments
    problems: tuple[Problem, ...] = ()

    def inline(self) -> str:
        """The page as self-contained Markdown, for hosts that run no plugin after rendering."""
        return self.fragments.fill(self.markdown)[0]


@dataclass
class _Page:
    """What the section renderers share while one page is rendered."""

    entry: Entry
    options: RenderOptions
    fields: MarkdownFields
    fragments: Fragments
    extras: EntryExtras = field(default_factory=EntryExtras)
    href: Callable[[str], str] | None = None
    """URL of a page of the site (by source uri) relative to this one."""
    problems: list[Problem] = field(default_factory=list)

    def link(self, link: Link) -> str:
        """A link to another page of the vault, as HTML."""
        target = self.href(link.uri) if self.href else link.uri
        if link.anchor:
            target += "#" + link.anchor
        note = f' title="{attr(link.note)}"' if link.note else ""
        return f'<a href="{attr(target)}"{note}>{text(link.title)}</a>'

    def block(self, opening: str, html_text: str) -> str:
        """A raw HTML block that MkDocs passes through: our own opening tag, a placeholder."""
        tag = opening[1:].split(" ", 1)[0].rstrip(">")
        return f"{opening}{self.fragments.token(html_text)}</{tag}>\n\n"

    def markdown(self, value: str, where: str, *, inline: bool = False) -> str:
        """An author's Markdown field as safe HTML; broken relative links are reported."""
        out = self.fields.html(value, f"vault-{where.replace('[', '').replace(']', '')}-",
                               inline=inline)
        for url in self.fields.broken:
            self.problems.append(Problem(
                f"links to '{url}', which is not a file of the site", field=where,
                severity="warning"))
        return out

    def url(self, value: str, where: str) -> str:
        """A URL of the header, relative ones resolved like links in Markdown."""
        resolve = self.fields.resolve
        resolved = resolve(value) if resolve else value
        if resolved is None:
            self.problems.append(Problem(
                f"links to '{value}', which is not a file of the site", field=where,
                severity="warning"))
            return value
        return resolved


def _heading(options: RenderOptions, key: str, **values: object) -> str:
    template = options.headings.get(key, "")
    if not template:
        return ""
    return "#" * options.heading_level + " " + plain(template.format(**values)) + "\n\n"


def header(page: _Page) -> str:
    """Series, number, date; speakers and host; source; image."""
    entry, s, extras = page.entry, page.options.strings, page.extras
    meta = []
    if extras.vault is not None:
        meta.append(f'<span class="vault-name">{page.link(extras.vault)}</span>')
    if entry.series:
        series = page.link(extras.series) if extras.series else text(entry.series)
        meta.append(f'<span class="vault-series">{series}</span>')
    if entry.number is not None:
        number = s["number"].format(number=entry.number_text or entry.number)
        total = entry.total if entry.total is not None else extras.series_total
        if total is not None:
            number += " " + s["of"].format(total=total)
        meta.append(f'<span class="vault-number">{text(number)}</span>')
    if entry.date:
        shown = format_date(entry.date, page.options.date_format)
        meta.append(f'<time class="vault-date" datetime="{entry.date.isoformat()}">'
                    f"{text(shown)}</time>")
    rows = []
    if meta:
        rows.append('<span class="vault-meta">' + " · ".join(meta) + "</span>")
    people = []
    if entry.speakers:
        people.append(f'<span class="vault-speakers">{_names(page, entry.speakers)}</span>')
    if entry.host:
        host = text(s["host"].format(host=entry.host))
        if entry.host in extras.people:
            host = host.replace(text(entry.host), _person(page, entry.host), 1)
        people.append(f'<span class="vault-host">{host}</span>')
    if people:
        rows.append('<span class="vault-people">' + " · ".join(people) + "</span>")
    if entry.source:
        title = text(entry.source.title)
        link = title
        if entry.source.url:
            link = f'<a href="{attr(page.url(entry.source.url, "source.url"))}">{title}</a>'
        rows.append(f'<span class="vault-source">{text(s["source"].format())} {link}</span>')
    out = page.block('<div class="vault-header">', "\n".join(rows)) if rows else ""
    if entry.image:
        src = attr(page.url(entry.image.src, "image.src"))
        out += page.block('<p class="vault-image">',
                          f'<img src="{src}" alt="{attr(collapse_spaces(entry.image.alt))}">')
    return out


def _names(page: _Page, names: tuple[str, ...]) -> str:
    shown = [f"<strong>{_person(page, n)}</strong>" for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " &amp; " + shown[-1]


def _person(page: _Page, name: str) -> str:
    """A name, linked to the person's page when the vault has one."""
    uri = page.extras.people.get(name)
    return page.link(Link(name, uri)) if uri else text(name)


def graph(page: _Page, center: str) -> str:
    """The concept graph (several when an entry is very large) and its legend.

    Each part is drawn twice, wide (the entry's layout) and narrow (one card wide, for
    phones); `vault.css` shows one of them by the width of the column (a container query), so
    the labels are never scaled below the size they have on a desktop. Both are drawn by
    Mermaid on load; the hidden one is `display:none`, which is safe because Mermaid measures
    text in a container of its own. The whole is a labelled figure whose text alternative is
    the list of key ideas, with a skip link to it.

    Links between ideas that land in different parts cannot be drawn; each is reported at
    info level (it is not the author's mistake, but it is not silent either).
    """
    entry, options = page.entry, page.options
    layout = entry.layout or options.layout
    pairs = reader_graphs(entry, center, layout, options.graph,
                          lambda n: "#" + IDEA_ANCHOR.format(number=n))
    charts = [wide for wide, _ in pairs]
    if len(charts) > 1:
        page.problems.extend(_undrawn_links(entry, charts))
    # Labels are drawn dark on light fills in both colour schemes (Material would colour
    # them for the scheme, which vanishes on pastel fills in dark mode).
    colour = f'style="--md-mermaid-label-fg-color:{colors.LABEL_COLOR}"'
    wide_html, narrow_html = [], []
    for part, (wide, phone) in enumerate(pairs, start=1):
        caption = ""
        if len(pairs) > 1:
            caption = text(options.strings["graph_part"].format(part=part, parts=len(pairs)))
        if caption:
            wide_html.append(f'<p class="vault-graph-part">{caption}</p>')
            narrow_html.append(f'<p class="vault-graph-part vault-narrow-part">{caption}</p>')
        wide_html.append(f'<div class="vault-graph vault-layout-{layout}" {colour}>'
                         f'{diagram(wide.source())}</div>')
        narrow_html.append(f'<div class="vault-graph-narrow" {colour}>'
                           f'{diagram(phone.source(), "mermaid vault-narrow")}</div>')
    count = len(entry.ideas)
    shown = len({i.category for i in entry.ideas if entry.category(i.category)})
    words = options.strings
    name = (words["graph_name"].format(title=center, count=count, categories=shown) if shown
            else words["graph_name_plain"].format(title=center, count=count))
    if len(pairs) > 1:
        name = words["graph_name_parts"].format(name=name, parts=len(pairs))
    skip = (f'<a class="vault-skip" href="#{IDEA_ANCHOR.format(number=entry.ideas[0].number)}">'
            f'{text(words["skip_graph"].format(count=count))}</a>') if entry.ideas else ""
    body = (skip + f'<div class="vault-wide" {SEARCH_EXCLUDE}>' + "".join(wide_html) + "</div>"
            + f'<div class="vault-phone" {SEARCH_EXCLUDE}>' + "".join(narrow_html) + "</div>")
    out = _heading(options, "graph")
    out += page.block(f'<div class="vault-graphs" role="figure" aria-label="{attr(name)}">',
                      body)
    if options.legend and (entry.categories or link_pairs(entry.ideas)):
        out += page.block('<div class="vault-legend">', legend(entry, layout, words))
    return out


def _undrawn_links(entry: Entry, charts: list[Flowchart]) -> list[Problem]:
    part = {int(node[1:]): index for index, chart in enumerate(charts, start=1)
            for node in chart.nodes if node.startswith("k")}
    found = []
    for idea in entry.ideas:
        for other in idea.links:
            if idea.number < other and part.get(idea.number) != part.get(other):
                found.append(Problem(
                    f"idea {idea.number}'s link to idea {other} is not drawn: they are in "
                    f"different parts of the graph ({part.get(idea.number)} and "
                    f"{part.get(other)}); graph.max_ideas sets how many ideas one part holds",
                    field=f"ideas[{idea.number - 1}].links", severity="info"))
    return found


def _tag(color: str, label: str, extra: str = "") -> str:
    return (f'<span class="vault-tag" style="background:{color};color:{colors.LABEL_COLOR}">'
            f"{text(label)}{extra}</span>")


def legend(entry: Entry, layout: str = "lanes", strings: Mapping[str, str] | None = None) -> str:
    """Key to the graph: one tag per category with its number of ideas, what the lines mean,
    and the links between ideas (not drawn as edges: they would pull cards out of their
    lanes), each idea number a link to its list item. The words are those of `strings`
    (`RenderOptions.strings`; English by default)."""
    words = DEFAULT_STRINGS if strings is None else strings
    tags = []
    for category in entry.categories:
        count = sum(1 for i in entry.ideas if i.category == category.key)
        tags.append(_tag(category.color, category.label,
                         f' <span class="vault-count">{count}</span>'))
    out = f'<p class="vault-tags">{" ".join(tags)}</p>' if tags else ""
    if entry.categories:
        how = words["graph_key_classic" if layout == "classic" else "graph_key_lanes"]
        out += f'<p class="vault-key">{text(how)}</p>'
    pairs = link_pairs(entry.ideas)
    if pairs:
        label = {i.number: i.label for i in entry.ideas}

        def ref(number: int) -> str:
            return (f'<a href="#{IDEA_ANCHOR.format(number=number)}" title="{attr(label[number])}">'
                    f"{number}</a>")
        shown = ", ".join(f"{ref(a)}&#8202;&#8596;&#8202;{ref(b)}" for a, b in pairs)
        out += f'<p class="vault-links">{text(words["linked_ideas"])} {shown}</p>'
    return out


def resume(page: _Page) -> str:
    """The résumé heading and the author's paragraphs."""
    if not page.entry.resume:
        return ""
    body = page.markdown(page.entry.resume.strip(), "resume")
    return _heading(page.options, "resume") + page.block('<div class="vault-resume">', body)


def ideas(page: _Page) -> str:
    """`N Key Ideas` and the ordered list; items carry the ids `idea-1` ... `idea-N`."""
    items = "".join(
        f'<li id="{IDEA_ANCHOR.format(number=idea.number)}">'
        f"{page.fragments.token(_idea(page, idea))}</li>\n"
        for idea in page.entry.ideas
    )
    heading = _heading(page.options, "ideas", count=len(page.entry.ideas))
    return heading + f'<ol class="vault-ideas">\n{items}</ol>\n\n'


def _idea(page: _Page, idea: Idea) -> str:
    out = page.markdown(idea.text, f"ideas[{idea.number - 1}].text", inline=True)
    category = page.entry.category(idea.category)
    if page.options.idea_tags and category is not None:
        out += " " + _tag(category.color, category.label)
    strings = page.options.strings
    for css, key, links in (("vault-see", "see", page.extras.see.get(idea.number)),
                            ("vault-backlinks", "referenced_by",
                             page.extras.referenced_by.get(idea.number))):
        if links:
            shown = ", ".join(page.link(link) for link in links)
            out += f' <span class="{css}">{text(strings[key])} {shown}</span>'
    return out


def related(page: _Page) -> str:
    """Other entries worth reading next, each with why (in its tooltip and after it)."""
    if not page.extras.related:
        return ""
    items = "\n".join(
        f"<li>{page.link(link)}"
        + (f' <span class="vault-reason">{text(link.note)}</span>' if link.note else "")
        + "</li>"
        for link in page.extras.related)
    return (_heading(page.options, "related")
            + page.block('<ul class="vault-related">', items))


def neighbours(page: _Page) -> str:
    """Previous and next entry of the same series (Material's footer follows the nav, which
    large vaults leave)."""
    parts = []
    for css, key, link in (("vault-prev", "previous", page.extras.previous),
                           ("vault-next", "next", page.extras.following)):
        if link is not None:
            parts.append(f'<span class="{css}">{text(page.options.strings[key])} '
                         f"{page.link(link)}</span>")
    return page.block('<nav class="vault-prev-next">', " ".join(parts)) if parts else ""


def credits_line(page: _Page) -> str:
    """The credits, small, under the list."""
    if not page.entry.credits:
        return ""
    line = page.markdown(" ".join(page.entry.credits.split()), "credits", inline=True)
    return page.block('<p class="vault-credits">', line)


_DEFAULT_FIELDS: MarkdownFields | None = None


def default_fields() -> MarkdownFields:
    """Field rendering with MkDocs' default extensions, for hosts that configure none."""
    global _DEFAULT_FIELDS  # noqa: PLW0603 - one Markdown instance, built on first use
    if _DEFAULT_FIELDS is None:
        _DEFAULT_FIELDS = MarkdownFields(["tables", "fenced_code"])
    return _DEFAULT_FIELDS


def render_page(entry: Entry, body: str, options: RenderOptions, *, title: str,
                body_line: int = 1, fields: MarkdownFields | None = None,
                nonce: str | None = None, extras: EntryExtras | None = None,
                href: Callable[[str], str] | None = None) -> Rendered:
    """The whole page: sections in the configured order, or where the body has markers.

    Arguments:
        entry: the validated entry.
        body: the author's Markdown below the front matter.
        options: rendering options.
        title: the page title, the graph's centre when the entry names none.
        body_line: line of the file where `body` starts, for problems with markers.
        fields: renders the authors' Markdown fields (the site's extensions, link resolution).
        nonce: of this build's placeholders (a fresh one if not given).
        extras: what the page shows about the rest of the vault (`vaultwide.py`).
        href: URL of another page of the site, by source uri, relative to this page.
    """
    page = _Page(entry, options, fields or default_fields(), Fragments(nonce or new_nonce()),
                 extras or EntryExtras(), href)
    parts: dict[str, Callable[[], str]] = {
        "header": lambda: header(page),
        "graph": lambda: graph(page, entry.center_label(title)),
        "resume": lambda: resume(page),
        "ideas": lambda: ideas(page),
        "credits": lambda: credits_line(page),
        "related": lambda: related(page),
    }
    lines, placed = _place_markers(body, parts, body_line, page.problems)
    order = list(options.sections if entry.sections is None else entry.sections)
    if "body" not in order:
        order.append("body")  # the author's own text is never dropped
    out = _take_leading_h1(lines)  # a page title written in the body stays on top
    for name in order:
        if name == "body":
            rest = "\n".join(lines).strip("\n")
            out += rest + "\n" if rest else ""
        elif name not in placed:
            out += parts[name]()
    out = out.rstrip("\n") + "\n\n" + neighbours(page)
    return Rendered(out.rstrip("\n") + "\n", page.fragments, tuple(page.problems))


def render_problems(problems: tuple[Problem, ...] | list[Problem], path: str, body: str, *,
                    nonce: str | None = None, title: str = PROBLEMS_TITLE_EN) -> Rendered:
    """What a page with errors shows instead of its entry: the problems box, then the body."""
    fragments = Fragments(nonce or new_nonce())
    box = fragments.token(problems_box(problems, path, title=title))
    return Rendered(f'<div class="admonition failure vault-problems">{box}</div>\n\n{body}',
                    fragments)


_ATX_H1_RE = re.compile(r"^ {0,3}#(?!#)(\s|$)")
_SETEXT_H1_RE = re.compile(r"^ {0,3}=+\s*$")


def _take_leading_h1(lines: list[str]) -> str:
    """Remove a level-1 heading that opens the body from `lines`, and return it."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return ""
    if _ATX_H1_RE.match(lines[first]):
        heading = lines[first]
        del lines[: first + 1]
        return heading + "\n\n"
    if first + 1 < len(lines) and _SETEXT_H1_RE.match(lines[first + 1]):
        heading = "\n".join(lines[first : first + 2])
        del lines[: first + 2]
        return heading + "\n\n"
    return ""


def _place_markers(body: str, parts: dict[str, Callable[[], str]], body_line: int,
                   problems: list[Problem]) -> tuple[list[str], set[str]]:
    """Replace `<!-- vault:NAME -->` lines by their sections; markers inside code fences and
    inside HTML comments (commented out by the author) are left alone."""
    lines = body.split("\n")
    placed: set[str] = set()
    fence = ""
    in_comment = False
    for i, line in enumerate(lines):
        if in_comment:
            in_comment = "-->" not in line
            continue
        opening = _FENCE_RE.match(line)
        if opening:
            mark, info = opening.group(1), opening.group(2)
            if not fence:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence) and not info.strip():
                fence = ""  # only a bare fence of the same kind closes the block
            continue
        match = None if fence else MARKER_RE.match(line)
        if not match:
            if not fence and _opens_comment(line):
                in_comment = True
            continue
        _place(match.group(1), i, lines, parts, placed, body_line, problems)
    return lines, placed


def _opens_comment(line: str) -> bool:
    """Whether an HTML comment starts on this line and does not end on it."""
    start = line.rfind("<!--")
    return start >= 0 and "-->" not in line[start + 4 :]


def _place(name: str, i: int, lines: list[str], parts: dict[str, Callable[[], str]],
           placed: set[str], body_line: int, problems: list[Problem]) -> None:
    render = parts.get(name)
    if render is None:
        known = [s for s in SECTIONS if s != "body"]
        hint = difflib.get_close_matches(name, known, n=1)
        problems.append(Problem(
            f"'<!-- vault:{name} -->' names no section (sections: {', '.join(known)})"
            + (f"; did you mean '{hint[0]}'?" if hint else ""),
            field="marker", line=body_line + i, severity="warning"))
        return
    if name in placed:
        problems.append(Problem(f"the {name} section is already placed by an earlier marker",
                                field="marker", line=body_line + i, severity="warning"))
        return
    placed.add(name)
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    section = render().rstrip("\n").split("\n")
    lines[i] = "\n" + "\n".join(indent + line if line else line for line in section) + "\n"


def problems_box(problems: tuple[Problem, ...] | list[Problem], path: str, *,
                 title: str = PROBLEMS_TITLE_EN) -> str:
    """The inside of the problems box: what is wrong, where, and why (all escaped)."""
    items = "\n".join(
        f"<li><code>{text(p.where(path))}</code> <code>{text(p.field or 'vault')}"
        f"</code> {text(p.message)}</li>"
        for p in problems
    )
    return f'<p class="admonition-title">{text(title)}</p>\n<ul>\n{items}\n</ul>'
