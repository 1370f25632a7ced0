"""Reading YAML front matter with line numbers.

MkDocs parses front matter itself but swallows YAML errors (the page silently loses its metadata
and shows the raw block), and keeps no positions. We parse the same block, with the same rules,
into a node tree, so that every problem can name its line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from mkdocs_vault.problems import Problem

try:  # libyaml is several times faster, and vaults hold thousands of entries
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Safe loading, but an impossible date (2025-02-30) is a located YAML error, not a crash."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> dt.date:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[arg-type]
        except ValueError as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a valid date ({error})", node.start_mark
            ) from error


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

# The same pattern as `mkdocs.utils.meta.YAML_RE`, so both agree on what front matter is.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_VAULT_KEY_RE = re.compile(r"""^["']?vault["']?[ \t]*:""", re.MULTILINE)

Path = tuple[str | int, ...]

_FIRST_YAML_LINE = 2
"""The YAML text starts on the line after the opening `---`."""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Parsed front matter plus what is needed to point at any field in it."""

    data: dict[str, Any]
    body: str
    """The Markdown after the front matter, as MkDocs passes it to `on_page_markdown`."""
    body_line: int
    """1-based line of the file on which `body` starts."""
    root: yaml.MappingNode

    def locate(self, path: Path) -> tuple[int, int]:
        """1-based line and column in the file of the node at `path`, or of its nearest parent."""
        node: yaml.Node = self.root
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + _FIRST_YAML_LINE, node.start_mark.column + 1

    def locate_key(self, path: Path) -> tuple[int, int]:
        """Position of the key itself for a mapping entry (where an unknown key is written)."""
        parent: yaml.Node = self.root
        for step in path[:-1]:
            child = _child(parent, step)
            if child is None:
                return self.locate(path[:-1])
            parent = child
        if isinstance(parent, yaml.MappingNode):
            keys = [key for key, _ in parent.value if key.value == path[-1]]
            if keys:  # the last one, as it is the one YAML keeps
                return keys[-1].start_mark.line + _FIRST_YAML_LINE, keys[-1].start_mark.column + 1
        return self.locate(path)

    def duplicate_keys(self, path: Path) -> Iterator[tuple[Path, int]]:
        """Keys written twice below `path` (YAML keeps only the last one), with their lines."""
        start: yaml.Node = self.root
        for step in path:
            child = _child(start, step)
            if child is None:
                return
            start = child
        stack: list[tuple[Path, yaml.Node]] = [(path, start)]
        while stack:
            where, node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    if key.value in seen:
                        yield (*where, key.value), key.start_mark.line + _FIRST_YAML_LINE
                    seen.add(key.value)
                    stack.append(((*where, key.value), value))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(((*where, i), item) for i, item in enumerate(node.value))


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        found = None
        for key, value in node.value:
            if key.value == step or (isinstance(step, int) and key.value == str(step)):
                found = value  # the last duplicate wins, as in the parsed data
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        child: yaml.Node = node.value[step]
        return child
    return None


def has_vault_key(text: str) -> bool:
    """Cheap test, without parsing, for front matter with a top-level `vault:` key."""
    match = FRONT_MATTER_RE.match(text)
    return bool(match and _VAULT_KEY_RE.search(match.group(1)))


def read_front_matter(text: str) -> tuple[FrontMatter | None, Problem | None]:
    """Parse the front matter of a Markdown file.

    Returns `(None, None)` when there is no front matter (or it is not a mapping, which MkDocs
    ignores too), and `(None, problem)` when the YAML is broken.
    """
    match = FRONT_MATTER_RE.match(text)
    if not match:
        return None, None
    loader = _Loader(match.group(1))
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        return None, _yaml_problem(error)
    except yaml.YAMLError as error:  # errors without a position are rare, but possible
        return None, Problem(f"the YAML cannot be read: {error}")
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return None, None
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    body_line = text.count("\n", 0, match.end()) + (len(rest) - len(body)) + 1
    return FrontMatter(data=data, body=body, body_line=body_line, root=root), None


def _yaml_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    reason = error.problem or error.context or "invalid YAML"
    if error.context and error.problem:
        reason = f"{error.problem} ({error.context})"
    line = column = None
    if mark is not None:
        line, column = mark.line + _FIRST_YAML_LINE, mark.column + 1
    hint = ""
    if "mapping values are not allowed" in reason or "found character" in reason:
        hint = "; text containing ': ', '#', '[' or a leading '*' must be quoted"
    elif "flow mapping" in reason or "flow sequence" in reason:
        opened = error.context_mark
        where = f" (the bracket opened on line {opened.line + _FIRST_YAML_LINE})" if opened else ""
        hint = (f"{where}; inside {{...}} or [...], quote values containing '#' (which "
                f"otherwise starts a comment), ',' or ':'")
    return Problem(
        f"the YAML cannot be read, so MkDocs would silently ignore this front matter: "
        f"{reason}{hint}",
        line=line,
        column=column,
    )
