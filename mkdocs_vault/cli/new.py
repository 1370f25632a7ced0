"""`mkdocs-vault new`: scaffold an entry that builds `mkdocs build --strict` as it is."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path

import click

from mkdocs_vault.cli.common import interruptible, write_new
from mkdocs_vault.loading.pages import load_page

_SLUG_MAX = 80


def slug(title: str) -> str:
    """`DeepSeek, China & AI` -> `deepseek-china-ai`; letters of other scripts are kept."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w]+", "-", text).strip("-_")
    return text[:_SLUG_MAX].rstrip("-_") or "entry"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def scaffold(title: str, *, series: str | None = None, number: int | None = None,
             total: int | None = None, date: dt.date | None = None,
             speakers: tuple[str, ...] = (), host: str | None = None,
             source: str | None = None) -> str:
    """The text of a new entry page: the given fields, three example ideas, and the other
    fields as comments."""
    lines = ["---", f"title: {_quoted(title)}", "vault:"]
    if series is not None:
        lines.append(f"  series: {_quoted(series)}")
    if number is not None:
        lines.append(f"  number: {number}")
    if total is not None:
        lines.append(f"  total: {total}")
    if date is not None:
        lines.append(f"  date: {date.isoformat()}")
    if speakers:
        lines.append(f"  speakers: [{', '.join(_quoted(s) for s in speakers)}]")
    if host is not None:
        lines.append(f"  host: {_quoted(host)}")
    if source is not None:
        lines.append(f"  source: {_quoted(source)}   # or {{title: ..., url: ...}}")
    lines += [
        "  # center: Graph centre       # default: the title",
        "  # categories:                # colour-coded groups; then every idea needs one",
        '  #   key: {label: Label, color: "#d4f9d4"}',
        "  resume: |",
        "    What the talk is about and what it concludes, in a paragraph or two of Markdown.",
        "  ideas:",
        "    - text: The first key idea, as one full sentence.",
        "      label: First idea           # short graph label; derived from the text if left out",
        "    - text: The second key idea; `links` draws a dotted edge to another idea by number.",
        "      links: [1]",
        "    - The third key idea, written as plain text.",
        "  # credits: Summary by ...",
        "---",
        "",
        "Your own notes go here, below the entry.",
        "",
    ]
    return "\n".join(lines)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written as YYYY-MM-DD") from None


@click.command("new")
@click.argument("title")
@click.option("-o", "--output", type=click.Path(),
              help="File to write, or a folder to write <slug of TITLE>.md into (default: the "
                   "current folder); '-' prints the page instead.")
@click.option("--series", help="Name of the series.")
@click.option("--number", type=click.IntRange(min=0), help="Position in the series.")
@click.option("--total", type=click.IntRange(min=1), help="Number of entries in the series.")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD", help="Date of the talk.")
@click.option("--speaker", "speakers", multiple=True, help="A speaker (repeat for several).")
@click.option("--host", help="Host or interviewer.")
@click.option("--source", help="URL or title of the original talk.")
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
@interruptible
def command(title: str, output: str | None, series: str | None, number: int | None,
            total: int | None, date: dt.date | None, speakers: tuple[str, ...],
            host: str | None, source: str | None, force: bool) -> None:
    """Write a new vault entry page titled TITLE, ready to fill in.

    The page builds with `mkdocs build --strict` as it is. An existing file is
    never replaced without --force. Prints the path written.

    \b
    Examples:
      mkdocs-vault new "Cargo Cult Science" -o docs/classics/
      mkdocs-vault new "DeepSeek and AI Megaclusters" --series "Lex 100+" \\
          --number 116 --date 2025-03-07 --speaker "Dylan Patel" \\
          --speaker "Nathan Lambert" --host "Lex Fridman"
    """
    if not title.strip():
        raise click.BadParameter("must not be empty", param_hint="TITLE")
    if number is not None and total is not None and number > total:
        raise click.BadParameter(f"{number} is greater than --total ({total})",
                                 param_hint="--number")
    text = scaffold(title, series=series, number=number, total=total, date=date,
                    speakers=speakers, host=host, source=source)
    loaded = load_page(text)
    if loaded is None or loaded.problems:  # e.g. --source javascript:...
        found = loaded.problems if loaded is not None else ()
        raise click.UsageError("; ".join(p.format("the new page") for p in found)
                               or "the options do not make a valid entry")
    if output == "-":
        click.echo(text, nl=False)
        return
    if output is None:
        path = Path(f"{slug(title)}.md")
    elif Path(output).is_dir() or output.endswith(("/", os.sep)):
        path = Path(output) / f"{slug(title)}.md"
    else:
        path = Path(output)
    write_new(path, text, force=force)
    click.echo(path)
