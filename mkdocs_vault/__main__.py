"""`python -m mkdocs_vault` runs the `mkdocs-vault` command."""

from mkdocs_vault.cli import main

main()
