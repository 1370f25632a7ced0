"""Reading YAML front matter with line numbers.

MkDocs parses front matter itself but swallows YAML errors (the page silently loses its metadata
and shows the raw block), and keeps no positions. We parse the same block into a node tree, so
that every problem can name its line and column, with two deliberate differences: a closing
`---` without a final newline still ends the front matter (MkDocs would show the block as text,
and the entry would vanish), and scalars follow YAML 1.2 (`010` is ten, `1:30` is text).
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from mkdocs_vault.loading.problems import Problem, printable

try:  # libyaml is several times faster, and vaults hold thousands of entries
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
# YAML 1.2 core schema: no yes/no/on/off, no octal `010`, no sexagesimal `1:30`, no `1_000`.
_CORE_RESOLVERS = (
    ("bool", r"(?:true|True|TRUE|false|False|FALSE)\Z", "tTfF"),
    ("int", r"[-+]?[0-9]+\Z", "-+0123456789"),
    ("int", r"0o[0-7]+\Z", "0"),
    ("int", r"0x[0-9a-fA-F]+\Z", "0"),
    ("float", r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z", "-+.0123456789"),
    ("float", r"[-+]?\.(?:inf|Inf|INF)\Z", "-+."),
    ("float", r"\.(?:nan|NaN|NAN)\Z", "."),
)


def _core_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's implicit resolvers with bool, int and float replaced by YAML 1.2's. A copy:
    the class attribute is shared with PyYAML's own loaders, which must not change."""
    replaced = {_TAG + name for name, _, _ in _CORE_RESOLVERS}
    table = {first: [(tag, rx) for tag, rx in items if tag not in replaced]
             for first, items in _BaseLoader.yaml_implicit_resolvers.items()}
    for name, pattern, firsts in _CORE_RESOLVERS:
        for first in firsts:
            table.setdefault(first, []).append((_TAG + name, re.compile(pattern)))
    return table


def _construct_int(constructor: Any, node: yaml.ScalarNode) -> int:
    value = str(constructor.construct_scalar(node))
    sign, digits = (-1, value[1:]) if value.startswith("-") else (1, value.lstrip("+"))
    if digits[:2] in ("0o", "0x"):
        return sign * int(digits[2:], 8 if digits[1] == "o" else 16)
    return sign * int(digits, 10)  # ValueError (`!!int 1:30`, 5,000 digits) becomes a problem


def _construct_float(constructor: Any, node: yaml.ScalarNode) -> float:
    value = str(constructor.construct_scalar(node))
    special = value.lower().lstrip("+")
    if special in (".inf", "-.inf", ".nan"):
        return float(special.replace(".", ""))
    return float(value)


class _Constructor(yaml.constructor.SafeConstructor):
    """Builds single key scalars the way `_Loader` does, to match keys against data paths."""


class _Loader(_BaseLoader):
    """Safe loading where any value that cannot be built (`2025-02-30`, `!!int abc`,
    `!!bool maybe`) is a YAML error with a position, not a crash."""

    yaml_implicit_resolvers = _core_resolvers()

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        """The tag of a node written without one, as `BaseResolver.resolve` gives it, but
        without looking for path resolvers (none are registered, see below) or wildcard
        implicit ones: the composer calls this for every node."""
        if kind is _SCALAR:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

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


_SCALAR, _IMPLICIT = yaml.ScalarNode, _Loader.yaml_implicit_resolvers
assert not _Loader.yaml_path_resolvers
assert None not in _Loader.yaml_implicit_resolvers

for _class in (_Loader, _Constructor):
    _class.add_constructor(_TAG + "int", _construct_int)
    _class.add_constructor(_TAG + "float", _construct_float)

FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
"""MkDocs' `YAML_RE`, except that the closing line may end the file without a newline."""
# FRONT_MATTER_RE in two steps, which `split` finds a third faster (tested to be the same): the
# opening line, then the first closing line at the start of a line after it (`^` also looks
# at the character before the position the search starts from).
_OPENING_RE = re.compile(r"-{3}[ \t]*\n")
_CLOSING_RE = re.compile(r"^(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.MULTILINE)

# A top-level `vault` key of a block mapping: `vault:`, `"vault":`, `'vault':`, `&a vault:`,
# `? vault`. Group 1 is the indentation, which must be that of the mapping's first line.
_VAULT_LINE_RE = re.compile(
    r"""^([ \t]*)(?:[&!]\S*[ \t]+)*(?:vault[ \t]*:(?=[ \t]|$)|(["'])vault\2[ \t]*:"""
    r"""|\?[ \t]+(?:[&!]\S*[ \t]+)*(["']?)vault\3[ \t]*(?:\#.*)?$)""", re.MULTILINE)
_FIRST_CONTENT_RE = re.compile(r"(?:[ \t]*(?:#.*)?\n)*([ \t]*)")
_FLOW_START_RE = re.compile(r"(?:[ \t]*(?:#.*)?\n)*[ \t]*(?:[&!]\S*[ \t]+)*\{")
_FLOW_TOKEN_RE = re.compile(r""""(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?|#[^\n]*|\s+|[{}\[\],:?]"""
                            r"""|[^\s{}\[\],:?"']+""")

_FIRST_YAML_LINE = 2
"""The YAML text starts on the line after the opening `---`."""


@dataclass(frozen=True, slots=True)
class _Lines:
    """File positions of offsets in the YAML text. PyYAML's own `mark.line` also counts a lone
    CR, U+0085, U+2028 and U+2029 as line breaks, which editors and MkDocs do not."""

    breaks: tuple[int, ...]
    """Offsets of the '\\n' characters."""

    @classmethod
    def of(cls, text: str) -> _Lines:
        return cls(tuple(m.start() for m in re.finditer("\n", text)))

    def at(self, index: int) -> tuple[int, int]:
        """1-based file line and column of the character at `index`."""
        row = bisect.bisect_left(self.breaks, index)
        start = self.breaks[row - 1] + 1 if row else 0
        return row + _FIRST_YAML_LINE, index - start + 1

    def mark(self, mark: yaml.Mark) -> tuple[int, int]:
        return self.at(mark.index)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Parsed front matter plus what is needed to point at any field in it."""

    data: dict[str, Any]
    body: str
    """The Markdown after the front matter, as MkDocs passes it to `on_page_markdown`."""
    body_line: int
    """1-based line of the file on which `body` starts."""
    root: yaml.MappingNode
    duplicates: tuple[tuple[Path, int, int], ...] = ()
    """Keys written twice in one mapping below `vault` (YAML keeps the last), as (path, line,
    line of the first one)."""
    top_duplicates: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """Top-level keys written more than once, with all their lines (`vault` twice is two
    entries pasted into one page: YAML would silently keep only the last)."""
    lines: _Lines = field(default_factory=lambda: _Lines(()))

    def locate(self, path: Path) -> tuple[int, int]:
        """1-based line and column in the file of the node at `path`, or of its nearest parent."""
        node: yaml.Node = self.root
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return self.lines.mark(node.start_mark)

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
                return self.lines.mark(keys[-1].start_mark)
        return self.locate(path)


def _duplicate_keys(node: yaml.Node, lines: _Lines) -> list[tuple[Path, int, int]]:
    """Keys written twice in one mapping, found before construction (which merges `<<` keys
    into their mappings and so would make merged keys look duplicated). Shared (aliased)
    nodes are visited once, so alias loops and alias bombs cost nothing."""
    found: list[tuple[Path, int, int]] = []
    visited: set[int] = set()
    stack: list[tuple[Path, yaml.Node]] = [((), node)]
    while stack:
        where, current = stack.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
                    continue
                line = lines.mark(key.start_mark)[0]
                if key.value in seen:
                    found.append(((*where, key.value), line, seen[key.value]))
                seen.setdefault(key.value, line)
                stack.append(((*where, key.value), value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(((*where, i), item) for i, item in enumerate(current.value))
    return sorted(found, key=lambda item: item[1])


def _top_duplicates(root: yaml.MappingNode, lines: _Lines) -> list[tuple[str, tuple[int, ...]]]:
    """Top-level keys written more than once, with the lines of all of them."""
    written: dict[str, list[int]] = {}
    for key, _ in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value != "<<":
            written.setdefault(key.value, []).append(lines.mark(key.start_mark)[0])
    return [(key, tuple(at)) for key, at in written.items() if len(at) > 1]


def _same_key(key: yaml.Node, step: str | int) -> bool:
    """Whether a key node is the key `step` of the parsed data (`0x10:` is the key 16)."""
    if not isinstance(key, yaml.ScalarNode):
        return False
    if key.value == step or key.value == str(step):
        return True
    if key.tag.endswith(("bool", "int", "float", "null", "timestamp")):
        try:
            return str(_Constructor().construct_object(key)) == str(step)
        except Exception:
            return False
    return False


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        found = None
        text = str(step)
        for key, value in node.value:
            # A text key is `step` when it reads the same: the usual case, answered here.
            if key.value == text if type(key) is yaml.ScalarNode and key.tag == _STR \
                    else _same_key(key, step):
                found = value  # the last duplicate wins, as in the parsed data
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        child: yaml.Node = node.value[step]
        return child
    return None


def normalize(text: str) -> str:
    """The text as MkDocs reads a file: without a BOM, with CRLF and lone CR as '\\n'."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split(text: str) -> tuple[str | None, str, int]:
    """(YAML text or None, body, 1-based file line of the body) of a normalized page."""
    opening = _OPENING_RE.match(text)
    # The YAML text is at least one line: its '\n' is before the closing line.
    closing = _CLOSING_RE.search(text, opening.end() + 1) if opening else None
    if not opening or not closing:
        return None, text, 1
    rest = text[closing.end() :]
    body = rest.lstrip("\n")
    body_line = text.count("\n", 0, closing.end()) + (len(rest) - len(body)) + 1
    return text[opening.end() : closing.start()], body, body_line


def _parts(text: str) -> tuple[str | None, str, int]:
    """`split(normalize(text))`, once for the usual `has_vault_key(text)` then
    `load_page(text)`: the last result is kept (a string cannot change)."""
    last = _last[0] if _last else None
    if last is None or last[0] is not text:
        last = (text, split(normalize(text)))
        _last[:] = [last]  # (another thread's text can replace it, never mix with it)
    return last[1]


_last: list[tuple[str, tuple[str | None, str, int]]] = []


def has_vault_key(text: str) -> bool:
    """Cheap test, without parsing, for front matter with a top-level `vault` key: a key line
    at the indentation of the mapping's first line, or a key of a top-level flow mapping.
    Broken YAML that merely mentions `vault:` elsewhere is not a vault page."""
    yaml_text = _parts(text)[0]
    if yaml_text is None:
        return False
    if _FLOW_START_RE.match(yaml_text):
        return _flow_has_vault(yaml_text)
    first = _FIRST_CONTENT_RE.match(yaml_text)
    indent = first.group(1) if first is not None else ""
    return any(m.group(1) == indent for m in _VAULT_LINE_RE.finditer(yaml_text))


def _flow_has_vault(yaml_text: str) -> bool:
    """Whether `{...}` has `vault` among its own keys (not those of nested mappings)."""
    start = _FLOW_START_RE.match(yaml_text)
    if start is None:
        return False
    tokens = [t for t in _FLOW_TOKEN_RE.findall(yaml_text, start.end())
              if not t.isspace() and not t.startswith("#")]
    depth, at_key = 1, True
    for token, following in zip(tokens, [*tokens[1:], ""], strict=True):
        if token in ("{", "["):
            depth += 1
        elif token in ("}", "]"):
            depth -= 1
            if depth == 0:
                return False
        elif depth == 1 and token == ",":
            at_key = True
            continue
        elif depth == 1 and at_key and token == "?":
            continue
        elif depth == 1 and at_key and token in ("vault", '"vault"', "'vault'") \
                and following == ":":
            return True
        at_key = False
    return False


def read_front_matter(text: str) -> tuple[FrontMatter | None, Problem | None]:
    """Parse the front matter of a Markdown file.

    Returns `(None, None)` when there is no front matter (or it is not a mapping, which MkDocs
    ignores too), and `(None, problem)` when the YAML is broken.
    """
    yaml_text, body, body_line = _parts(text)
    if yaml_text is None:
        return None, None
    lines = _Lines.of(yaml_text)
    try:
        root, data, duplicates = _load(yaml_text, lines)
    except yaml.MarkedYAMLError as error:
        return None, _yaml_problem(error, lines)
    except yaml.reader.ReaderError as error:
        return None, _reader_problem(error, yaml_text, lines)
    except yaml.YAMLError as error:  # errors without a position are rare, but possible
        return None, Problem(f"the YAML cannot be read: {error}")
    except RecursionError:
        return None, _depth_problem(yaml_text, lines)
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return None, None
    return FrontMatter(data=data, body=body, body_line=body_line, root=root,
                       duplicates=tuple(duplicates),
                       top_duplicates=tuple(_top_duplicates(root, lines)), lines=lines), None


def _load(yaml_text: str, lines: _Lines) -> tuple[yaml.Node | None, Any,
                                                  list[tuple[Path, int, int]]]:
    """Root node, data, and duplicate keys below `vault` (looked for before construction,
    which merges `<<` keys into the nodes)."""
    loader = _Loader(yaml_text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is None:
        return None, None, []
    built = _build(loader, root)
    if built is None:
        return _construct(root, lines)
    data, regular = built
    vault = _child(root, "vault") if not regular else None
    return root, data, _duplicate_keys(vault, lines) if vault is not None else []


def _construct(root: yaml.Node, lines: _Lines) -> tuple[yaml.Node, Any,
                                                        list[tuple[Path, int, int]]]:
    """What `_build` leaves to PyYAML's constructor: its nesting is checked first, and its
    duplicate keys looked for on the nodes."""
    deep = _too_deep(root)
    if deep is not None:
        raise yaml.MarkedYAMLError("while composing a node", None,
                                   "exceeded maximum nesting depth", deep.start_mark)
    vault = _child(root, "vault")
    duplicates = _duplicate_keys(vault, lines) if vault is not None else []
    loader = _Loader("")  # a fresh one: `_build` may have left some state in the first
    try:
        return root, loader.construct_document(root), duplicates
    finally:
        loader.dispose()


class _Unusual(Exception):
    """Something `_Builder` leaves to PyYAML's constructor."""


_BUILD_DEPTH = 64
"""Deeper documents are left to PyYAML (and to the MAX_DEPTH check): front matter is flat,
and the builder recurses."""
_MERGE, _VALUE = _TAG + "merge", _TAG + "value"


def _build(loader: _Loader, root: yaml.Node) -> tuple[Any, bool] | None:
    """(data, regular) of a plain document, or None for anything else (see `_Builder`)."""
    builder = _Builder(loader)
    try:
        return builder.value(root, 1), builder.regular
    except _Unusual:
        return None


class _Builder:
    """Builds the data of the usual document several times faster than PyYAML's constructor
    (which, per node, looks up constructors, records the node and runs a generator), and gives
    exactly the same data. Only str, map and seq nodes are built here, other scalars by
    PyYAML; anything else raises `_Unusual`, and the whole document is left to PyYAML:
    mappings and sequences with other tags (`!!set`, `!!omap`), merge (`<<`) and `=` keys,
    collections as keys, a collection reached twice (an alias: the data must share it, or a
    recursive one), nesting deeper than `_BUILD_DEPTH`, and any value that cannot be built
    (PyYAML's error then names the node it meets first).

    `regular` stays true while every key is text and none repeats: `_duplicate_keys`, which
    compares keys as written, then finds none either."""

    def __init__(self, loader: _Loader) -> None:
        self.construct = loader.construct_object
        self.entered: set[int] = set()
        self.regular = True

    def value(self, node: yaml.Node, depth: int) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self.scalar(node)
        if depth > _BUILD_DEPTH or id(node) in self.entered:
            raise _Unusual
        self.entered.add(id(node))
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self.value(item, depth + 1) for item in node.value]
        if kind is yaml.MappingNode and node.tag == _MAP:
            data = {self.key(key): self.value(value, depth + 1) for key, value in node.value}
            if len(data) < len(node.value):
                self.regular = False
            return data
        raise _Unusual

    def key(self, node: yaml.Node) -> Any:
        if type(node) is not yaml.ScalarNode:
            raise _Unusual
        if node.tag == _STR:
            return node.value
        if node.tag in (_MERGE, _VALUE):
            raise _Unusual
        self.regular = False  # `1:` and `"1":` are one key as written, two in the data
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.construct(node)
        except yaml.YAMLError as error:
            raise _Unusual from error


MAX_DEPTH = 1000
"""Collections nested deeper than this are refused, as the libyaml of PyYAML 6.0.4's wheels
does; the older libyaml of 6.0 to 6.0.3 builds them, and the data then breaks pickle (the
build cache), deepcopy and every recursive walk."""


def _too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first collection (in document order) nested deeper than MAX_DEPTH, found without
    recursion. A node seen before (an alias, a recursive anchor) is not entered again: the
    depth is that of the text, and the walk is linear even for a "billion laughs" document."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or not isinstance(node, yaml.CollectionNode):
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return node
        children: list[yaml.Node] = (node.value if isinstance(node, yaml.SequenceNode)
                                     else [part for pair in node.value for part in pair])
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


_IGNORED = "the YAML cannot be read, so MkDocs would silently ignore this front matter: "


def _yaml_problem(error: yaml.MarkedYAMLError, lines: _Lines) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.problem and "end of stream" in error.problem and error.context_mark is not None:
        mark = error.context_mark  # an unclosed quote or bracket: where it opens, not the end
    reason = error.problem or error.context or "invalid YAML"
    if error.context and error.problem:
        reason = f"{error.problem} ({error.context})"
    line = column = None
    if mark is not None:
        line, column = lines.mark(mark)
    hint = ""
    if "mapping values are not allowed" in reason or "found character" in reason:
        hint = "; text containing ': ', '#', '[' or a leading '*' must be quoted"
    elif "flow mapping" in reason or "flow sequence" in reason:
        opened = error.context_mark
        where = f" (the bracket opened on line {lines.mark(opened)[0]})" if opened else ""
        hint = (f"{where}; inside {{...}} or [...], quote values containing '#' (which "
                f"otherwise starts a comment), ',' or ':'")
    elif "maximum nesting depth" in reason:
        hint = "; the YAML is nested more than 1000 levels deep"
    elif "could not determine a constructor" in reason:
        hint = "; only standard YAML tags are allowed (no !!python/...)"
    return Problem(f"{_IGNORED}{reason}{hint}", line=line, column=column)


def _reader_problem(error: yaml.reader.ReaderError, yaml_text: str, lines: _Lines) -> Problem:
    """A character YAML does not allow (NUL, ESC, ...). The error has no mark, and libyaml's
    `position` counts bytes, so the character is looked up again."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(yaml_text)
    code = ord(found.group()) if found else error.character
    if not isinstance(code, int):
        code = 0xFFFD
    line, column = lines.at(found.start()) if found else (None, None)
    return Problem(f"{_IGNORED}the character U+{code:04X} is not allowed in YAML; remove it, "
                   f"or write it as an escape inside double quotes (\"{printable(chr(code))}\")",
                   line=line, column=column)


def _depth_problem(yaml_text: str, lines: _Lines) -> Problem:
    """Located message for YAML too deeply nested to build, found by counting parser events
    (which, unlike building, does not recurse)."""
    loader = _Loader(yaml_text)
    depth = deepest = 0
    mark: Any = None
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > deepest:
                    deepest, mark = depth, event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    line, column = lines.mark(mark) if mark is not None else (None, None)
    return Problem(f"the YAML cannot be read: it is nested too deeply ({deepest} levels)",
                   line=line, column=column)


def decode_page(data: bytes) -> tuple[str, Problem | None]:
    """A page's bytes as text, read as MkDocs reads it (UTF-8, BOM dropped, CRLF and CR as
    '\\n'), but never failing: invalid UTF-8 becomes U+FFFD and one located problem, where
    MkDocs would abort the whole build."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return normalize(data.decode("utf-8")), None
    except UnicodeDecodeError as error:
        start = error.start
    text = normalize(data.decode("utf-8", errors="replace"))
    before = normalize(data[:start].decode("utf-8"))
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    more = f" ({bad} invalid sequences in all)" if bad > 1 else ""
    return text, Problem(
        f"invalid UTF-8 byte 0x{data[start]:02x} at line {line}, column {column}{more}; save "
        f"the file as UTF-8 (it is shown with U+FFFD in place of the bad bytes)",
        line=line, column=column)
