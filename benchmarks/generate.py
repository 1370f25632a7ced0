"""Synthetic vaults for the benchmarks: N entries shaped like the seed entry, deterministic.

    .venv/bin/python benchmarks/generate.py OUT_DIR --entries 1000 [--seed 1]

Each entry has 30 ideas in 6 categories, a three-paragraph résumé of about 270 words and ideas
of 8-16 words (the lengths of example-site/docs/lex/deepseek-china-ai-megaclusters.md), one or
two speakers and a host from a shared pool of people (N / 5 of them, so each is in about 7.5
entries at any N), a series (about 20 entries each, numbered in order), categories drawn
from a shared pool of 12 (so category pages list many entries), and `see:` references from
some ideas to ideas of other entries (so backlinks and related entries are computed). The
same seed and N give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import string
from pathlib import Path
from typing import Any

import yaml

WORDS = ("model cluster power export chip training inference cost open weights policy energy "
         "agent memory market research safety data compute scale network latency optics "
         "cooling license reasoning benchmark startup capital regulation supply wafer fab "
         "talent robot vision language sparse attention token context reward feedback "
         "alignment hardware software cloud edge privacy").split()
FIRST = ("Ada Alan Grace Linus Barbara Donald Edsger Frances Guido Margaret Ken Dennis Radia "
         "Leslie Tim Vint Shafi Judea Yann Fei").split()
LAST = ("Lovelace Turing Hopper Torvalds Liskov Knuth Dijkstra Allen Rossum Hamilton Thompson "
        "Ritchie Perlman Lamport Berners Cerf Goldwasser Pearl LeCun Li").split()
CATEGORY_POOL = {
    "open": ("Open", "#d4f9d4"), "cost": ("Cost", "#f9d4d4"), "hw": ("HW", "#d4d4f9"),
    "geo": ("Geo", "#f9f9d4"), "safety": ("Safety", "#f9d4f9"), "future": ("Future", "#d4f9f9"),
    "policy": ("Policy", None), "energy": ("Energy", None), "talent": ("Talent", None),
    "market": ("Market", None), "science": ("Science", None), "ethics": ("Ethics", None),
}
IDEAS = 30
CATEGORIES = 6
SERIES_SIZE = 20
ENTRY_DIR = "talks"


def entry_path(number: int) -> str:
    """Source path (inside docs/) of entry `number` (1-based)."""
    return f"{ENTRY_DIR}/t{number:05d}.md"


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        out.append(_sentence(rng, 8, 20))
    return " ".join(out)


def _wrap(text: str, width: int = 92) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


@functools.cache
def people_of(total: int) -> list[str]:
    """The vault's people: N / 5 distinct names (at least 20). Beyond the 400 first-last pairs,
    middle initials: without them the pool stopped at 400 and each person of a 10,000-entry
    vault was in 37 entries, not 7.5, which no real vault of talks looks like."""
    count = max(20, total // 5)
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    names += [f"{first} {middle}. {last}" for middle in string.ascii_uppercase
              for first in FIRST for last in LAST][: max(0, count - len(names))]
    return names[:count]


def entry_data(number: int, total: int, rng: random.Random) -> dict[str, Any]:
    """The front matter of entry `number` of `total`."""
    people = people_of(total)
    series_count = max(1, total // SERIES_SIZE)
    series = (number - 1) % series_count
    keys = rng.sample(sorted(CATEGORY_POOL), CATEGORIES)
    categories: dict[str, Any] = {}
    for key in keys:
        label, color = CATEGORY_POOL[key]
        categories[key] = {"label": label, "color": color} if color else {"label": label}
    ideas: list[dict[str, Any]] = []
    for k in range(1, IDEAS + 1):
        idea: dict[str, Any] = {"text": _sentence(rng, 8, 16), "category": keys[k % CATEGORIES]}
        if rng.random() < 0.5:
            idea["label"] = " ".join(rng.choices(WORDS, k=4)).capitalize()
        if k > 1 and rng.random() < 0.1:
            idea["links"] = [rng.randint(1, k - 1)]
        if total > 1 and rng.random() < 0.1:
            other = rng.randint(1, total - 1)
            other += other >= number  # never the entry itself
            idea["see"] = [f"t{other:05d}.md#idea-{rng.randint(1, IDEAS)}"]
        ideas.append(idea)
    speakers = rng.sample(people, rng.randint(1, 2))
    date = dt.date(2020, 1, 1) + dt.timedelta(days=number)
    return {
        "title": f"Talk {number}: " + " ".join(rng.choices(WORDS, k=5)),
        "vault": {
            "series": f"Series {series + 1}",
            "number": (number - 1) // series_count + 1,
            "date": date,
            "speakers": speakers,
            "host": people[series % len(people)],
            "source": {"title": f"Episode {number}", "url": f"https://example.org/ep/{number}"},
            "center": " ".join(rng.choices(WORDS, k=2)).title(),
            "categories": categories,
            "resume": "\n\n".join(_wrap(_paragraph(rng, 90)) for _ in range(3)) + "\n",
            "ideas": ideas,
            "credits": f"Summary of episode {number}, for the benchmark.",
        },
    }


class _Dumper(yaml.SafeDumper):
    """Multi-line strings as `|` blocks, as authors write the résumé."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def entry_text(number: int, total: int, rng: random.Random) -> str:
    """One entry page: front matter and a short body."""
    front = yaml.dump(entry_data(number, total, rng), Dumper=_Dumper, sort_keys=False,
                      allow_unicode=True, width=100)
    return f"---\n{front}---\nSome closing words of the author about talk {number}.\n"


HOME = "# Benchmark vault\n\nA synthetic vault: see the [index](vault/index.md).\n"


def generate(docs: Path, entries: int, *, seed: int = 1) -> list[str]:
    """Write `entries` entries (and a home page) below `docs`; their source paths."""
    rng = random.Random(seed)
    (docs / ENTRY_DIR).mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    paths = []
    for number in range(1, entries + 1):
        path = entry_path(number)
        (docs / path).write_text(entry_text(number, entries, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write docs/ into")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out / "docs", args.entries, seed=args.seed)


if __name__ == "__main__":
    main()
