"""Pausing Python's cyclic garbage collector while the vault is built.

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
