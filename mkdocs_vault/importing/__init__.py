"""Importing pages of existing Knowledge Vaults (their text form, or the same as Markdown).

`import_text` reads one page and gives the vault page to write, with every inconsistency of
the source as a warning; the page is validated by the same loader the plugin uses, so what it
reports there is reported here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_vault.importing.parse import Finding, Imported, looks_importable, parse_page
from mkdocs_vault.importing.write import page
from mkdocs_vault.loading.pages import load_page

__all__ = ["Finding", "ImportResult", "Imported", "import_text", "looks_importable",
           "parse_page"]


@dataclass(frozen=True)
class ImportResult:
    """One imported page: its Markdown, what was read, and what the importer found."""

    markdown: str
    imported: Imported
    findings: tuple[Finding, ...]
    """The source's inconsistencies (warnings), what the importer decided (notes), and the
    validator's problems with the written page (`written page: ...`)."""

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "note"]


def import_text(text: str, *, source_name: str | None = None,
                allow_html: bool = False) -> ImportResult:
    """The vault page for one page of an old vault."""
    imported = parse_page(text, allow_html=allow_html)
    markdown = page(imported, source_name)
    findings = sorted(imported.findings, key=lambda f: (f.line or 0, f.column or 0))
    loaded = load_page(markdown)
    if loaded is not None:
        for problem in loaded.problems:
            severity = "error" if problem.severity == "error" else "warning"
            findings.append(Finding(f"written page: {problem.format('page')}",
                                    severity=severity))
    return ImportResult(markdown, imported, tuple(findings))
