"""The importer: the seed's text form and its Markdown variant in, vault pages out."""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from mkdocs_vault.cli import main
from mkdocs_vault.importing import import_text, looks_importable, mermaid
from mkdocs_vault.importing.write import scalar
from tests.sitebuilder import SiteBuilder

EXAMPLE_ENTRY = (Path(__file__).parents[2] / "example-site" / "docs" / "lex"
                 / "deepseek-china-ai-megaclusters.md")
FIXTURES = Path(__file__).parents[1] / "fixtures" / "import"
FIXTURE_TXT = FIXTURES / "garden-talks-urban-bees.txt"
FIXTURE_MD = FIXTURES / "garden-talks-urban-bees.md"
SEED = Path(__file__).resolve().parents[2].parent / "shared/seeds/knowledge-vault-lex-deepseek.txt"

SEED_WARNINGS = [
    "idea 13: the label of node C3 says '200×' while the idea's text says '1 200×'; the label "
    "is kept as written, check it",
    "node G1a (idea 16) carries no class; its category 'open' comes from its edges",
    "the dotted edge O4 -.-> G1 (idea 24 in 'open') has no matching edge G1 --> O4",
    "node R3 (idea 25) carries no class; its category 'safety' comes from its edges",
    "the dotted edge R3 -.-> G5 (idea 25 in 'safety') has no matching edge G5 --> R3",
]
FIXTURE_WARNINGS = [
    "the dotted edge B4 -.-> G1 (idea 4 in 'bees') has no matching edge G1 --> B4",
    "node P2a (idea 6) carries no class; its category 'plants' comes from its edges",
    "idea 8: the label of node C2 says '300' while the idea's text says '1 300'; the label is "
    "kept as written, check it",
    "node K3 (idea 11) carries no class; its category 'risk' comes from its edges",
    "the dotted edge K3 -.-> G4 (idea 11 in 'risk') has no matching edge G4 --> K3",
]
FIXTURE_CATEGORIES = {
    "bees": {"label": "Bees", "color": "#fde68a"},
    "plants": {"label": "Plants", "color": "#bbf7d0"},
    "city": {"label": "City", "color": "#bfdbfe"},
    "risk": {"label": "Risk", "color": "#fecaca"},
}


def front(markdown: str) -> dict[str, object]:
    data = yaml.safe_load(markdown.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(data, dict)
    return data


def vault_of(markdown: str) -> dict[str, object]:
    vault = front(markdown)["vault"]
    assert isinstance(vault, dict)
    return vault


@pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} is not here")
def test_seed() -> None:
    result = import_text(SEED.read_text(encoding="utf-8"))
    assert [w.message for w in result.warnings] == SEED_WARNINGS
    data = front(result.markdown)
    assert data["title"] == ("DeepSeek, China, OpenAI, NVIDIA, xAI, TSMC, Stargate, and AI "
                             "Megaclusters")
    vault = vault_of(result.markdown)
    assert vault["series"] == "Lex 100+"
    assert vault["number"] == 116
    assert str(vault["date"]) == "2025-03-07"
    assert vault["speakers"] == ["Dylan Patel", "Nathan Lambert"]
    assert vault["host"] == "Lex Fridman"
    assert vault["source"] == {"title": "Lex Fridman Podcast #459"}
    assert vault["center"] == "DeepSeek Impact"
    assert vault["categories"] == {
        "open": {"label": "Open", "color": "#d4f9d4"},
        "cost": {"label": "Cost", "color": "#f9d4d4"},
        "hw": {"label": "HW", "color": "#d4d4f9"},
        "geo": {"label": "Geo", "color": "#f9f9d4"},
        "safety": {"label": "Safety", "color": "#f9d4f9"},
        "future": {"label": "Future", "color": "#d4f9f9"},
    }
    assert isinstance(vault["resume"], str)
    assert len(vault["resume"].strip().split("\n\n")) == 3
    ideas = vault["ideas"]
    assert isinstance(ideas, list)
    assert len(ideas) == 30
    assert ideas[0] == {
        "text": "DeepSeek V3/R1 open-weight reasoning models rival GPT-4 at 27× lower cost.",
        "label": "Open rivals GPT-4 27× cheaper", "category": "open"}
    assert ideas[12]["label"] == "200× inference price drop"  # kept as written, and warned
    # The same categories as the hand-made entry of example-site.
    example = vault_of(EXAMPLE_ENTRY.read_text(encoding="utf-8"))["ideas"]
    assert isinstance(example, list)
    assert [i["category"] for i in ideas] == [i["category"] for i in example]
    assert ideas[15]["category"] == "open"
    assert ideas[24]["category"] == "safety"
    assert vault["credits"] == ("Interview by Lex Fridman | Custom GPT and Knowledge Vault "
                                "built by David Vivancos 2025")
    assert "Concept Graph using Moonshot Kimi K2." in result.markdown  # kept in the body
    assert "Knowledge Vault 1 - Lex 100+ / 116 (03/07/2025)" in result.markdown
    # Warnings point at the graph line and at the node's column in it.
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for warning in result.warnings:
        assert warning.line is not None
        assert warning.column is not None
        named = re.search(r"(?:node|edge) (\w+)", warning.message)
        assert named is not None
        assert lines[warning.line - 1][warning.column - 1:].startswith(named.group(1))


def test_fixture_text_form() -> None:
    result = import_text(FIXTURE_TXT.read_text(encoding="utf-8"))
    assert [w.message for w in result.warnings] == FIXTURE_WARNINGS
    vault = vault_of(result.markdown)
    assert vault["categories"] == FIXTURE_CATEGORIES
    assert vault["series"] == "Garden Talks"
    assert vault["number"] == 7
    assert str(vault["date"]) == "2024-11-04"
    assert vault["speakers"] == ["Ada Moss", "Ben Reed"]
    assert vault["host"] == "Garden Radio"
    ideas = vault["ideas"]
    assert isinstance(ideas, list)
    assert len(ideas) == 12
    assert [i["category"] for i in ideas] == [
        "bees", "bees", "plants", "bees", "city", "plants", "risk", "city", "risk", "plants",
        "risk", "city"]
    assert ideas[7]["label"] == "300 hives registered downtown"
    assert isinstance(vault["resume"], str)
    assert len(vault["resume"].split("\n\n")) == 2
    notes = [n.message for n in result.imported.notes]
    assert any("G3 --> B1" in n for n in notes)  # the second category edge is not lost


def test_markdown_variant_gives_the_same_entry() -> None:
    text_form = vault_of(import_text(FIXTURE_TXT.read_text(encoding="utf-8")).markdown)
    result = import_text(FIXTURE_MD.read_text(encoding="utf-8"))
    assert [w.message for w in result.warnings] == FIXTURE_WARNINGS
    vault = vault_of(result.markdown)
    assert vault["source"] == {"title": "Garden Radio Episode #88",
                               "url": "https://example.org/garden-radio/88"}
    assert vault["categories"] == text_form["categories"]
    ideas, expected = vault["ideas"], text_form["ideas"]
    assert isinstance(ideas, list)
    assert isinstance(expected, list)
    assert [(i["label"], i["category"]) for i in ideas] == [
        (i["label"], i["category"]) for i in expected]
    assert ideas[6]["text"] == ("Pesticide drift from nearby gardens can weaken whole "
                                "&lt;b>colonies&lt;/b>.")
    # Warnings of a fenced graph point at its own lines.
    lines = FIXTURE_MD.read_text(encoding="utf-8").split("\n")
    first = result.warnings[0]
    assert first.line is not None
    assert first.column is not None
    assert lines[first.line - 1][first.column - 1:].startswith("B4 -.-> G1")


def test_raw_html_kept_only_when_allowed() -> None:
    result = import_text(FIXTURE_MD.read_text(encoding="utf-8"), allow_html=True)
    ideas = vault_of(result.markdown)["ideas"]
    assert isinstance(ideas, list)
    assert "<b>colonies</b>" in ideas[6]["text"]


def test_nothing_is_lost() -> None:
    text = FIXTURE_TXT.read_text(encoding="utf-8").replace(
        "Concept Graph using", "A stray remark the form has no place for.\n\nConcept Graph using"
    ).replace("class R1,R2 risk", "class R1,R2 risk ??? Hub --> Z9[Orphan node 40]")
    result = import_text(text)
    assert "A stray remark the form has no place for." in result.markdown
    assert "`???`" in result.markdown
    assert "Orphan node" in result.markdown
    messages = [w.message for w in result.warnings]
    assert any("not part of the entry's form" in m for m in messages)
    assert any("'???' in the graph is not Mermaid" in m for m in messages)
    assert any("node Z9 is labelled as idea 40" in m for m in messages)


def test_list_problems_are_reported() -> None:
    text = FIXTURE_TXT.read_text(encoding="utf-8").replace("12 Key Ideas:", "13 Key Ideas:")
    text = text.replace("12.- Schools", "14.- Schools")
    messages = [w.message for w in import_text(text).warnings]
    assert "the heading announces 13 key ideas but the list has 12" in messages
    assert any("numbered 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, not 1 to 12" in m
               for m in messages)


@pytest.mark.parametrize("value", [
    "yes", "no", "null", "on", "~", "123", "1.5", "1e3", "0x10", "2025-03-07", "", " lead",
    "trail ", "a: b", "x: ", "#x", "x #y", "- x", "-x", "? x", "'q'", '"q"', "@x", "`x`", "%x",
    "!x", "&x", "*x", "|x", ">x", "[x]", "{x}", "a, b", "a}b", "100%", "~$160 billion",
    "<b>x</b>", "a\\b", "tab\tx", "x\u2028y", "\x07", "é ×"])
def test_scalars_read_back(value: str) -> None:
    assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value
    assert yaml.safe_load(f"k: {{v: {scalar(value, flow=True)}}}")["k"]["v"] == value


def test_looks_importable() -> None:
    assert looks_importable(FIXTURE_TXT.read_text(encoding="utf-8"))
    assert not looks_importable("# A page\n\nJust text.\n")


def test_one_line_mermaid() -> None:
    chart = mermaid.parse("graph LR classDef a fill:#abc A[x y 1] A -.-> G[Cat] "
                          "G --> A class A a B((round)):::a -->|why| C{c}")
    assert chart.direction == "LR"
    assert chart.nodes["A"].label == "x y 1"
    assert chart.nodes["A"].classes == ["a"]
    assert chart.nodes["B"].label == "round"
    assert chart.nodes["B"].classes == ["a"]
    assert [(e.source, e.target, e.dotted) for e in chart.edges] == [
        ("A", "G", True), ("G", "A", False), ("B", "C", False)]
    assert mermaid.fill_color(chart.class_defs["a"]) == "#aabbcc"
    assert not chart.unread


def test_cli_writes_refuses_and_forces(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    args = ["import", str(FIXTURE_TXT), "-o", str(out)]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    target = out / "garden-talks-urban-bees.md"
    written = target.read_text(encoding="utf-8")
    assert "imported 1 page (5 warnings)" in first.output
    target.write_text("mine", encoding="utf-8")
    again = runner.invoke(main, args)
    assert again.exit_code == 1
    assert "exists; use --force" in again.output
    assert target.read_text(encoding="utf-8") == "mine"
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8") == written


def test_cli_dry_run_and_folders(tmp_path: Path) -> None:
    source = tmp_path / "old"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "bees.txt").write_text(FIXTURE_TXT.read_text(encoding="utf-8"))
    (source / "notes.txt").write_text("not a vault page\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert not out.exists()
    assert f"--- would write {out / 'sub' / 'bees.md'}" in result.output
    assert "would import 1 page (5 warnings), 1 skipped" in result.output
    assert "[2/2]" in result.output
    real = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert real.exit_code == 0
    assert (out / "sub" / "bees.md").is_file()


def test_cli_rejects_what_it_cannot_import(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("hello\n")
    result = CliRunner().invoke(main, ["import", str(other), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a Knowledge Vault page" in result.output
    same = CliRunner().invoke(main, ["import", str(FIXTURE_MD)])
    assert same.exit_code == 1
    assert "would replace its own source" in same.output


def test_cli_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["import", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "mkdocs-vault import" in result.output


@pytest.mark.parametrize("source", [
    FIXTURE_TXT, FIXTURE_MD,
    pytest.param(SEED, marks=pytest.mark.skipif(not SEED.is_file(), reason="no seed"))])
def test_import_then_build_strict(site: SiteBuilder, source: Path) -> None:
    result = import_text(source.read_text(encoding="utf-8"), source_name=source.name)
    assert not [f for f in result.findings if f.message.startswith("written page")]
    site.page("talk.md", result.markdown)
    built = site.build(strict=True)
    assert built.error is None, built.warnings
    html = built.html("talk/")
    expected = vault_of(result.markdown)["ideas"]
    assert isinstance(expected, list)
    ids = re.findall(r'id="idea-(\d+)"', html)
    assert ids == [str(n) for n in range(1, len(expected) + 1)]
    items = re.findall(r'<li id="idea-\d+">(.*?)</li>', html, re.DOTALL)
    shown = [html_module.unescape(" ".join(re.sub(r"<[^>]+>", "", item).split()))
             for item in items]
    assert len(shown) == len(expected)
    for item, idea in zip(shown, expected, strict=True):  # the text, then its category's tag
        assert item.startswith(html_module.unescape(str(idea["text"]))), item


def test_cli_stops_cleanly_on_ctrl_c(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "old"
    source.mkdir()
    for name in ("a", "b", "c"):
        (source / f"{name}.txt").write_text(FIXTURE_TXT.read_text(encoding="utf-8"))
    from mkdocs_vault.cli import importer

    calls = []

    def interrupted(text: str, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return import_text(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "import_text", interrupted)
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 130
    assert "interrupted after 1 of 3 files; imported 1 page (5 warnings)" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.md"]  # no partial file
