"""The translated words: complete tables, the same placeholders, sensible language codes."""

from __future__ import annotations

import html
import re
import string

import pytest

from mkdocs_vault.graph.knowledge import REASON_STRINGS, Reason, reason_text, reasons_text
from mkdocs_vault.graph.layouts import GraphStyle
from mkdocs_vault.model import Category, Entry, Idea
from mkdocs_vault.plugin.config import HEADING_PLACEHOLDERS, STRING_PLACEHOLDERS, check_template
from mkdocs_vault.render import languages
from mkdocs_vault.render.options import DEFAULT_HEADINGS, DEFAULT_STRINGS, RenderOptions
from mkdocs_vault.render.page import render_page
from mkdocs_vault.site.settings import DEFAULT_STRINGS as SITE_STRINGS
from mkdocs_vault.site.settings import SiteSettings

REQUIRED = ("en", "es", "fr", "de", "zh")
PARTS = ("headings", "strings", "site", "problems")
SAME_AS_ENGLISH = {"{number}. {text}", "{label}: {count}", "Ideas", "Series", "{count} ideas",
                   "1 idea", "Résumé", ", "}
"""Words that other languages may write as English does (Spanish "Ideas", French "Résumé",
the comma between names)."""
SEPARATORS = {"reason_names_separator", "reason_separator"}
"""Keys whose text is punctuation between items, spaces included."""
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
        assert template.strip() == template or key in SEPARATORS, f"{lang}.{part}.{key}"
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
    for key in ("host", "source", "see", "referenced_by", "previous", "next", "linked_ideas"):
        word = languages.strings("fr")[key]
        assert " :" not in word, key
        assert "\u00a0:" in word, key
    words = {**languages.strings("fr"), **languages.site_strings("fr")}
    for key, word in words.items():
        assert re.search(r"[^\u00a0][:;]", word) is None, key


# -- the graph's words, the related entries' reasons -----------------------------------------

def _entry() -> Entry:
    cats = (Category("a", "Alpha", "#d4f9d4"), Category("b", "Beta", "#ffe0b3"))
    return Entry(ideas=(Idea(1, "one", "one", "a", links=(2,)), Idea(2, "two", "two", "b"),
                        Idea(3, "three", "three", "a")), categories=cats)


def _graph_words(lang: str, layout: str = "lanes", max_ideas: int = 30) -> tuple[str, str, str,
                                                                                   str, str]:
    """The figure's name, the skip link, the key and the linked ideas of a rendered page."""
    options = RenderOptions(headings=languages.headings(lang), strings=languages.strings(lang),
                            layout=layout, graph=GraphStyle(max_ideas=max_ideas))
    out = render_page(_entry(), "", options, title="Hub").inline()
    found = [re.search(pattern, out) for pattern in (
        r'role="figure" aria-label="([^"]*)"', r'<a class="vault-skip" [^>]*>([^<]*)</a>',
        r'<p class="vault-key">([^<]*)</p>', r'<p class="vault-links">([^<]*) <a ')]
    assert all(found), out
    figure, skip, key, linked = (html.unescape(m.group(1)) for m in found if m)
    return out, figure, skip, key, linked


def test_graph_words_in_english_are_unchanged() -> None:
    _, figure, skip, key, linked = _graph_words("en")
    assert figure == "Concept graph of Hub: 3 key ideas in 2 categories"
    assert skip == "Skip the graph: the 3 key ideas are listed below"
    assert key.startswith("Lines join each idea to its category (the hexagon)")
    assert linked == "Linked ideas:"
    assert _graph_words("en", "classic")[3].startswith("A dotted arrow joins each idea")
    assert _graph_words("en", max_ideas=2)[1] == (
        "Concept graph of Hub: 3 key ideas in 2 categories, in 2 parts")


@pytest.mark.parametrize("lang", OTHERS)
def test_graph_words_follow_the_language(lang: str) -> None:
    """The figure's name, the skip link, the key to the lines and "Linked ideas" are the
    language's; no English is left in the graph's HTML."""
    words = languages.strings(lang)
    out, figure, skip, key, linked = _graph_words(lang)
    assert figure == words["graph_name"].format(title="Hub", count=3, categories=2)
    assert skip == words["skip_graph"].format(count=3)
    assert key == words["graph_key_lanes"]
    assert linked == words["linked_ideas"]
    assert _graph_words(lang, "classic")[3] == words["graph_key_classic"]
    parts = _graph_words(lang, max_ideas=2)[1]
    assert parts == words["graph_name_parts"].format(name=figure, parts=2)
    for english in ("Concept graph", "Skip the graph", "key ideas", "Lines join", "Linked ideas",
                    "dotted arrow"):
        assert english not in out, english


@pytest.mark.parametrize(("lang", "figure", "skip"), [
    ("es", "Mapa conceptual de Hub: 3 ideas clave en 2 categorías",
     "Saltar el mapa: las 3 ideas clave se enumeran a continuación"),
    ("de", "Konzeptgraph zu Hub: 3 Kernideen in 2 Kategorien",
     "Graph überspringen: Die 3 Kernideen sind unten aufgeführt"),
    ("fr", "Carte conceptuelle de Hub\u00a0: 3 idées clés réparties en 2 catégories",
     "Passer la carte\u00a0: les 3 idées clés sont listées ci-dessous"),
    ("zh", "Hub的概念图：3 条核心观点，分属 2 个类别", "跳过概念图：下方列出了全部 3 条核心观点"),
])
def test_some_graph_words(lang: str, figure: str, skip: str) -> None:
    assert _graph_words(lang)[1:3] == (figure, skip)


def test_graph_without_categories_is_named_without_them() -> None:
    entry = Entry(ideas=(Idea(1, "one", "one"), Idea(2, "two", "two")))
    for lang in languages.LANGUAGES:
        words = languages.strings(lang)
        out = render_page(entry, "", RenderOptions(strings=words), title="Hub").inline()
        name = words["graph_name_plain"].format(title="Hub", count=2)
        assert f'aria-label="{html.escape(name)}"' in out, lang


REASONS = (Reason("named"), Reason("names_this"), Reason("linked"), Reason("linked", count=2),
           *(Reason(kind, names) for kind in ("speaker", "host", "series", "category", "tag",
                                                "term")
             for names in (("Ada",), ("Ada", "Bo"), ("a", "b", "c", "d"))))


def test_the_reasons_are_site_strings() -> None:
    """One source: the English reasons are `graph.knowledge`'s, part of the site's words."""
    assert {k: SITE_STRINGS[k] for k in REASON_STRINGS} == REASON_STRINGS


@pytest.mark.parametrize("lang", languages.LANGUAGES)
def test_every_reason_is_worded_in_every_language(lang: str) -> None:
    words = languages.site_strings(lang)
    for reason in REASONS:
        shown = reason_text(reason, words)
        assert shown, (lang, reason)
        assert not {"{", "}"} & set(shown), (lang, reason)
        assert all(name in shown for name in reason.names[:3]), (lang, reason)
        if len(reason.names) > 1 and reason.kind in ("category", "tag", "term"):
            assert str(len(reason.names)) in shown, (lang, reason)
    line = reasons_text(REASONS, words)
    if lang != "en":
        assert re.search(r"\b(named by|names this|linked idea|same|shared)\b", line) is None, lang


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "named by the author, same speakers: Ada, Bo, 4 shared categories: a, b, c, …"),
    ("es", "indicada por el autor; mismos ponentes: Ada, Bo; 4 categorías comunes: a, b, c, etc."),
    ("de", "vom Autor genannt; gleiche Sprecher: Ada, Bo; 4 gemeinsame Kategorien: a, b, c usw."),
    ("zh", "作者指定；相同主讲人：Ada、Bo；4 个共同类别：a、b、c等"),
])
def test_some_reasons(lang: str, expected: str) -> None:
    reasons = (Reason("named"), Reason("speaker", ("Ada", "Bo")),
               Reason("category", ("a", "b", "c", "d")))
    assert reasons_text(reasons, languages.site_strings(lang)) == expected
