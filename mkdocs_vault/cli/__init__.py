"""The `mkdocs-vault` command: import, check, new, schema, render.

Each subcommand lives in a module of its own (`cli/<name>.py`) that defines a click command
named `command`; this module only gathers them, so that `mkdocs-vault --help` stays fast.
"""

from __future__ import annotations

import importlib

import click

from mkdocs_vault import __version__

COMMANDS = {
    "import": "importer",
    "check": "check",
    "new": "new",
    "schema": "schema",
    "render": "render",
}
"""Subcommand name -> module in this package."""


class _Lazy(click.Group):
    """Loads a subcommand's module only when it is run or its help is shown."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        try:
            loaded = importlib.import_module(f"mkdocs_vault.cli.{module}")
        except ImportError as error:  # a broken install: say which command, do not crash help
            click.echo(f"mkdocs-vault: the {cmd_name} command cannot be loaded: {error}",
                       err=True)
            return None
        command: click.Command = loaded.command
        return command


@click.group(cls=_Lazy, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mkdocs-vault")
def main() -> None:
    """Knowledge-vault entries for MkDocs: import, check, scaffold and render them.

    \b
    Example:
      mkdocs-vault check -f mkdocs.yml
    """
