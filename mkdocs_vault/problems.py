"""Problems found in a vault page, phrased for the person who wrote it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one page.

    An `error` means the entry cannot be rendered; a `warning` means it can, but something the
    author wrote was questionable. Both are logged as MkDocs warnings, so `--strict` fails on
    either, while `mkdocs serve` keeps going and shows errors on the page itself. `info` is
    for things the plugin did that the author should know about but need not fix.
    """

    message: str
    field: str | None = None
    """Path of the offending field inside `vault:`, e.g. `ideas[3].category`."""
    line: int | None = None
    """1-based line in the Markdown file."""
    column: int | None = None
    severity: Severity = "error"

    def where(self, path: str) -> str:
        """`path:line:column` as editors and terminals understand it."""
        place = path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def format(self, path: str) -> str:
        """One line for the build log."""
        subject = self.field or "front matter"
        return f"{self.where(path)}: {subject}: {self.message}"


def has_errors(problems: list[Problem]) -> bool:
    """Whether any problem stops the entry from rendering."""
    return any(p.severity == "error" for p in problems)
