"""Front matter: splitting as MkDocs does, YAML errors with positions, locating fields."""

from __future__ import annotations

import pickle

import pytest
from mkdocs.utils.meta import get_data

from mkdocs_vault.loading.frontmatter import FrontMatter, has_vault_key, read_front_matter

NESTED = """\
---
title: Nested
vault:
  ideas:
    - text: first
      category: open
    - second
    - third
    - text: fourth
      category: geo
      links: [1, 2]
---
Body.
"""
#  line 1: ---          line 5: text: first      line 9: - text: fourth
#  line 2: title        line 6: category: open   line 10: category: geo
#  line 3: vault:       line 7: - second         line 11: links: [1, 2]
#  line 4: ideas:       line 8: - third          line 12: ---


def parsed(text: str) -> FrontMatter:
    """Front matter that must parse."""
    front_matter, problem = read_front_matter(text)
    assert problem is None
    assert front_matter is not None
    return front_matter


# -- splitting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "body_line"),
    [
        ("---\na: 1\n---\nBody\n", "Body\n", 4),
        ("---\na: 1\n...\nBody\n", "Body\n", 4),
        ("---\na: 1\n---\n\n\nBody\n", "Body\n", 6),
        ("---\na: 1\n...\n\n\n\nBody\nmore\n", "Body\nmore\n", 7),
        ("---\na: 1\nb: 2\n---   \nBody", "Body", 5),
        ("---  \na: 1\n---\n", "", 4),
        ("---\na: 1\n---\n\n", "", 5),
        ("---\na: |\n  x\n\n  y\n---\n# Title\n", "# Title\n", 7),
    ],
)
def test_split_body_and_line(text: str, body: str, body_line: int) -> None:
    """The body and its first line are those MkDocs would use."""
    front_matter = parsed(text)
    assert front_matter.body == body
    assert front_matter.body_line == body_line
    assert (front_matter.body, front_matter.data) == get_data(text)


def test_body_line_points_at_first_body_line() -> None:
    """`body_line` is the line of the file where the body's first line stands."""
    text = "---\ntitle: t\nvault: {ideas: [a]}\n---\n\n\nFirst body line\n"
    front_matter = parsed(text)
    assert text.split("\n")[front_matter.body_line - 1] == "First body line"


@pytest.mark.parametrize(
    "text",
    [
        "No front matter\n",
        "\n---\na: 1\n---\n",
        "---\na: 1\n",
        "----\na: 1\n----\n",
        "---\n- a\n- b\n---\nBody\n",
        "---\njust text\n---\nBody\n",
        "---\n42\n---\n",
        "---\n# only a comment\n---\n",
        "---\n\n---\nBody\n",
    ],
)
def test_no_mapping_gives_nothing(text: str) -> None:
    """Missing or non-mapping front matter is ignored, as MkDocs ignores it."""
    assert read_front_matter(text) == (None, None)


def test_data_is_parsed_yaml() -> None:
    """The data is the YAML mapping with native types."""
    front_matter = parsed("---\na: 1\nb: [x, 'y']\nc: {d: 2025-03-07}\n---\n")
    assert front_matter.data["a"] == 1
    assert front_matter.data["b"] == ["x", "y"]
    assert front_matter.data["c"]["d"].isoformat() == "2025-03-07"


# -- YAML errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # bad indent: `- b` on file line 5 is less indented than `- a`
        ("---\nvault:\n  ideas:\n    - a\n   - b\n---\n", 5, 4, "did not find expected key"),
        # unquoted ': ' inside a value, file line 5 column 11
        ("---\nvault:\n  ideas:\n    - a\n    - b: c: d\n---\n", 5, 11,
         "mapping values are not allowed"),
        # a tab used for indentation on file line 5
        ("---\nvault:\n  ideas:\n    - a\n\t- b\n---\n", 5, 1, "tab"),
        # an alias that was never defined (a leading `*`), file line 5 column 7
        ("---\nvault:\n  ideas:\n    - a\n    - *x\n---\n", 5, 7, "undefined alias"),
        # an indented first key: the error is on the following line
        ("---\n  a: 1\nb: 2\n---\n", 3, 1, "expected <document start>"),
        # a value indented under a scalar
        ("---\na: 1\n  b: 2\n---\n", 3, 4, "mapping values are not allowed"),
    ],
)
def test_yaml_error_position(text: str, line: int, column: int, words: str) -> None:
    """A YAML error is one problem with the 1-based line and column in the file."""
    front_matter, problem = read_front_matter(text)
    assert front_matter is None
    assert problem is not None
    assert (problem.line, problem.column) == (line, column)
    assert problem.severity == "error"
    assert problem.field is None
    assert words in problem.message
    assert "MkDocs would silently ignore" in problem.message


@pytest.mark.parametrize(
    ("text", "hinted"),
    [
        ("---\nvault:\n  ideas:\n    - a\n    - b: c: d\n---\n", True),
        ("---\nvault:\n  ideas:\n    - a\n   - b\n---\n", False),
    ],
)
def test_yaml_error_quoting_hint(text: str, hinted: bool) -> None:
    """Errors that come from unquoted special characters suggest quoting."""
    _, problem = read_front_matter(text)
    assert problem is not None
    assert ("must be quoted" in problem.message) is hinted


def test_unclosed_quote_is_reported() -> None:
    """An unterminated quoted string is an error, not a crash."""
    front_matter, problem = read_front_matter("---\nvault:\n  a: 'x\n---\n")
    assert front_matter is None
    assert problem is not None
    assert (problem.line, problem.column) == (3, 6)  # where the quote opens
    assert "quoted scalar" in problem.message


def test_impossible_date_is_a_problem_not_a_crash() -> None:
    """A date YAML recognises but Python rejects is reported, with its line."""
    front_matter, problem = read_front_matter("---\nvault:\n  date: 2025-02-30\n---\n")
    assert front_matter is None
    assert problem is not None
    assert problem.line == 3


# -- locating fields -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "position"),
    [
        ((), (2, 1)),
        (("title",), (2, 8)),
        (("vault",), (4, 3)),
        (("vault", "ideas"), (5, 5)),
        (("vault", "ideas", 0), (5, 7)),
        (("vault", "ideas", 0, "text"), (5, 13)),
        (("vault", "ideas", 0, "category"), (6, 17)),
        (("vault", "ideas", 1), (7, 7)),
        (("vault", "ideas", 2), (8, 7)),
        (("vault", "ideas", 3, "category"), (10, 17)),
        (("vault", "ideas", 3, "links"), (11, 14)),
        (("vault", "ideas", 3, "links", 1), (11, 18)),
    ],
)
def test_locate(path: tuple[str | int, ...], position: tuple[int, int]) -> None:
    """`locate` gives the file line and column of a value in nested mappings and lists."""
    assert parsed(NESTED).locate(path) == position


@pytest.mark.parametrize(
    ("path", "position"),
    [
        # a missing step stops at the nearest existing parent
        (("vault", "ideas", 9), (5, 5)),
        (("vault", "ideas", 9, "category"), (5, 5)),
        (("vault", "nope", "deeper"), (4, 3)),
        (("missing",), (2, 1)),
        # a string step into a list, an int step into a scalar
        (("vault", "ideas", "text"), (5, 5)),
        (("title", 0), (2, 8)),
    ],
)
def test_locate_nearest_parent(path: tuple[str | int, ...], position: tuple[int, int]) -> None:
    """A path that does not exist is located at its nearest existing parent."""
    assert parsed(NESTED).locate(path) == position


@pytest.mark.parametrize(
    ("path", "position"),
    [
        (("title",), (2, 1)),
        (("vault",), (3, 1)),
        (("vault", "ideas"), (4, 3)),
        (("vault", "ideas", 0, "text"), (5, 7)),
        (("vault", "ideas", 0, "category"), (6, 7)),
        (("vault", "ideas", 3, "category"), (10, 7)),
        (("vault", "ideas", 3, "links"), (11, 7)),
        # not a mapping entry: falls back to the value
        (("vault", "ideas", 1), (7, 7)),
        # no such key: the parent mapping
        (("vault", "ideas", 3, "label"), (9, 7)),
        # no such parent: its own nearest parent
        (("vault", "nope", "x"), (4, 3)),
    ],
)
def test_locate_key(path: tuple[str | int, ...], position: tuple[int, int]) -> None:
    """`locate_key` points at the key of a mapping entry rather than at its value."""
    assert parsed(NESTED).locate_key(path) == position


def test_locate_integer_keys() -> None:
    """A mapping with integer keys is reached with an int step."""
    front_matter = parsed("---\nvault:\n  categories:\n    1: one\n    2: two\n---\n")
    assert front_matter.locate(("vault", "categories", 2)) == (5, 8)


def test_locate_duplicate_key_uses_last() -> None:
    """Like the parsed data, locating a duplicated key finds the value that won."""
    front_matter = parsed("---\nvault:\n  series: a\n  series: b\n---\n")
    assert front_matter.data["vault"]["series"] == "b"
    assert front_matter.locate(("vault", "series")) == (4, 11)


# -- duplicate keys ------------------------------------------------------------------------------


def test_duplicate_keys_nested() -> None:
    """Keys written twice anywhere below a path are listed with their lines."""
    text = (
        "---\n"            # 1
        "title: a\n"       # 2
        "title: b\n"       # 3 (outside `vault`)
        "vault:\n"         # 4
        "  series: x\n"    # 5
        "  series: y\n"    # 6
        "  ideas:\n"       # 7
        "    - text: a\n"  # 8
        "      text: b\n"  # 9
        "    - text: c\n"  # 10
        "      label: d\n"  # 11
        "      label: e\n"  # 12
        "      label: f\n"  # 13
        "---\n"
    )
    assert parsed(text).duplicates == (
        (("series",), 6, 5),
        (("ideas", 0, "text"), 9, 8),
        (("ideas", 1, "label"), 12, 11),
        (("ideas", 1, "label"), 13, 11),
    )
    assert parsed(text).top_duplicates == (("title", (2, 3)),)


def test_no_duplicate_keys() -> None:
    """Clean front matter has no duplicates."""
    assert parsed(NESTED).duplicates == ()


def test_merge_keys_are_not_duplicates() -> None:
    """`<<: *base` then an overriding key is deliberate, not a duplicate."""
    text = ("---\nvault:\n  categories:\n    b: &b {label: X, color: '#ffffff'}\n"
            "    a: {<<: *b, label: Y}\n  ideas: [{text: t, category: a}]\n---\n")
    front_matter = parsed(text)
    assert front_matter.duplicates == ()
    assert front_matter.data["vault"]["categories"]["a"]["label"] == "Y"


@pytest.mark.parametrize("text", [
    "---\nvault: &v\n  ideas: [a]\n  self: *v\n---\n",
    "---\nvault:\n  ideas: [a]\n  x: &l [*l]\n---\n",
    "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "vault:\n  ideas: [a]\n  x: *f\n---\n",
])
@pytest.mark.timeout(10)
def test_alias_loops_and_bombs_are_cheap(text: str) -> None:
    """Shared and self-referencing nodes are walked once."""
    assert parsed(text).duplicates == ()


# -- has_vault_key -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nvault:\n  ideas: [a]\n---\n", True),
        ("---\ntitle: t\nvault: {ideas: [a]}\n---\nBody\n", True),
        ('---\n"vault": {}\n---\n', True),
        ("---\n'vault' : x\n---\n", True),
        ("---\nvault:\n...\n", True),
        ("---\nvaulted: 1\n---\n", False),
        ("---\nvault_x: 1\n---\n", False),
        ("---\nmy_vault: 1\n---\n", False),
        ("---\n{vault: {ideas: [a]}}\n---\n", True),
        ("---\n&v vault: {ideas: [a]}\n---\n", True),
        # Only a key of the top-level mapping counts, even when the YAML is broken.
        ("---\nmeta:\n  vault: 1\n---\n", False),
        ("---\n# vault: 1\n---\n", False),
        ("---\ndescription: 'see vault: x'\n---\n", False),
        ("---\ndescription: see\n vault: x\n---\n", False),
        ("---\n? vault\n: {ideas: [a]}\n---\n", True),
        ("---\n? 'vault'  # explicit key\n: x\n---\n", True),
        ("---\n  title: t\n  vault: x\n---\n", True),
        ("---\n  title: t\nvault: x\n---\n", False),
        ("---\nvault:x\n---\n", False),
        ("---\nvault :\n---\n", True),
        ("---\n!!str vault: x\n---\n", True),
        ("---\n{title: 'vault: no', meta: {vault: 1}}\n---\n", False),
        ("---\n# comment\n{title: t,\n  ? vault : {ideas: [a]}}\n---\n", True),
        ("---\n{title: t, \"vault\": {ideas: [a]}\n---\n", True),
        ("---\n{a: [vault, {vault: 1}], b: vault}\n---\n", False),
        ("---\nvault: x\n---", True),
        ("---\r\nvault: x\r\n---\r\n", True),
        ("\ufeff---\nvault: x\n---\n", True),
        ("---\ntitle: x\n---\nvault: 1\n", False),
        ("---\ntitle: x\n...\nvault: 1\n", False),
        ("vault: 1\n", False),
        ("---\nvault:\n", False),
        ("\n---\nvault: 1\n---\n", False),
        ("", False),
    ],
)
def test_has_vault_key(text: str, expected: bool) -> None:
    """Only a `vault:` key inside the front matter block counts."""
    assert has_vault_key(text) is expected


@pytest.mark.parametrize("text", [
    "---\nmeta:\n  vault: 1\n---\n", "---\n# vault: 1\n---\n",
    "---\nmeta:\n  vault: [\n---\nBody\n", "---\ndescription: 'the vault: [x'\n  y\n---\n",
    "---\nmeta: {vault: 1\n---\n",
])
def test_nested_or_commented_vault_is_not_an_entry(text: str) -> None:
    """A `vault:` that is not the top-level key does not make a vault page."""
    from mkdocs_vault.loading.pages import load_page

    assert load_page(text) is None


@pytest.mark.parametrize(("value", "kind"), [
    ("!!bool maybe", "bool"), ("!!int abc", "int"), ("!!float abc", "float"),
    ("!!timestamp abc", "timestamp"), ("2025-02-30", "timestamp"),
])
def test_unbuildable_values_are_located_errors(value: str, kind: str) -> None:
    """Values PyYAML cannot build are problems with their line, never a crash."""
    front_matter, problem = read_front_matter(f"---\ntitle: t\nflag: {value}\n---\n")
    assert front_matter is None
    assert problem is not None
    assert problem.line == 3
    assert kind in problem.message


def test_huge_integer_is_a_located_error() -> None:
    """A 5,000-digit number passes Python's int limit: a YAML problem, shown shortened."""
    _, problem = read_front_matter(f"---\nvault:\n  number: {'9' * 5000}\n---\n")
    assert problem is not None
    assert problem.line == 3
    assert len(problem.message) < 300


# -- splitting edge cases, positions in odd text ---------------------------------------------------


@pytest.mark.parametrize(("text", "data"), [
    ("---\nvault: {ideas: [a]}\n---", {"vault": {"ideas": ["a"]}}),
    ("---\nvault: {ideas: [a]}\n...", {"vault": {"ideas": ["a"]}}),
    ("---\na: 1\n--- \t", {"a": 1}),
])
def test_closing_line_without_final_newline(text: str, data: dict[str, object]) -> None:
    """A front-matter-only page whose closing line ends the file is still front matter (MkDocs'
    own pattern needs the newline; the plugin renders from this parse instead)."""
    front_matter = parsed(text)
    assert (front_matter.data, front_matter.body) == (data, "")


@pytest.mark.parametrize("separator", ["\r\n", "\r"])
def test_crlf_and_lone_cr_lines(separator: str) -> None:
    """CRLF and lone CR end lines, as they do when MkDocs reads the file."""
    text = "---\ntitle: t\nvault:\n  ideas: [a]\n  date: x\n---\nBody\n".replace("\n", separator)
    front_matter = parsed(text)
    assert front_matter.locate(("vault", "date")) == (5, 9)
    assert front_matter.body == "Body\n"
    assert front_matter.body_line == 7


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_do_not_shift_lines(separator: str) -> None:
    """PyYAML counts NEL, LS and PS as line breaks; the file's lines are counted at '\\n'."""
    text = f"---\ntitle: 'a{separator}b{separator}c'\nvault:\n  ideas: [a]\n  date: x\n---\n"
    front_matter = parsed(text)
    assert front_matter.locate(("vault", "date")) == (5, 9)
    assert front_matter.locate_key(("vault", "date")) == (5, 3)
    _, problem = read_front_matter(text.replace("date: x", "date: [x"))
    assert problem is not None
    assert problem.line == 6  # the closing `---` is where the bracket is found unclosed


def test_yaml_error_after_a_line_separator_is_on_the_right_line() -> None:
    """A syntax error after a U+2028 inside a quoted value keeps its file line and column."""
    _, problem = read_front_matter("---\ntitle: 'a\u2028b'\nvault:\n  ideas: [a]\n  x: a: b\n---\n")
    assert problem is not None
    assert (problem.line, problem.column) == (5, 7)


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B"),
                                            ("\x07", "U+0007"), ("\ufffe", "U+FFFE")])
def test_characters_yaml_rejects_are_located(char: str, code: str) -> None:
    """A raw NUL or ESC (PyYAML's ReaderError has no mark, and libyaml counts bytes) still gets
    the line and column of the character, counted in characters."""
    text = f"---\ntitle: 'é😀'\nvault:\n  ideas: [a]\n  series: x{char}y\n---\n"
    _, problem = read_front_matter(text)
    assert problem is not None
    assert (problem.line, problem.column) == (5, 12)
    assert code in problem.message
    assert "\\x" in problem.message or "\\u" in problem.message  # how to write it instead


@pytest.mark.parametrize(("written", "value"), [
    ("010", 10), ("0o10", 8), ("0x1F", 31), ("-7", -7), ("+3", 3), ("1:30", "1:30"),
    ("1_000", "1_000"), ("yes", "yes"), ("No", "No"), ("on", "on"), ("true", True),
    ("FALSE", False), ("3.5", 3.5), ("1e3", 1000.0), (".inf", float("inf")), ("-.inf",
    float("-inf")), ("~", None), ("null", None), ("2025-03-07", __import__("datetime").date(
        2025, 3, 7)), ("!!int 010", 10), ("!!bool yes", True), ("'010'", "010"),
])
def test_yaml_1_2_scalars(written: str, value: object) -> None:
    """Scalars follow YAML 1.2: no octal `010`, no sexagesimal `1:30`, no yes/no booleans."""
    assert parsed(f"---\nv: {written}\n---\n").data["v"] == value


def test_yaml_1_2_does_not_change_pyyaml() -> None:
    """Our resolvers are a copy: PyYAML's own loaders still read YAML 1.1."""
    import yaml

    assert yaml.safe_load("a: 010\nb: yes\nc: 1:30") == {"a": 8, "b": True, "c": 90}
    assert yaml.load("a: 010", Loader=yaml.CSafeLoader) == {"a": 8}


def test_nan_and_odd_keys_are_located() -> None:
    """Keys read as numbers are found again under the data's key (`0x10:` is 16)."""
    front_matter = parsed("---\nvault:\n  categories:\n    0x10: a\n    010: b\n---\n")
    assert front_matter.data["vault"]["categories"] == {16: "a", 10: "b"}
    assert front_matter.locate_key(("vault", "categories", 16)) == (4, 5)
    assert front_matter.locate_key(("vault", "categories", 10)) == (5, 5)


def test_too_deep_nesting_is_located() -> None:
    """libyaml stops at 1,000 levels with a located error."""
    text = "---\nvault:\n  x: " + "[" * 1200 + "]" * 1200 + "\n---\n"
    _, problem = read_front_matter(text)
    assert problem is not None
    assert problem.line == 3
    assert problem.column is not None
    assert "nested more than 1000 levels" in problem.message


@pytest.mark.parametrize("builder", ["_Builder.value", "_Loader.construct_document"])
def test_recursion_error_is_located(monkeypatch: pytest.MonkeyPatch, builder: str) -> None:
    """Building data that is too deep for Python (the pure-Python loader), by the fast builder
    or by PyYAML's constructor, names the deepest point instead of crashing."""
    from mkdocs_vault.loading import frontmatter

    def deep(*_: object) -> None:
        raise RecursionError

    def unusual(*_: object) -> None:
        raise frontmatter._Unusual

    owner, name = builder.split(".")
    monkeypatch.setattr(frontmatter._Builder, "value", deep if owner == "_Builder" else unusual)
    monkeypatch.setattr(getattr(frontmatter, owner), name, deep)
    _, problem = read_front_matter("---\nvault:\n  x: [[[\n    [1]]]]\n---\n")
    assert problem is not None
    assert (problem.line, problem.column) == (4, 5)
    assert "nested too deeply (6 levels)" in problem.message


# -- the fast builder against PyYAML's constructor ----------------------------------------------

_PLAIN = ("title: 'Talk: one'\ntags: [a, b]\nvault:\n  series: Lex\n  number: 116\n"
          "  date: 2025-03-07\n  speakers:\n  - Ann\n  source:\n    title: Ep 1\n"
          "    url: https://example.org/1\n  categories:\n    open: {label: Open, color: "
          "'#d4f9d4'}\n    cost: Cost\n  resume: |\n    First.\n\n    Second.\n  ideas:\n"
          "  - text: One idea.\n    category: open\n    links: [2]\n    see: [x.md#idea-1]\n"
          "  - {text: Two, category: cost, label: Deux}\n  - Three\n  center: MARK\n")
_VARIANTS = [
    "", "center: 010", "center: 0x1F", "center: 0o17", "center: 1:30", "center: 1_000",
    "center: yes", "center: True", "center: ~", "center: null", "center: .inf", "center: -.INF",
    "center: .NaN", "center: 1e3", "center: 2025-02-30", "center: 2025-03-07 10:00:00",
    "center: !!str 010", "center: !!int 1:30", "center: !!int '12'", "center: !!float x",
    "center: !!bool maybe", "center: !!binary aGVsbG8=", "center: !!binary '%%'",
    "center: !foo bar", "center: !!python/name:os.system", "center: !!set {a, b}",
    "center: !!omap [a: 1]", "center: !!pairs [a: 1]", "center: !!map {a: 1}",
    "center: !!seq [a]", "center: ! 12", "center: !!null ''", "center: !!timestamp 2025-01-01",
    "? center\n  : x", "? [a, b]\n  : x", "{a: 1}: x", "1: a\n  '1': b", "1: a\n  0x1: b",
    "1: a\n  1.0: b", "true: a\n  1: b", ".nan: a\n  .nan: b", "null: a\n  ~: b",
    "2025-01-01: a\n  '2025-01-01': b", "'<<': a\n  \"<<\": b", "'<<': a", "=: a",
    "<<: {host: H}", "<<: [{host: H}, {x: 1}]", "<<: 1", "series: again", "ideas: [z]",
    "center: &c MARK\n  host: *c", "center: &c [a]\n  host: *c", "center: &c {a: 1}\n  host: *c",
    "center: &c [a, *c]", "host: &h H\n  *h : x", "center: [[[[[[]]]]]]",
    "center: " + "[" * 63 + "]" * 63, "center: " + "[" * 64 + "]" * 64,
    "center: " + "[" * 1000 + "]" * 1000, "center: " + "[" * 1001 + "]" * 1001,
    "center: \"a\u2028b\"\n  x: \"c\\x85d\"", "center: 'a\u2029b'\n  x: 1: 2",
    "center: a\x00b", "center: [a,\n  x: b", "center: 9" + "9" * 5000,
    "center: !!int " + "9" * 5000,
]


def _variants() -> list[str]:
    pages = [f"---\n{_PLAIN.replace('center: MARK', v or 'center: MARK')}---\nBody\n"
             for v in _VARIANTS]
    pages.append(f"---\n{_PLAIN}title: again\nvault: 1\n---\n")
    pages.append(f"---\n{_PLAIN}tags: [c]\n---\n")
    pages.append("---\n- a\n- b\n---\n")
    pages.append("---\njust text\n---\n")
    pages.append("---\n# nothing\n---\n")
    return pages


def _summary(result: tuple[FrontMatter | None, object]) -> tuple[str, ...]:
    """Everything of a result but the node tree (a new one each time), NaN-proof; the pickle
    also shows which values are one shared object (an alias)."""
    front_matter, problem = result
    if front_matter is None:
        return (repr(problem),)
    return (repr(front_matter.data), str(pickle.dumps(front_matter.data)),
            repr(front_matter.duplicates),
            repr(front_matter.top_duplicates), front_matter.body, str(front_matter.body_line),
            repr(front_matter.lines), repr(problem))


def test_fast_builder_gives_what_pyyaml_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """On plain and hostile documents (odd tags, YAML 1.1 look-alikes, keys that are equal in
    the data or as written, merge keys, aliases, deep nesting, broken values), the fast
    builder gives the data, duplicates and problems of PyYAML's constructor; and it does build
    regular and irregular documents itself, and leaves the unusual ones to PyYAML."""
    from mkdocs_vault.loading import frontmatter

    pages = _variants()
    taken: list[str] = []
    build = frontmatter._build

    def spy(loader: object, root: object) -> object:
        built = build(loader, root)  # type: ignore[arg-type]
        taken.append("pyyaml" if built is None else "regular" if built[1] else "irregular")
        return built

    monkeypatch.setattr(frontmatter, "_build", spy)
    fast = [_summary(read_front_matter(p)) for p in pages]
    assert {"pyyaml", "regular", "irregular"} <= set(taken)
    assert taken.count("regular") + taken.count("irregular") > len(pages) // 2
    monkeypatch.setattr(frontmatter, "_build", lambda *_: None)
    for page, summary in zip(pages, fast, strict=True):
        assert summary == _summary(read_front_matter(page)), page[:200]


def test_resolver_is_pyyaml_s() -> None:
    """The lean `resolve` gives the tags of PyYAML's, for values starting with every kind of
    character, plain or quoted, and for collections."""
    import yaml

    from mkdocs_vault.loading.frontmatter import _Loader

    loader = _Loader("")
    values = ["", "~", "null", "Null", "NULL", "nul", "true", "True", "TRUE", "tRue", "yes", "no",
              "on", "off", "y", "n", "0", "010", "-1", "+1", "0o17", "0x1F", "0b1", "1_000", "1:30",
              "1.5", ".5", "-.5", "1e3", "1.", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "<<",
              "=", "2025-03-07", "2025-03-07 10:00", "text", "Open", "!x", "&a", "*a", "-", "."]
    values += [chr(c) + "x" for c in range(32, 127)]
    for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
        for value in values:
            for implicit in ((True, False), (False, True), (False, False), (True, True)):
                assert loader.resolve(kind, value, implicit) == \
                    yaml.resolver.BaseResolver.resolve(loader, kind, value, implicit), value


def test_split_is_front_matter_re() -> None:
    """`split` finds what MkDocs' (amended) regex finds, on every short text made of the
    characters that matter, and on longer random ones."""
    import itertools
    import random

    from mkdocs_vault.loading.frontmatter import FRONT_MATTER_RE, split

    def reference(text: str) -> tuple[str | None, str, int]:
        match = FRONT_MATTER_RE.match(text)
        if not match:
            return None, text, 1
        rest = text[match.end() :]
        body = rest.lstrip("\n")
        return match.group(1), body, text.count("\n", 0, match.end()) + len(rest) - len(body) + 1

    texts = ["".join(chars) for n in range(9) for chars in itertools.product("-.\n a", repeat=n)]
    texts = ["---\n" + t for t in texts] + ["--- \t\n" + t for t in texts[:2000]] + texts[:3000]
    rnd = random.Random(3)
    texts += ["".join(rnd.choice(["---", "...", "\n", " ", "\t", "a", "-", "."])
                      for _ in range(rnd.randrange(40))) for _ in range(20000)]
    for text in texts:
        assert split(text) == reference(text), repr(text)


# -- decoding ------------------------------------------------------------------------------------


def test_decode_page_valid() -> None:
    """Valid UTF-8 is decoded as MkDocs does: without a BOM, with '\\n' line ends."""
    from mkdocs_vault.loading.frontmatter import decode_page

    assert decode_page("\ufeff---\r\na: é\r\n---\r\n".encode()) == ("---\na: é\n---\n", None)


@pytest.mark.parametrize(("data", "line", "column", "byte"), [
    (b"---\nvault:\n  series: caf\xe9\n---\n", 3, 14, "0xe9"),
    (b"\xef\xbb\xbf---\r\nvault:\r\n  ideas: [\xff]\r\n---\r\n", 3, 11, "0xff"),
    ("---\ntitle: é😀".encode() + b"\xff\n", 2, 10, "0xff"),
])
def test_decode_page_invalid(data: bytes, line: int, column: int, byte: str) -> None:
    """Invalid UTF-8 is replaced by U+FFFD and reported once, with line and column."""
    from mkdocs_vault.loading.frontmatter import decode_page

    text, problem = decode_page(data)
    assert "\ufffd" in text
    assert "\r" not in text
    assert problem is not None
    assert (problem.line, problem.column, problem.severity) == (line, column, "error")
    assert f"invalid UTF-8 byte {byte} at line {line}, column {column}" in problem.message
    assert "save the file as UTF-8" in problem.message
