"""Pickling frozen, slotted dataclasses as their class and field values.

For a dataclass that is both `frozen` and `slots`, Python (3.10 to 3.13) adds a
`__getstate__`/`__setstate__` pair written in Python that calls `dataclasses.fields()` for
every object. The plugin's cache and its worker process pickle about 500,000 such objects per
10,000 entries (ideas, entries, links), and those two calls cost more than the rest of the
pickling. `compact` classes pickle as `(cls, (value, ...))` instead, and unpickle through
their `__init__`; pickles written the old way still load (the pair stays).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def compact(cls: type[T]) -> type[T]:
    """Class decorator, above `@dataclass(frozen=True, slots=True)`."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if any(not f.init for f in fields) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: __init__ must take every field as it is")
    values = operator.attrgetter(*(f.name for f in fields))
    reduce: Callable[[Any], tuple[type[T], tuple[Any, ...]]]
    if len(fields) == 1:
        def reduce(self: Any) -> tuple[type[T], tuple[Any, ...]]:
            return cls, (values(self),)
    else:
        def reduce(self: Any) -> tuple[type[T], tuple[Any, ...]]:
            return cls, values(self)
    cls.__reduce__ = reduce  # type: ignore[method-assign]
    return cls
