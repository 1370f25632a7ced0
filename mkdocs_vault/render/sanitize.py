"""An allowlist filter for the HTML that authors' Markdown fields become.

Résumés, idea texts and credits are rendered by the core's own Markdown instance (see
`fields.py`), never by the site's, and the HTML that comes out passes through this filter before
it is put into the page. What the filter guarantees, whatever the author wrote:

* only allowlisted elements, each with only its allowlisted attributes; anything else is shown
  as text;
* URLs are http(s), mailto, ftp or relative (entities and invisible characters decoded first);
* every `id` (and the `for`/`name` that point at ids) is put in a namespace of its own, so no
  field can take an id of the theme (`__config`, `__search`...) or of another field, and links
  inside the field follow their target;
* elements are balanced: a field cannot close the page's elements or leave its own open;
* braces are character references, so no template engine that runs later reads `{{ ... }}`.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mkdocs_vault.urls import safe_url

_GLOBAL = frozenset({"class", "id", "title", "lang", "dir", "aria-hidden", "aria-label"})
_SVG = frozenset({"fill", "stroke", "stroke-width", "fill-rule", "clip-rule", "transform"})
ALLOWED = {
    **dict.fromkeys(
        """abbr b blockquote br caption code dd del div dl dt em figcaption figure h1 h2 h3 h4
        h5 h6 hr i ins kbd mark p pre q s small span strong sub summary sup table tbody tfoot
        thead tr u ul""".split(),
        frozenset[str](),
    ),
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "th": frozenset({"colspan", "rowspan", "align", "style"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    # Task lists (pymdownx.tasklist) and content tabs (pymdownx.tabbed).
    "input": frozenset({"type", "checked", "disabled", "name"}),
    "label": frozenset({"for"}),
    # Icons and emoji inlined as SVG (Material's `to_svg`): shapes only, no <use>, no scripts.
    "svg": _SVG | {"xmlns", "viewbox", "width", "height", "focusable", "role"},
    "path": _SVG | {"d"},
    "g": _SVG,
    "circle": _SVG | {"cx", "cy", "r"},
    "ellipse": _SVG | {"cx", "cy", "rx", "ry"},
    "rect": _SVG | {"x", "y", "width", "height", "rx", "ry"},
    "polygon": _SVG | {"points"},
    "polyline": _SVG | {"points"},
    "line": _SVG | {"x1", "y1", "x2", "y2"},
}
"""Element -> the attributes it may keep, besides the global ones."""
_VOID = frozenset({"br", "hr", "img", "input"})
_SVG_ELEMENTS = frozenset({"svg", "path", "g", "circle", "ellipse", "rect", "polygon",
                           "polyline", "line"})
URL_ATTRIBUTES = frozenset({"href", "src"})
_INPUT_TYPES = frozenset({"checkbox", "radio"})
_STYLE_RE = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")  # Markdown tables
_ID_RE = re.compile(r"""\bid\s*=\s*["']?([^"'\s>]+)""")
# Tags that Markdown writes with nothing to filter in them: a fragment made only of these (the
# common case) needs no parsing.
_HARMLESS_TAG_RE = re.compile(
    r"</?(p|ol|ul|li|em|strong|code|b|i|br|hr|blockquote|pre|span|del|mark|sup|sub|kbd)"
    r'(?: class="[a-z -]+")?\s*/?>'
)


def encode_braces(text: str) -> str:
    """`{` and `}` as character references: inert for template engines, the same to readers."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


class _Filter(HTMLParser):
    def __init__(self, id_prefix: str, local_ids: frozenset[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[str] = []
        self.id_prefix = id_prefix
        self.local_ids = local_ids

    def _attribute(self, tag: str, name: str, value: str | None) -> str | None:
        """The attribute as it may be written, or None to drop it."""
        if name not in _GLOBAL and name not in ALLOWED[tag]:
            return None  # on*, style, data-*, and anything else not known to be harmless
        if value is None:
            return name
        if name in URL_ATTRIBUTES:
            if not safe_url(value):
                return None
            if value.startswith("#") and value[1:] in self.local_ids:
                value = "#" + self.id_prefix + value[1:]
        elif name in ("id", "for") or (tag == "input" and name == "name"):
            value = self.id_prefix + value
        elif name == "style":
            match = _STYLE_RE.fullmatch(value)
            if not match:
                return None
            value = f"text-align: {match.group(1)};"
        elif tag == "input" and name == "type" and value.lower() not in _INPUT_TYPES:
            return None
        return f'{name}="{html.escape(value, quote=True)}"'

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag not in ALLOWED:
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}>"))
            return
        if tag == "input" and (dict(attrs).get("type") or "").lower() not in _INPUT_TYPES:
            return  # a text field or button has no place in a note
        kept = [a for name, value in attrs if (a := self._attribute(tag, name, value))]
        # Browsers honour `/>` on void elements and inside <svg> only: `<div/>` opens a div.
        foreign = tag in _SVG_ELEMENTS and (tag == "svg" or "svg" in self.open)
        self_closed = closed and (tag in _VOID or foreign)
        self.out.append(f"<{' '.join([tag, *kept])}{' /' if self_closed else ''}>")
        if closed and not self_closed:
            self.out.append(f"</{tag}>")
        elif not closed and tag not in _VOID:
            self.open.append(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED:
            self.out.append(html.escape(f"</{tag}>"))
            return
        if tag not in self.open:
            return  # would close an element of the page around the field
        while self.open:
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass  # comments carry nothing a reader sees

    def handle_decl(self, decl: str) -> None:
        self.out.append(html.escape(f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self.out.append(html.escape(f"<?{data}>"))

    def unknown_decl(self, data: str) -> None:
        self.out.append(html.escape(f"<![{data}]>"))

    def finish(self) -> str:
        self.close()
        if self.rawdata:  # an unfinished tag at the very end
            self.out.append(html.escape(self.rawdata))
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        return "".join(self.out)


def _is_harmless(fragment: str) -> bool:
    """Whether the fragment holds only harmless tags, balanced (then it needs no parsing)."""
    if "<" not in fragment:
        return True
    if "<" in _HARMLESS_TAG_RE.sub("", fragment):
        return False
    depth: list[str] = []
    for match in _HARMLESS_TAG_RE.finditer(fragment):
        tag = match.group(1)
        if tag in _VOID:
            if match.group().startswith("</"):
                return False  # `</br>` is a `<br>` to browsers
            continue
        if match.group().endswith("/>"):
            return False  # `<p/>` opens a paragraph: the parse closes it
        if not match.group().startswith("</"):
            depth.append(tag)
        elif not depth or depth.pop() != tag:
            return False
    return not depth


def sanitize(fragment: str, id_prefix: str = "vault-") -> str:
    """The fragment with only allowlisted elements and attributes (the rest shown as text),
    its ids under `id_prefix`, its elements balanced and its braces encoded."""
    if _is_harmless(fragment):  # a hot path: most fields are plain
        return encode_braces(fragment)
    parser = _Filter(id_prefix, frozenset(_ID_RE.findall(fragment)))
    parser.feed(fragment)
    return encode_braces(parser.finish())
