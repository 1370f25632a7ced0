"""Publishing: `mkdocs gh-deploy` to a real (local, bare) Git remote, the GitHub Pages
workflows as shipped and as documented, and a site served under a sub-path."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
import yaml

from tests.serving import QuietHandler, serve_directory
from tests.sitebuilder import EXAMPLE_SITE, ROOT, SiteBuilder, build_config

pytestmark = pytest.mark.site

ENTRY = {"series": "Talks", "number": 1, "speakers": ["Ada Lovelace"],
         "ideas": ["One idea per note.", "Link new notes to old ones."]}


def _git(*args: str, cwd: Path | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.com"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, f"git {' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_gh_deploy_pushes_the_site_to_a_bare_remote(tmp_path: Path) -> None:
    """`mkdocs gh-deploy --force --remote-name origin` with the plugin: the remote's gh-pages
    branch then holds the built site, entries, vault pages and exports included."""
    bare = tmp_path / "remote.git"
    _git("init", "--bare", "-q", str(bare))
    site = SiteBuilder(tmp_path / "project")
    site.config["plugins"] = ["search", "vault"]
    site.page("index.md", "# Home\n")
    site.entry("talks/notes.md", ENTRY, title="Taking notes")
    site.entry("talks/reading.md", {**ENTRY, "number": 2}, title="Reading")
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(site.config), encoding="utf-8")
    (site.root / ".gitignore").write_text("site/\n", encoding="utf-8")
    _git("init", "-q", "-b", "main", cwd=site.root)
    _git("remote", "add", "origin", str(bare), cwd=site.root)
    _git("add", ".", cwd=site.root)
    _git("commit", "-q", "-m", "A vault", cwd=site.root)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--force",
                           "--remote-name", "origin", "--strict"],
                          cwd=site.root, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    tree = set(_git(f"--git-dir={bare}", "ls-tree", "-r", "--name-only", "gh-pages").split())
    assert {"index.html", "talks/notes/index.html", "talks/reading/index.html",
            "vault/index.html", "vault/series/talks/index.html", "vault.json",
            "vault.graphml", ".nojekyll"} <= tree
    assert any(path.endswith("vault.css") for path in tree)
    page = _git(f"--git-dir={bare}", "show", "gh-pages:talks/notes/index.html")
    assert 'id="idea-2"' in page
    assert "docs/talks/notes.md" not in tree  # only the built site is on gh-pages


# -- the workflows -------------------------------------------------------------------------

def _workflow(text: str) -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.load(text, Loader=yaml.SafeLoader)
    return loaded


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _check_pages_workflow(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = _steps(workflow)
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert "actions/upload-pages-artifact" in uses
    assert "actions/deploy-pages" in uses
    runs = " ".join(step.get("run", "") for step in steps)
    assert "mkdocs build --strict" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_the_docs_workflow_deploys_the_docs_to_pages() -> None:
    """.github/workflows/docs.yml builds the root mkdocs.yml strictly and deploys site/."""
    workflow = _workflow((ROOT / ".github/workflows/docs.yml").read_text(encoding="utf-8"))
    _check_pages_workflow(workflow)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert config["site_dir"] == "site"
    runs = " ".join(step.get("run", "") for step in _steps(workflow))
    assert "pip install ." in runs
    assert "npm ci" in runs  # the docs ship Mermaid from node_modules


def test_the_workflow_shown_to_users_is_the_same_shape() -> None:
    """docs/publishing.md shows a complete workflow that parses and deploys the same way."""
    text = (ROOT / "docs/publishing.md").read_text(encoding="utf-8")
    shown = re.search(r'```yaml title="\.github/workflows/docs\.yml"\n(.*?)^```', text,
                      re.MULTILINE | re.DOTALL)
    assert shown is not None
    _check_pages_workflow(_workflow(shown.group(1)))
    assert "mkdocs gh-deploy --force" in text


def test_ci_workflow_runs_the_ci_script() -> None:
    workflow = _workflow((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    runs = [step.get("run") for step in _steps(workflow)]
    assert "bash .ci/run" in runs
    step = next(s for s in _steps(workflow) if s.get("run") == "bash .ci/run")
    assert step["env"]["CI"] == "true"


# -- a site under a sub-path ---------------------------------------------------------------

PREFIX = "/repo/"


class _PrefixHandler(QuietHandler):
    """Serves the site only under /repo/, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix(PREFIX))

    def send_head(self) -> Any:
        if not self.path.startswith(PREFIX):
            self.send_error(404, "outside the prefix")
            return None
        return super().send_head()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        for name in ("href", "src"):
            value = found.get(name)
            if value and tag in {"a", "link", "script", "img"}:
                self.links.append(value)


def test_sub_path_site_follows_every_link(tmp_path: Path) -> None:
    """example-site built with `site_url: https://user.github.io/repo/` and served under
    /repo/ only: every link and asset reachable from the home page answers 200 (entries,
    vault index, series, category and people pages, related, previous/next, see: links), and
    every `#idea-N` anchor exists on its page."""
    result = build_config(EXAMPLE_SITE / "mkdocs.yml", tmp_path / "site", strict=True,
                          site_url="https://user.github.io/repo/")
    assert result.error is None, result.warnings
    with serve_directory(result.site_dir, _PrefixHandler) as base:
        start = base + PREFIX
        queue, seen = [start], {start}
        pages: dict[str, set[str]] = {}
        anchors: list[tuple[str, str, str]] = []
        while queue:
            url = queue.pop()
            try:
                with urlopen(url, timeout=10) as response:
                    kind = response.headers.get_content_type()
                    body = response.read()
            except HTTPError as error:
                pytest.fail(f"{url}: {error.code} (linked under the prefix)")
            if kind != "text/html":
                continue
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            pages[url] = parser.ids
            for link in parser.links:
                target, fragment = urldefrag(urljoin(url, link))
                if urlsplit(target).netloc != urlsplit(base).netloc:
                    continue  # the CDN, the source links of entries
                assert urlsplit(target).path.startswith(PREFIX), f"{url} links to {link}"
                if fragment.startswith("idea-"):
                    anchors.append((url, target, fragment))
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    paths = {urlsplit(url).path.removeprefix(PREFIX) for url in pages}
    for wanted in ("lex/deepseek-china-ai-megaclusters/", "vault/", "vault/series/lex-100/"):
        assert wanted in paths, wanted
    for kind in ("vault/categories/", "vault/people/"):
        assert any(path.startswith(kind) for path in paths), kind
    assert len(pages) > 20
    for url, target, fragment in anchors:
        assert fragment in pages[target], f"{url} links to {target}#{fragment}"
