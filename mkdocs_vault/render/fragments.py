"""Placeholders: how rendered fields travel through MkDocs without MkDocs reading them.

The entry's Markdown holds, where each piece of HTML belongs, an opaque token (`vault`, a nonce
that changes every build, a number): plain letters and digits that no Markdown extension,
preprocessor or template engine reads anything into. After MkDocs has rendered the page, `fill`
puts the HTML in their place. The nonce means text in a page cannot forge a token.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field


def new_nonce() -> str:
    """A fresh nonce, for one build."""
    return secrets.token_hex(6)


@dataclass
class Fragments:
    """The HTML pieces of one page, in order, and the tokens that stand for them."""

    nonce: str
    pieces: list[str] = field(default_factory=list)

    def token(self, html: str) -> str:
        """Keep `html` and give the token to write in its place."""
        self.pieces.append(html)
        return f"vault{self.nonce}p{len(self.pieces) - 1}z"

    def pattern(self) -> re.Pattern[str]:
        """Matches the tokens of this nonce."""
        return re.compile(f"vault{re.escape(self.nonce)}p([0-9]+)z")

    def fill(self, text: str) -> tuple[str, list[int]]:
        """`text` with every token replaced by its HTML, and the pieces whose token was missing
        (another extension or plugin removed it)."""
        found: set[int] = set()
        pieces = self.pieces

        def replace(match: re.Match[str]) -> str:
            index = int(match.group(1))
            if index >= len(pieces):
                return match.group()
            found.add(index)
            return pieces[index]

        filled = self.pattern().sub(replace, self._unwrap(text))
        return filled, [i for i in range(len(pieces)) if i not in found]

    def _unwrap(self, text: str) -> str:
        """Drop the `<p>` that Markdown puts around our blocks when they are indented (in tabs
        or details, Python-Markdown no longer sees them as raw HTML blocks)."""
        if "<p><" not in text:
            return text
        nonce = re.escape(self.nonce)
        block = re.compile(rf'<p>(<(div|ol|p|nav|ul)\b[^>]*>(?:(?!</?\2\b).)*?vault{nonce}p'
                           rf'[0-9]+z(?:(?!</?\2\b).)*</\2>)\s*</p>', re.DOTALL)
        return block.sub(r"\1", text)
