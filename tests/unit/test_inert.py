"""The plain-paragraph shortcut (render/inert.py) against Python-Markdown itself."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_vault.render.inert import _RULES, plain_html, plain_rules
from mkdocs_vault.render.markdown import SAFE_EXTENSIONS, MarkdownFields

# Plain words, and pieces that some extension turns into something else.
WORDS = ["word", "Über", "naïve", "数据", "שלום", "x", "V3", "2024", "1", "22", "3", "e.g.",
         "(in", "brackets)", "it’s", "“quoted”", "–", "—", "100%", "what?", "yes!"]
TRICKY = [
    "Dr.", "1.", "a)", "iv.", "I.", "(c)", "(R)", "(tm)", "1st", "2nd", "23rd", "11th", "4TH",
    "www.", "WWW.example", "!12", "?3", "#4", "--", "---", "...", "'", '"', "!!!", "???", "-",
    "  ", "\n", "\n\n\n", "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
    "ABCDEF0123ABCDEF0123ABCDEF0123ABCDEF0123", "_", "*", "`", "<b>", "&amp;", ":", ":smile:",
    "$x$", "^", "~", "==", "++", "|", "{", "@user", "a/b", "\t", "\u00a0", "\u2028", "ﬂ",
    "\u0301", " ",
]
SEPARATORS = [" ", " ", " ", ", ", "; ", ". ", "", "\n\n", "\n", ".\n"]

# Mostly plain texts with now and then one or two tricky pieces, anywhere (also first).
texts = st.lists(
    st.tuples(st.one_of(*[st.sampled_from(WORDS)] * 4, st.sampled_from(TRICKY)),
              st.sampled_from(SEPARATORS)),
    min_size=1, max_size=10,
).map(lambda parts: "".join(w + s for w, s in parts[:-1]) + parts[-1][0])

CONFIGS = {
    "pymdownx.magiclink": {"repo_url_shorthand": True, "social_url_shorthand": True,
                           "user": "someone", "repo": "project"},
    "pymdownx.smartsymbols": {},
    "pymdownx.arithmatex": {"generic": True},
}


def _reference(extensions: list[str]) -> markdown.Markdown:
    return markdown.Markdown(extensions=extensions,
                             extension_configs={n: CONFIGS[n] for n in extensions
                                                if n in CONFIGS})


@pytest.mark.parametrize("name", sorted(SAFE_EXTENSIONS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_shortcut_is_what_each_extension_renders(name: str, text: str) -> None:
    rules = plain_rules([name], CONFIGS)
    assert rules is not None, f"{name} has no rules in inert.py"
    out = plain_html(text, rules)
    if out is not None:
        md = _reference([name])
        assert md.convert(text) == out


EVERYTHING = sorted(SAFE_EXTENSIONS - {"codehilite"})  # codehilite and highlight conflict


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_shortcut_is_what_all_extensions_render(text: str) -> None:
    rules = plain_rules(EVERYTHING, CONFIGS)
    assert rules is not None
    out = plain_html(text, rules)
    if out is not None:
        assert _reference(EVERYTHING).convert(text) == out


@pytest.mark.parametrize(("text", "expected"), [
    ("Plain words, and numbers 42 (in parentheses).", True),
    ("First paragraph.\n\nSecond one; still plain!", True),
    ("DeepSeek's V3", True),
    ("1. a list", False),
    ("a) a list", False),
    ("iv. a list", False),
    ("with *emphasis*", False),
    ("a line\nwrapped", True),
    ("a line\n1. not a list: lists do not interrupt paragraphs", False),
    ("a line\n1. no list, lists do not interrupt paragraphs", True),
    ("a line  \nbreak", False),
    ("a line\n\n\nand more", False),
    ("", False),
    (" leading space", False),
])
def test_what_is_plain_with_the_default_extensions(text: str, expected: bool) -> None:
    rules = plain_rules(["tables", "fenced_code"], {})
    assert rules is not None
    assert (plain_html(text, rules) is not None) is expected


@pytest.mark.parametrize(("extension", "text"), [
    ("smarty", "DeepSeek's V3"),
    ("smarty", "ends -- here"),
    ("pymdownx.smartsymbols", "the 21st century"),
    ("pymdownx.smartsymbols", "Acme (c) 2024"),
    ("pymdownx.magiclink", "see www.example.com today"),
    ("pymdownx.magiclink", "fixed in !12"),
    ("pymdownx.magiclink", "commit deadbeefdeadbeefdeadbeefdeadbeefdeadbeef"),
])
def test_each_rule_keeps_its_extension_working(extension: str, text: str) -> None:
    """What the rules exclude really is rendered differently (so the rules are needed)."""
    rules = plain_rules([extension], CONFIGS)
    assert rules is not None
    assert plain_html(text, rules) is None
    assert _reference([extension]).convert(text) != f"<p>{text}</p>"
    without = plain_rules([], {})
    assert without is not None
    assert plain_html(text, without) == f"<p>{text}</p>"


def test_unknown_extensions_and_glossaries_turn_it_off() -> None:
    assert plain_rules(["some.other.extension"], {}) is None
    assert plain_rules(["abbr"], {"abbr": {"glossary": {"HTML": "HyperText"}}}) is None
    assert plain_rules(["abbr"], {}) is not None
    assert set(_RULES) == SAFE_EXTENSIONS


def test_fields_give_the_same_html_with_and_without_it() -> None:
    fields = MarkdownFields(["pymdownx.smartsymbols", "smarty", "pymdownx.magiclink"])
    slow = MarkdownFields(["pymdownx.smartsymbols", "smarty", "pymdownx.magiclink"])
    slow._plain = None
    for text in ("Plain words, 42.", "Two\n\nparagraphs.", "DeepSeek's (c) 1st www.x"):
        for inline in (False, True):
            assert fields.html(text, "p-", inline=inline) == slow.html(text, "p-",
                                                                        inline=inline)
