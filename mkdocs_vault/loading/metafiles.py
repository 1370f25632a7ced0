"""Front matter defaults from `.meta.yml` files (Material's meta plugin), applied as it does.

Entries whose `vault:` (or part of it) comes from such a file must be known before any page
renders, like every other entry, so the plugin merges them itself in `on_files` instead of
waiting for the meta plugin to do it while pages render.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Mapping
from typing import Any


def defaults_for(src_path: str, meta_files: Mapping[str, Any]) -> dict[str, Any]:
    """The merged defaults for a page from every meta file in its folder or above, the
    outermost first, as Material merges them (mappings merged, lists added, the rest replaced)."""
    merged: dict[str, Any] = {}
    applies = [p for p in meta_files if src_path.startswith(posixpath.dirname(p))]
    for path in sorted(applies, key=lambda p: (p.count("/"), p)):
        data = meta_files[path]
        if isinstance(data, Mapping):
            merge(merged, data)
    return merged


def merge(target: dict[str, Any], source: Mapping[str, Any]) -> dict[str, Any]:
    """Merge `source` into `target` in place: nested mappings merged, lists concatenated, any
    other value replaced (the page's own front matter is merged last, so it wins)."""
    for key, value in source.items():
        current = target.get(key)
        if isinstance(current, dict) and isinstance(value, Mapping):
            merge(current, value)
        elif isinstance(current, list) and isinstance(value, list):
            target[key] = current + copy.deepcopy(value)
        else:
            target[key] = copy.deepcopy(value)
    return target
