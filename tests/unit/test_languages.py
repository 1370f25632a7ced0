"""The translated words: complete tables, the same placeholders, sensible language codes."""

from __future__ import annotations

import string

import pytest

from mkdocs_vault.plugin.config import HEADING_PLACEHOLDERS, STRING_PLACEHOLDERS, check_template
from mkdocs_vault.render import languages
from mkdocs_vault.render.options import DEFAULT_HEADINGS, DEFAULT_STRINGS
from mkdocs_vault.site.settings import DEFAULT_STRINGS as SITE_STRINGS
from mkdocs_vault.site.settings import SiteSettings

REQUIRED = ("en", "es", "fr", "de", "zh")
PARTS = ("headings", "strings", "site", "problems")
SAME_AS_ENGLISH = {"{number}. {text}", "{label}: {count}", "Ideas", "Series", "{count} ideas",
                   "1 idea", "Résumé"}
"""Words that other languages may write as English does (Spanish "Ideas", French "Résumé")."""
OTHERS = [lang for lang in languages.LANGUAGES if lang != "en"]


def fields(template: str) -> list[str]:
    """The placeholder names of a template, in order, with repeats."""
    return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f is not None)


def test_the_required_languages_have_tables() -> None:
    assert set(REQUIRED) <= set(languages.LANGUAGES)


def test_english_is_the_defaults_of_the_core() -> None:
    """The English table is what the core shows without the languages module."""
    assert languages.headings("en") == DEFAULT_HEADINGS
    assert languages.strings("en") == DEFAULT_STRINGS
    assert languages.site_strings("en") == dict(SITE_STRINGS)
    assert languages.problems_title("en") == languages.PROBLEMS_TITLE_EN


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("part", PARTS)
def test_every_language_has_every_key_with_the_same_placeholders(lang: str, part: str) -> None:
    english = languages.TABLES["en"][part]
    table = languages.TABLES[lang][part]
    assert set(table) == set(english), f"{lang}.{part}: missing or extra keys"
    for key, template in table.items():
        assert fields(template) == fields(english[key]), f"{lang}.{part}.{key}: {template!r}"
        assert template, f"{lang}.{part}.{key}"
        assert template.strip() == template, f"{lang}.{part}.{key}"
        if template == english[key]:
            assert template in SAME_AS_ENGLISH, f"{lang}.{part}.{key} is still English"


@pytest.mark.parametrize("lang", languages.LANGUAGES)
def test_every_template_passes_the_plugins_own_checks(lang: str) -> None:
    """What mkdocs.yml may set, these tables may hold: `check_template` accepts each."""
    for key, template in languages.headings(lang).items():
        check_template(template, HEADING_PLACEHOLDERS[key], "heading")
    for key, template in languages.strings(lang).items():
        check_template(template, STRING_PLACEHOLDERS[key], "string")


@pytest.mark.parametrize("lang", languages.LANGUAGES)
def test_site_strings_format_in_site_settings(lang: str) -> None:
    """The vault pages' words work in `SiteSettings` (placeholders filled, one/many)."""
    settings = SiteSettings(strings=languages.site_strings(lang))
    assert "30" in settings.count("entry_count", 30)
    assert "1" in settings.count("idea_count", 1)
    assert "3" in settings.string("of_total", count=3, total=9)
    assert settings.string("idea", number=4, text="x") == "4. x"
    assert "Lex" in settings.string("count", label="Lex", count=2)


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("en_US", "en"),
    ("es", "es"), ("es-MX", "es"), ("es_419", "es"),
    ("fr", "fr"), ("fr-CA", "fr"), ("de", "de"), ("de-AT", "de"), ("de_CH", "de"),
    ("pt-BR", "pt"), ("pt_PT", "pt"), ("it", "it"), ("ja", "ja"),
    ("zh", "zh"), ("zh-Hans", "zh"), ("zh_CN", "zh"), ("zh-SG", "zh"), ("ZH-hans-CN", "zh"),
    ("zh-Hant", "zh-Hant"), ("zh_TW", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"),
    ("zh-Hant-TW", "zh-Hant"), ("zh-hant", "zh-Hant"),
    ("xx", "en"), ("tlh", "en"), ("", "en"), ("  ", "en"), ("-", "en"), (None, "en"), (3, "en"),
])
def test_language_codes_are_normalised(code: object, expected: str) -> None:
    assert languages.normalize(code) == expected


def test_unknown_languages_fall_back_to_english() -> None:
    assert languages.headings("xx") == DEFAULT_HEADINGS
    assert languages.strings("tlh") == DEFAULT_STRINGS
    assert languages.site_strings(None) == dict(SITE_STRINGS)
    assert languages.problems_title("") == languages.PROBLEMS_TITLE_EN


def test_a_key_a_language_lacks_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    partial = {"headings": {"graph": "Grafo"}}
    monkeypatch.setitem(languages._TABLES, "es", partial)
    assert languages.headings("es") == {**DEFAULT_HEADINGS, "graph": "Grafo"}
    assert languages.strings("es") == DEFAULT_STRINGS
    assert languages.problems_title("es") == languages.PROBLEMS_TITLE_EN


def test_results_are_copies() -> None:
    """Callers may update what they get (overrides from mkdocs.yml) without changing tables."""
    words = languages.headings("fr")
    words["graph"] = "changed"
    assert languages.headings("fr")["graph"] == "Carte conceptuelle"
    with pytest.raises(TypeError):
        languages.TABLES["fr"]["headings"]["graph"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(("lang", "graph", "ideas", "number"), [
    ("es", "Mapa conceptual", "30 ideas clave", "N.º 116"),
    ("fr", "Carte conceptuelle", "30 idées clés", "N° 116"),
    ("de", "Konzeptgraph", "30 Kernideen", "Nr. 116"),
    ("zh", "概念图", "30 条核心观点", "第 116 期"),
    ("zh-TW", "概念圖", "30 條核心觀點", "第 116 集"),
])
def test_some_words(lang: str, graph: str, ideas: str, number: str) -> None:
    assert languages.headings(lang)["graph"] == graph
    assert languages.headings(lang)["ideas"].format(count=30) == ideas
    assert languages.strings(lang)["number"].format(number=116) == number


def test_french_colons_have_a_no_break_space() -> None:
    for key in ("host", "source", "see", "referenced_by", "previous", "next"):
        word = languages.strings("fr")[key]
        assert " :" not in word, key
        assert "\u00a0:" in word, key
