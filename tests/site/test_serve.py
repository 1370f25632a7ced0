"""`mkdocs serve` survives whatever an author does to the vault while it runs.

One real server (a subprocess on 127.0.0.1, live reload on) goes through breaking, deleting,
renaming and adding entries and breaking mkdocs.yml, and must keep serving correct pages.
"""

from __future__ import annotations

import re
import textwrap
from typing import TYPE_CHECKING

import pytest

from tests.serving import REBUILD_FAILED, Server

if TYPE_CHECKING:
    from pathlib import Path

    from tests.serving import Response

pytestmark = pytest.mark.site

CONFIG = """\
site_name: Served vault
theme:
  name: material
  font: false
plugins:
  - search
  - vault
"""


def entry(name: str, third_category: str = "open") -> str:
    """A valid three-idea entry; line 10 holds the third idea (its category is column 42)."""
    return textwrap.dedent(f"""\
        ---
        title: Talk {name}
        vault:
          categories:
            open: {{label: Open}}
            cost: {{label: Cost}}
          ideas:
            - {{text: First idea of {name}., category: open}}
            - {{text: Second idea of {name}., category: cost}}
            - {{text: Third idea of {name}., category: {third_category}}}
        ---
        Body of {name} stays.
        """)


def url(name: str) -> str:
    return f"{name}/"


def what_is_wrong(answer: Response, name: str) -> str:
    """Why this is not the fully expanded page of entry `name`; '' when it is."""
    if answer.status != 200:
        return f"status {answer.status}"
    wrong = []
    if f"First idea of {name}." not in answer.text:
        wrong.append(f"no 'First idea of {name}.'")
    ids = re.findall(r'\bid="(idea-\d+)"', answer.text)
    if ids != ["idea-1", "idea-2", "idea-3"]:
        wrong.append(f"idea anchors {ids}")
    if 'class="mermaid"' not in answer.text:
        wrong.append("no graph")
    if "vault-problems" in answer.text:
        wrong.append(f"an error box: {problems_box(answer).strip()[:300]}")
    if f"Body of {name} stays." not in answer.text:
        wrong.append("no body text")
    return "; ".join(wrong)


def renders(answer: Response, name: str) -> bool:
    """The page of entry `name`, fully expanded, without an error box."""
    return not what_is_wrong(answer, name)


def problems_box(answer: Response) -> str:
    """The text of the page's error box, or '' when there is none."""
    found = re.search(r'<div class="admonition failure vault-problems">(.*?)</div>', answer.text,
                      re.DOTALL)
    return found[1] if found else ""


def complaints(lines: list[str]) -> list[str]:
    """Warnings and errors in log lines, except MkDocs' own notes of 404 requests."""
    return [line for line in lines if re.match(r"(WARNING|ERROR)\b", line)
            and not re.search(r'"GET [^"]*" code 404', line)]


class Vault:
    """The throwaway project and its server, with one helper per kind of check."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "docs"
        self.config = root / "mkdocs.yml"
        self.server = Server(self.config)

    def write(self, path: Path, text: str) -> int:
        """Change a file, returning the log mark from which to wait for the rebuild."""
        mark = self.server.mark()
        path.write_text(text, encoding="utf-8")
        return mark

    def rebuilt(self, mark: int) -> bool:
        """Wait for the rebuild after `mark`; True if it succeeded, then without a traceback."""
        ok = self.server.wait_for_rebuild(mark)
        if ok:
            assert not any("Traceback" in line for line in self.server.since(mark)), \
                self.server.tail(mark)
        return ok

    def page_renders(self, name: str, mark: int = 0, *, entry: str | None = None) -> None:
        """Wait until the page at `name`/ shows entry `entry` (default: `name`) in full."""
        last = [""]

        def rendered() -> bool:
            last[0] = what_is_wrong(self.server.get(url(name)), entry or name)
            return not last[0]
        try:
            self.server.wait_until(rendered, f"{url(name)} to render", mark=mark)
        except AssertionError as error:
            raise AssertionError(f"{url(name)}: {last[0]}\n{error}") from None

    def page_is_gone(self, name: str, mark: int = 0) -> None:
        self.server.wait_until(lambda: self.server.get(url(name)).status == 404,
                               f"{url(name)} to be 404", mark=mark)

    def page_shows_problem(self, name: str, message: str, mark: int = 0) -> str:
        """Wait for the error box on the page of `name`; its body text must still be there."""
        def shown() -> str | None:
            answer = self.server.get(url(name))
            box = problems_box(answer)
            if (answer.status == 200 and message in box and f"Body of {name} stays." in answer.text
                    and 'class="mermaid"' not in answer.text):
                return box
            return None
        return str(self.server.wait_until(shown, f"the error box with {message!r} on {url(name)}",
                                          mark=mark))

    def log_line(self, pattern: str, mark: int) -> str:
        """The log line after `mark` matching the regex (waiting for it a little)."""
        def found() -> str | None:
            return next((line for line in self.server.since(mark) if re.search(pattern, line)),
                        None)
        return str(self.server.wait_until(found, f"a log line matching {pattern!r}", mark=mark))

    def stuck_after_config_error(self, mark: int, pattern: str) -> None:
        """What MkDocs 1.6 does when mkdocs.yml breaks during `serve`: it logs the error and
        "An error happened during the rebuild. The server will appear stuck until build errors
        are resolved.", stays alive, and holds every page request until a build succeeds."""
        assert not self.rebuilt(mark), "the broken configuration was accepted"
        self.log_line(pattern, mark)
        assert any(REBUILD_FAILED in line for line in self.server.since(mark))
        assert self.server.alive(), self.server.tail(mark)
        assert self.server.get(url("a"), timeout=2).status is None, \
            "MkDocs no longer holds requests after a failed rebuild: update this test"
        assert self.server.alive(), self.server.tail(mark)


@pytest.mark.timeout(180)
def test_serve_survives_an_author_at_work(tmp_path: Path) -> None:
    """Start, break entries, delete, rename, add, break mkdocs.yml, fix, stop: always served."""
    vault = Vault(tmp_path)
    server = vault.server
    vault.config.write_text(CONFIG, encoding="utf-8")
    vault.docs.mkdir()
    for name in "abc":
        (vault.docs / f"{name}.md").write_text(entry(name), encoding="utf-8")
    a_md = vault.docs / "a.md"
    try:
        server.start()
        # 1. Start: every entry renders.
        server.wait_for_log("Serving on", timeout=60)
        for name in "abc":
            vault.page_renders(name)
        assert not complaints(server.since()), server.tail()

        # 2a. Broken YAML: the error box with the located message, the body stays.
        mark = vault.write(a_md, entry("a").replace(
            "{text: Second idea of a., category: cost}", '{text: "unclosed, category: cost}'))
        assert vault.rebuilt(mark), server.tail(mark)
        warning = vault.log_line(r"WARNING .*vault: docs/a\.md:\d+:\d+: front matter: "
                                 r"the YAML cannot be read", mark)
        located = re.search(r"docs/a\.md:(\d+):", warning)
        assert located, warning
        line = int(located[1])
        # The quote opens on line 9; PyYAML notices at the end of the front matter (line 11).
        assert 9 <= line <= 11, warning
        box = vault.page_shows_problem("a", "the YAML cannot be read", mark)
        assert f"docs/a.md:{line}:" in box
        vault.page_renders("b", mark)
        vault.page_renders("c", mark)

        # 2b. Valid YAML, invalid entry: an undeclared category, with a suggestion.
        mark = vault.write(a_md, entry("a", third_category="opne"))
        assert vault.rebuilt(mark), server.tail(mark)
        vault.log_line(r"WARNING .*vault: docs/a\.md:10:42: ideas\[2\]\.category: .*'opne' is "
                       r"not a declared category.*did you mean 'open'", mark)
        box = vault.page_shows_problem("a", "ideas[2].category", mark)
        assert "docs/a.md:10:42" in box
        assert "did you mean" in box
        vault.page_renders("b", mark)
        vault.page_renders("c", mark)

        # 3. Delete an entry: 404, the others stay.
        mark = server.mark()
        (vault.docs / "b.md").unlink()
        assert vault.rebuilt(mark), server.tail(mark)
        vault.page_is_gone("b", mark)
        vault.page_renders("c", mark)
        # The broken entry, unchanged (served from the plugin's cache), is reported again.
        vault.page_shows_problem("a", "ideas[2].category", mark)
        vault.log_line(r"WARNING .*vault: docs/a\.md:10:42: ideas\[2\]\.category", mark)

        # 4. Rename an entry: the old URL is 404, the new one renders (same text, new place).
        mark = server.mark()
        (vault.docs / "c.md").rename(vault.docs / "d.md")
        assert vault.rebuilt(mark), server.tail(mark)
        vault.page_is_gone("c", mark)
        vault.page_renders("d", mark, entry="c")

        # 5. Add an entry.
        mark = vault.write(vault.docs / "e.md", entry("e"))
        assert vault.rebuilt(mark), server.tail(mark)
        vault.page_renders("e", mark)

        # 6a. A plugin option MkDocs itself rejects.
        mark = vault.write(vault.config,
                           CONFIG.replace("- vault", "- vault: {graph: {layout: nope}}"))
        vault.stuck_after_config_error(mark, re.escape(
            "ERROR   -  Config value 'plugins': Plugin 'vault' option 'graph': Sub-option "
            "'layout': Expected one of: ('lanes', 'classic') but received: 'nope'"))

        # 6b. An unknown option is only a warning outside --strict: the site is rebuilt.
        mark = vault.write(vault.config, CONFIG.replace("- vault", "- vault: {grpah: {layout: x}}"))
        assert vault.rebuilt(mark), server.tail(mark)
        vault.log_line(r"WARNING .*Plugin 'vault' option 'grpah': Unrecognised configuration "
                       r"name: grpah", mark)
        vault.page_renders("e", mark)

        # 6c. A value out of range (a config error, or the plugin's own error from on_config).
        mark = vault.write(vault.config, CONFIG.replace("- vault", "- vault: {heading_level: 0}"))
        vault.stuck_after_config_error(mark, r"ERROR .*heading_level.*got 0")

        # 7. Fix everything: all pages back, no error box, no warning.
        mark = server.mark()
        vault.config.write_text(CONFIG, encoding="utf-8")
        a_md.write_text(entry("a"), encoding="utf-8")
        vault.page_renders("a", mark)
        vault.page_renders("e", mark)
        vault.page_renders("d", mark, entry="c")
        vault.page_is_gone("b", mark)
        vault.page_is_gone("c", mark)
        last_build = server.since(mark)
        last_build = last_build[max(i for i, text in enumerate(last_build)
                                    if "Building documentation" in text):]
        assert not complaints(last_build), server.tail(mark)
        assert server.alive(), server.tail()
    finally:
        # 8. Ctrl+C stops it cleanly; no process is ever left behind.
        code = server.stop()
    assert code == 0, f"exit code {code}; log:\n{server.tail()}"
    assert any("Shutting down" in text for text in server.since()), server.tail()
