"""Helpers shared by the subcommands: finding mkdocs.yml, progress, Ctrl-C, safe writes."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

P = ParamSpec("P")
T = TypeVar("T")

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PROGRESS_FROM = 20
"""Runs over at least this many files show a progress bar (when stderr is a terminal)."""
INTERRUPTED = 130
"""Exit code after Ctrl-C, as shells report SIGINT."""


def find_config(folder: Path) -> Path | None:
    """`mkdocs.yml` (or `mkdocs.yaml`) in `folder`, if there is one."""
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def load_mkdocs_config(path: Path) -> MkDocsConfig:
    """mkdocs.yml loaded and validated by MkDocs itself (plugins' options included, nothing
    built); a broken file is a usage error (exit 2)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return load_config(str(path))
    except (ConfigurationError, Abort) as error:
        raise click.UsageError(f"{path}: {error}") from None
    except OSError as error:
        raise click.UsageError(f"{path}: cannot be read: {error.strerror}") from None


def interruptible(command: Callable[P, T]) -> Callable[P, T]:
    """Ctrl-C ends the command with exit code 130 and one line, without a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("\ninterrupted", err=True)
            sys.exit(INTERRUPTED)

    return run


@contextmanager
def progress(items: Sequence[T], label: str) -> Iterator[Iterator[T]]:
    """The items, with a progress bar on stderr for long runs in a terminal."""
    if len(items) < PROGRESS_FROM or not sys.stderr.isatty():
        yield iter(items)
        return
    with click.progressbar(items, label=label, file=sys.stderr) as bar:
        yield iter(bar)


def plural(count: int, word: str) -> str:
    """`1 page`, `2 pages`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def write_new(path: Path, text: str, *, force: bool) -> None:
    """Write a file the user asked for, never replacing an existing one without `force`."""
    if path.exists() and not force:
        raise click.ClickException(f"{path} exists; use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
