"""The documentation site: the repository's mkdocs.yml builds docs/ strictly, with the plugin;
its generated references match the code; every command of Getting started works as written."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from mkdocs_vault import __version__
from tests.sitebuilder import ROOT, BuildResult, build_config

pytestmark = pytest.mark.site

DOCS = ROOT / "docs"
HOOKS = DOCS / "_hooks" / "reference.py"
FENCE = re.compile(r'^```(\w+)(?: title="([^"]+)")?\n(.*?)^```\n', re.MULTILINE | re.DOTALL)


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_reference_hooks", HOOKS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The docs, built once from the repository's own mkdocs.yml, strictly."""
    site = tmp_path_factory.mktemp("docs") / "site"
    result = build_config(ROOT / "mkdocs.yml", site, strict=True)
    assert result.error is None, result.warnings
    return result


def test_docs_build_strictly(docs: BuildResult) -> None:
    """No broken link, anchor, omitted page or vault problem; the pages are all there."""
    assert docs.warnings == []
    for page in ("front-matter/", "getting-started/", "faq/", "layouts/", "publishing/",
                 "changelog/", "errors/", "reference/options/", "reference/cli/",
                 "reference/front-matter-fields/", "vault/"):
        assert (docs.site_dir / page / "index.html").is_file(), page


def test_nav_names_only_pages_that_exist_or_are_pending() -> None:
    """Every nav entry is a page of docs/ or generated; pending pages of other work are
    dropped by the hook until they exist."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.SafeLoader)
    assert config["docs_dir"] == "docs"
    assert config["site_dir"] == "site"

    def targets(nav: list[Any]) -> list[str]:
        found: list[str] = []
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += targets(value) if isinstance(value, list) else [value]
        return found

    pending = _hooks().PENDING_PAGES
    for target in targets(config["nav"]):
        generated = target.startswith("vault/")
        assert generated or target in pending or (DOCS / target).is_file(), target


def test_gallery_entries_are_live(docs: BuildResult) -> None:
    """The gallery's examples are vault entries in both layouts, with and without links."""
    for page, ideas in (("gallery/lanes/", 5), ("gallery/lanes-links/", 5),
                        ("gallery/classic/", 4), ("gallery/classic-links/", 4)):
        html = docs.html(page)
        assert 'class="mermaid' in html, page
        assert len(re.findall(r'id="idea-\d+"', html)) == ideas, page
    assert "Layout gallery" in docs.html("vault/")


def test_option_reference_is_generated_from_the_config_class(docs: BuildResult) -> None:
    """Every option of VaultConfig and its SubConfigs is listed, with its docstring."""
    html = docs.html("reference/options/")
    hooks = _hooks()
    names = hooks.option_names()
    assert {"graph.layout", "nav_entries", "pages.index", "series.<name>.total"} <= set(names)
    for name in names:
        assert f"<code>{name.replace('<', '&lt;').replace('>', '&gt;')}</code>" in html, name
    from mkdocs_vault.plugin.config import GraphConfig, VaultConfig

    docs_of = hooks.attribute_docs(VaultConfig)
    assert docs_of["nav_entries"].startswith("Keep entries in the global navigation")
    assert "Label size in px" in hooks.attribute_docs(GraphConfig)["font_size"]
    assert "Keep entries in the global navigation" in html
    assert "<code>lanes</code>" in html  # graph.layout's default


def test_cli_reference_is_generated_from_the_commands(docs: BuildResult) -> None:
    """The group's help, and each subcommand that imports, or a note naming those that do
    not yet."""
    html = docs.html("reference/cli/")
    assert "Usage: mkdocs-vault [OPTIONS] COMMAND [ARGS]..." in html
    shown, missing = _hooks().cli_commands()
    for command_line, _ in shown[1:]:
        assert f"Usage: {command_line}" in html
    for name in missing:
        assert f"<code>{name}</code>" in html


def test_field_reference_and_schema(docs: BuildResult) -> None:
    """The field table and the JSON Schema come from mkdocs_vault.loading.fields when it
    exists; without it the page says so and no schema is published."""
    html = docs.html("reference/front-matter-fields/")
    schema = docs.site_dir / "schema" / "vault-front-matter.json"
    try:
        from mkdocs_vault.loading import fields
    except ImportError:
        assert "no generated field table yet" in html
        assert not schema.exists()
        return
    assert json.loads(schema.read_text(encoding="utf-8")) == fields.json_schema()
    assert "vault-front-matter.json" in html


def test_version_and_changelog_are_shown(docs: BuildResult) -> None:
    """The package version is on the index and in every footer; CHANGELOG.md is included."""
    assert f"version {__version__}" in docs.html("")
    assert f"mkdocs-vault {__version__}" in docs.html("faq/")  # the footer's copyright
    changelog = docs.html("changelog/")
    assert re.search(rf"<h2[^>]*>{re.escape(__version__)}<", changelog)
    assert "<h1" in changelog


# -- Getting started, command by command ---------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, f"{shlex.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _serve_once(cwd: Path, env: dict[str, str], page: str) -> None:
    """`mkdocs serve` (on a free port, not 8000, which a developer may be using) answers
    with the entry page."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=5) as r:
                    assert 'id="idea-3"' in r.read().decode()
                    return
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "mkdocs serve did not answer"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_getting_started_works_as_written(tmp_path: Path) -> None:
    """Every command and file of docs/getting-started.md, in order: `mkdocs new`, the
    mkdocs.yml and the entry as shown, a strict build, `mkdocs serve`, a Git repository
    pushed to a remote (a local bare repository standing in for GitHub) and
    `mkdocs gh-deploy --force`. A command the test does not know fails it, so the page
    cannot grow an untested step."""
    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Test\n\temail = test@example.com\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_CONFIG_GLOBAL": str(gitconfig),
           "GIT_CONFIG_NOSYSTEM": "1"}
    cwd = tmp_path
    seen: list[str] = []
    for language, title, body in FENCE.findall(text):
        if title:  # a file to write, relative to the project
            target = cwd / title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
            seen.append(f"file {title}")
            continue
        if language != "bash":
            continue
        for line in body.splitlines():
            command = line.split("#")[0].strip()
            if not command:
                continue
            seen.append(command)
            args = shlex.split(command)
            if command in {"python3 -m venv .venv", ". .venv/bin/activate"}:
                continue  # the test runs in the project's virtual environment already
            if args[:2] == ["pip", "install"]:
                # Installing from a clone is tested in tests/site/test_packaging.py.
                assert args[2:] == ["./mkdocs-vault"], command
            elif args[0] == "cd":
                cwd = cwd / args[1]
            elif args[:2] == ["mkdocs", "new"]:
                _run([sys.executable, "-m", "mkdocs", "new", args[2]], cwd, env)
            elif command == "mkdocs build --strict":
                _run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd, env)
                assert 'id="idea-3"' in (cwd / "site/talks/first-talk/index.html").read_text(
                    encoding="utf-8")
                assert (cwd / "site/vault/index.html").is_file()
            elif command == "mkdocs serve":
                _serve_once(cwd, env, "talks/first-talk/")
            elif args[:3] == ["git", "remote", "add"]:
                assert args[4].startswith("https://github.com/"), command
                _run([*args[:4], str(remote)], cwd, env)
            elif args[0] == "git":
                _run(args, cwd, env)
            elif args[:2] == ["mkdocs", "gh-deploy"]:
                _run([sys.executable, "-m", "mkdocs", *args[1:]], cwd, env)
            else:
                pytest.fail(f"getting-started.md runs a command this test does not: {command}")
    assert seen == [
        "python3 -m venv .venv", ". .venv/bin/activate", "pip install ./mkdocs-vault",
        "mkdocs new my-vault", "cd my-vault", "file mkdocs.yml",
        "file docs/talks/first-talk.md", "mkdocs build --strict", "mkdocs serve",
        "file .gitignore", "git init -b main", "git add .", 'git commit -m "My vault"',
        "git remote add origin https://github.com/YOU/my-vault.git", "git push -u origin main",
        "mkdocs gh-deploy --force"]
    tree = subprocess.run(["git", f"--git-dir={remote}", "ls-tree", "-r", "--name-only",
                           "gh-pages"], capture_output=True, text=True, check=True).stdout
    assert {"index.html", "talks/first-talk/index.html", "vault/index.html",
            "vault.json"} <= set(tree.split())
    main = subprocess.run(["git", f"--git-dir={remote}", "ls-tree", "-r", "--name-only",
                           "main"], capture_output=True, text=True, check=True).stdout
    assert "docs/talks/first-talk.md" in main.split()
    assert not any(path.startswith("site/") for path in main.split())
