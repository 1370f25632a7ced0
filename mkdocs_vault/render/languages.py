"""The words the plugin writes itself, in the languages of Material's `theme.language`.

One table per language, each with the keys of the English one: `headings` (the section
headings of an entry page, `render.options.DEFAULT_HEADINGS`), `strings` (its header words and
graph captions, `render.options.DEFAULT_STRINGS`), `site` (the vault-wide pages,
`site.settings.DEFAULT_STRINGS`) and `problems` (the title of the box a page with errors shows).
A language or a key missing here falls back to English; `mkdocs.yml` can override any string
(`headings:`, `strings:` of the plugin).

Placeholders (`{count}`, `{number}` ...) are the same as in English: the tests check every
table against the English one. French puts a no-break space (U+00A0) before a colon, as French
typography asks; Chinese and Japanese use full-width colons.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from mkdocs_vault.render.options import DEFAULT_HEADINGS, DEFAULT_STRINGS, PROBLEMS_TITLE_EN
from mkdocs_vault.site.settings import DEFAULT_STRINGS as SITE_STRINGS

ENGLISH: Final = "en"


_NBSP = "\u00a0"

_TABLES: dict[str, dict[str, dict[str, str]]] = {
    # English is the defaults of the modules that write the words (one source for each).
    "en": {
        "headings": dict(DEFAULT_HEADINGS),
        "strings": dict(DEFAULT_STRINGS),
        "site": dict(SITE_STRINGS),
        "problems": {"title": PROBLEMS_TITLE_EN},
    },
    "es": {
        "headings": {
            "graph": "Mapa conceptual",
            "resume": "Resumen",
            "ideas": "{count} ideas clave",
            "related": "Entradas relacionadas",
        },
        "strings": {
            "number": "N.º {number}",
            "of": "de {total}",
            "host": "Presenta: {host}",
            "source": "Fuente:",
            "graph_part": "Parte {part} de {parts}",
            "see": "Véase:",
            "referenced_by": "Citada en:",
            "previous": "Anterior:",
            "next": "Siguiente:",
        },
        "site": {
            "entries": "Entradas",
            "ideas": "Ideas",
            "series": "Series",
            "people": "Personas",
            "categories": "Categorías",
            "count": "{label}: {count}",
            "no_series": "Otras entradas",
            "number": "N.º {number}",
            "entry_count": "{count} entradas",
            "entry_count_one": "1 entrada",
            "idea_count": "{count} ideas",
            "idea_count_one": "1 idea",
            "of_total": "{count} de {total} entradas",
            "idea": "{number}. {text}",
            "speaker": "Ponente",
            "host": "Presentador",
            "previous": "Anterior",
            "next": "Siguiente",
        },
        "problems": {
            "title": "Esta entrada no se puede mostrar hasta que se corrijan estos problemas"},
    },
    "fr": {
        "headings": {
            "graph": "Carte conceptuelle",
            "resume": "Résumé",
            "ideas": "{count} idées clés",
            "related": "Entrées associées",
        },
        "strings": {
            "number": "N° {number}",
            "of": "sur {total}",
            "host": f"Animation{_NBSP}: {{host}}",
            "source": f"Source{_NBSP}:",
            "graph_part": "Partie {part} sur {parts}",
            "see": f"Voir{_NBSP}:",
            "referenced_by": f"Citée dans{_NBSP}:",
            "previous": f"Précédent{_NBSP}:",
            "next": f"Suivant{_NBSP}:",
        },
        "site": {
            "entries": "Entrées",
            "ideas": "Idées",
            "series": "Séries",
            "people": "Personnes",
            "categories": "Catégories",
            "count": f"{{label}}{_NBSP}: {{count}}",
            "no_series": "Autres entrées",
            "number": "N° {number}",
            "entry_count": "{count} entrées",
            "entry_count_one": "1 entrée",
            "idea_count": "{count} idées",
            "idea_count_one": "1 idée",
            "of_total": "{count} entrées sur {total}",
            "idea": "{number}. {text}",
            "speaker": "Intervenant",
            "host": "Animation",
            "previous": "Précédent",
            "next": "Suivant",
        },
        "problems": {
            "title": "Cette entrée ne peut pas être affichée tant que ces problèmes ne sont pas "
                     "corrigés"},
    },
    "de": {
        "headings": {
            "graph": "Konzeptgraph",
            "resume": "Zusammenfassung",
            "ideas": "{count} Kernideen",
            "related": "Verwandte Einträge",
        },
        "strings": {
            "number": "Nr. {number}",
            "of": "von {total}",
            "host": "Moderation: {host}",
            "source": "Quelle:",
            "graph_part": "Teil {part} von {parts}",
            "see": "Siehe:",
            "referenced_by": "Erwähnt in:",
            "previous": "Zurück:",
            "next": "Weiter:",
        },
        "site": {
            "entries": "Einträge",
            "ideas": "Ideen",
            "series": "Reihen",
            "people": "Personen",
            "categories": "Kategorien",
            "count": "{label}: {count}",
            "no_series": "Weitere Einträge",
            "number": "Nr. {number}",
            "entry_count": "{count} Einträge",
            "entry_count_one": "1 Eintrag",
            "idea_count": "{count} Ideen",
            "idea_count_one": "1 Idee",
            "of_total": "{count} von {total} Einträgen",
            "idea": "{number}. {text}",
            "speaker": "Sprecher",
            "host": "Moderation",
            "previous": "Zurück",
            "next": "Weiter",
        },
        "problems": {
            "title": "Dieser Eintrag kann erst angezeigt werden, wenn diese Probleme behoben sind"},
    },
    "zh": {  # Simplified Chinese
        "headings": {
            "graph": "概念图",
            "resume": "摘要",
            "ideas": "{count} 条核心观点",
            "related": "相关条目",
        },
        "strings": {
            "number": "第 {number} 期",
            "of": "共 {total} 期",
            "host": "主持人：{host}",
            "source": "来源：",
            "graph_part": "第 {part} 部分，共 {parts} 部分",
            "see": "参见：",
            "referenced_by": "被引用于：",
            "previous": "上一篇：",
            "next": "下一篇：",
        },
        "site": {
            "entries": "条目",
            "ideas": "观点",
            "series": "系列",
            "people": "人物",
            "categories": "类别",
            "count": "{label}：{count}",
            "no_series": "其他条目",
            "number": "第 {number} 期",
            "entry_count": "{count} 个条目",
            "entry_count_one": "1 个条目",
            "idea_count": "{count} 条观点",
            "idea_count_one": "1 条观点",
            "of_total": "{count} / {total} 个条目",
            "idea": "{number}. {text}",
            "speaker": "主讲人",
            "host": "主持人",
            "previous": "上一篇",
            "next": "下一篇",
        },
        "problems": {"title": "修复以下问题后才能显示此条目"},
    },
    "zh-Hant": {  # Traditional Chinese (Taiwan, Hong Kong)
        "headings": {
            "graph": "概念圖",
            "resume": "摘要",
            "ideas": "{count} 條核心觀點",
            "related": "相關條目",
        },
        "strings": {
            "number": "第 {number} 集",
            "of": "共 {total} 集",
            "host": "主持人：{host}",
            "source": "來源：",
            "graph_part": "第 {part} 部分，共 {parts} 部分",
            "see": "參見：",
            "referenced_by": "被引用於：",
            "previous": "上一篇：",
            "next": "下一篇：",
        },
        "site": {
            "entries": "條目",
            "ideas": "觀點",
            "series": "系列",
            "people": "人物",
            "categories": "類別",
            "count": "{label}：{count}",
            "no_series": "其他條目",
            "number": "第 {number} 集",
            "entry_count": "{count} 個條目",
            "entry_count_one": "1 個條目",
            "idea_count": "{count} 條觀點",
            "idea_count_one": "1 條觀點",
            "of_total": "{count} / {total} 個條目",
            "idea": "{number}. {text}",
            "speaker": "主講人",
            "host": "主持人",
            "previous": "上一篇",
            "next": "下一篇",
        },
        "problems": {"title": "修正以下問題後才能顯示此條目"},
    },
    "pt": {  # Brazilian spelling, understood in Portugal
        "headings": {
            "graph": "Mapa conceitual",
            "resume": "Resumo",
            "ideas": "{count} ideias-chave",
            "related": "Entradas relacionadas",
        },
        "strings": {
            "number": "N.º {number}",
            "of": "de {total}",
            "host": "Apresentação: {host}",
            "source": "Fonte:",
            "graph_part": "Parte {part} de {parts}",
            "see": "Ver:",
            "referenced_by": "Citada em:",
            "previous": "Anterior:",
            "next": "Próxima:",
        },
        "site": {
            "entries": "Entradas",
            "ideas": "Ideias",
            "series": "Séries",
            "people": "Pessoas",
            "categories": "Categorias",
            "count": "{label}: {count}",
            "no_series": "Outras entradas",
            "number": "N.º {number}",
            "entry_count": "{count} entradas",
            "entry_count_one": "1 entrada",
            "idea_count": "{count} ideias",
            "idea_count_one": "1 ideia",
            "of_total": "{count} de {total} entradas",
            "idea": "{number}. {text}",
            "speaker": "Palestrante",
            "host": "Apresentação",
            "previous": "Anterior",
            "next": "Próxima",
        },
        "problems": {
            "title": "Esta entrada não pode ser exibida até que estes problemas sejam corrigidos"},
    },
    "it": {
        "headings": {
            "graph": "Mappa concettuale",
            "resume": "Riassunto",
            "ideas": "{count} idee chiave",
            "related": "Voci correlate",
        },
        "strings": {
            "number": "N. {number}",
            "of": "di {total}",
            "host": "Conduce: {host}",
            "source": "Fonte:",
            "graph_part": "Parte {part} di {parts}",
            "see": "Vedi:",
            "referenced_by": "Citata in:",
            "previous": "Precedente:",
            "next": "Successiva:",
        },
        "site": {
            "entries": "Voci",
            "ideas": "Idee",
            "series": "Serie",
            "people": "Persone",
            "categories": "Categorie",
            "count": "{label}: {count}",
            "no_series": "Altre voci",
            "number": "N. {number}",
            "entry_count": "{count} voci",
            "entry_count_one": "1 voce",
            "idea_count": "{count} idee",
            "idea_count_one": "1 idea",
            "of_total": "{count} voci su {total}",
            "idea": "{number}. {text}",
            "speaker": "Relatore",
            "host": "Conduzione",
            "previous": "Precedente",
            "next": "Successiva",
        },
        "problems": {
            "title": "Questa voce non può essere mostrata finché questi problemi non saranno "
                     "risolti"},
    },
    "ja": {
        "headings": {
            "graph": "概念マップ",
            "resume": "要約",
            "ideas": "{count} の重要なポイント",
            "related": "関連エントリー",
        },
        "strings": {
            "number": "第 {number} 回",
            "of": "全 {total} 回",
            "host": "司会：{host}",
            "source": "出典：",
            "graph_part": "パート {part}／{parts}",
            "see": "参照：",
            "referenced_by": "参照元：",
            "previous": "前へ：",
            "next": "次へ：",
        },
        "site": {
            "entries": "エントリー",
            "ideas": "アイデア",
            "series": "シリーズ",
            "people": "人物",
            "categories": "カテゴリー",
            "count": "{label}：{count}",
            "no_series": "その他のエントリー",
            "number": "第 {number} 回",
            "entry_count": "{count} 件のエントリー",
            "entry_count_one": "1 件のエントリー",
            "idea_count": "{count} 件のアイデア",
            "idea_count_one": "1 件のアイデア",
            "of_total": "{count}／{total} 件のエントリー",
            "idea": "{number}. {text}",
            "speaker": "講演者",
            "host": "司会",
            "previous": "前へ",
            "next": "次へ",
        },
        "problems": {"title": "次の問題を修正するまで、このエントリーは表示できません"},
    },
}

LANGUAGES: Final = tuple(_TABLES)
"""The languages with a table, by their canonical code (`zh` is Simplified Chinese)."""

TABLES: Final[Mapping[str, Mapping[str, Mapping[str, str]]]] = MappingProxyType(
    {lang: MappingProxyType({part: MappingProxyType(words) for part, words in table.items()})
     for lang, table in _TABLES.items()})
"""Every table, read-only: `TABLES["fr"]["headings"]["graph"]`."""

_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})
_CODE_RE = re.compile(r"[A-Za-z0-9]+")


def normalize(language: object) -> str:
    """The canonical code of the table for a `theme.language` value.

    Case and `_`/`-` do not matter and region or script subtags fall back to the language
    (`pt-BR` -> `pt`, `de_AT` -> `de`); Chinese is Simplified (`zh`, `zh-Hans`, `zh-CN`,
    `zh-SG`) unless Traditional is named (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`). Anything
    without a table (or not text at all) is English.
    """
    if not isinstance(language, str):
        return ENGLISH
    parts = [p.lower() for p in _CODE_RE.findall(language)]
    if not parts:
        return ENGLISH
    primary = parts[0]
    if primary == "zh":
        return "zh-Hant" if _TRADITIONAL & set(parts[1:]) else "zh"
    return primary if primary in _TABLES else ENGLISH


def _part(language: object, part: str) -> dict[str, str]:
    """English with the language's words on top (a key it lacks stays English)."""
    return {**_TABLES[ENGLISH][part], **_TABLES[normalize(language)].get(part, {})}


def headings(language: object = ENGLISH) -> dict[str, str]:
    """Section headings of an entry page (keys of `render.options.DEFAULT_HEADINGS`)."""
    return _part(language, "headings")


def strings(language: object = ENGLISH) -> dict[str, str]:
    """Header words and graph captions of an entry page (`render.options.DEFAULT_STRINGS`)."""
    return _part(language, "strings")


def site_strings(language: object = ENGLISH) -> dict[str, str]:
    """Words of the vault-wide pages (keys of `site.settings.DEFAULT_STRINGS`)."""
    return _part(language, "site")


def problems_title(language: object = ENGLISH) -> str:
    """Title of the box a vault page with errors shows instead of its entry."""
    return _part(language, "problems")["title"]
