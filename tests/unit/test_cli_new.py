"""`mkdocs-vault new`: a new entry that builds `--strict` as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mkdocs_vault.cli import main
from mkdocs_vault.cli.new import scaffold, slug
from mkdocs_vault.loading.pages import load_page
from tests.sitebuilder import SiteBuilder


def new(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["new", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("title", "expected"), [
    ("Cargo Cult Science", "cargo-cult-science"),
    ("DeepSeek, China & AI: \"Megaclusters\"!", "deepseek-china-ai-megaclusters"),
    ("Café Müller über Ærø", "cafe-muller-uber-ærø"),
    ("深度求索 AI", "深度求索-ai"),
    ("???", "entry"),
    ("x" * 200, "x" * 80),
])
def test_slug(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_scaffold_is_a_clean_entry() -> None:
    text = scaffold("A: \"quoted\" #title", series="S: 1", number=3, total=9,
                    speakers=("Ada", 'B "b"'), host="H", source="https://example.org/talk")
    loaded = load_page(text)
    assert loaded is not None
    assert loaded.problems == ()
    assert loaded.entry is not None
    assert loaded.entry.title == 'A: "quoted" #title'
    assert loaded.entry.series == "S: 1"
    assert loaded.entry.speakers == ("Ada", 'B "b"')
    assert loaded.entry.source is not None
    assert loaded.entry.source.url == "https://example.org/talk"
    assert len(loaded.entry.ideas) == 3


def test_writes_and_builds_strict(site: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written into a site as it is, the page builds with --strict, and `check` is happy."""
    site.docs.mkdir(parents=True)
    monkeypatch.chdir(site.root)
    code, out, _ = new("DeepSeek: China & AI", "-o", "docs/talks/", "--series", "Lex 100+",
                       "--number", "116", "--total", "150", "--date", "2025-03-07",
                       "--speaker", "Dylan Patel", "--speaker", "Nathan Lambert",
                       "--host", "Lex Fridman", "--source", "Lex Fridman Podcast #459")
    assert code == 0
    path = Path(out.strip())
    assert path == Path("docs/talks/deepseek-china-ai.md")
    text = path.read_text(encoding="utf-8")
    assert "date: 2025-03-07" in text
    result = site.build(strict=True)
    assert result.error is None, result.warnings
    assert result.warnings == []
    html = result.html("talks/deepseek-china-ai.md")
    assert 'id="idea-3"' in html
    assert "Lex Fridman Podcast #459" in html
    checked = CliRunner().invoke(main, ["check"])
    assert checked.exit_code == 0, checked.output


def test_default_path_and_no_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert new("My Talk") == (0, "my-talk.md\n", "")
    target = tmp_path / "my-talk.md"
    target.write_text("mine", encoding="utf-8")
    code, _, err = new("My Talk")
    assert code == 1
    assert "exists; use --force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    assert new("My Talk", "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith('---\ntitle: "My Talk"\n')


def test_output_file_and_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert new("T", "-o", "a/b/entry.md") == (0, str(Path("a/b/entry.md")) + "\n", "")
    assert (tmp_path / "a/b/entry.md").is_file()
    code, out, _ = new("T", "-o", "-")
    assert code == 0
    assert out == scaffold("T")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


@pytest.mark.parametrize("args", [
    ["T", "--date", "07/03/2025"],
    ["T", "--number", "-1"],
    ["T", "--number", "5", "--total", "3"],
    ["T", "--source", "javascript://alert(1)"],
    ["T", "--speaker", " "],
    [" "],
    [],
])
def test_usage_errors(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert new(*args)[0] == 2
    assert list(tmp_path.iterdir()) == []
