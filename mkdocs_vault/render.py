"""An entry as Markdown: header, concept graph, résumé, numbered key ideas, credits, body.

Everything is Markdown (with a little inline HTML for styling hooks), produced before MkDocs
renders the page, so the table of contents, search, link and anchor checks all see it. Nothing
depends on optional Markdown extensions: the graph is a raw `<pre class="mermaid">` that
Material renders whether or not the superfences Mermaid fence is configured.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from mkdocs_vault import colors
from mkdocs_vault.labels import collapse_spaces
from mkdocs_vault.layouts import concept_graphs
from mkdocs_vault.mermaid import Flowchart, to_html
from mkdocs_vault.model import SECTIONS, Entry
from mkdocs_vault.options import RenderOptions
from mkdocs_vault.problems import Problem
from mkdocs_vault.sanitize import sanitize

MARKER_RE = re.compile(r"^[ \t]{0,3}<!--\s*vault:\s*([\w-]*)\s*-->[ \t]*$")
_FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})(.*)$")
# Plain text is written with its ASCII punctuation as character references (all but , ; ?):
# then no Markdown syntax and no extension (emoji `:x:`, `++keys++`, smartsymbols `(c)`,
# magiclink `www.x.org`, smarty quotes, attr_list and macros `{}`, arithmatex `$`) can read
# anything into it.
_PUNCTUATION_RE = re.compile("[" + re.escape("!\"#$%&'()*+-./:<=>@[\\]^_`{|}~") + "]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Python-Markdown's own code-span pattern (markdown.inlinepatterns.BACKTICK_RE), applied per
# paragraph as Markdown does, so that we agree on what is code.
_BACKTICK_RE = re.compile(r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)(`+)(.+?)(?<!`)\2(?!`))",
                          re.DOTALL)
_PARAGRAPH_BREAK_RE = re.compile(r"(\n[ \t]*\n)")
_TAG_START_RE = re.compile(r"<(?!(?:https?|mailto|ftp):[^\s<>]*>)")
IDEA_ANCHOR = "idea-{number}"
_ANCHOR_SPAN_RE = re.compile(r'<li>(\s*<p>)?<span class="vault-anchor" id="(idea-\d+)"></span>')


def plain(text: str) -> str:
    """Author's plain text (a name, a title) as inert Markdown, on one line: shown exactly as
    written, whatever Markdown extensions the site uses."""
    text = collapse_spaces(_CONTROL_RE.sub("", text))
    return _PUNCTUATION_RE.sub(lambda m: f"&#{ord(m.group())};", text)


def inert_html(markdown: str) -> str:
    """Markdown whose raw HTML shows as text: `a <b> c` and `List<String>` read literally and
    `<script>` cannot run. Code spans and `<https://...>` autolinks keep working.

    This keeps honest text readable; `sanitize` is what guarantees safety afterwards.
    """
    parts = _PARAGRAPH_BREAK_RE.split(_CONTROL_RE.sub("", markdown))
    return "".join(part if i % 2 else _inert_paragraph(part) for i, part in enumerate(parts))


def _inert_paragraph(text: str) -> str:
    out, position = [], 0
    for match in _BACKTICK_RE.finditer(text):
        if match.group(2) is None:
            continue  # a run of escaped backslashes, not a code span
        out.append(_TAG_START_RE.sub("&lt;", text[position : match.start()]))
        out.append(match.group())
        position = match.end()
    out.append(_TAG_START_RE.sub("&lt;", text[position:]))
    return "".join(out)


def attr(text: str) -> str:
    """Text for an HTML attribute value."""
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class Rendered:
    """The page's new Markdown and the problems noticed while rendering it."""

    markdown: str
    problems: tuple[Problem, ...] = ()


def _markdown(text: str, options: RenderOptions) -> str:
    """An author's Markdown field, with raw HTML allowed only if the site says so."""
    return text if options.raw_html else inert_html(text)


def _guard(markdown: str, options: RenderOptions, *, block: bool) -> str:
    """Mark Markdown holding authors' fields for `sanitize_fields`, which filters the HTML it
    becomes. One pair of comments per section: raw HTML costs Python-Markdown time."""
    if options.raw_html or not options.field_guard:
        return markdown
    start, end = _guards(options.field_guard)
    return f"{start}\n\n{markdown}\n\n{end}" if block else f"{start}{markdown}{end}"


def _guards(nonce: str) -> tuple[str, str]:
    return f"<!--vault-md-{nonce}-->", f"<!--/vault-md-{nonce}-->"


def sanitize_fields(page_html: str, nonce: str) -> str:
    """Filter the HTML of every guarded Markdown field (see `_markdown`), drop the guards.

    The nonce is random per build, so text in a field cannot forge a closing guard.
    """
    start, end = _guards(nonce)
    pattern = re.compile(re.escape(start) + r"(.*?)" + re.escape(end), re.DOTALL)
    return pattern.sub(lambda m: sanitize(m.group(1)), page_html)


def _heading(options: RenderOptions, key: str, **values: object) -> str:
    template = options.headings.get(key, "")
    if not template:
        return ""
    return "#" * options.heading_level + " " + plain(template.format(**values)) + "\n\n"


def header(entry: Entry, options: RenderOptions) -> str:
    """Series, number, date; speakers and host; source; image."""
    s = options.strings
    meta = []
    if entry.series:
        meta.append(f'<span class="vault-series">{plain(entry.series)}</span>')
    if entry.number is not None:
        number = s["number"].format(number=entry.number)
        if entry.total is not None:
            number += " " + s["of"].format(total=entry.total)
        meta.append(f'<span class="vault-number">{plain(number)}</span>')
    if entry.date:
        shown = entry.date.strftime(options.date_format)
        meta.append(f'<time class="vault-date" datetime="{entry.date.isoformat()}">'
                    f"{plain(shown)}</time>")
    rows = []
    if meta:
        rows.append('<span class="vault-meta">' + " · ".join(meta) + "</span>")
    people = []
    if entry.speakers:
        people.append(f'<span class="vault-speakers">{_names(entry.speakers)}</span>')
    if entry.host:
        people.append(f'<span class="vault-host">{plain(s["host"].format(host=entry.host))}</span>')
    if people:
        rows.append('<span class="vault-people">' + " · ".join(people) + "</span>")
    if entry.source:
        title = plain(entry.source.title)
        link = f"[{title}](<{entry.source.url}>)" if entry.source.url else title
        rows.append(f'<span class="vault-source">{plain(s["source"])} {link}</span>')
    out = ""
    if rows:
        out += '<span class="vault-header">' + "<br>\n".join(rows) + "</span>\n\n"
    if entry.image:
        alt = re.sub(r"([\\\[\]])", r"\\\1", " ".join(entry.image.alt.split()))
        out += f'<span class="vault-image">![{alt}](<{entry.image.src}>)</span>\n\n'
    return out


def _names(names: tuple[str, ...]) -> str:
    shown = [f"**{plain(n)}**" for n in names]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " & " + shown[-1]


def graph(entry: Entry, center: str, options: RenderOptions,
          problems: list[Problem] | None = None) -> str:
    """The concept graph (several when an entry is very large) and its legend.

    Links between ideas that land in different parts cannot be drawn; each is reported to
    `problems` at info level (it is not the author's mistake, but it is not silent either).
    """
    layout = entry.layout or options.layout
    charts = concept_graphs(entry, center, layout, options.graph,
                            lambda n: "#" + IDEA_ANCHOR.format(number=n))
    if problems is not None and len(charts) > 1:
        problems.extend(_undrawn_links(entry, charts))
    out = _heading(options, "graph")
    for part, chart in enumerate(charts, start=1):
        if len(charts) > 1:
            caption = options.strings["graph_part"].format(part=part, parts=len(charts))
            out += f'<p class="vault-graph-part">{attr(caption)}</p>\n\n'
        # Labels are drawn dark on light fills in both colour schemes (Material would colour
        # them for the scheme, which vanishes on pastel fills in dark mode).
        out += (f'<div class="vault-graph vault-layout-{layout}" '
                f'style="--md-mermaid-label-fg-color:{colors.LABEL_COLOR}">\n'
                f'<pre class="mermaid"><code>{to_html(chart.source())}</code></pre>\n</div>\n\n')
    if options.legend and entry.categories:
        out += legend(entry) + "\n\n"
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


def legend(entry: Entry) -> str:
    """Colour key of the graph: one tag per category with its number of ideas."""
    tags = []
    for category in entry.categories:
        count = sum(1 for i in entry.ideas if i.category == category.key)
        tags.append(f'<span class="vault-tag" style="background:{category.color};'
                    f'color:{colors.LABEL_COLOR}">{attr(collapse_spaces(category.label))}'
                    f' <span class="vault-count">{count}</span></span>')
    return '<p class="vault-legend">' + " ".join(tags) + "</p>"


def resume(entry: Entry, options: RenderOptions) -> str:
    """The résumé heading and the author's paragraphs."""
    if not entry.resume:
        return ""
    text = _guard(_markdown(entry.resume.strip(), options), options, block=True)
    return _heading(options, "resume") + text + "\n\n"


def ideas(entry: Entry, options: RenderOptions) -> str:
    """`N Key Ideas` and the ordered list; items carry the ids `idea-1` ... `idea-N`."""
    items = ""
    for idea in entry.ideas:
        # Continuation lines are indented to stay inside the list item.
        text = "\n    ".join(_markdown(idea.text, options).splitlines())
        tag = ""
        category = entry.category(idea.category)
        if options.idea_tags and category is not None:
            tag = (f' <span class="vault-tag" style="background:{category.color};'
                   f'color:{colors.LABEL_COLOR}">{plain(category.label)}</span>')
        anchor = IDEA_ANCHOR.format(number=idea.number)
        items += f'{idea.number}. <span class="vault-anchor" id="{anchor}"></span>{text}{tag}\n'
    heading = _heading(options, "ideas", count=len(entry.ideas))
    return heading + _guard(items.rstrip("\n"), options, block=True) + "\n\n"


def credits_line(entry: Entry, options: RenderOptions) -> str:
    """The credits, small, under the list."""
    if not entry.credits:
        return ""
    text = _guard(_markdown(" ".join(entry.credits.split()), options), options, block=False)
    return f'<span class="vault-credits">{text}</span>\n\n'


def render_page(entry: Entry, body: str, options: RenderOptions, *, title: str,
                body_line: int = 1) -> Rendered:
    """The whole page: sections in the configured order, or where the body has markers.

    Arguments:
        entry: the validated entry.
        body: the author's Markdown below the front matter.
        options: rendering options.
        title: the page title, the graph's centre when the entry names none.
        body_line: line of the file where `body` starts, for problems with markers.
    """
    problems: list[Problem] = []
    parts: dict[str, Callable[[], str]] = {
        "header": lambda: header(entry, options),
        "graph": lambda: graph(entry, entry.center_label(title), options, problems),
        "resume": lambda: resume(entry, options),
        "ideas": lambda: ideas(entry, options),
        "credits": lambda: credits_line(entry, options),
    }
    lines, placed = _place_markers(body, parts, body_line, problems)
    order = list(entry.sections or options.sections)
    if "body" not in order:
        order.append("body")  # the author's own text is never dropped
    out = _take_leading_h1(lines)  # a page title written in the body stays on top
    for name in order:
        if name == "body":
            text = "\n".join(lines).strip("\n")
            out += text + "\n" if text else ""
        elif name not in placed:
            out += parts[name]()
    return Rendered(out.rstrip("\n") + "\n", tuple(problems))


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
    """Replace `<!-- vault:NAME -->` lines (outside code fences) by their sections."""
    lines = body.split("\n")
    placed: set[str] = set()
    fence = ""
    for i, line in enumerate(lines):
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
            continue
        name = match.group(1)
        render = parts.get(name)
        if render is None:
            known = [s for s in SECTIONS if s != "body"]
            hint = difflib.get_close_matches(name, known, n=1)
            problems.append(Problem(
                f"'<!-- vault:{name} -->' names no section (sections: {', '.join(known)})"
                + (f"; did you mean '{hint[0]}'?" if hint else ""),
                field="marker", line=body_line + i, severity="warning"))
            continue
        if name in placed:
            problems.append(Problem(f"the {name} section is already placed by an earlier marker",
                                    field="marker", line=body_line + i, severity="warning"))
            continue
        placed.add(name)
        lines[i] = "\n" + render().rstrip("\n") + "\n"
    return lines, placed


def lift_idea_ids(page_html: str) -> str:
    """Move each `idea-N` id from its marker span onto the list item itself.

    The span is how the id gets through Markdown without the attr_list extension; MkDocs has
    already recorded it for anchor validation by the time the HTML exists.
    """
    return _ANCHOR_SPAN_RE.sub(lambda m: f'<li id="{m.group(2)}">{m.group(1) or ""}', page_html)


def problems_box(problems: tuple[Problem, ...] | list[Problem], path: str) -> str:
    """What a page with errors shows instead of its entry: the problems, where, and why.

    Raw HTML with Material's admonition classes, so it needs no Markdown extension.
    """
    items = "\n".join(
        f"<li><code>{html.escape(p.where(path))}</code> <code>{html.escape(p.field or 'vault')}"
        f"</code> {html.escape(p.message)}</li>"
        for p in problems
    )
    return (
        '<div class="admonition failure vault-problems">\n'
        '<p class="admonition-title">This vault entry cannot be shown until these problems are '
        "fixed</p>\n"
        f"<ul>\n{items}\n</ul>\n</div>\n\n"
    )
