"""Options of the `vault` plugin in `mkdocs.yml` (imports MkDocs; the core does not).

Every option is checked here, by MkDocs' own config validation, so a mistake stops the build
with a message naming the option (`Plugin 'vault' option 'graph': Sub-option 'font_size':
must be between 8 and 48, got 4`) instead of failing later while a page renders.
"""

from __future__ import annotations

import datetime
import difflib
import re
import string
from collections.abc import Mapping

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from mkdocs_vault.graph import colors
from mkdocs_vault.graph.labels import LABEL_CHARS, LABEL_MAX
from mkdocs_vault.graph.layouts import GraphStyle
from mkdocs_vault.model import LAYOUTS, SECTIONS, Category
from mkdocs_vault.render import languages
from mkdocs_vault.render.options import RenderOptions

_GRAPH = GraphStyle()

HEADING_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "graph": (),
    "resume": (),
    "ideas": ("count",),
    "related": (),
}
"""The `str.format` names each heading of `DEFAULT_HEADINGS` may use (render.py fills them)."""

STRING_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "number": ("number",),
    "of": ("total",),
    "host": ("host",),
    "source": (),
    "graph_part": ("part", "parts"),
    "see": (),
    "referenced_by": (),
    "previous": (),
    "next": (),
    "graph_name": ("title", "count", "categories"),
    "graph_name_plain": ("title", "count"),
    "graph_name_parts": ("name", "parts"),
    "skip_graph": ("count",),
    "graph_key_lanes": (),
    "graph_key_classic": (),
    "linked_ideas": (),
}
"""The `str.format` names each string of `DEFAULT_STRINGS` may use (render.py fills them)."""

_SAMPLES: dict[str, object] = {
    "count": 30, "number": 116, "total": 200, "host": "Lex Fridman", "part": 1, "parts": 2,
    "title": "DeepSeek", "categories": 5, "name": "Concept graph of DeepSeek: 30 key ideas"}
"""Values of the right type to try a template with (format specs such as `{number:03d}`)."""

SAMPLE_DATE = datetime.date(2025, 3, 7)
"""Day and month below 10, so `%d` and `%-d` differ."""


class _Int(base.BaseConfigOption[int]):
    """A whole number within bounds (YAML `true` and `2.5` are refused, unlike `c.Type(int)`)."""

    def __init__(self, default: int, *, minimum: int, maximum: int | None = None) -> None:
        super().__init__()
        self.default = default
        self.minimum = minimum
        self.maximum = maximum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"expected a whole number, got {value!r}")
        if self.maximum is None:
            if value < self.minimum:
                raise ValidationError(f"must be at least {self.minimum}, got {value}")
        elif not self.minimum <= value <= self.maximum:
            raise ValidationError(
                f"must be between {self.minimum} and {self.maximum}, got {value}")
        return value


def _names(placeholders: tuple[str, ...]) -> str:
    return " and ".join("{" + name + "}" for name in placeholders)


def check_template(template: str, placeholders: tuple[str, ...], what: str) -> None:
    """Raise `ValidationError` unless `template` formats with exactly these names.

    `what` is "heading" or "string", for the message. `{{` and `}}` are literal braces.
    """
    may_use = (f"this {what} may use {_names(placeholders)}" if placeholders else
               f"this {what} takes no placeholders")
    literal = "write {{ and }} for literal braces"
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as error:
        raise ValidationError(f"malformed braces in {template!r} ({error}); {literal}") from None
    for name in fields:
        if name == "" or name[0].isdigit():
            raise ValidationError(f"positional placeholder {{{name}}} is not allowed; {may_use}"
                                  + ("" if placeholders else f"; {literal}"))
        if name not in placeholders:
            raise ValidationError(f"unknown placeholder {{{name}}}; {may_use}"
                                  + ("" if placeholders else f"; {literal}"))
    try:
        template.format(**{name: _SAMPLES[name] for name in placeholders})
    except KeyError as error:  # a name nested in a format spec: "{count:{width}}"
        raise ValidationError(f"unknown placeholder {{{error.args[0]}}}; {may_use}") from None
    except (ValueError, IndexError, TypeError) as error:  # "{host:d}", "{count:{}}"
        raise ValidationError(f"{template!r} cannot be formatted: {error}") from None


class _Templates(base.BaseConfigOption[dict[str, str]]):
    """Overrides of some `str.format` templates, each checked against its placeholders."""

    def __init__(self, placeholders: Mapping[str, tuple[str, ...]], what: str) -> None:
        super().__init__()
        self.default: dict[str, str] = {}
        self.placeholders = placeholders
        self.what = what

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValidationError(
                f"expected a mapping of {self.what} names to text, got {value!r}")
        known = list(self.placeholders)
        for key, template in value.items():
            if key not in self.placeholders:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise ValidationError(f"unknown {self.what} {key!r}; {hint}(known: "
                                      f"{', '.join(known)})")
            if not isinstance(template, str):
                empty = f"; write '' to leave the {self.what} out" if self.what == "heading" \
                    else ""
                raise ValidationError(f"Sub-option {key!r}: expected text, got {template!r}"
                                      + empty)
            try:
                check_template(template, self.placeholders[key], self.what)
            except ValidationError as error:
                raise ValidationError(f"Sub-option {key!r}: {error}") from None
        return value


_DIRECTIVE_RE = re.compile(r"%(?:%|[-_0^#]*[EO]?.?)", re.DOTALL)


class _DateFormat(c.Type[str]):
    """A `strftime` format; fails if it cannot format a date, warns if it shows no date."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        checked = super().run_validation(value)
        try:
            SAMPLE_DATE.strftime(checked)
        except (ValueError, UnicodeError) as error:
            raise ValidationError(f"{checked!r} cannot format a date: {error}") from None
        directives = [d for d in _DIRECTIVE_RE.findall(checked) if d != "%%"]
        if not directives:
            self.warnings.append(
                f"{checked!r} has no %-directive, so every date is shown as "
                f"{SAMPLE_DATE.strftime(checked)!r}; for example '%d %B %Y' shows "
                f"{SAMPLE_DATE.strftime('%d %B %Y')!r}")
        for directive in dict.fromkeys(directives):
            if directive == "%" or SAMPLE_DATE.strftime(directive) == directive:
                self.warnings.append(
                    f"{directive!r} in {checked!r} is not a date directive and is shown as "
                    f"is; write %% for a literal %")
        return checked


class GraphConfig(base.Config):
    """`graph:` options."""

    layout = c.Choice(LAYOUTS, default="lanes")
    """`lanes` (readable default) or `classic` (centre -> idea -.-> category)."""
    font_size = _Int(_GRAPH.font_size, minimum=8, maximum=48)
    """Label size in px before Mermaid scales the graph to the column, 8 to 48: below 8 px
    labels are unreadable even unscaled, above 48 a card holds a word or two."""
    columns = _Int(_GRAPH.columns, minimum=1, maximum=6)
    """Ideas side by side in a lane (`lanes` layout), 1 to 6: a wider graph is scaled down
    to the content column, and with more than 6 cards a row the text becomes too small."""
    node_width = _Int(_GRAPH.node_width, minimum=80, maximum=1000)
    """Width of idea cards in px, before the graph is scaled to the page, 80 to 1000: a
    narrower card wraps every word, a wider one is wider than any content column."""
    max_ideas = _Int(_GRAPH.max_ideas, minimum=1)
    """Entries with more ideas get several graphs; at least 1. No maximum: a graph that would
    pass Mermaid's size or edge limits is split anyway."""
    tooltips = c.Type(bool, default=True)
    """Idea nodes link to their list item and show the full idea as a tooltip."""
    legend = c.Type(bool, default=True)
    """Show the colour key, what the lines mean and the linked ideas under the graph."""


class _OptionalInt(_Int):
    """An optional whole number within bounds."""

    def __init__(self, *, minimum: int, maximum: int | None = None) -> None:
        super().__init__(0, minimum=minimum, maximum=maximum)
        self.default = None

    def run_validation(self, value: object) -> int | None:  # type: ignore[override]
        return None if value is None else super().run_validation(value)


class PagesConfig(base.Config):
    """`pages:`: the vault-wide pages, each its source path in docs/ (`false` turns one off).
    An author's own page at that path wins; `<!-- vault:listing -->` in it places the list."""

    index = c.Type((str, bool), default="vault/index.md")
    """The vault index: every entry by series, counts and the overview graph."""
    series = c.Type((str, bool), default="vault/series/{slug}.md")
    """One page per series, its entries in order (`{slug}`: the series name as a slug)."""
    categories = c.Type((str, bool), default="vault/categories/{slug}.md")
    """One page per category, its ideas across all entries."""
    people = c.Type((str, bool), default="vault/people/{slug}.md")
    """One page per speaker or host, their entries and roles."""


class CategoryConfig(base.Config):
    """One category under `categories:`, by the key ideas use."""

    label = c.Optional(c.Type(str))
    color = c.Optional(c.Type(str))
    """`#rgb` or `#rrggbb`; without it, the accessible palette gives one, the same on every
    page."""


class SeriesConfig(base.Config):
    """One series under `series:`, by the name entries use."""

    title = c.Optional(c.Type(str))
    """Shown instead of the name entries use."""
    description = c.Optional(c.Type(str))
    """Plain text under the series page's title."""
    total = _OptionalInt(minimum=1)
    """Planned number of entries: the header shows "No. 116 of 150"."""


class VaultConfig(base.Config):
    """`plugins: - vault:` options."""

    name = c.Optional(c.Type(str))
    """The vault's name, on its index page (default: `site_name`)."""
    pages = c.SubConfig(PagesConfig)
    """Where the vault-wide pages go; `false` for a kind turns it off."""
    series = c.DictOfItems(c.SubConfig(SeriesConfig), default={})
    """Title, description and planned total of each series."""
    categories = c.DictOfItems(c.SubConfig(CategoryConfig), default={})
    """Categories declared once for the whole vault: entries use them without declaring them
    (an entry may still declare its own), and an entry need not use them all."""
    related = _Int(5, minimum=0, maximum=50)
    """How many related entries each entry lists (0: none)."""
    exports = c.Type(bool, default=True)
    """Write `vault.json` and `vault.graphml` into the built site."""
    cache = c.Type(bool, default=True)
    """Keep loaded and rendered entries (and the vault-wide data) in `cache_dir`, so the next
    build redoes only what changed."""
    cache_dir = c.Type(str, default=".cache/plugin/vault")
    """The cache folder, relative to mkdocs.yml."""
    render_ahead = c.Type(bool, default=True)
    """Load and render entry pages in a second process while MkDocs works, when the machine
    has a second core and at least 40 entries are not in the cache; what a page shows is the
    same either way. The process costs memory (about 50 MB at 1,000 entries)."""
    nav_entries = c.Type(bool, default=True)
    """Keep entries in the global navigation; `false` for large vaults: entries and the series,
    category and people pages then leave it, and are reached through the vault's index (MkDocs
    renders the whole nav into every page, so a nav that grows with the vault costs time
    squared)."""

    enabled = c.Type(bool, default=True)
    """`false` turns the plugin off (pages keep their front matter, unexpanded)."""
    sections = c.ListOfItems(c.Choice(SECTIONS), default=list(SECTIONS))
    """Order of the parts of an entry page; `body` is the author's own Markdown."""
    headings = _Templates(HEADING_PLACEHOLDERS, "heading")
    """Overrides of the section headings: `graph`, `resume`, `ideas` (`{count}` = ideas)."""
    strings = _Templates(STRING_PLACEHOLDERS, "string")
    """Overrides of the header's words, for other languages (placeholders: see
    `STRING_PLACEHOLDERS`)."""
    heading_level = _Int(2, minimum=1, maximum=6)
    """Level of the generated section headings, 1 to 6 (`<h1>` to `<h6>`)."""
    date_format = _DateFormat("%Y-%m-%d")
    """`strftime` format of the header's date."""
    idea_tags = c.Type(bool, default=True)
    """Show each idea's category next to it in the list."""
    raw_html = c.Type(bool, default=False)
    """Allow raw HTML in résumés, idea texts and credits; by default it is shown as text."""
    label_length = _Int(LABEL_CHARS, minimum=12, maximum=LABEL_MAX)
    """Length budget of graph labels derived from idea text, 12 to 200 (`LABEL_MAX`): with
    less, most derived labels are one cut word ("Mixture-o…", and only 4 CJK characters,
    which count double); the graph cuts any label at 200 anyway."""
    graph = c.SubConfig(GraphConfig)
    """How concept graphs are drawn."""
    mermaid_js = c.Optional(c.Type(str))
    """Local `mermaid.min.js` (relative to mkdocs.yml) to use instead of Material's CDN copy."""


def render_options(config: VaultConfig, language: str | None = "en") -> RenderOptions:
    """The core's options from the validated plugin config (which cannot be invalid);
    `language` is the theme's, whose words the `headings` and `strings` options override."""
    graph = config.graph
    return RenderOptions(
        sections=tuple(dict.fromkeys(config.sections)),
        layout=graph.layout,
        headings=languages.headings(language) | dict(config.headings),
        strings=languages.strings(language) | dict(config.strings),
        heading_level=config.heading_level,
        date_format=config.date_format,
        idea_tags=config.idea_tags,
        legend=graph.legend,
        label_chars=config.label_length,
        raw_html=config.raw_html,
        graph=GraphStyle(
            font_size=graph.font_size,
            columns=graph.columns,
            node_width=graph.node_width,
            max_ideas=graph.max_ideas,
            tooltips=graph.tooltips,
        ),
    )


def vault_categories(config: VaultConfig) -> tuple[Category, ...]:
    """The vault-wide categories, each with its colour: written, or the palette's (assigned
    once here, so a category has the same colour on every page)."""
    written = []
    for key, spec in config.categories.items():
        color = spec.color.strip() if spec.color else None
        if color is not None and not colors.HEX_RE.match(color):
            raise ValidationError(f"categories.{key}.color: expected #rgb or #rrggbb, got "
                                  f"{color!r} (in YAML, quote it: \"#d4f9d4\")")
        written.append((str(key), spec.label or str(key),
                        colors.normalize(color) if color else None))
    fills = colors.fill_gaps([color for _, _, color in written])
    return tuple(Category(key, label, fill)
                 for (key, label, _), fill in zip(written, fills, strict=True))
