"""Every YAML example of README.md and docs/*.md builds as written, strictly, without warnings.

Each ```yaml (or ```yml) block is one test case, named `file:line`, classified by this rule:

- **page**: the block starts with a `---` line (a whole page: front matter, maybe a body), or
  it is a YAML mapping with a top-level `vault` key (bare front matter, wrapped in `---`
  fences here). It is written as `docs/example.md` of a default test site.
- **config**: the block is a YAML mapping with a top-level `plugins` key (an mkdocs.yml or an
  excerpt of one). Its keys are put over the test site's mkdocs.yml, and a small vault page is
  added so that the plugin has something to render with those options.
- **fragment**: anything else (e.g. a block showing only `categories:`, which lives inside
  `vault:`). Fragments are shown out of context on purpose; they are reported as skipped, with
  that reason, never dropped silently.

The docs ask readers to install Mermaid before pointing `mermaid_js` at it, so a config case
with a `mermaid_js` path gets that file (a copy of the repository's, or a stub) first.
"""

from __future__ import annotations

import html
import re
import shutil
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from tests.sitebuilder import MERMAID_JS, ROOT

if TYPE_CHECKING:
    from tests.sitebuilder import BuildResult, SiteBuilder

pytestmark = pytest.mark.site

SOURCES = ["README.md",
           *sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))]
FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)```ya?ml\b[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                      re.MULTILINE | re.DOTALL)

# Known broken examples, by file and a line of the block: xfail(strict=True), so the test
# fails as soon as the example is fixed and the mark has to go.
KNOWN_BROKEN: dict[tuple[str, str], str] = {}

PAGE_FOR_CONFIG = """\
---
title: Options example
vault:
  series: Config check
  number: 1
  date: 2025-01-31
  speakers: [Ada Lovelace]
  host: Charles Babbage
  source: {title: "A talk", url: "https://example.com/talk"}
  categories:
    one: {label: One, color: "#d4f9d4"}
    two: {label: Two}
  resume: A short résumé.
  ideas:
    - {text: The first idea of the page., category: one, links: [2]}
    - {text: The second idea of the page., category: two}
  credits: Written for the test.
---
Body text of the options example.
"""


@dataclass(frozen=True)
class Example:
    """One ```yaml block of the documentation."""

    source: str  # file, relative to the repository
    line: int  # line of the opening fence
    text: str  # the block, dedented
    kind: str  # "page", "config" or "fragment"

    @property
    def id(self) -> str:
        return f"{self.source}:{self.line}"

    def page_text(self) -> str:
        """The block as a Markdown page."""
        if self.text.lstrip().startswith("---"):
            return self.text
        return f"---\n{self.text.rstrip()}\n---\n"


def classify(text: str) -> str:
    """"page", "config" or "fragment", by the rule in the module docstring."""
    if text.lstrip().startswith("---"):
        return "page"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return "fragment"
    if isinstance(data, dict) and "plugins" in data:
        return "config"
    if isinstance(data, dict) and "vault" in data:
        return "page"
    return "fragment"


def collect() -> list[Example]:
    found = []
    for source in SOURCES:
        document = (ROOT / source).read_text(encoding="utf-8")
        for match in FENCE_RE.finditer(document):
            text = textwrap.dedent(match["body"])
            line = document.count("\n", 0, match.start()) + 1
            found.append(Example(source, line, text, classify(text)))
    return found


EXAMPLES = collect()


def params() -> list[Any]:
    out = []
    for example in EXAMPLES:
        marks: list[pytest.MarkDecorator] = []
        if example.kind == "fragment":
            marks.append(pytest.mark.skip(
                reason="fragment by design: no `---` page, no top-level `vault:` or `plugins:`"))
        for (source, needle), reason in KNOWN_BROKEN.items():
            if example.source == source and needle in example.text:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
        out.append(pytest.param(example, id=example.id, marks=marks))
    return out


def assert_clean(result: BuildResult) -> None:
    assert result.error is None, f"{result.error!r}\n" + "\n".join(result.warnings)
    assert result.warnings == []


def test_examples_are_found() -> None:
    """The extraction works: the README's page and config examples are among the cases."""
    readme = [e.kind for e in EXAMPLES if e.source == "README.md"]
    assert "page" in readme
    assert "config" in readme
    assert any(e.kind == "page" for e in EXAMPLES if e.source == "docs/front-matter.md")


@pytest.mark.parametrize("example", params())
def test_example_builds(site: SiteBuilder, example: Example) -> None:
    """The example builds with --strict and logs no warning; it renders a vault page."""
    site.config["validation"] = {"anchors": "warn"}
    if example.kind == "config":
        options = yaml.safe_load(example.text)
        site.config.update(options)
        for plugin in options["plugins"]:
            if isinstance(plugin, dict) and isinstance(plugin.get("vault"), dict):
                path = plugin["vault"].get("mermaid_js")
                if path:
                    install_mermaid(site, path)
        site.page("example.md", PAGE_FOR_CONFIG)
    else:
        site.page("example.md", example.page_text())
    result = site.build(strict=True)
    assert_clean(result)
    page = result.html("example.md")
    assert '<ol class="vault-ideas">' in page
    assert 'id="idea-1"' in page
    if example.source == "README.md" and example.kind == "page":
        assert_readme_page(page, example)


def assert_readme_page(page: str, example: Example) -> None:
    """The README's page example shows the header, the graph and its ideas, as it promises."""
    vault = yaml.safe_load(example.text.split("---")[1])["vault"]
    header = re.search(r'<div class="vault-header">(.*?)</div>', page, re.DOTALL)
    assert header is not None
    for name in [vault["series"], *vault["speakers"], vault["host"], vault["source"]["title"]]:
        assert name in header[1]
    graphs = [html.unescape(g) for g in re.findall(
        r'<pre class="mermaid"><code>(.*?)</code></pre>', page, re.DOTALL)]
    assert len(graphs) == 1
    graph = graphs[0]
    assert all(f"<b>{word}</b>" in graph for word in vault["center"].split())
    assert vault["ideas"][0]["label"] in graph
    items = re.findall(r'<li id="idea-(\d+)">(.*?)</li>', page, re.DOTALL)
    assert [int(number) for number, _ in items] == list(range(1, len(vault["ideas"]) + 1))
    for (number, item), idea in zip(items, vault["ideas"], strict=True):
        assert html.unescape(item).startswith(idea["text"])
        assert f'href "#idea-{number}"' in graph  # each graph node links to its list item
    assert "Anything you write here stays on the page" in page


def install_mermaid(site: SiteBuilder, path: str) -> None:
    """Put Mermaid where the example's `mermaid_js` says, as the docs tell readers to."""
    target = site.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if MERMAID_JS["11"].is_file():
        shutil.copyfile(MERMAID_JS["11"], target)
    else:
        target.write_text("/* stand-in for mermaid.min.js */\n", encoding="utf-8")
