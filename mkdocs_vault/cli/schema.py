"""`mkdocs-vault schema`: the JSON Schema of the front matter, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from mkdocs_vault.cli.common import interruptible
from mkdocs_vault.loading.fields import json_schema


def schema_text() -> str:
    """The schema as the command prints it (and the docs publish it)."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of printing it.")
@interruptible
def command(output: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) of a page's front matter.

    Editors that run yaml-language-server use it to complete field names and
    flag mistakes. It is generated from the same field table the validator
    runs on; relations (a declared category, a link to an existing idea) are
    checked by `mkdocs-vault check` only.

    \b
    Examples:
      mkdocs-vault schema -o .vscode/vault.schema.json
      mkdocs-vault schema | jq '.properties.vault.properties | keys'
    """
    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(output)
