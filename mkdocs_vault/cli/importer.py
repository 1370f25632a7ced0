"""`mkdocs-vault import`: pages of existing Knowledge Vaults in, vault pages out."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import click

from mkdocs_vault.cli.common import INTERRUPTED, plural
from mkdocs_vault.importing import ImportResult, import_text, looks_importable

SUFFIXES = (".txt", ".md", ".markdown")
"""Files a folder is searched for."""


@dataclass
class _Job:
    source: Path
    target: Path
    explicit: bool
    """Named on the command line (not found in a folder)."""


@dataclass
class _Tally:
    imported: int = 0
    warnings: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


def _jobs(paths: tuple[Path, ...], out: Path | None) -> list[_Job]:
    jobs: list[_Job] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for source in found:
                relative = source.relative_to(path).with_suffix(".md")
                target = (out / relative) if out else source.with_suffix(".md")
                jobs.append(_Job(source, target, explicit=False))
        else:
            target = (out / path.with_suffix(".md").name) if out else path.with_suffix(".md")
            jobs.append(_Job(path, target, explicit=True))
    return jobs


def _write(path: Path, text: str) -> None:
    """Write atomically: an interrupted run leaves no half-written page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _one(job: _Job, *, allow_html: bool, force: bool, dry_run: bool, quiet: bool,
         tally: _Tally) -> str:
    """Import one file; returns what happened, for the progress line."""
    try:
        text = job.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        tally.failed.append(f"{job.source}: cannot be read: {error}")
        return "failed"
    if not looks_importable(text):
        if job.explicit:
            tally.failed.append(f"{job.source}: not a Knowledge Vault page (no 'N Key Ideas' "
                                f"heading followed by numbered ideas)")
            return "failed"
        tally.skipped += 1
        return "skipped (not a Knowledge Vault page)"
    if job.target.resolve() == job.source.resolve():
        tally.failed.append(f"{job.source}: the vault page would replace its own source; "
                            f"write it elsewhere with -o DIR")
        return "failed"
    if job.target.exists() and not force:
        tally.failed.append(f"{job.target} exists; use --force to overwrite it")
        return "failed"
    result: ImportResult = import_text(text, source_name=job.source.name, allow_html=allow_html)
    for finding in result.findings:
        if finding.severity != "note" or not quiet:
            click.echo(finding.format(str(job.source)), err=True)
    tally.warnings += len(result.warnings)
    tally.imported += 1
    if dry_run:
        click.echo(f"--- would write {job.target}")
        click.echo(result.markdown)
    else:
        _write(job.target, result.markdown)
    ideas = len(result.imported.vault.get("ideas", []))
    return f"{plural(ideas, 'idea')}, {plural(len(result.warnings), 'warning')} -> {job.target}"


@click.command("import", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the vault pages (default: next to each source, as NAME.md).")
@click.option("--allow-html", is_flag=True,
              help="Keep raw HTML of the imported text (default: written as text, '&lt;').")
@click.option("--force", is_flag=True, help="Overwrite vault pages that exist.")
@click.option("--dry-run", is_flag=True, help="Print the pages instead of writing them.")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and the summary, no notes.")
def command(paths: tuple[Path, ...], out: Path | None, allow_html: bool, force: bool,
            dry_run: bool, quiet: bool) -> None:
    """Turn pages of an existing Knowledge Vault into vault pages.

    Reads each FILE (or every .txt/.md file under each DIR) in the vault's text form (header,
    title, source, Mermaid graph on one line, "Resume:", "30 Key Ideas:" with "1.- " items,
    credits) or the same written as Markdown, and writes a page with `vault:` front matter.
    Every inconsistency of the source (a node without a class, an edge without its
    counterpart, a label whose figures differ from its idea) is a warning with its line and
    column; text that has no field goes into the page body.

    Exit status: 0 when every page was imported (warnings or not), 1 when some failed, 130
    after Ctrl-C (pages already written stay; none is half-written).

    \b
    Example:
      mkdocs-vault import old-vault/ -o docs/lex
      mkdocs-vault import --dry-run knowledge-vault-lex-deepseek.txt
    """
    jobs = _jobs(paths, out)
    tally = _Tally()
    total = len(jobs)
    done = 0
    try:
        for done, job in enumerate(jobs, 1):
            outcome = _one(job, allow_html=allow_html, force=force, dry_run=dry_run,
                           quiet=quiet, tally=tally)
            if total > 1:
                click.echo(f"[{done}/{total}] {job.source}: {outcome}", err=True)
    except KeyboardInterrupt:
        _summary(tally, dry_run, f"interrupted after {done - 1} of {total} files; ")
        sys.exit(INTERRUPTED)
    _summary(tally, dry_run)
    if tally.failed:
        sys.exit(1)


def _summary(tally: _Tally, dry_run: bool, prefix: str = "") -> None:
    for failure in tally.failed:
        click.echo(f"error: {failure}", err=True)
    verb = "would import" if dry_run else "imported"
    parts = [f"{verb} {plural(tally.imported, 'page')} ({plural(tally.warnings, 'warning')})"]
    if tally.skipped:
        parts.append(f"{tally.skipped} skipped")
    if tally.failed:
        parts.append(f"{len(tally.failed)} failed")
    click.echo(prefix + ", ".join(parts), err=True)
