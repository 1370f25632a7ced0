"""An allowlist sanitizer for the HTML that authors' Markdown fields turn into.

Résumés, idea texts and credits are Markdown. Raw HTML in them is shown as text (see
`render.inert_html`), but Markdown alone can still produce script-capable HTML: a
`[x](javascript:...)` link, or `{onclick=...}` through the attr_list extension. After MkDocs has
rendered a page, the plugin passes the HTML of those fields (and only those) through this
filter: elements Markdown makes are kept with harmless attributes; anything else is shown as
text; URLs must be http(s), mailto, ftp or relative.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset(
    """a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3
    h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup table tbody
    td tfoot th thead tr u ul""".split()
)
ALLOWED_ATTRIBUTES = frozenset(
    "href src alt title class id colspan rowspan align start reversed lang dir open".split()
)
URL_ATTRIBUTES = frozenset({"href", "src"})
# The one style the plugin itself writes inside guarded sections (category tags); any other
# style attribute is dropped.
_OWN_STYLE_RE = re.compile(r"background:#[0-9a-f]{6};color:#[0-9a-f]{6}")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def safe_url(url: str) -> bool:
    """Whether a URL may appear in a link: a safe scheme, or none (relative, #anchor).

    Entities are decoded first (`javascript&colon;` is `javascript:` to a browser), and
    whitespace and control characters removed, as browsers ignore them in schemes.
    """
    decoded = _INVISIBLE_RE.sub("", html.unescape(url))
    scheme = _SCHEME_RE.match(decoded)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


class _Filter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag not in ALLOWED_TAGS:
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}>"))
            return
        kept = []
        for name, value in attrs:
            if name == "style" and _OWN_STYLE_RE.fullmatch(value or ""):
                kept.append(f'style="{value}"')
                continue
            if name not in ALLOWED_ATTRIBUTES:
                continue  # on*, style, and anything else we do not know to be harmless
            if name in URL_ATTRIBUTES and not safe_url(value or ""):
                continue
            kept.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
        self.out.append(f"<{' '.join([tag, *kept])}{' /' if closed else ''}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>" if tag in ALLOWED_TAGS else html.escape(f"</{tag}>"))

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


# Tags that plain Markdown and the plugin itself write, with nothing to filter in them. A
# fragment made only of these (the common case) needs no parsing.
_HARMLESS_TAG_RE = re.compile(
    r'</?(?:p|ol|ul|li|em|strong|code|b|i|br|hr|blockquote|pre|span)'
    r'(?: class="vault-[a-z-]+")?(?: id="idea-\d+")?'
    r'(?: style="background:#[0-9a-f]{6};color:#[0-9a-f]{6}")?\s*/?>'
)


def sanitize(fragment: str) -> str:
    """The fragment with only allowlisted elements and attributes; the rest shown as text."""
    if "<" not in _HARMLESS_TAG_RE.sub("", fragment):  # a hot path: most fields are plain
        return fragment
    parser = _Filter()
    parser.feed(fragment)
    parser.close()
    if parser.rawdata:  # an unfinished tag at the very end
        parser.out.append(html.escape(parser.rawdata))
    return "".join(parser.out)
