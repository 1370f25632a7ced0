"""Build time of a vault against MkDocs building the same pages as plain Markdown.

    .venv/bin/python benchmarks/build_speed.py --entries 1000 [--repeat 3]

Generates N entries (30 ideas, 6 categories, a résumé, like the DeepSeek example), then builds
(a) the vault with the plugin and (b) the same pages already expanded to Markdown, without the
plugin. The target (roadmap) is (a) within 10% of (b). Peak memory of each build is reported
too (tracemalloc would slow MkDocs down, so this uses the process's max RSS in a child).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mkdocs_vault.loading.pages import load_page  # noqa: E402
from mkdocs_vault.render.options import RenderOptions  # noqa: E402
from mkdocs_vault.render.page import render_page  # noqa: E402

WORDS = ["model", "cluster", "power", "export", "chip", "training", "inference", "cost", "open",
         "weights", "policy", "energy", "agent", "memory", "market", "research", "safety",
         "data", "compute", "scale", "network"]
CATEGORIES = {f"c{i}": {"label": f"Topic {i}"} for i in range(6)}


def entry_text(n: int, rng: random.Random) -> str:
    """One generated vault page."""
    ideas = [{"text": " ".join(rng.choices(WORDS, k=14)).capitalize() + f", about {k}× more.",
              "category": f"c{k % 6}"} for k in range(1, 31)]
    vault = {"series": "Bench", "number": n, "date": "2025-01-01", "speakers": ["A. Speaker"],
             "source": {"title": f"Talk {n}", "url": f"https://example.org/{n}"},
             "categories": CATEGORIES, "ideas": ideas,
             "resume": "\n\n".join(" ".join(rng.choices(WORDS, k=60)) for _ in range(3))}
    front = yaml.safe_dump({"title": f"Talk {n}", "vault": vault}, sort_keys=False)
    return f"---\n{front}---\nSome closing words of the author.\n"


def write_sites(root: Path, count: int) -> None:
    """root/vault: entries with front matter; root/plain: the same pages expanded."""
    rng = random.Random(1)
    options = RenderOptions()
    for kind in ("vault", "plain"):
        (root / kind / "docs" / "talks").mkdir(parents=True)
        plugins = ["search", "vault"] if kind == "vault" else ["search"]
        config = {"site_name": "Bench", "theme": {"name": "material", "font": False},
                  "plugins": plugins}
        (root / kind / "mkdocs.yml").write_text(yaml.safe_dump(config))
    for n in range(1, count + 1):
        text = entry_text(n, rng)
        (root / "vault" / "docs" / "talks" / f"t{n}.md").write_text(text)
        loaded = load_page(text)
        assert loaded is not None
        assert loaded.entry is not None
        page = render_page(loaded.entry, loaded.body, options, title=f"Talk {n}").markdown
        (root / "plain" / "docs" / "talks" / f"t{n}.md").write_text(
            f"---\ntitle: Talk {n}\n---\n{page}")


CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    start = time.perf_counter()
    build(config)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "max_rss_mb": rss}))
""")


def timed_build(site: Path) -> dict[str, float]:
    """Build in a fresh interpreter; seconds of the build itself and peak memory."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(site / "mkdocs.yml"),
                          str(site / "site")], check=True, capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    """Generate, build both ways alternately, report the best of each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_sites(root, args.entries)
        results: dict[str, list[dict[str, float]]] = {"vault": [], "plain": []}
        for _ in range(args.repeat):
            for kind in ("plain", "vault"):
                results[kind].append(timed_build(root / kind))
        best = {k: min(r["seconds"] for r in v) for k, v in results.items()}
        memory = {k: max(r["max_rss_mb"] for r in v) for k, v in results.items()}
        ratio = best["vault"] / best["plain"]
        print(f"{args.entries} entries, best of {args.repeat}:")
        print(f"  plain Markdown  {best['plain']:7.2f} s  {memory['plain']:6.0f} MB max RSS")
        print(f"  vault plugin    {best['vault']:7.2f} s  {memory['vault']:6.0f} MB max RSS")
        print(f"  ratio           {ratio:7.3f}  (target <= 1.10)")


if __name__ == "__main__":
    main()
