"""The bad-input catalogue as one real site: one page per case, built once as `mkdocs serve`
would (non-strict) and once with --strict. Two builds in all."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.sitebuilder import BuildResult, SiteBuilder
from tests.unit.test_catalogue import CASES, INVALID_UTF8, Case

pytestmark = pytest.mark.site

SITE_CASES = [c for c in CASES if c.site]


@dataclass
class Builds:
    lenient: BuildResult
    pages: dict[str, str]
    """HTML of every case page of the lenient build, by case id."""
    strict: BuildResult
    strict_pages: dict[str, str]


def _write(site: SiteBuilder, case: Case) -> None:
    target = site.docs / "cases" / f"{case.id}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = case.page if isinstance(case.page, bytes) else case.page.encode("utf-8")
    target.write_bytes(data)  # as written: no dedent, no newline translation


def _read(result: BuildResult, cases: list[Case]) -> dict[str, str]:
    pages = {}
    for case in cases:
        try:
            pages[case.id] = result.html(f"cases/{case.id}.md")
        except OSError:
            pass  # a missing page fails its own test
    return pages


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """One site with a page per case; the page MkDocs cannot decode joins for the strict build
    only, so that the lenient one stays meaningful until the plugin decodes such pages."""
    site = SiteBuilder(tmp_path_factory.mktemp("catalogue"))
    site.page("index.md", "# Catalogue\n")
    for case in SITE_CASES:
        _write(site, case)
    lenient = site.build()
    pages = _read(lenient, SITE_CASES)
    _write(site, INVALID_UTF8)
    strict = site.build(strict=True)
    return Builds(lenient, pages, strict, _read(strict, [INVALID_UTF8]))


def _messages(result: BuildResult, case: Case) -> list[str]:
    return [m for m in result.vault_warnings if f"docs/cases/{case.id}.md" in m]


def _check(case: Case, html: str | None, messages: list[str]) -> None:
    assert html is not None, f"{case.id}: no page"
    if case.id == "no-final-newline":  # no body; MkDocs leaves the block in the Markdown
        assert "ideas: [a]" not in html
    else:
        assert case.body in html
    if not case.vault:
        assert "vault-problems" not in html
        assert messages == []
        return
    assert ("vault-problems" in html) is not case.entry
    if case.entry and case.id != "sections-empty":
        assert 'id="idea-1"' in html
    if case.severity is None:
        assert messages == []
        return
    assert len(messages) == 1, messages
    where = f"docs/cases/{case.id}.md:{case.line}"
    assert where + ":" in messages[0] or messages[0].endswith(where) or f"{where}: " in \
        messages[0]
    assert case.phrase in messages[0]
    assert messages[0].isprintable()


@pytest.mark.parametrize("case", SITE_CASES, ids=lambda c: c.id)
def test_case_page(builds: Builds, case: Case) -> None:
    """Each page exists, shows its entry or the problems box, keeps the author's text, and the
    log has its one message with path and line."""
    _check(case, builds.pages.get(case.id), _messages(builds.lenient, case))


def test_lenient_build_succeeds(builds: Builds) -> None:
    """Under `mkdocs serve` rules nothing stops the build, and no traceback is logged."""
    assert builds.lenient.error is None, builds.lenient.error
    assert not any("Traceback" in m for m in builds.lenient.warnings)


def test_strict_build_fails(builds: Builds) -> None:
    """The same site with --strict fails, having reported every case."""
    assert builds.strict.error is not None
    reported = {c.id for c in SITE_CASES if _messages(builds.strict, c)}
    assert reported == {c.id for c in SITE_CASES if c.severity is not None}



def test_invalid_utf8_page(builds: Builds) -> None:
    """A page that is not UTF-8 gets its located message and its page, not an aborted build."""
    _check(INVALID_UTF8, builds.strict_pages.get(INVALID_UTF8.id),
           _messages(builds.strict, INVALID_UTF8))
