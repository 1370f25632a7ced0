"""The words the plugin writes itself, in the languages of Material's `theme.language`.

One table per language, each with the keys of the English one: `headings` (the section
headings of an entry page, `render.options.DEFAULT_HEADINGS`), `strings` (its header words, the
graph's name, skip link and legend, `render.options.DEFAULT_STRINGS`), `site` (the vault-wide
pages, the overview's counts and the reasons of related entries, `site.settings.DEFAULT_STRINGS`
with `graph.knowledge.REASON_STRINGS`) and `problems` (the title of the box a page with errors
shows).
A language or a key missing here falls back to English; `mkdocs.yml` can override any string
(`headings:`, `strings:` of the plugin).

Placeholders (`{count}`, `{number}` ...) are the same as in English: the tests check every
table against the English one. French puts a no-break space (U+00A0) before a colon or a
semicolon, as French typography asks; Chinese and Japanese use full-width colons and list
names with the ideographic comma (、).
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
            "graph_name": ("Mapa conceptual de {title}: {count} ideas clave en {categories} "
                           "categorías"),
            "graph_name_plain": "Mapa conceptual de {title}: {count} ideas clave",
            "graph_name_parts": "{name}, en {parts} partes",
            "skip_graph": "Saltar el mapa: las {count} ideas clave se enumeran a continuación",
            "graph_key_lanes": ("Las líneas unen cada idea con su categoría (el hexágono), "
                                "directamente o a través de la idea anterior; los números son "
                                "los de la lista de abajo."),
            "graph_key_classic": ("Una flecha punteada une cada idea con su categoría (en una "
                                  "pantalla estrecha, una línea va de la categoría a través de "
                                  "sus ideas); los números son los de la lista de abajo."),
            "linked_ideas": "Ideas enlazadas:",
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
            "reason_named": "indicada por el autor",
            "reason_names_this": "menciona esta entrada como relacionada",
            "reason_linked_idea": "idea enlazada",
            "reason_linked_ideas": "ideas enlazadas",
            "reason_speaker": "mismo ponente: {name}",
            "reason_speakers": "mismos ponentes: {names}",
            "reason_host": "mismo presentador: {name}",
            "reason_hosts": "mismos presentadores: {names}",
            "reason_series": "misma serie: {name}",
            "reason_series_many": "mismas series: {names}",
            "reason_category": "categoría común: {name}",
            "reason_categories": "{count} categorías comunes: {names}",
            "reason_tag": "etiqueta común: {name}",
            "reason_tags": "{count} etiquetas comunes: {names}",
            "reason_term": "término común: {name}",
            "reason_terms": "{count} términos comunes: {names}",
            "reason_names_separator": ", ",
            "reason_names_more": "{names}, etc.",
            "reason_separator": "; ",
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
            "graph_name": (f"Carte conceptuelle de {{title}}{_NBSP}: {{count}} idées clés "
                           "réparties en {categories} catégories"),
            "graph_name_plain": f"Carte conceptuelle de {{title}}{_NBSP}: {{count}} idées clés",
            "graph_name_parts": "{name}, en {parts} parties",
            "skip_graph": (f"Passer la carte{_NBSP}: les {{count}} idées clés sont listées "
                           "ci-dessous"),
            "graph_key_lanes": ("Des lignes relient chaque idée à sa catégorie (l’hexagone), "
                                f"directement ou par l’idée qui la précède{_NBSP}; les numéros "
                                "sont ceux de la liste ci-dessous."),
            "graph_key_classic": ("Une flèche en pointillés relie chaque idée à sa catégorie "
                                  "(sur un écran étroit, une ligne part de la catégorie et passe "
                                  f"par ses idées){_NBSP}; les numéros sont ceux de la liste "
                                  "ci-dessous."),
            "linked_ideas": f"Idées liées{_NBSP}:",
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
            "reason_named": "indiquée par l’auteur",
            "reason_names_this": "cite cette entrée comme associée",
            "reason_linked_idea": "idée liée",
            "reason_linked_ideas": "idées liées",
            "reason_speaker": f"même intervenant{_NBSP}: {{name}}",
            "reason_speakers": f"mêmes intervenants{_NBSP}: {{names}}",
            "reason_host": f"même animateur{_NBSP}: {{name}}",
            "reason_hosts": f"mêmes animateurs{_NBSP}: {{names}}",
            "reason_series": f"même série{_NBSP}: {{name}}",
            "reason_series_many": f"mêmes séries{_NBSP}: {{names}}",
            "reason_category": f"catégorie commune{_NBSP}: {{name}}",
            "reason_categories": f"{{count}} catégories communes{_NBSP}: {{names}}",
            "reason_tag": f"étiquette commune{_NBSP}: {{name}}",
            "reason_tags": f"{{count}} étiquettes communes{_NBSP}: {{names}}",
            "reason_term": f"terme commun{_NBSP}: {{name}}",
            "reason_terms": f"{{count}} termes communs{_NBSP}: {{names}}",
            "reason_names_separator": ", ",
            "reason_names_more": "{names}, etc.",
            "reason_separator": f"{_NBSP}; ",
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
            "graph_name": "Konzeptgraph zu {title}: {count} Kernideen in {categories} Kategorien",
            "graph_name_plain": "Konzeptgraph zu {title}: {count} Kernideen",
            "graph_name_parts": "{name}, in {parts} Teilen",
            "skip_graph": "Graph überspringen: Die {count} Kernideen sind unten aufgeführt",
            "graph_key_lanes": ("Linien verbinden jede Idee mit ihrer Kategorie (dem Sechseck), "
                                "direkt oder über die vorhergehende Idee; die Nummern sind die "
                                "der Liste unten."),
            "graph_key_classic": ("Ein gepunkteter Pfeil verbindet jede Idee mit ihrer Kategorie "
                                  "(auf einem schmalen Bildschirm führt eine Linie von der "
                                  "Kategorie durch ihre Ideen); die Nummern sind die der Liste "
                                  "unten."),
            "linked_ideas": "Verknüpfte Ideen:",
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
            "reason_named": "vom Autor genannt",
            "reason_names_this": "nennt diesen Eintrag als verwandt",
            "reason_linked_idea": "verknüpfte Idee",
            "reason_linked_ideas": "verknüpfte Ideen",
            "reason_speaker": "gleicher Sprecher: {name}",
            "reason_speakers": "gleiche Sprecher: {names}",
            "reason_host": "gleiche Moderation: {name}",
            "reason_hosts": "gleiche Moderation: {names}",
            "reason_series": "gleiche Reihe: {name}",
            "reason_series_many": "gleiche Reihen: {names}",
            "reason_category": "gemeinsame Kategorie: {name}",
            "reason_categories": "{count} gemeinsame Kategorien: {names}",
            "reason_tag": "gemeinsames Schlagwort: {name}",
            "reason_tags": "{count} gemeinsame Schlagwörter: {names}",
            "reason_term": "gemeinsamer Begriff: {name}",
            "reason_terms": "{count} gemeinsame Begriffe: {names}",
            "reason_names_separator": ", ",
            "reason_names_more": "{names} usw.",
            "reason_separator": "; ",
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
            "graph_name": "{title}的概念图：{count} 条核心观点，分属 {categories} 个类别",
            "graph_name_plain": "{title}的概念图：{count} 条核心观点",
            "graph_name_parts": "{name}，分为 {parts} 部分",
            "skip_graph": "跳过概念图：下方列出了全部 {count} 条核心观点",
            "graph_key_lanes": ("每条观点都以连线连到其类别（六边形），或直接相连，"
                                "或经由前一条观点；编号与下方列表中的编号一致。"),
            "graph_key_classic": ("虚线箭头将每条观点连到其类别"
                                  "（在窄屏上，一条线从类别出发依次穿过其观点）；"
                                  "编号与下方列表中的编号一致。"),
            "linked_ideas": "关联观点：",
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
            "reason_named": "作者指定",
            "reason_names_this": "将本条目列为相关条目",
            "reason_linked_idea": "关联观点",
            "reason_linked_ideas": "关联观点",
            "reason_speaker": "同一主讲人：{name}",
            "reason_speakers": "相同主讲人：{names}",
            "reason_host": "同一主持人：{name}",
            "reason_hosts": "相同主持人：{names}",
            "reason_series": "同一系列：{name}",
            "reason_series_many": "相同系列：{names}",
            "reason_category": "共同类别：{name}",
            "reason_categories": "{count} 个共同类别：{names}",
            "reason_tag": "共同标签：{name}",
            "reason_tags": "{count} 个共同标签：{names}",
            "reason_term": "共同关键词：{name}",
            "reason_terms": "{count} 个共同关键词：{names}",
            "reason_names_separator": "、",
            "reason_names_more": "{names}等",
            "reason_separator": "；",
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
            "graph_name": "{title}的概念圖：{count} 條核心觀點，分屬 {categories} 個類別",
            "graph_name_plain": "{title}的概念圖：{count} 條核心觀點",
            "graph_name_parts": "{name}，分為 {parts} 部分",
            "skip_graph": "跳過概念圖：下方列出了全部 {count} 條核心觀點",
            "graph_key_lanes": ("每條觀點都以連線連到其類別（六邊形），或直接相連，"
                                "或經由前一條觀點；編號與下方列表中的編號一致。"),
            "graph_key_classic": ("虛線箭頭將每條觀點連到其類別"
                                  "（在窄螢幕上，一條線從類別出發依次穿過其觀點）；"
                                  "編號與下方列表中的編號一致。"),
            "linked_ideas": "關聯觀點：",
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
            "reason_named": "作者指定",
            "reason_names_this": "將本條目列為相關條目",
            "reason_linked_idea": "關聯觀點",
            "reason_linked_ideas": "關聯觀點",
            "reason_speaker": "同一主講人：{name}",
            "reason_speakers": "相同主講人：{names}",
            "reason_host": "同一主持人：{name}",
            "reason_hosts": "相同主持人：{names}",
            "reason_series": "同一系列：{name}",
            "reason_series_many": "相同系列：{names}",
            "reason_category": "共同類別：{name}",
            "reason_categories": "{count} 個共同類別：{names}",
            "reason_tag": "共同標籤：{name}",
            "reason_tags": "{count} 個共同標籤：{names}",
            "reason_term": "共同關鍵詞：{name}",
            "reason_terms": "{count} 個共同關鍵詞：{names}",
            "reason_names_separator": "、",
            "reason_names_more": "{names}等",
            "reason_separator": "；",
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
            "graph_name": ("Mapa conceitual de {title}: {count} ideias-chave em {categories} "
                           "categorias"),
            "graph_name_plain": "Mapa conceitual de {title}: {count} ideias-chave",
            "graph_name_parts": "{name}, em {parts} partes",
            "skip_graph": "Pular o mapa: as {count} ideias-chave estão listadas abaixo",
            "graph_key_lanes": ("Linhas ligam cada ideia à sua categoria (o hexágono), "
                                "diretamente ou por meio da ideia anterior; os números são os da "
                                "lista abaixo."),
            "graph_key_classic": ("Uma seta pontilhada liga cada ideia à sua categoria (em uma "
                                  "tela estreita, uma linha vai da categoria passando por suas "
                                  "ideias); os números são os da lista abaixo."),
            "linked_ideas": "Ideias vinculadas:",
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
            "reason_named": "indicada pelo autor",
            "reason_names_this": "cita esta entrada como relacionada",
            "reason_linked_idea": "ideia vinculada",
            "reason_linked_ideas": "ideias vinculadas",
            "reason_speaker": "mesmo palestrante: {name}",
            "reason_speakers": "mesmos palestrantes: {names}",
            "reason_host": "mesmo apresentador: {name}",
            "reason_hosts": "mesmos apresentadores: {names}",
            "reason_series": "mesma série: {name}",
            "reason_series_many": "mesmas séries: {names}",
            "reason_category": "categoria em comum: {name}",
            "reason_categories": "{count} categorias em comum: {names}",
            "reason_tag": "tag em comum: {name}",
            "reason_tags": "{count} tags em comum: {names}",
            "reason_term": "termo em comum: {name}",
            "reason_terms": "{count} termos em comum: {names}",
            "reason_names_separator": ", ",
            "reason_names_more": "{names} etc.",
            "reason_separator": "; ",
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
            "graph_name": ("Mappa concettuale di {title}: {count} idee chiave in {categories} "
                           "categorie"),
            "graph_name_plain": "Mappa concettuale di {title}: {count} idee chiave",
            "graph_name_parts": "{name}, in {parts} parti",
            "skip_graph": "Salta la mappa: le {count} idee chiave sono elencate qui sotto",
            "graph_key_lanes": ("Le linee collegano ogni idea alla sua categoria (l’esagono), "
                                "direttamente o tramite l’idea precedente; i numeri sono quelli "
                                "dell’elenco qui sotto."),
            "graph_key_classic": ("Una freccia punteggiata collega ogni idea alla sua categoria "
                                  "(su uno schermo stretto, una linea parte dalla categoria e "
                                  "attraversa le sue idee); i numeri sono quelli dell’elenco qui "
                                  "sotto."),
            "linked_ideas": "Idee collegate:",
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
            "reason_named": "indicata dall’autore",
            "reason_names_this": "indica questa voce come correlata",
            "reason_linked_idea": "idea collegata",
            "reason_linked_ideas": "idee collegate",
            "reason_speaker": "stesso relatore: {name}",
            "reason_speakers": "stessi relatori: {names}",
            "reason_host": "stesso conduttore: {name}",
            "reason_hosts": "stessi conduttori: {names}",
            "reason_series": "stessa serie: {name}",
            "reason_series_many": "stesse serie: {names}",
            "reason_category": "categoria in comune: {name}",
            "reason_categories": "{count} categorie in comune: {names}",
            "reason_tag": "tag in comune: {name}",
            "reason_tags": "{count} tag in comune: {names}",
            "reason_term": "termine in comune: {name}",
            "reason_terms": "{count} termini in comune: {names}",
            "reason_names_separator": ", ",
            "reason_names_more": "{names} ecc.",
            "reason_separator": "; ",
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
            "graph_name": ("{title}の概念マップ：{categories} カテゴリー、"
                           "{count} 件の重要なポイント"),
            "graph_name_plain": "{title}の概念マップ：{count} 件の重要なポイント",
            "graph_name_parts": "{name}（{parts} パート）",
            "skip_graph": "マップを飛ばす：{count} 件の重要なポイントは下の一覧にあります",
            "graph_key_lanes": ("線は各アイデアをそのカテゴリー（六角形）に、"
                                "直接または前のアイデアを経由して結びます。番号は下の一覧の番号です。"),
            "graph_key_classic": ("点線の矢印が各アイデアをそのカテゴリーに結びます"
                                  "（狭い画面では、カテゴリーからそのアイデアを順にたどる線に"
                                  "なります）。番号は下の一覧の番号です。"),
            "linked_ideas": "リンクされたアイデア：",
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
            "reason_named": "作成者が指定",
            "reason_names_this": "このエントリーを関連として挙げています",
            "reason_linked_idea": "リンクされたアイデア",
            "reason_linked_ideas": "リンクされたアイデア",
            "reason_speaker": "同じ講演者：{name}",
            "reason_speakers": "同じ講演者：{names}",
            "reason_host": "同じ司会：{name}",
            "reason_hosts": "同じ司会：{names}",
            "reason_series": "同じシリーズ：{name}",
            "reason_series_many": "同じシリーズ：{names}",
            "reason_category": "共通のカテゴリー：{name}",
            "reason_categories": "共通のカテゴリー {count} 件：{names}",
            "reason_tag": "共通のタグ：{name}",
            "reason_tags": "共通のタグ {count} 件：{names}",
            "reason_term": "共通の用語：{name}",
            "reason_terms": "共通の用語 {count} 件：{names}",
            "reason_names_separator": "、",
            "reason_names_more": "{names}など",
            "reason_separator": "／",
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
