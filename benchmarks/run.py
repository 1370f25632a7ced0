"""The benchmark harness: the plugin against plain Markdown, mkdocs-macros and Zensical.

    .venv/bin/python benchmarks/run.py --entries 200 [1000 ...] [--repeat 3]
        [--variants a,a-warm,b,c,d,a-nonav,b-nonav] [--serve] [--interleave]
        [--out results/NAME.json]

For each N it generates a vault (benchmarks/generate.py, seed --seed), prepares the variants
and builds them in one run, alternating the variants in every round (so slow phases of a noisy
machine hit all of them alike), each build in a fresh interpreter:

  a        the vault with the plugin, vault-wide pages on, cold (no cache)
  a-warm   the same, second build: the plugin's cache from a previous build is kept
  a-nocache  a with `cache: false` (what writing the cache costs a cold build)
  b        the limit: the same site pre-expanded to plain Markdown (benchmarks/expand.py),
           generated pages included, built without the plugin
  c        the peer: mkdocs-macros-plugin with a Jinja template (benchmarks/macros/) reading
           the same front matter (the vault-wide pages are b's, as plain Markdown)
  d        Zensical building the same expansion (`mkdocs-vault render --target zensical`;
           skipped with a note when `zensical` is not installed)
  a-nonav  a with `nav_entries: false` (entries out of the global nav)
  a-warm-nonav  a-warm with `nav_entries: false`
  b-nonav  b with a nav of what a-nonav's holds (the home page and the vault's index)
  c-nonav  c with that nav (c at 10,000 entries with every page in the nav would take hours)

It reports medians (wall and CPU time), the ratios a/b, a-warm/b, a/c, d/b, the peak memory of
each build (the child's VmHWM) and the plugin's own time per phase (VAULT_TIMINGS, see
mkdocs_vault/plugin/timing.py), and how times grow from the smallest N to the largest.
`--interleave` prepares every N first and builds all of them in each round: the growth ratios
then compare builds made in the same phases of the machine (without it, each N is built in
turn, so a slow hour hits one N only). `--serve` also times `mkdocs serve` rebuilds after one edited
entry, without and with --dirty. The table is printed, the JSON written to --out (default
benchmarks/results/run-<N...>.json).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from expand import expand  # noqa: E402
from generate import entry_path, generate  # noqa: E402

VARIANTS = ("a", "a-warm", "a-nocache", "b", "c", "d", "a-nonav", "a-warm-nonav", "b-nonav",
            "c-nonav")
NAV_OF_NONAV = ["index.md", {"Vault": ["vault/index.md"]}]
"""What a-nonav's nav holds: the home page and the vault's index (plugin/__init__.py on_nav);
the other pages are reached through links."""
DEFAULT_VARIANTS = "a,a-warm,b,c,d"
THEME = {"name": "material", "font": False}

# The peak memory of a child is read from its own /proc/self/status (VmHWM), which starts
# afresh at exec: the rusage of os.wait4 (ru_maxrss) carries over the runner's size at fork,
# which holds the expanded vault after `prepare`.
PEAK = textwrap.dedent("""
    def peak_mb():
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
""")

CHILD = PEAK + textwrap.dedent("""
    import json, sys, time
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="build", dirty=False)
    start = time.perf_counter()
    build(config)
    seconds = time.perf_counter() - start
    config.plugins.on_shutdown()
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb()}))
""")

ZENSICAL_CHILD = PEAK + textwrap.dedent("""
    import json, runpy, sys, time
    sys.argv = ["zensical", *sys.argv[1:]]
    start = time.perf_counter()
    try:
        runpy.run_module("zensical", run_name="__main__")
    except SystemExit as exit:
        if exit.code:
            raise
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}))
""")


SERVE_CHILD = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config_file, site_dir, edited, dirty = sys.argv[1], sys.argv[2], Path(sys.argv[3]), \\
        sys.argv[4] == "1"
    timings = os.environ.get("VAULT_TIMINGS")
    def plugin_time():
        if not timings or not os.path.exists(timings):
            return None
        with open(timings) as handle:
            return json.load(handle)
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=dirty)
    start = time.perf_counter()
    build(config, dirty=dirty)
    first = time.perf_counter() - start
    first_timings = plugin_time()
    text = edited.read_text()
    time.sleep(0.05)
    edited.write_text(text.replace("Some closing words", "Some edited closing words", 1))
    config = load_config(config_file, site_dir=site_dir)
    start = time.perf_counter()
    build(config, dirty=dirty)
    rebuild = time.perf_counter() - start
    config.plugins.on_shutdown()
    edited.write_text(text)
    print(json.dumps({"first": first, "rebuild": rebuild, "first_timings": first_timings,
                      "rebuild_timings": plugin_time()}))
""")


def environment() -> dict[str, str]:
    """A child's environment: no user site, Material's banner off."""
    env = {key: value for key, value in os.environ.items()
           if key in {"HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + "/usr/bin:/bin"
    return env


def run_child(args: list[str], env: dict[str, str], cwd: Path) -> dict[str, Any]:
    """Run a child Python; its JSON line, with its peak memory (MB) and CPU time."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, *args], stdout=out, stderr=err, env=env,
                                   cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:1])} failed ({process.returncode}):\n{stderr}")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    # Linux: kilobytes; see PEAK for why the child's own figure is preferred.
    result["max_rss_mb"] = result.pop("peak_mb", None) or usage.ru_maxrss / 1024
    # CPU time of the whole child: on a shared machine steadier than wall time.
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


def write_config(project: Path, **config: Any) -> Path:
    project.mkdir(parents=True, exist_ok=True)
    config_file = project / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump({"site_name": "Bench", "theme": THEME, **config},
                                          sort_keys=False), encoding="utf-8")
    return config_file


def zensical_available() -> bool:
    try:
        import zensical  # noqa: F401
    except ImportError:
        return False
    return True


def cache_option() -> bool:
    """Whether the plugin's config has the `cache` option (plugin/config.py)."""
    from mkdocs_vault.plugin.config import VaultConfig

    return hasattr(VaultConfig, "cache")


def prepare(root: Path, entries: int, seed: int, variants: list[str]) -> dict[str, Any]:
    """Generate the vault and every variant's project below `root`; notes about them."""
    src = root / "src" / "docs"
    paths = generate(src, entries, seed=seed)
    notes: dict[str, Any] = {"entry_files": len(paths)}
    for name in ("a", "a-warm", "a-nocache", "a-nonav", "a-warm-nonav"):
        options: dict[str, Any] = {"a-nonav": {"nav_entries": False},
                                   "a-warm-nonav": {"nav_entries": False},
                                   "a-nocache": {"cache": False}}.get(name, {})
        write_config(root / name, docs_dir=str(src), plugins=["search", {"vault": options}])
    source_config = root / "a" / "mkdocs.yml"
    plain = root / "b" / "docs"
    notes["expander"] = expand(src, plain, source_config)
    write_config(root / "b", extra_css=["assets/vault/vault.css"], plugins=["search"])
    if "b-nonav" in variants:
        write_config(root / "b-nonav", docs_dir=str(plain), nav=NAV_OF_NONAV,
                     extra_css=["assets/vault/vault.css"], plugins=["search"])
    if "c" in variants or "c-nonav" in variants:
        docs = root / "c" / "docs"
        shutil.copytree(src, docs)
        shutil.copytree(plain / "vault", docs / "vault")
        shutil.copytree(plain / "assets", docs / "assets")
        for export in ("vault.json", "vault.graphml"):
            shutil.copyfile(plain / export, docs / export)
        macros = {"macros": {"module_name": "main", "include_dir": "include"}}
        for name, nav in (("c", {}), ("c-nonav", {"nav": NAV_OF_NONAV})):
            (root / name).mkdir(exist_ok=True)
            shutil.copyfile(HERE / "macros" / "main.py", root / name / "main.py")
            shutil.copytree(HERE / "macros" / "include", root / name / "include")
            write_config(root / name, docs_dir=str(docs), **nav,
                         extra_css=["assets/vault/vault.css"], plugins=["search", macros])
    if "d" in variants and zensical_available():
        # The same expansion, with the links in raw HTML written the way Zensical checks
        # them; Zensical wants docs/ and site/ below its config file.
        notes["expander (d)"] = expand(src, root / "d" / "docs", source_config,
                                       target="zensical")
        (root / "d" / "zensical.yml").write_text(yaml.safe_dump(
            {"site_name": "Bench", "theme": THEME, "site_dir": "site",
             "extra_css": ["assets/vault/vault.css"]}), encoding="utf-8")
    return notes


def build_once(root: Path, variant: str, timings: Path) -> dict[str, Any] | None:
    """One timed build of `variant`; None if it cannot run here."""
    project = root / variant
    env = environment()
    if variant == "a-nocache" and not cache_option():
        return None
    if variant == "d":
        if not zensical_available():
            return None
        return run_child(["-c", ZENSICAL_CHILD, "build", "--clean", "-f",
                          str(project / "zensical.yml")], env, project)  # --clean: cold
    if variant.startswith("a"):
        if "warm" not in variant:
            shutil.rmtree(project / ".cache", ignore_errors=True)  # cold
        elif not (project / ".cache").exists():
            run_child(["-c", CHILD, str(project / "mkdocs.yml"), str(project / "site")], env,
                      project)  # the build that fills the cache
        timings.unlink(missing_ok=True)
        env["VAULT_TIMINGS"] = str(timings)
    result = run_child(["-c", CHILD, str(project / "mkdocs.yml"), str(project / "site")], env,
                       project)
    if variant.startswith("a") and timings.exists():
        result["timings"] = json.loads(timings.read_text(encoding="utf-8"))
        # The worker that renders pages ahead runs beside the build: both count.
        worker = result["timings"].get("counters", {}).get("ahead: worker peak MiB", 0)
        result["worker_rss_mb"] = worker
        result["max_rss_mb"] += worker
    return result


def serve_figures(root: Path, timings: Path) -> dict[str, Any]:
    """`mkdocs serve` (one process, one edited entry), without and with --dirty."""
    out: dict[str, Any] = {}
    for dirty in (False, True):
        project = root / "a-serve"
        shutil.rmtree(project, ignore_errors=True)
        write_config(project, docs_dir=str(root / "src" / "docs"), plugins=["search", "vault"])
        env = environment()
        env["VAULT_TIMINGS"] = str(timings)
        timings.unlink(missing_ok=True)
        edited = root / "src" / "docs" / entry_path(1)
        result = run_child(["-c", SERVE_CHILD, str(project / "mkdocs.yml"),
                            str(project / "site"), str(edited), "1" if dirty else "0"], env,
                           project)
        plugin = (result.get("rebuild_timings") or {}).get("plugin_total")
        result["plugin_share"] = plugin / result["rebuild"] if plugin is not None else None
        result["rebuild_over_first"] = result["rebuild"] / result["first"]
        out["dirty" if dirty else "serve"] = result
    return out


def summarize(runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Medians, peak RSS, ratios and phases of one N."""
    variants: dict[str, Any] = {}
    for name, results in runs.items():
        if not results:
            continue
        entry: dict[str, Any] = {
            "runs": results,
            "median": statistics.median(r["seconds"] for r in results),
            "cpu_median": statistics.median(r["cpu_seconds"] for r in results),
            "max_rss_mb": max(r["max_rss_mb"] for r in results),
        }
        phases = [r["timings"] for r in results if "timings" in r]
        if phases:
            names = phases[0]["seconds"]
            entry["plugin_phases"] = {p: statistics.median(t["seconds"][p] for t in phases)
                                      for p in names}
            entry["plugin_total"] = statistics.median(t["plugin_total"] for t in phases)
            entry["counters"] = phases[-1].get("counters", {})
        variants[name] = entry
    medians = {name: v["median"] for name, v in variants.items()}
    cpu = {name: v["cpu_median"] for name, v in variants.items()}
    ratios, cpu_ratios = {}, {}
    for top, bottom in (("a", "b"), ("a-warm", "b"), ("a", "c"), ("d", "b"),
                        ("a-nonav", "b-nonav"), ("a-warm-nonav", "b-nonav"),
                        ("a-nonav", "c-nonav"),
                        ("a", "a-nonav"), ("a-nocache", "b")):
        if top in medians and bottom in medians:
            ratios[f"{top}/{bottom}"] = medians[top] / medians[bottom]
            cpu_ratios[f"{top}/{bottom}"] = cpu[top] / cpu[bottom]
    return {"variants": variants, "ratios": ratios, "cpu_ratios": cpu_ratios}


def scaling(entries: dict[str, Any]) -> dict[str, Any]:
    """How the plugin's own time and each variant's build time grow from the smallest to the
    largest size (meaningful within one `--interleave` run, where both sizes met the same
    phases of the machine)."""
    sizes = sorted(entries, key=int)
    if len(sizes) < 2:
        return {}
    small, large = entries[sizes[0]]["variants"], entries[sizes[-1]]["variants"]
    out: dict[str, Any] = {"from": int(sizes[0]), "to": int(sizes[-1])}
    for name in small.keys() & large.keys():
        figures = {"build": large[name]["median"] / small[name]["median"]}
        if small[name].get("plugin_total") and "plugin_total" in large[name]:
            figures["plugin"] = large[name]["plugin_total"] / small[name]["plugin_total"]
        out[name] = figures
    return out


def table(results: dict[str, Any]) -> str:
    lines = [f"{'N':>6} {'variant':12} {'median s':>9} {'CPU s':>8} {'RSS MB':>7} "
             f"{'plugin s':>9}"]
    for count, result in results["entries"].items():
        for name, v in result["variants"].items():
            plugin = v.get("plugin_total")
            lines.append(f"{count:>6} {name:12} {v['median']:9.2f} {v['cpu_median']:8.2f} "
                         f"{v['max_rss_mb']:7.0f} {'' if plugin is None else f'{plugin:9.2f}'}")
        for name, ratio in result["ratios"].items():
            lines.append(f"{count:>6} {name:19} {ratio:6.3f} (CPU "
                         f"{result['cpu_ratios'][name]:6.3f})")
        for name, note in result.get("skipped", {}).items():
            lines.append(f"{count:>6} {name:8} skipped: {note}")
        a = result["variants"].get("a", {}).get("plugin_phases")
        if a:
            lines.append(f"{count:>6} plugin phases (a, s): " + ", ".join(
                f"{k} {v:.3f}" for k, v in a.items()))
        for name, serve in result.get("serve", {}).items():
            share = serve["plugin_share"]
            lines.append(f"{count:>6} {name:8} first {serve['first']:.2f} s, rebuild after one "
                         f"edit {serve['rebuild']:.2f} s ({serve['rebuild_over_first']:.1%} of "
                         f"the first), plugin share {'-' if share is None else f'{share:.1%}'}")
    grown = results.get("scaling") or {}
    for name, figures in sorted((k, v) for k, v in grown.items() if isinstance(v, dict)):
        lines.append(f"{grown['from']:>6}->{grown['to']} {name:12} build x{figures['build']:.1f}"
                     + (f", plugin x{figures['plugin']:.1f}" if "plugin" in figures else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, nargs="+", default=[200])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--variants", default=DEFAULT_VARIANTS,
                        help=f"comma-separated, of {', '.join(VARIANTS)}")
    parser.add_argument("--serve", action="store_true", help="also time serve rebuilds")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--keep", type=Path, help="build below this folder and keep it")
    parser.add_argument("--interleave", action="store_true",
                        help="build every size in each round (for the growth ratios)")
    args = parser.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "command": " ".join(["benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "repeat": args.repeat, "seed": args.seed, "variants": variants,
        "interleaved": args.interleave, "entries": {},
    }
    notes: dict[int, dict[str, Any]] = {}
    runs: dict[int, dict[str, list[dict[str, Any]]]] = {
        count: {v: [] for v in variants} for count in args.entries}
    skipped: dict[int, dict[str, str]] = {count: {} for count in args.entries}
    with contextlib.ExitStack() as stack:
        roots = {count: Path(stack.enter_context(tempfile.TemporaryDirectory(dir=args.keep)))
                 for count in args.entries}
        sizes = [[count] for count in args.entries] if not args.interleave else [args.entries]
        for together in sizes:  # the sizes built in one round
            for count in together:
                started = time.perf_counter()
                notes[count] = prepare(roots[count], count, args.seed, variants)
                notes[count]["prepare_seconds"] = time.perf_counter() - started
            for _ in range(args.repeat):
                for count in together:
                    for variant in variants:
                        result = build_once(roots[count], variant, roots[count] / "timings.json")
                        if result is None:
                            skipped[count][variant] = (
                                "zensical is not installed" if variant == "d" else
                                "the plugin has no `cache` option yet")
                        else:
                            runs[count][variant].append(result)
            for count in together:
                result_n = summarize(runs[count])
                result_n["notes"] = notes[count]
                result_n["skipped"] = skipped[count]
                if args.serve:
                    result_n["serve"] = serve_figures(roots[count],
                                                      roots[count] / "timings.json")
                results["entries"][str(count)] = result_n
    results["scaling"] = scaling(results["entries"])
    print(table(results))
    out = args.out or HERE / "results" / f"run-{'-'.join(map(str, args.entries))}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"written: {out}")
    return results


if __name__ == "__main__":
    main()
