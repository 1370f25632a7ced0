"""`mkdocs-vault check`: the same problems as a build, without building."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mkdocs_vault.cli import check, main
from mkdocs_vault.loading.problems import Problem
from tests.sitebuilder import EXAMPLE_SITE, ROOT, SiteBuilder

GOOD = {"ideas": [{"text": "First idea.", "see": "b.md#idea-1"}, "Second idea."]}
BAD_CATEGORY = {"categories": {"open": "Open"},
                "ideas": [{"text": "An idea.", "category": "opne"}]}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def broken(site: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> SiteBuilder:
    """A site with an error, an unknown field, a broken `see:` link and a broken link in a
    Markdown field; the current folder is the site's."""
    site.entry("a.md", {**GOOD, "speaker": "Ada"})
    site.entry("b.md", {"ideas": [{"text": "One.", "see": "gone.md#idea-3"}],
                        "resume": "See [this](missing.md)."})
    site.entry("talks/c.md", BAD_CATEGORY)
    site.page("plain.md", "# Not a vault page\n")
    site._write_config()
    monkeypatch.chdir(site.root)
    return site


EXPECTED = [
    "docs/a.md:8:3: speaker: unknown field, ignored; did you mean 'speakers'? (known: series, "
    "number, total, date, speakers, host, source, image, center, categories, resume, ideas, "
    "credits, layout, sections, related)",
    "docs/b.md:6: ideas[0].see[0]: 'gone.md#idea-3': no vault entry at 'gone.md'",
    "docs/b.md: resume: links to 'missing.md', which is not a file of the site",
    "docs/talks/c.md:8:15: ideas[0].category: idea 1: 'opne' is not a declared category "
    "(declared: open); did you mean 'open'?",
]


def test_example_site_is_clean() -> None:
    code, out, err = run("-f", str(EXAMPLE_SITE / "mkdocs.yml"))
    assert (code, out) == (0, "")
    assert err.strip() == "10 pages checked, 0 errors, 0 warnings"


def test_the_real_command_on_example_site() -> None:
    """The installed console script, in a process of its own."""
    script = Path(sys.executable).with_name("mkdocs-vault")
    done = subprocess.run([str(script), "check"], cwd=EXAMPLE_SITE, capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "10 pages checked, 0 errors, 0 warnings" in done.stderr


def test_problems_located_and_exit_1(broken: SiteBuilder) -> None:
    code, out, err = run()
    assert code == 1
    assert out.splitlines() == EXPECTED
    assert err.strip() == "3 pages checked, 1 error, 3 warnings"


def test_same_lines_as_the_build(broken: SiteBuilder) -> None:
    """Every problem `check` prints is one the plugin logs in a build, and the other way."""
    built = broken.build()
    logged = sorted(m.removeprefix("vault: ") for m in built.vault_warnings)
    _, out, _ = run()
    assert sorted(out.splitlines()) == logged


def test_docs_folder_paths_relative_to_here(broken: SiteBuilder,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.docs)
    code, out, _ = run(".")
    assert code == 1
    assert out.splitlines() == [line.removeprefix("docs/") for line in EXPECTED]


def test_project_folder_and_config_file(broken: SiteBuilder,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder holding mkdocs.yml is the project; paths are relative to mkdocs.yml."""
    monkeypatch.chdir(broken.root.parent)
    assert run(broken.root.name)[1].splitlines() == EXPECTED
    assert run("-f", str(broken.root / "mkdocs.yml"))[1].splitlines() == EXPECTED


def test_warnings_ok(site: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    site.entry("a.md", {**GOOD, "speaker": "Ada"})
    site.entry("b.md", {"ideas": ["x"]})
    site._write_config()
    monkeypatch.chdir(site.root)
    assert run()[0] == 1
    assert run("--warnings-ok")[0] == 0
    site.entry("c.md", {"ideas": []})
    assert run("--warnings-ok")[0] == 1


def test_json(broken: SiteBuilder) -> None:
    code, out, _ = run("--format", "json")
    assert code == 1
    found = json.loads(out)
    assert [set(f) for f in found] == [{"path", "line", "column", "field", "severity",
                                        "message"}] * 4
    assert found[0] == {"path": "docs/a.md", "line": 8, "column": 3, "field": "speaker",
                        "severity": "warning", "message": EXPECTED[0].split(": ", 2)[2]}
    assert found[2]["line"] is None
    assert [f["severity"] for f in found] == ["warning", "warning", "warning", "error"]


def test_github(broken: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.root.parent)  # paths are relative to the workspace
    code, out, _ = run("--format", "github", "-f", str(broken.root / "mkdocs.yml"))
    assert code == 1
    lines = out.splitlines()
    prefix = f"{broken.root.name}/docs"
    assert lines[0].startswith(f"::warning file={prefix}/a.md,line=8,col=3,title=vault%3A "
                               f"speaker::unknown field, ignored; did you mean 'speakers'?")
    assert lines[2] == (f"::warning file={prefix}/b.md,title=vault%3A resume::links to "
                        f"'missing.md', which is not a file of the site")
    assert lines[3].startswith(f"::error file={prefix}/talks/c.md,line=8,col=15,")


def test_github_escaping() -> None:
    problem = Problem("100% sure\r\nnot, really: no", "ideas[0].see[0]", 3, 1, "warning")
    assert check.github_line("a,b:c%.md", problem) == (
        "::warning file=a%2Cb%3Ac%25.md,line=3,col=1,title=vault%3A ideas[0].see[0]::"
        "100%25 sure\\r\\nnot, really: no")
    raw = Problem("two\nlines")  # printable() has made the message one line already
    assert check.github_line("x.md", raw) == "::error file=x.md,title=vault%3A front " \
        "matter::two\\nlines"
    assert check.github_line("x.md", Problem("fine", None, None, None, "info")).startswith(
        "::notice file=x.md,")


def test_meta_file_defaults(site: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    """`.meta.yml` files give defaults when Material's meta plugin is on, as in a build."""
    site.config["plugins"] = ["material/meta", "vault"]
    site.page("talks/.meta.yml", "vault:\n  series: Talks\n  speaker: Ada\n")
    site.page("talks/a.md", "---\nvault:\n  ideas: [x]\n---\n")
    site.page("other.md", "---\ntitle: no entry\n---\n")
    site._write_config()
    monkeypatch.chdir(site.root)
    code, out, err = run()
    assert code == 1
    assert out.startswith("docs/talks/a.md:")
    assert ": speaker: unknown field, ignored;" in out
    assert out.splitlines() == [m.removeprefix("vault: ") for m in site.build().vault_warnings]
    assert "1 page checked" in err
    site.config["plugins"] = ["vault"]
    site._write_config()
    assert run() == (0, "", "1 page checked, 0 errors, 0 warnings\n")


def test_broken_meta_file(site: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    site.config["plugins"] = ["material/meta", "vault"]
    site.page(".meta.yml", "vault: [\n")
    site.page("a.md", "---\nvault:\n  ideas: [x]\n---\n")
    site._write_config()
    monkeypatch.chdir(site.root)
    code, out, _ = run()
    assert code == 1
    assert out.startswith("docs/.meta.yml:2:1: front matter: the meta file cannot be read:")


def test_plugin_options_apply(site: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    """label_length from mkdocs.yml: the same derived labels, so the same problems."""
    site.plugin_options(label_length=12)
    site.entry("a.md", {"ideas": ["A fairly long idea that needs cutting."]})
    site._write_config()
    monkeypatch.chdir(site.root)
    assert run()[0] == 0
    assert check.site_from_config(site.root / "mkdocs.yml").options.label_chars == 12


def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run()
    assert code == 2
    assert "no mkdocs.yml here" in err
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: {name: nope}\n", "utf-8")
    assert run("-f", "mkdocs.yml", "docs")[0] == 2
    assert run("--format", "xml", "docs")[0] == 2
    assert run("missing")[0] == 2
    code, _, err = run("-f", "mkdocs.yml")
    assert code == 2
    assert "mkdocs.yml" in err
    assert run("docs") == (0, "", "0 pages checked, 0 errors, 0 warnings\n")


def test_ctrl_c(broken: SiteBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(site: check.Site) -> check.Report:
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "check_site", interrupted)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 130
    assert "interrupted" in result.stderr
    assert "Traceback" not in result.output


def test_progress_only_on_a_terminal(broken: SiteBuilder) -> None:
    for n in range(30):
        broken.entry(f"many/{n}.md", {"ideas": ["x"]})
    code, _, err = run("--warnings-ok")
    assert err.count("\n") == 1  # CliRunner's stderr is not a terminal: the summary only
    assert code == 1


def test_help_has_examples() -> None:
    for name in ("check", "new", "schema"):
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert f"mkdocs-vault {name} " in result.output.split("Example", 1)[1]


def test_python_dash_m() -> None:
    done = subprocess.run([sys.executable, "-m", "mkdocs_vault", "check", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0
    assert "Usage: python -m mkdocs_vault check" in done.stdout
