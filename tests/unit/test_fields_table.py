"""The field table (`loading/fields.py`): the one list of front-matter fields that the
validator, the JSON Schema and the docs' reference table all come from."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import yaml

from mkdocs_vault import model
from mkdocs_vault.loading import fields
from mkdocs_vault.loading.pages import load_page

IDEAS = [{"text": f"Idea {n}.", "category": "open" if n % 2 else "cost"} for n in range(1, 6)]


def entry_with(path: str, value: Any) -> dict[str, Any]:
    """A valid five-idea entry with the field at `path` (`vault.ideas[].label`) set."""
    vault: dict[str, Any] = {"ideas": [dict(i) for i in IDEAS]}
    top: dict[str, Any] = {"title": "T", "vault": vault}
    steps = path.split(".")
    if steps[0] != "vault":
        top[steps[0]] = value
    elif len(steps) == 2:
        vault[steps[1]] = value  # the categories example declares `open` and `cost`
    elif steps[1] == "ideas[]":
        vault["ideas"][0][steps[2]] = value
    elif steps[1] == "categories":
        vault["categories"] = {"open": {steps[3]: value}, "cost": {}}
    else:  # source.title: the parent's own example, with this key set
        parent = yaml.safe_load(f"x: {fields.lookup(steps[1]).example}")["x"]
        vault[steps[1]] = {**parent, steps[2]: value}
    return top


def page(front_matter: dict[str, Any]) -> str:
    text = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
    return f"---\n{text}---\n"


PATHS = [path for path, _ in fields.walk() if path != "vault"]


@pytest.mark.parametrize("path", PATHS)
def test_every_example_is_valid(path: str) -> None:
    """Each field's documented example is accepted by the validator without a word."""
    item = dict(fields.walk())[path]
    value = yaml.safe_load(f"x: {item.example}")["x"]
    loaded = load_page(page(entry_with(path, value)))
    assert loaded is not None
    assert loaded.problems == (), loaded.problems
    assert loaded.ok


def test_every_field_is_in_the_markdown_table() -> None:
    """The docs' table has one row per field of the table, in the table's order."""
    table = fields.field_table_markdown()
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    shown = [row.split("`")[1] for row in rows]
    expected = [p if p == "vault" else p.removeprefix("vault.") for p, _ in fields.walk()]
    assert shown == expected
    for (_, item), row in zip(fields.walk(), rows, strict=True):
        assert fields.type_name(item).replace("|", "\\|") in row
        assert ("| yes |" in row) == item.required
    assert table.splitlines()[0] == "| Field | Type | Required | Description | Example |"


def test_descriptions_are_one_line() -> None:
    for path, item in fields.walk():
        assert item.description, path
        assert item.example, path
        assert "\n" not in item.description + item.example, path


def test_known_keys_come_from_the_table() -> None:
    """The validator's unknown-field warning lists the table's keys, in its order."""
    loaded = load_page(page({"vault": {"ideas": [{"text": "a", "lable": "x"}], "speaker": "A"}}))
    assert loaded is not None
    messages = {p.field: p.message for p in loaded.problems}
    assert messages["speaker"] == (
        "unknown field, ignored; did you mean 'speakers'? (known: "
        + ", ".join(fields.keys()) + ")")
    assert messages["ideas[0].lable"] == (
        "unknown field, ignored; did you mean 'label'? (known: text, label, category, links, "
        "see)")
    assert fields.keys("source") == ("title", "url")
    assert fields.keys("image") == ("src", "alt")
    assert fields.keys("categories") == ("label", "color")


def _names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def test_table_and_model_agree() -> None:
    """Every field of the model comes from the table (or is derived), and the other way."""
    top = {f.name for f in fields.TOP_FIELDS} - {"vault"}
    assert _names(model.Entry) == set(fields.keys()) | top | {"number_text", "extra"}
    assert _names(model.Idea) == set(fields.keys("ideas")) | {"number", "label_derived"}
    assert _names(model.Source) == set(fields.keys("source"))
    assert _names(model.Image) == set(fields.keys("image"))
    assert _names(model.Category) == set(fields.keys("categories")) | {"key"}
    assert fields.lookup("layout").choices == model.LAYOUTS
    assert fields.lookup("sections").choices == model.SECTIONS


def test_lookup() -> None:
    assert fields.lookup() is fields.VAULT
    assert fields.lookup("source", "url").kind == "url"
    assert fields.lookup("ideas").required
    assert [p for p, f in fields.walk() if f.required] == [
        "vault.image.src", "vault.ideas", "vault.ideas[].text"]
    with pytest.raises(StopIteration):
        fields.lookup("nope")


def test_type_names() -> None:
    assert fields.type_name(fields.lookup("speakers")) == "list of names, or one name"
    assert fields.type_name(fields.lookup("source")) == "`{title, url}`, or its URL, or its title"
    assert fields.type_name(fields.lookup("number")) == "whole number ≥ 0"
    assert fields.type_name(fields.lookup("layout")) == "one of `lanes`, `classic`"
