"""The plugin's own time per phase, for the benchmarks; nothing happens unless asked for.

With `VAULT_TIMINGS=path/to/timings.json` in the environment the plugin records how long each
of its phases took and writes them as JSON at the end of each build (`on_post_build`); without
it every `phase()` is a shared no-op context manager.

Top-level phases (their sum is the plugin's own time; a phase timed inside another is not
counted in it): `collect` (all of `on_files` but its `vault-wide` and `render` parts: reading
and loading the vault pages, including `validate`, and starting the worker; taking them out of
the nav in `on_nav`), `vault-wide` (`build_vault`: knowledge graph, related entries, backlinks,
exports, and the `generated pages`), `render` (handing the entries to the worker at the end of
`on_files`; expanding pages in `on_page_markdown`, including the `html filter` of authors'
fields), `html fill` (putting the fields' HTML into the page in `on_page_content`), `search`
(one search record per idea, in `on_page_context`) and `finish` (`on_post_build`: the check of
links to ideas, the cache's bookkeeping). `validate`, `generated pages`, `exports` and
`html filter` are nested in them; they are measured by wrapping the core functions that do the
work (only while timing is on).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

ENV = "VAULT_TIMINGS"
TOP_LEVEL = ("collect", "vault-wide", "render", "html fill", "search", "finish")
NESTED = {"validate": "collect", "generated pages": "vault-wide", "exports": "vault-wide",
          "html filter": "render"}

# (module, attribute, phase) of the core functions timed from the outside.
_WRAPPED = (
    ("mkdocs_vault.loading.pages", "parse_entry", "validate"),
    ("mkdocs_vault.site.build", "pages_of", "generated pages"),
    ("mkdocs_vault.site.build", "vault_json", "exports"),
    ("mkdocs_vault.site.build", "vault_graphml", "exports"),
    ("mkdocs_vault.render.markdown", "sanitize", "html filter"),
)
_NULL = contextlib.nullcontext()


@dataclass
class Timings:
    """Seconds and calls per phase of one build; `path` None means timing is off."""

    path: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    """Other facts of the build: cache hits and misses, pages marked for --dirty."""
    _undo: list[Callable[[], None]] = field(default_factory=list)
    _inner: list[float] = field(default_factory=list)
    """For each top-level phase under way, the time of the top-level phases run inside it,
    which it does not count (a whole event is timed, and the parts of it that belong to
    another phase are that phase's: every second is counted once)."""

    @classmethod
    def from_env(cls) -> Timings:
        """On when VAULT_TIMINGS names a file."""
        return cls(os.environ.get(ENV) or None)

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def phase(self, name: str) -> contextlib.AbstractContextManager[Any]:
        """Times the `with` block as (part of) phase `name`."""
        return self._timed(name) if self.path is not None else _NULL

    @contextlib.contextmanager
    def _timed(self, name: str) -> Iterator[None]:
        start = self.begin()
        try:
            yield
        finally:
            self.end(name, start)

    def begin(self) -> float:
        """A top-level phase starts (`end` closes it): the time it started."""
        self._inner.append(0.0)
        return time.perf_counter()

    def end(self, name: str, start: float) -> None:
        """The phase begun at `start` ends: its time, less the phases inside it, is `name`'s."""
        elapsed = time.perf_counter() - start
        inner = self._inner.pop()
        if self._inner:
            self._inner[-1] += elapsed
        self.add(name, elapsed - inner)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.calls[name] = self.calls.get(name, 0) + 1

    def count(self, name: str, n: int = 1) -> None:
        """Adds to a counter (only while timing is on)."""
        if self.path is not None:
            self.counters[name] = self.counters.get(name, 0) + n

    def start(self) -> None:
        """A new build: clear, and wrap the core functions of the nested phases."""
        self.stop()
        self.seconds, self.calls, self.counters, self._inner = {}, {}, {}, []
        if self.path is None:
            return
        import importlib

        for module_name, attribute, name in _WRAPPED:
            module = importlib.import_module(module_name)
            original = getattr(module, attribute)
            setattr(module, attribute, self._wrap(original, name))
            self._undo.append(functools.partial(setattr, module, attribute, original))

    def _wrap(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - start)

        return timed

    def stop(self) -> None:
        """Unwrap the core functions."""
        while self._undo:
            self._undo.pop()()

    def report(self) -> dict[str, Any]:
        """The JSON document: seconds per phase, calls, counters, and the plugin's total."""
        seconds = {name: self.seconds.get(name, 0.0) for name in (*TOP_LEVEL, *NESTED)}
        return {"seconds": seconds, "calls": dict(self.calls), "counters": dict(self.counters),
                "plugin_total": sum(seconds[name] for name in TOP_LEVEL)}

    def write(self) -> None:
        """Write the report to `path` (end of a build), and unwrap."""
        self.stop()
        if self.path is None:
            return
        directory = os.path.dirname(self.path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        with open(self.path, "w", encoding="utf-8") as handle:
            json.dump(self.report(), handle, indent=1)


F = TypeVar("F", bound=Callable[..., Any])


def timed(name: str) -> Callable[[F], F]:
    """Times a method of the plugin as (part of) top-level phase `name`, through
    `self.state.timings` (a plain call while timing is off), less the top-level phases timed
    inside it. Put it below `event_priority`."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            timings: Timings = self.state.timings
            if timings.path is None:
                return method(self, *args, **kwargs)
            start = timings.begin()
            try:
                return method(self, *args, **kwargs)
            finally:
                timings.end(name, start)

        return cast("F", wrapper)

    return decorate
