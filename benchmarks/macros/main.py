"""The peer (c): the vault expansion as a user would write it without the plugin.

mkdocs-macros-plugin loads this module; every page whose front matter has `vault:` gets the
`entry.md` template (include/entry.md) put in front of its text, and the template draws the
header, the concept graph (Mermaid), the résumé, the numbered key ideas and the credits from
the same front matter the plugin reads.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Macros of this site: `mermaid_text` escapes a label for a quoted Mermaid node."""

    @env.filter  # type: ignore[untyped-decorator]
    def mermaid_text(value: object) -> str:
        return (str(value).replace("&", "#amp;").replace('"', "#quot;")
                .replace("<", "#lt;").replace(">", "#gt;"))


def on_pre_page_macros(env: Any) -> None:
    """Vault pages start with the entry template."""
    if "vault" in env.page.meta:
        env.markdown = '{% include "entry.md" %}\n\n' + env.markdown
