"""mkdocs-vault: knowledge-vault entries for MkDocs, written once as YAML front matter.

The core (everything but `plugin.py` and `config.py`) does not import MkDocs, so the command
line, the tests and other hosts can reuse it.
"""

from mkdocs_vault.loading.problems import Problem
from mkdocs_vault.model import Category, Entry, Idea, Image, Source

__version__ = "0.1.0"

__all__ = ["Category", "Entry", "Idea", "Image", "Problem", "Source", "__version__"]
