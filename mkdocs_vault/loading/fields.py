"""The front-matter fields, declared once: what authors may write under `vault:`.

This table is the single source of truth for the fields. The validator (`checks.py`) takes its
known keys and "did you mean" from it; `json_schema()` turns it into the JSON Schema that
editors use to complete and flag fields; `field_table_markdown()` into the reference table of
the docs. The schema describes what authors may *write*, shorthands included (an idea as a
plain string, `source` as a URL or a title), not the normalised `model.Entry`.

What the schema cannot say (a category that is declared, a link to an idea that exists, a
`see:` target in the vault, a colour's contrast) only the validator checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from mkdocs_vault.model import LAYOUTS, SECTIONS
from mkdocs_vault.urls import SAFE_SCHEMES

Kind = Literal["text", "markdown", "integer", "date", "url", "color", "choice", "object",
               "keyed"]
"""What one value is. `object` is a mapping of the field's own `fields`; `keyed` a mapping of
keys the author chooses, each value an `object` of `fields` (the categories)."""

Repeat = Literal["one", "list"]
"""One value of the kind, or a list of them."""

@dataclass(frozen=True, slots=True)
class Shorthand:
    """Another way to write a field (or each item of it): `source: https://...`."""

    kind: Kind
    description: str
    """How the docs name it: "its URL"."""
    repeat: Repeat = "one"
    numbers: bool = True
    """Whether a number YAML reads (`010`) is accepted as text here."""
    required: bool = True
    """Whether the text must not be blank (a blank `source:` title just means none)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One front-matter field."""

    name: str
    kind: Kind
    description: str
    """One line, for the docs and for editors' tooltips."""
    example: str
    """The value as YAML, as an author writes it (flow style)."""
    required: bool = False
    repeat: Repeat = "one"
    fields: tuple[Field, ...] = ()
    """Keys of an `object` (or of each value of a `keyed` mapping)."""
    shorthands: tuple[Shorthand, ...] = ()
    """Other ways to write the whole field."""
    item_shorthands: tuple[Shorthand, ...] = ()
    """Other ways to write each item of a list, or each value of a `keyed` mapping."""
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    unique: bool = False
    """A list whose items may not repeat."""
    non_empty: bool = False
    """A list that must have at least one item."""
    one_of: tuple[str, ...] = ()
    """Keys of an `object` of which at least one must be given."""
    nullable: bool = True
    """An empty value (`series:`) is accepted and means "not given"."""
    noun: str = ""
    """What the docs call the values of a list (`names`), instead of their kind."""

    def sub(self, name: str) -> Field:
        """The key `name` of this field's mapping."""
        return next(f for f in self.fields if f.name == name)

    def names(self) -> tuple[str, ...]:
        """The keys of this field's mapping, in the table's order."""
        return tuple(f.name for f in self.fields)


def _one_or_list(kind: Kind, what: str) -> tuple[Shorthand, ...]:
    return (Shorthand(kind, what),)


IDEA = Field(
    "ideas", "object", "the key ideas, numbered from 1 in this order: the graph and the list",
    "[{text: Open weights compete at a fraction of the cost., category: open}]",
    required=True, noun="ideas", repeat="list", nullable=False, non_empty=True,
    item_shorthands=(Shorthand("text", "or just its text"),),
    fields=(
        Field("text", "markdown", "the idea as the list shows it",
              "Open weights compete with GPT-4 at **27×** lower cost.", required=True,
              nullable=False),
        Field("label", "text", "short graph label (default: derived from `text`)",
              "Open rivals GPT-4"),
        Field("category", "text", "key of its category; required when `categories` are "
              "declared", "open"),
        Field("links", "integer", "numbers of other ideas of this entry to link to in the graph",
              "[2, 5]", noun="idea numbers", repeat="list", minimum=1,
              shorthands=_one_or_list("integer", "one number")),
        Field("see", "text", "ideas of other entries, as links relative to the page "
              "(`chips.md#idea-2`)", "[chips.md#idea-2]", noun="links", repeat="list",
              shorthands=_one_or_list("text", "one link")),
    ),
)

VAULT_FIELDS: tuple[Field, ...] = (
    Field("series", "text", "name of the series the entry belongs to", "Lex 100+"),
    Field("number", "integer", "position in the series (1, 2, ...)", "116", minimum=0),
    Field("total", "integer", "number of entries in the series, shown as 'of N'", "150",
          minimum=1),
    Field("date", "date", "date of the talk, YYYY-MM-DD", "2025-03-07"),
    Field("speakers", "text", "list of names", "[Dylan Patel, Nathan Lambert]", noun="names",
          repeat="list",
          shorthands=_one_or_list("text", "one name")),
    Field("host", "text", "name of the host or interviewer", "Lex Fridman"),
    Field("source", "object", "{title, url} of the original talk, or its title, or its URL",
          '{title: "Lex Fridman Podcast #459", url: "https://lexfridman.com/deepseek-dylan-'
          'patel-nathan-lambert"}',
          shorthands=(Shorthand("url", "its URL"),
                      Shorthand("text", "its title", numbers=False, required=False)),
          one_of=("title", "url"),
          fields=(
              Field("title", "text", "title of the talk; required without `url`",
                    '"Lex Fridman Podcast #459"'),
              Field("url", "url", "where to watch, hear or read it",
                    "https://lexfridman.com/deepseek-dylan-patel-nathan-lambert"),
          )),
    Field("image", "object", "{src, alt} of an image, or just its src",
          "{src: img/cover.png, alt: The speakers on stage}",
          shorthands=(Shorthand("url", "its src"),),
          fields=(
              Field("src", "url", "path relative to the page, or a URL", "img/cover.png",
                    required=True, nullable=False),
              Field("alt", "text", "text for readers who cannot see the image",
                    "The speakers on stage"),
          )),
    Field("center", "text", "label of the graph's centre node (default: the page title)",
          "DeepSeek Impact"),
    Field("categories", "keyed", "ordered mapping of key -> {label, color}",
          '{open: {label: Open, color: "#d4f9d4"}, cost: Cost}',
          shorthands=(Shorthand("text", "a list of keys, each its own label", "list"),),
          item_shorthands=(Shorthand("text", "just its label"),),
          fields=(
              Field("label", "text", "name in the legend and after each idea (default: the key)",
                    "Open"),
              Field("color", "color", "fill colour, #rgb or #rrggbb, quoted (default: the "
                    "palette's next)", '"#d4f9d4"', nullable=False),
          )),
    Field("resume", "markdown", "Markdown summary; paragraphs separated by blank lines",
          "[First paragraph., Second paragraph.]",
          shorthands=(Shorthand("markdown", "a list of paragraphs", "list"),)),
    IDEA,
    Field("credits", "markdown", "Markdown credit line", "Interview by Lex Fridman"),
    Field("layout", "choice", "graph layout for this page: " + ", ".join(LAYOUTS), "classic",
          choices=LAYOUTS),
    Field("sections", "choice", "order of the page's parts: " + ", ".join(SECTIONS),
          "[header, graph, ideas, body]", repeat="list", choices=SECTIONS, unique=True,
          non_empty=True),
    Field("related", "text", "other entries related to this one: links relative to the page "
          "(`x.md`)", "[../classics/cargo-cult-science.md]", noun="links", repeat="list",
          shorthands=_one_or_list("text", "one link")),
)

VAULT = Field("vault", "object", "the vault entry: a page is an entry when it has this key",
              "{ideas: [The shortest entry is a list of ideas.]}", nullable=False,
              fields=VAULT_FIELDS)

TOP_FIELDS: tuple[Field, ...] = (
    Field("title", "text", "the page title (MkDocs'); the graph's centre unless `center` is set",
          "DeepSeek, China, OpenAI and AI Megaclusters"),
    Field("tags", "text", "the page's tags (Material's tags plugin); nodes of the vault's graph",
          "[ai, hardware]", noun="tags", repeat="list"),
    VAULT,
)
"""The top-level keys the vault reads; any other top-level key belongs to MkDocs or to other
plugins and is left alone."""


def lookup(*path: str) -> Field:
    """The field at `path` inside `vault:`: `lookup("source", "url")`; `lookup()` is `vault`."""
    found = VAULT
    for name in path:
        found = found.sub(name)
    return found


def keys(*path: str) -> tuple[str, ...]:
    """Known keys of the mapping at `path` inside `vault:` (`keys()`: of `vault:` itself,
    `keys("ideas")`: of an idea, `keys("categories")`: of a category's value)."""
    return lookup(*path).names()


def walk(fields: tuple[Field, ...] = TOP_FIELDS, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field with its dotted path (`vault.ideas[].text`), parents before children."""
    for item in fields:
        path = prefix + item.name
        yield path, item
        if item.fields:
            inner = path + ("[]" if item.repeat == "list" else "") + \
                (".<key>" if item.kind == "keyed" else "") + "."
            yield from walk(item.fields, inner)


def example_value(item: Field) -> Any:
    """The field's example as data, dates as ISO strings (as a YAML 1.2 editor reads them)."""
    return _jsonable(yaml.safe_load(f"x: {item.example}")["x"])


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


# -- JSON Schema -----------------------------------------------------------------------------

_NOT_BLANK = r"\S"
_SAFE = "|".join("".join(f"[{c.upper()}{c}]" for c in s) for s in SAFE_SCHEMES)
_UNSAFE_SCHEME = rf"^\s*(?!(?:{_SAFE}):)[A-Za-z][A-Za-z0-9+.\-]*:"
"""A URL with a scheme other than the allowed ones (`javascript:`); patterns in JSON Schema
have no flags, hence the character classes."""
_DATE = r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9:.+\-Zz ]*)?\s*$"


def _value_schema(kind: Kind, item: Field | None, *, required: bool,
                  numbers: bool = True) -> dict[str, Any]:
    """One value of `kind`; `required` text must not be blank."""
    if kind in ("text", "markdown"):
        text = {"type": "string", "pattern": _NOT_BLANK} if required else {"type": "string"}
        # YAML reads `series: 010` or `host: 12:30` as numbers; the validator keeps the text.
        return {"anyOf": [text, {"type": "number"}]} if numbers else text
    if kind == "integer":
        low = item.minimum if item is not None and item.minimum is not None else 0
        digits = "[0-9]+" if low == 0 else "0*[1-9][0-9]*"
        return {"anyOf": [{"type": "integer", "minimum": low, "maximum": 10**18 - 1},
                          {"type": "string", "pattern": rf"^\s*{digits}\s*$"}]}
    if kind == "date":
        return {"type": "string", "pattern": _DATE}
    if kind == "url":
        return {"type": "string", "pattern": _NOT_BLANK, "not": {"pattern": _UNSAFE_SCHEME}}
    if kind == "color":
        return {"type": "string", "pattern": r"^\s*#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})\s*$"}
    if kind == "choice":
        assert item is not None
        return {"enum": list(item.choices)}
    assert item is not None
    return _object_schema(item)


def _object_schema(item: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in item.fields},
        "additionalProperties": False,
    }
    required = [f.name for f in item.fields if f.required]
    if required:
        schema["required"] = required
    if item.one_of:
        schema["anyOf"] = [{"required": [name], "properties": {name: {"not": {"type": "null"}}}}
                           for name in item.one_of]
    return schema


def _any_of(forms: list[dict[str, Any]]) -> dict[str, Any]:
    """One of the forms; nested `anyOf`s are flattened, so editors list the forms plainly."""
    flat: list[dict[str, Any]] = []
    for form in forms:
        flat.extend(form["anyOf"] if list(form) == ["anyOf"] else [form])
    return flat[0] if len(flat) == 1 else {"anyOf": flat}


def _one(item: Field) -> dict[str, Any]:
    """One value of the field (one item, for a list), with the item's shorthands."""
    if item.kind == "keyed":
        value = _any_of([_object_schema(item), *(_value_schema(s.kind, None, required=False)
                                                 for s in item.item_shorthands),
                         {"type": "null"}])
        return {"type": "object", "propertyNames": {"pattern": _NOT_BLANK},
                "additionalProperties": value}
    strict = item.required or item.repeat == "list"
    base = _value_schema(item.kind, item, required=strict)
    shorthands = [_value_schema(s.kind, None, required=True) for s in item.item_shorthands]
    return _any_of([base, *shorthands])


def field_schema(item: Field) -> dict[str, Any]:
    """The JSON Schema of what an author may write for this field."""
    if item.repeat == "list":
        form: dict[str, Any] = {"type": "array", "items": _one(item)}
        if item.non_empty:
            form["minItems"] = 1
        if item.unique:
            form["uniqueItems"] = True
    else:
        form = _one(item)
    forms = [form]
    for short in item.shorthands:
        one = _value_schema(short.kind, item if short.kind == item.kind else None,
                            required=short.required,
                            numbers=short.numbers)
        forms.append({"type": "array", "items": one} if short.repeat == "list" else one)
    if item.nullable and not item.required:
        forms.append({"type": "null"})
    schema = _any_of(forms)
    return {"description": _sentence(item.description), **schema,
            "examples": [example_value(item)]}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def json_schema(schema_id: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a page's front matter, for editors; `schema_id` is
    the URL it is published at, if any (its `$id`).

    Only keywords that draft-07 has too are used, so validators of either draft read it.

    Top-level keys other than `title`, `tags` and `vault` belong to MkDocs and other plugins
    and are allowed; unknown keys inside `vault:` are flagged, as the validator warns of them.
    """
    vault = field_schema(VAULT)
    # Declared categories apply to every idea: each is then a mapping with a `category`.
    vault["if"] = {"required": ["categories"],
                   "properties": {"categories": {"not": {"type": "null"}}}}
    vault["then"] = {"properties": {"ideas": {"items": {
        "type": "object", "required": ["category"],
        "properties": {"category": {"not": {"type": "null"}}}}}}}
    properties = {f.name: field_schema(f) for f in TOP_FIELDS if f is not VAULT}
    properties["vault"] = vault
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if schema_id is not None:
        schema["$id"] = schema_id
    return schema | {
        "title": "mkdocs-vault front matter",
        "description": "The YAML front matter of a Markdown page; the page is a vault entry "
                       "when it has `vault:`. Other keys belong to MkDocs and other plugins.",
        "type": "object",
        "properties": properties,
        "additionalProperties": True,
    }


# -- Markdown table --------------------------------------------------------------------------

_KIND_NAMES: dict[str, str] = {
    "text": "text",
    "markdown": "Markdown",
    "date": "date, `YYYY-MM-DD`",
    "url": "URL or relative path",
    "color": "colour, `#rgb` or `#rrggbb`",
}


def type_name(item: Field) -> str:
    """The field's type in words: `{title, url}`, or its URL, or its title."""
    if item.kind == "integer":
        one = f"whole number ≥ {item.minimum or 0}"
    elif item.kind == "choice":
        one = ("" if item.repeat == "list" else "one of ") + \
            ", ".join(f"`{c}`" for c in item.choices)
    elif item.kind == "object" and len(item.fields) > 5:
        one = "mapping of the fields below"
    elif item.kind == "object":
        one = "`{" + ", ".join(item.names()) + "}`"
    elif item.kind == "keyed":
        one = "ordered mapping `key: {" + ", ".join(item.names()) + "}`"
    else:
        one = _KIND_NAMES[item.kind]
    if item.noun:
        one = f"{item.noun} ({one})" if item.kind in ("object", "integer") else item.noun
    if item.item_shorthands:
        one += "".join(f" ({s.description})" if item.repeat == "list" else
                       f" (or {s.description})" for s in item.item_shorthands)
    text = ("list of " + one) if item.repeat == "list" else one
    return text + "".join(f", or {s.description}" for s in item.shorthands)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_table_markdown() -> str:
    """The reference table of every field, in Markdown, generated from the table."""
    rows = ["| Field | Type | Required | Description | Example |", "|---|---|---|---|---|"]
    for path, item in walk():
        shown = path.removeprefix("vault.") if path != "vault" else path
        where = f"`{shown}`" + (" (top level)" if "." not in path and path != "vault" else "")
        example = item.example.replace("`", "'")
        rows.append(f"| {where} | {_cell(type_name(item))} | {'yes' if item.required else ''} "
                    f"| {_cell(_sentence(item.description))} | `{_cell(example)}` |")
    return "\n".join(rows) + "\n"
