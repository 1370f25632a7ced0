"""Reading YAML front matter with line numbers.

MkDocs parses front matter itself but swallows YAML errors (the page silently loses its metadata
and shows the raw block), and keeps no positions. We parse the same block, with the same rules,
into a node tree, so that every problem can name its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from mkdocs_vault.problems import Problem

try:  # libyaml is several times faster, and vaults hold thousands of entries
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """Safe loading where any value that cannot be built (`2025-02-30`, `!!int abc`,
    `!!bool maybe`) is a YAML error with a position, not a crash."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError) as error:
            value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
            shown = repr(value) if len(value) <= 40 else repr(value[:37] + "...")
            raise yaml.constructor.ConstructorError(
                None, None, f"{shown} is not a valid {node.tag.rsplit(':', 1)[-1]}",
                node.start_mark,
            ) from error

# The same pattern as `mkdocs.utils.meta.YAML_RE`, so both agree on what front matter is.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# Block (`vault:`), flow (`{vault: ...}`) and anchored (`&a vault:`) keys; whether it is the
# top-level key is checked after parsing.
_VAULT_KEY_RE = re.compile(r"""(?:^|[{,\s])["']?vault["']?[ \t]*:""", re.MULTILINE)

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
    duplicates: tuple[tuple[Path, int], ...] = ()
    """Keys written twice in one mapping below `vault` (YAML keeps the last), with lines."""

    def locate(self, path: Path) -> tuple[int, int]:
        """1-based line and column in the file of the node at `path`, or of its nearest parent."""
        node: yaml.Node = self.root
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + _FIRST_YAML_LINE, node.start_mark.column + 1

    def raw(self, path: Path) -> str | None:
        """The scalar at `path` exactly as written, or None if there is no scalar there."""
        node: yaml.Node | None = self.root
        for step in path:
            node = _child(node, step) if node is not None else None
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def locate_key(self, path: Path) -> tuple[int, int]:
        """Position of the key itself for a mapping entry (where an unknown key is written)."""
        parent: yaml.Node = self.root
        for step in path[:-1]:
            child = _child(parent, step)
            if child is None:
                return self.locate(path[:-1])
            parent = child
        if isinstance(parent, yaml.MappingNode):
            keys = [key for key, _ in parent.value if _same_key(key, path[-1])]
            if keys:  # the last one, as it is the one YAML keeps
                return keys[-1].start_mark.line + _FIRST_YAML_LINE, keys[-1].start_mark.column + 1
        return self.locate(path)


def _duplicate_keys(node: yaml.Node, path: Path) -> list[tuple[Path, int]]:
    """Keys written twice in one mapping, found before construction (which merges `<<` keys
    into their mappings and so would make merged keys look duplicated). Shared (aliased)
    nodes are visited once, so alias loops and alias bombs cost nothing."""
    found: list[tuple[Path, int]] = []
    visited: set[int] = set()
    stack: list[tuple[Path, yaml.Node]] = [(path, node)]
    while stack:
        where, current = stack.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
                    continue
                if key.value in seen:
                    found.append(((*where, key.value), key.start_mark.line + _FIRST_YAML_LINE))
                seen.add(key.value)
                stack.append(((*where, key.value), value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(((*where, i), item) for i, item in enumerate(current.value))
    return sorted(found, key=lambda item: item[1])


def _same_key(key: yaml.Node, step: str | int) -> bool:
    """Whether a key node is the key `step` of the parsed data (`yes:` is the key True)."""
    if not isinstance(key, yaml.ScalarNode):
        return False
    if key.value == step or key.value == str(step):
        return True
    if key.tag.endswith(("bool", "int", "float", "null", "timestamp")):
        try:
            return str(yaml.constructor.SafeConstructor().construct_object(key)) == str(step)
        except Exception:
            return False
    return False


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        found = None
        for key, value in node.value:
            if _same_key(key, step):
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
        vault = _child(root, "vault") if isinstance(root, yaml.MappingNode) else None
        duplicates = _duplicate_keys(vault, ()) if vault is not None else []
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        return None, _yaml_problem(error)
    except yaml.YAMLError as error:  # errors without a position are rare, but possible
        return None, Problem(f"the YAML cannot be read: {error}")
    except RecursionError:
        return None, Problem("the YAML cannot be read: it is nested too deeply")
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return None, None
    rest = text[match.end() :]
    body = rest.lstrip("\n")
    body_line = text.count("\n", 0, match.end()) + (len(rest) - len(body)) + 1
    return FrontMatter(data=data, body=body, body_line=body_line, root=root,
                       duplicates=tuple(duplicates)), None


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
