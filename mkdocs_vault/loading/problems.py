"""Problems found in a vault page, phrased for the person who wrote it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mkdocs_vault.pickling import compact

Severity = Literal["error", "warning", "info"]

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Cheap pre-check: most messages are plain ASCII and need no escaping.
_PLAIN_RE = re.compile(r"[ -~]*\Z")


def printable(text: str) -> str:
    """`text` with every non-printable character (controls, ANSI escapes, line and paragraph
    separators, bidi and zero-width format characters) written as an escape such as `\\n`,
    `\\x1b` or `\\u2028`, so that text from a page can never forge or reorder log lines."""
    if _PLAIN_RE.match(text):
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@compact
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
        place = printable(path)
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def format(self, path: str) -> str:
        """Exactly one printable line for the build log (see `printable`)."""
        subject = printable(self.field) if self.field else "front matter"
        return f"{self.where(path)}: {subject}: {printable(self.message)}"


def has_errors(problems: list[Problem]) -> bool:
    """Whether any problem stops the entry from rendering."""
    return any(p.severity == "error" for p in problems)
