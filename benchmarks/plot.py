"""Build time against entries, as an SVG, from the JSON of benchmarks/run.py (plain Python).

    .venv/bin/python benchmarks/plot.py benchmarks/results/*.json --out docs/assets/build-time.svg

Every file's medians are merged (a later file's N wins); one line per variant, log-log axes.
"""

from __future__ import annotations

import argparse
import html
import json
import math
from pathlib import Path

COLORS = {"a": "#1f77b4", "a-warm": "#17becf", "a-nocache": "#7f7f7f", "b": "#2ca02c",
          "c": "#d62728", "d": "#9467bd", "a-nonav": "#ff7f0e", "a-warm-nonav": "#bcbd22",
          "b-nonav": "#8c564b", "c-nonav": "#e377c2"}
LABELS = {"a": "a: vault plugin (cold)", "a-warm": "a-warm: plugin, warm cache",
          "a-nocache": "a with cache: false",
          "b": "b: plain Markdown (limit)", "c": "c: mkdocs-macros + Jinja",
          "d": "d: Zensical, same pages", "a-nonav": "a, nav_entries: false",
          "a-warm-nonav": "a-warm, nav_entries: false", "b-nonav": "b, entries out of the nav",
          "c-nonav": "c, entries out of the nav"}
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 420, 70, 230, 20, 50


def series(files: list[Path]) -> dict[str, dict[int, float]]:
    """variant -> N -> median seconds."""
    out: dict[str, dict[int, float]] = {}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for count, result in data["entries"].items():
            for name, variant in result["variants"].items():
                out.setdefault(name, {})[int(count)] = variant["median"]
    return out


def svg(points: dict[str, dict[int, float]]) -> str:
    xs = [n for line in points.values() for n in line]
    ys = [s for line in points.values() for s in line.values()]
    x0, x1 = math.log10(min(xs)), math.log10(max(xs))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    x1 = x1 if x1 > x0 else x0 + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(n: float) -> float:
        return LEFT + (math.log10(n) - x0) / (x1 - x0) * plot_w

    def y(s: float) -> float:
        return TOP + plot_h - (math.log10(s) - y0) / (y1 - y0) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
             '<rect width="100%" height="100%" fill="#fff"/>',
             f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
             'stroke="#888"/>']
    for exponent in range(y0, y1 + 1):
        for mantissa in (1, 2, 5):
            value = mantissa * 10.0 ** exponent
            if not 10 ** y0 <= value <= 10 ** y1:
                continue
            py = y(value)
            parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{py:.1f}" y2="{py:.1f}" '
                         f'stroke="#eee"/>')
            parts.append(f'<text x="{LEFT - 6}" y="{py + 4:.1f}" text-anchor="end">'
                         f'{value:g} s</text>')
    for n in sorted(set(xs)):
        px = x(n)
        parts.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{TOP}" y2="{TOP + plot_h}" '
                     f'stroke="#eee"/>')
        parts.append(f'<text x="{px:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">'
                     f'{n:,}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 10}" text-anchor="middle">'
                 'entries (log scale)</text>')
    parts.append(f'<text x="16" y="{TOP + plot_h / 2}" text-anchor="middle" '
                 f'transform="rotate(-90 16 {TOP + plot_h / 2})">build time (median, log '
                 'scale)</text>')
    for row, (name, line) in enumerate(sorted(points.items(), key=lambda kv: list(
            COLORS).index(kv[0]) if kv[0] in COLORS else 99)):
        color = COLORS.get(name, "#000")
        coords = " ".join(f"{x(n):.1f},{y(s):.1f}" for n, s in sorted(line.items()))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{color}" '
                     'stroke-width="2"/>')
        for n, s in sorted(line.items()):
            parts.append(f'<circle cx="{x(n):.1f}" cy="{y(s):.1f}" r="3" fill="{color}">'
                         f'<title>{html.escape(name)}: {n} entries, {s:.2f} s</title></circle>')
        ly = TOP + 14 + row * 18
        parts.append(f'<line x1="{WIDTH - RIGHT + 14}" x2="{WIDTH - RIGHT + 34}" y1="{ly - 4}" '
                     f'y2="{ly - 4}" stroke="{color}" stroke-width="2"/>')
        parts.append(f'<text x="{WIDTH - RIGHT + 40}" y="{ly}">'
                     f'{html.escape(LABELS.get(name, name))}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", type=Path, nargs="+")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(svg(series(args.results)), encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
