"""A rendered entry page with what it depended on outside its inputs: the answers of every
link it resolved. Whoever rendered it (an earlier build, through the cache; a worker process,
`ahead.py`), the host uses it only if its key is the one the host computes for the page and
every link resolves as it did (`CachedRender.valid`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from mkdocs_vault.loading.problems import Problem
from mkdocs_vault.pickling import compact
from mkdocs_vault.render.fragments import Fragments
from mkdocs_vault.render.page import Rendered

A = TypeVar("A")
R = TypeVar("R")


class Recorder(Generic[A, R]):
    """A function that remembers what it was called with and what it returned, so a stored
    result can later be checked against the same calls made again."""

    def __init__(self, function: Callable[[A], R]) -> None:
        self.function = function
        self.calls: dict[A, R] = {}

    def __call__(self, argument: A) -> R:
        result = self.function(argument)
        self.calls[argument] = result
        return result


def same_answers(calls: Iterable[tuple[A, R]], function: Callable[[A], R]) -> bool:
    """Whether `function` answers every recorded call as it did then."""
    return all(function(argument) == result for argument, result in calls)


@compact
@dataclass(frozen=True, slots=True)
class CachedRender:
    """A rendered page under the key of its inputs, with the links it resolved."""

    key: str
    nonce: str
    markdown: str
    pieces: tuple[str, ...]
    problems: tuple[Problem, ...]
    resolved: tuple[tuple[str, str | None], ...] = ()
    """Relative links in authors' fields and what they resolved to."""
    hrefs: tuple[tuple[str, str], ...] = ()
    """Pages of the vault linked from the page (by source uri) and their relative URLs."""

    @classmethod
    def of(cls, key: str, rendered: Rendered, resolved: dict[str, str | None],
           hrefs: dict[str, str]) -> CachedRender:
        return cls(key, rendered.fragments.nonce, rendered.markdown,
                   tuple(rendered.fragments.pieces), rendered.problems,
                   tuple(resolved.items()), tuple(hrefs.items()))

    def valid(self, resolve: Callable[[str], str | None], href: Callable[[str], str]) -> bool:
        """Whether every link resolves as it did when the page was rendered."""
        return same_answers(self.resolved, resolve) and same_answers(self.hrefs, href)

    def rendered(self, nonce: str) -> Rendered:
        """The page with the placeholders of the build whose nonce is `nonce`."""
        markdown = self.markdown
        if nonce != self.nonce:
            markdown = markdown.replace(f"vault{self.nonce}p", f"vault{nonce}p")
        return Rendered(markdown, Fragments(nonce, list(self.pieces)), self.problems)
