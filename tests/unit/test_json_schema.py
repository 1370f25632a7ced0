"""The JSON Schema of the front matter (`fields.json_schema`, `mkdocs-vault schema`): it accepts
every example entry, rejects broken ones, and agrees with the validator."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from mkdocs_vault.cli import main
from mkdocs_vault.loading.fields import json_schema, walk
from mkdocs_vault.loading.frontmatter import split
from mkdocs_vault.loading.pages import load_page

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "example-site" / "docs").rglob("*.md"))
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def as_editor_sees(value: Any) -> Any:
    """PyYAML reads YAML 1.1, where 2025-03-07 is a date; a YAML 1.2 editor sees a string."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    return value


def front_matter(text: str) -> Any:
    yaml_text, _, _ = split(text)
    if yaml_text is None:
        return {}
    return as_editor_sees(yaml.safe_load(yaml_text))


def errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATOR.iter_errors(data)]


def test_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    schema = json_schema("https://example.org/vault.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://example.org/vault.json"
    assert "$id" not in json_schema()
    assert schema["additionalProperties"] is True
    assert schema["properties"]["vault"]["additionalProperties"] is False
    assert set(schema["properties"]) == {"title", "tags", "vault"}


def test_draft_7_reads_it_too() -> None:
    """Older validators (yaml-language-server's default) understand every keyword used."""
    schema = dict(json_schema())
    del schema["$schema"]
    jsonschema.Draft7Validator.check_schema(schema)
    for path in EXAMPLES:
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(
            front_matter(path.read_text(encoding="utf-8"))))


def test_descriptions_come_from_the_table() -> None:
    vault = json_schema()["properties"]["vault"]
    assert vault["properties"]["series"]["description"] == \
        "Name of the series the entry belongs to."
    idea = vault["properties"]["ideas"]["items"]["anyOf"][0]
    assert idea["properties"]["text"]["description"] == "The idea as the list shows it."
    assert vault["required"] == ["ideas"]
    documented = sum(1 for _ in walk())
    text = json.dumps(json_schema())
    assert text.count('"description"') >= documented


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_accepts_every_example_entry(path: Path) -> None:
    assert errors(front_matter(path.read_text(encoding="utf-8"))) == []


def test_examples_are_entries() -> None:
    """The parametrised test above does check vault entries."""
    vault_pages = [p for p in EXAMPLES if "vault" in (front_matter(p.read_text("utf-8")) or {})]
    assert len(vault_pages) >= 10


BASE = {"title": "T", "vault": {"ideas": ["One idea."]}}


def with_vault(**vault: Any) -> dict[str, Any]:
    return {"title": "T", "vault": {"ideas": ["One idea."], **vault}}


BROKEN = {
    "unknown vault key": with_vault(speaker="A"),
    "unknown idea key": with_vault(ideas=[{"text": "a", "lable": "b"}]),
    "missing ideas": {"vault": {"series": "S"}},
    "empty ideas": {"vault": {"ideas": []}},
    "ideas not a list": {"vault": {"ideas": "one"}},
    "vault empty": {"vault": None},
    "vault a list": {"vault": ["a"]},
    "idea without text": with_vault(ideas=[{"label": "x"}]),
    "blank idea": with_vault(ideas=[" "]),
    "series a list": with_vault(series=["a"]),
    "series a boolean": with_vault(series=True),
    "number negative": with_vault(number=-1),
    "number text": with_vault(number="three"),
    "total zero": with_vault(total=0),
    "date not a date": with_vault(date="03/07/2025"),
    "speakers a mapping": with_vault(speakers={"a": 1}),
    "source a number": with_vault(source=12),
    "source empty mapping": with_vault(source={}),
    "source javascript url": with_vault(source={"url": "javascript:alert(1)"}),
    "image without src": with_vault(image={"alt": "x"}),
    "image javascript": with_vault(image="JavaScript:alert(1)"),
    "colour without #": with_vault(categories={"a": {"color": "d4f9d4"}},
                                   ideas=[{"text": "x", "category": "a"}]),
    "idea without category when declared": with_vault(categories={"a": "A"}),
    "idea category null when declared": with_vault(
        categories={"a": "A"}, ideas=[{"text": "x", "category": None}]),
    "layout unknown": with_vault(layout="grid"),
    "sections unknown": with_vault(sections=["header", "grpah"]),
    "sections twice": with_vault(sections=["ideas", "ideas"]),
    "sections empty": with_vault(sections=[]),
    "links zero": with_vault(ideas=[{"text": "a", "links": [0]}]),
    "see a mapping": with_vault(ideas=[{"text": "a", "see": {"x": 1}}]),
    "related blank": with_vault(related=""),
    "resume a mapping": with_vault(resume={"a": 1}),
    "categories a number": with_vault(categories=3),
}


@pytest.mark.parametrize("data", BROKEN.values(), ids=BROKEN.keys())
def test_rejects_broken_entries(data: dict[str, Any]) -> None:
    assert errors(data)


def test_rejects_what_material_rejects() -> None:
    """`tags` is Material's: the validator only reads it, the schema still flags a mapping."""
    assert errors({"tags": {"a": 1}, **BASE})


def test_other_plugins_keys_are_allowed() -> None:
    assert errors({"hide": ["toc"], "template": "x.html", "status": "new", **BASE}) == []
    assert errors({"title": "Not a vault page"}) == []


GOOD = {
    "minimal": BASE,
    "strings as numbers": with_vault(series=10, host=12.5, number="010", total="12"),
    "source as a URL": with_vault(source="https://example.org/talk"),
    "source as a title": with_vault(source="re:Invent keynote"),
    "source url only": with_vault(source={"url": "https://example.org"}),
    "image as a path": with_vault(image="img/x.png"),
    "speakers one name": with_vault(speakers="Ada"),
    "resume as paragraphs": with_vault(resume=["One.", "Two."]),
    "categories as keys": with_vault(categories=["a", "b"], ideas=[
        {"text": "x", "category": "a"}, {"text": "y", "category": "b"}]),
    "category label shorthand": with_vault(categories={"a": "A", "b": None}, ideas=[
        {"text": "x", "category": "a"}, {"text": "y", "category": "b"}]),
    "links one number": with_vault(ideas=[{"text": "x", "links": 2}, "y"]),
    "see and related one link": with_vault(ideas=[{"text": "x", "see": "o.md#idea-1"}],
                                           related="o.md"),
    "date and time": with_vault(date="2025-03-07T12:30:00"),
    "empty optional fields": with_vault(series=None, host=None, date=None, source=None),
    "layout": with_vault(layout="classic", sections=["ideas", "body"]),
    "idea numbers as text": with_vault(ideas=[42, "x"]),
}


def agreement_cases() -> dict[str, dict[str, Any]]:
    cases = {f"good: {k}": v for k, v in GOOD.items()}
    cases.update({f"bad: {k}": v for k, v in BROKEN.items()})
    return cases


@pytest.mark.parametrize(("name", "data"), agreement_cases().items(),
                         ids=agreement_cases().keys())
def test_schema_and_validator_agree(name: str, data: dict[str, Any]) -> None:
    """Both accept (no problem at all) or both reject (an error or a warning)."""
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"
    loaded = load_page(text)
    by_validator = loaded is None or loaded.problems == ()
    by_schema = errors(data) == []
    assert by_validator == by_schema == name.startswith("good"), (
        loaded.problems if loaded else None, errors(data))


def test_schema_command_prints_it(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json_schema()
    target = tmp_path / "out" / "vault.schema.json"
    result = runner.invoke(main, ["schema", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target)
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()
    assert "Example" in runner.invoke(main, ["schema", "--help"]).output
