"""`mkdocs-vault render`: the docs tree as plain Markdown, for generators without plugins."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from mkdocs_vault.cli.common import INTERRUPTED, find_config


@click.command("render", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("-f", "--config-file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="The site's mkdocs.yml (default: ./mkdocs.yml).")
@click.option("-o", "--output", "out", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write docs/ and mkdocs.yml into.")
@click.option("--mermaid-js", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Ship this Mermaid instead of the plugin's mermaid_js (e.g. Mermaid 12).")
@click.option("--for", "target", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs",
              show_default=True,
              help="The generator that builds OUT: how links inside the entries' HTML are "
                   "written (Zensical resolves them like Markdown links, MkDocs leaves them).")
@click.option("--clean", is_flag=True, help="Empty OUT/docs first.")
@click.option("--strict", is_flag=True, help="Exit 1 when the plugin reported warnings.")
def command(path: Path | None, config_file: Path | None, out: Path, mermaid_js: Path | None,
            target: str, clean: bool, strict: bool) -> None:
    """Write the docs tree as the vault plugin hands it to MkDocs.

    Every entry is expanded into self-contained Markdown, every vault-wide page (index,
    series, categories, people) and the stylesheet are written, other files are copied as
    they are, and OUT/mkdocs.yml is the site's configuration without the vault plugin. Any
    generator that reads mkdocs.yml but runs no MkDocs plugins (Zensical) then publishes the
    vault. PATH may be a site folder (with mkdocs.yml), a docs folder without one, or a single
    page (only that page is written).

    \b
    Example:
      mkdocs-vault render -f mkdocs.yml -o rendered --for zensical
      zensical build -f rendered/mkdocs.yml
    """
    from mkdocs_vault.render.expand import RenderError, default_config, render_tree

    only: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        if config_file is None:
            folder = path if path is not None and path.is_dir() else (
                path.parent if path is not None else Path("."))
            config_file = find_config(folder)
            if config_file is None and path is not None and path.is_file():
                config_file = _config_above(path)
            if config_file is None:
                config_file = default_config(folder, Path(scratch))
            if path is not None and path.is_file():
                docs = _docs_dir(config_file)
                only = [path.resolve().relative_to(docs).as_posix()] if docs else []
        try:
            summary = render_tree(config_file, out, mermaid_js=mermaid_js, only=only,
                                  clean=clean, target=target)
        except RenderError as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            click.echo("\ninterrupted; the output folder is incomplete", err=True)
            sys.exit(INTERRUPTED)
    for message in summary.problems:
        click.echo(f"WARNING: {message}", err=True)
    click.echo(summary.line(), err=True)
    if strict and summary.problems:
        sys.exit(1)


def _docs_dir(config_file: Path) -> Path | None:
    import yaml

    data = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    docs = data.get("docs_dir", "docs") if isinstance(data, dict) else "docs"
    return (config_file.parent / str(docs)).resolve()


def _config_above(page: Path) -> Path | None:
    """The mkdocs.yml of the site a page belongs to: the nearest one above it whose docs
    folder holds the page."""
    for folder in page.resolve().parents:
        found = find_config(folder)
        if found is not None:
            docs = _docs_dir(found)
            if docs is not None and page.resolve().is_relative_to(docs):
                return found
    return None
