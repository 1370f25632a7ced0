"""Keeping Python's cyclic garbage collector away from the vault.

Loading a vault and computing what is vault-wide allocate hundreds of thousands of containers
that live on (entries, the knowledge graph, pages), so the collector keeps rescanning them:
about a third of `build_vault`'s CPU time at 1,000 entries, more at 10,000. What these phases
allocate holds no reference cycles; reference counting frees what they drop, and the collector
runs again afterwards (if it was on).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze() -> None:
    """Move every object alive now out of the collector's reach until `thaw`: the loaded
    vault and its vault-wide data live through the whole build, and each full collection of
    the page phase would scan them again (MkDocs' own pages pay for it)."""
    gc.freeze()


def thaw() -> None:
    """Give the objects `freeze` set aside back to the collector (end of a build, so that
    `mkdocs serve` frees what a rebuild no longer uses)."""
    gc.unfreeze()
