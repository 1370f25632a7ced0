"""Authors' Markdown fields (résumé, idea texts, credits), rendered apart from the page.

The site's own Markdown pass cannot be trusted with text it does not own: `pymdownx.snippets`
would print files into the page, `footnotes` would move parts of a field out of reach of any
filter, `striphtml` and `critic` would delete markers, and template plugins such as
mkdocs-macros would run `{{ ... }}`. So each field is rendered here, by a Markdown instance of the
core's own that runs only the allowlisted extensions the site enabled (with the site's settings,
so task lists, tabs and icons look as in the rest of the site), its raw HTML shown as text, and
its output filtered by `sanitize`. MkDocs only ever sees an opaque placeholder (`fragments.py`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from mkdocs_vault.render.inert import plain_html, plain_rules
from mkdocs_vault.render.sanitize import encode_braces, sanitize

SAFE_EXTENSIONS = frozenset(
    """abbr admonition attr_list def_list fenced_code footnotes legacy_em md_in_html nl2br
    sane_lists smarty tables codehilite
    pymdownx.arithmatex pymdownx.betterem pymdownx.caret pymdownx.details pymdownx.emoji
    pymdownx.escapeall pymdownx.extra pymdownx.fancylists pymdownx.highlight
    pymdownx.inlinehilite pymdownx.keys pymdownx.magiclink pymdownx.mark pymdownx.progressbar
    pymdownx.saneheaders pymdownx.smartsymbols pymdownx.superfences pymdownx.tabbed
    pymdownx.tasklist pymdownx.tilde pymdownx.blocks.admonition pymdownx.blocks.details
    pymdownx.blocks.tab pymdownx.blocks.caption pymdownx.blocks.definition
    pymdownx.blocks.html""".split()
)
"""Extensions that only turn a field's own text into HTML. Left out on purpose: `toc` (ids in
fields would collide with the page's headings), `meta` (would eat leading `key: value` lines),
`pymdownx.snippets` and `pymdownx.b64` (read files), `pymdownx.critic` and `pymdownx.striphtml`
(rewrite text the filter then guards anyway), `pymdownx.pathconverter`, and every extension not
listed, whose effect on untrusted text is unknown."""
_PREFIX = "markdown.extensions."
_SINGLE_PARAGRAPH_RE = re.compile(r"<p>((?:(?!<p[ >]).)*)</p>", re.DOTALL)

Resolve = Callable[[str], str | None]
"""Turns a URL written in a field into the URL of the built page (MkDocs rewrites `x.md`
links only in Markdown it renders itself); None for a relative link to a missing page."""


def extension_name(name: str) -> str:
    """`markdown.extensions.tables` and `tables` are the same extension."""
    return name.removeprefix(_PREFIX)


def choose_extensions(names: Iterable[str | Extension], configs: Mapping[str, Any]
                      ) -> tuple[list[str], dict[str, Any], list[str]]:
    """Split the site's extensions into those fields use (with their settings) and the rest."""
    chosen: list[str] = []
    skipped: list[str] = []
    for name in names:
        if not isinstance(name, str):
            skipped.append(type(name).__name__)
        elif extension_name(name) in SAFE_EXTENSIONS:
            chosen.append(name)
        else:
            skipped.append(name)
    return chosen, {n: configs[n] for n in chosen if n in configs}, skipped


class _Links(Treeprocessor):
    """Rewrites relative links and images like MkDocs does for pages, and notes broken ones."""

    def __init__(self, md: markdown.Markdown, owner: MarkdownFields) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        resolve = self.owner.resolve
        if resolve is None:
            return
        for element in root.iter():
            name = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            url = element.get(name) if name else None
            if name is None or not url:
                continue
            resolved = resolve(url)
            if resolved is None:
                self.owner.broken.append(url)
            else:
                element.set(name, resolved)


class _LinkExtension(Extension):
    def __init__(self, owner: MarkdownFields) -> None:
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After inline patterns (20), which make the links; before footnotes' own pass.
        md.treeprocessors.register(_Links(md, self.owner), "vault_links", 1)


def _without_counters(configs: dict[str, Any]) -> dict[str, Any]:
    """Footnotes' `UNIQUE_IDS` numbers each document by how many came before it on the same
    Markdown instance, so a field's ids would depend on which fields were rendered before
    (cached pages, pages rendered by the worker): off, as each field's ids carry its own
    prefix anyway (`sanitize`)."""
    for name, config in configs.items():
        if extension_name(name) == "footnotes" and isinstance(config, dict):
            configs[name] = {**config, "UNIQUE_IDS": False}
    return configs


class MarkdownFields:
    """Renders authors' Markdown fields to safe HTML; one instance serves a whole build."""

    def __init__(self, extensions: Iterable[str] = (), configs: Mapping[str, Any] | None = None,
                 *, raw_html: bool = False) -> None:
        self.raw_html = raw_html
        self.resolve: Resolve | None = None
        """Set by the host for the page being rendered."""
        self.broken: list[str] = []
        """Relative links of the last field whose target is missing."""
        extensions = list(extensions)
        configs = _without_counters(dict(configs or {}))
        self._md = markdown.Markdown(extensions=[*extensions, _LinkExtension(self)],
                                     extension_configs=configs)
        self._plain = plain_rules([extension_name(n) for n in extensions],
                                  {extension_name(n): c for n, c in configs.items()})
        """When a text is plain paragraphs, without running Markdown (`inert.py`)."""
        if not raw_html:
            # Raw HTML is read as text: `a <b> c` and `List<String>` show as written.
            for registry, name in ((self._md.preprocessors, "html_block"),
                                   (self._md.inlinePatterns, "html")):
                if name in registry:
                    registry.deregister(name)

    def html(self, text: str, id_prefix: str, *, inline: bool = False) -> str:
        """One field as HTML; `inline` unwraps a single paragraph (for text inside a line)."""
        self.broken = []
        out = plain_html(text, self._plain) if self._plain is not None else None
        if out is None:
            self._md.reset()
            out = self._md.convert(text)
        if inline:
            single = _SINGLE_PARAGRAPH_RE.fullmatch(out)
            if single:
                out = single.group(1)
        # `raw_html: true` means the site trusts its authors' HTML: no filter.
        return encode_braces(out) if self.raw_html else sanitize(out, id_prefix)
