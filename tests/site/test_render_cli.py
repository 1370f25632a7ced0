"""`mkdocs-vault render`: the example site as plain Markdown, built without the plugin by
MkDocs and by Zensical."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mkdocs_vault.cli import main
from mkdocs_vault.render.expand import CSS_URI, MERMAID_URI, RenderSummary, render_tree
from tests.sitebuilder import EXAMPLE_SITE, MERMAID_JS, SiteBuilder, build_config

pytestmark = pytest.mark.site

DEEPSEEK = "lex/deepseek-china-ai-megaclusters.md"
TOKEN_RE = re.compile(r"vault[0-9a-f]{6,}p[0-9]+z")


def zensical() -> str | None:
    """The zensical command next to this Python, or on PATH."""
    beside = Path(sys.executable).with_name("zensical")
    return str(beside) if beside.is_file() else shutil.which("zensical")


def require_zensical() -> str:
    found = zensical()
    if found is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("zensical is not installed (pip install zensical)")
        pytest.skip("zensical is not installed (pip install zensical)")
    return found


def build_with_zensical(config_file: Path) -> Path:
    """`zensical build -f config_file --strict`; the site folder."""
    command = require_zensical()
    done = subprocess.run([command, "build", "-f", str(config_file), "--strict", "--clean"],
                          capture_output=True, text=True, timeout=300,
                          cwd=config_file.parent, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return config_file.parent / "site"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> RenderSummary:
    out = tmp_path_factory.mktemp("rendered")
    return render_tree(EXAMPLE_SITE / "mkdocs.yml", out, mermaid_js=MERMAID_JS["12"])


@pytest.fixture(scope="module")
def for_zensical(tmp_path_factory: pytest.TempPathFactory) -> RenderSummary:
    out = tmp_path_factory.mktemp("zensical")
    return render_tree(EXAMPLE_SITE / "mkdocs.yml", out, mermaid_js=MERMAID_JS["12"],
                       target="zensical")


def test_tree(rendered: RenderSummary) -> None:
    docs = rendered.out_dir / "docs"
    assert rendered.problems == []
    assert DEEPSEEK in rendered.entries
    assert len(rendered.entries) == len(list((EXAMPLE_SITE / "docs").rglob("*.md"))) - 1
    for uri in ("vault/index.md", "vault/series/lex-100.md", CSS_URI, MERMAID_URI,
                "vault.json"):
        assert uri in rendered.generated
        assert (docs / uri).is_file()
    assert (docs / CSS_URI).read_bytes() == (
        Path(__file__).parents[2] / "mkdocs_vault/assets/vault.css").read_bytes()
    assert (docs / MERMAID_URI).read_bytes() == MERMAID_JS["12"].read_bytes()
    for uri in rendered.copied:  # byte for byte
        assert (docs / uri).read_bytes() == (EXAMPLE_SITE / "docs" / uri).read_bytes()
    page = (docs / DEEPSEEK).read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: DeepSeek, China")
    assert "vault:" not in page
    assert not TOKEN_RE.search(page)  # self-contained: no placeholders left
    assert page.count('id="idea-') == 30
    category = (docs / "vault/categories/cost.md").read_text(encoding="utf-8")
    assert category.startswith("---\nsearch:\n  exclude: true\n---\n")
    assert "vault/categories/cost.md" in rendered.generated
    assert 'href="../../../lex/deepseek-china-ai-megaclusters/#idea-2"' in category  # as URLs


def test_config(rendered: RenderSummary) -> None:
    text = rendered.config_file.read_text(encoding="utf-8")
    assert "vault" not in re.findall(r"^plugins:\n((?:- .*\n)+)", text, re.MULTILINE)[0]
    assert "docs_dir: docs" in text
    assert f"extra_css:\n- {CSS_URI}" in text
    assert f"extra_javascript:\n- {MERMAID_URI}" in text
    assert "permalink: true" in text  # other options kept


def _idea_ids(html: str) -> list[str]:
    return re.findall(r'<li id="(idea-\d+)"', html)


def _check_links(site_dir: Path, page_dir: Path, html: str) -> None:
    """Every relative href/src of the entry's own HTML points at a file of the site."""
    for url in re.findall(r'(?:href|src)="([^"#?]+)[^"]*"', html):
        if url.startswith(("/", "//")) or ":" in url:
            continue
        target = (page_dir / url).resolve()
        if url.endswith("/") or target.is_dir():
            target = target / "index.html"
        assert target.is_file() or target.with_suffix(".html").is_file(), url
        assert target.is_relative_to(site_dir.resolve())


def test_plain_mkdocs_builds_it_strict(rendered: RenderSummary,
                                       example_build: object) -> None:
    result = build_config(rendered.config_file, rendered.out_dir / "mkdocs-site", strict=True)
    assert result.error is None, result.warnings
    assert result.config is not None
    assert "vault" not in result.config.plugins
    html = result.html(DEEPSEEK)
    assert 'class="vault-header"' in html
    assert _idea_ids(html) == [f"idea-{n}" for n in range(1, 31)]
    assert '<pre class="mermaid">' in html
    assert "assets/vault/vault.css" in html
    with_plugin = example_build.html(DEEPSEEK)  # type: ignore[attr-defined]
    assert _idea_ids(with_plugin) == _idea_ids(html)
    _check_links(result.site_dir, result.site_dir / "lex/deepseek-china-ai-megaclusters", html)
    assert (result.site_dir / "vault/index.html").is_file()
    category = result.site_dir / "vault/categories/cost"
    _check_links(result.site_dir, category, (category / "index.html").read_text("utf-8"))


def test_zensical_builds_it(for_zensical: RenderSummary) -> None:
    page = (for_zensical.out_dir / "docs" / DEEPSEEK).read_text(encoding="utf-8")
    assert 'href="../vault/series/lex-100.md"' in page  # relative to the source, as Markdown
    category = (for_zensical.out_dir / "docs/vault/categories/cost.md").read_text("utf-8")
    assert 'href="../../lex/deepseek-china-ai-megaclusters.md#idea-2"' in category
    site_dir = build_with_zensical(for_zensical.config_file)
    page_dir = site_dir / "lex/deepseek-china-ai-megaclusters"
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    assert 'class="vault-header"' in html
    assert _idea_ids(html) == [f"idea-{n}" for n in range(1, 31)]
    assert '<pre class="mermaid">' in html
    _check_links(site_dir, page_dir, html)
    assert (site_dir / "vault/index.html").is_file()
    assert (site_dir / CSS_URI).is_file()


def test_links_in_fields_resolve_as_mkdocs_would(site: SiteBuilder, tmp_path: Path) -> None:
    site.config["use_directory_urls"] = False
    site.entry("talks/a.md", {"resume": "See [the other](../b.md#idea-1) and [c](sub/c.md).",
                              "ideas": ["One."]})
    site.entry("b.md", {"ideas": ["Two."]})
    site.page("talks/sub/c.md", "# C\n")
    config = site._write_config()
    summary = render_tree(config, tmp_path / "out")
    page = (tmp_path / "out/docs/talks/a.md").read_text(encoding="utf-8")
    assert 'href="../b.html#idea-1"' in page
    assert 'href="sub/c.html"' in page
    assert summary.problems == []
    built = build_config(summary.config_file, tmp_path / "out/site", strict=True)
    assert built.error is None, built.warnings


def test_problems_are_reported(site: SiteBuilder, tmp_path: Path) -> None:
    site.entry("a.md", {"ideas": ["One."], "resume": "See [gone](nope.md)."})
    config = site._write_config()
    result = CliRunner().invoke(main, ["render", "-f", str(config), "-o", str(tmp_path / "o"),
                                       "--strict"])
    assert result.exit_code == 1
    assert "WARNING: " in result.output
    assert "links to 'nope.md', which is not a file of the site" in result.output


def test_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    help_text = runner.invoke(main, ["render", "--help"]).output
    assert "Example:" in help_text
    assert "mkdocs-vault render -f mkdocs.yml -o" in help_text
    refused = runner.invoke(main, ["render", "-f", str(EXAMPLE_SITE / "mkdocs.yml"), "-o",
                                   str(EXAMPLE_SITE / "docs" / "out")])
    assert refused.exit_code == 1
    assert "outside the site's folder" in refused.output
    one = runner.invoke(main, ["render", str(EXAMPLE_SITE / "docs" / DEEPSEEK), "-o",
                               str(tmp_path / "one")])
    assert one.exit_code == 0, one.output
    written = sorted(p.relative_to(tmp_path / "one/docs").as_posix()
                     for p in (tmp_path / "one/docs").rglob("*") if p.is_file())
    assert written == sorted([CSS_URI, MERMAID_URI, DEEPSEEK])


def test_folder_without_config(tmp_path: Path) -> None:
    docs = tmp_path / "pages"
    docs.mkdir()
    (docs / "t.md").write_text("---\nvault:\n  ideas: [One idea.]\n---\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(docs), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert 'id="idea-1"' in (tmp_path / "out/docs/t.md").read_text(encoding="utf-8")
    assert "plugins:\n- search\n" in (tmp_path / "out/mkdocs.yml").read_text(encoding="utf-8")
