"""A `vault` fence: an entry written in the page, expanded by Python-Markdown itself.

Zensical runs Python-Markdown extensions and pymdownx.superfences custom fences, but no MkDocs
plugins. This fence is the route that reaches it (and any other host of Python-Markdown):

```yaml
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: vault
          class: vault
          format: !!python/name:mkdocs_vault.fence.fence_vault
```

and in a page:

````markdown
```vault
series: Lex 100+
ideas:
  - DeepSeek's open-weight models compete with GPT-4 at about 27× lower cost.
```
````

The block holds the entry's fields (what goes under `vault:` in front matter); a block that
starts with `vault:` (front matter pasted as it is, `title:` beside it) works too. It is
loaded and validated by the same code as the plugin's (`loading.pages.load_page`), rendered by
the same `render_page`, and its placeholders filled as the plugin fills them: the HTML is the
plugin's. Problems cannot go to a build log that names the file, so they are shown on the
page: errors in the problems box instead of the entry, warnings in a box under it; their lines
count from the block's first line, since a fence does not know where it is in the file.

What a fence cannot do: anything that needs the whole vault (index, series, category and
people pages, previous/next, related entries, `see:` links and backlinks) — `mkdocs-vault
render` writes those; resolve relative links in fields to other pages (it does not know the
page's path or the site's files); put the headings in the page's table of contents; link the
stylesheet (add `assets/vault/vault.css` to `extra_css`).
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any

import markdown

from mkdocs_vault.loading.pages import load_page
from mkdocs_vault.loading.problems import Problem
from mkdocs_vault.render.options import RenderOptions
from mkdocs_vault.render.page import default_fields, problems_box, render_page

BLOCK = "vault block"
"""How problems name the place they are in."""
_WRAPPED_RE = re.compile(r"^vault\s*:", re.MULTILINE)
_OPTIONS = RenderOptions()
_LINES_RE = re.compile(r"\b(lines? )(\d+(?:(?:, | and )\d+)*)")
_LINE_RE = re.compile(r"\d+")


def _as_page(source: str) -> tuple[str, int, int]:
    """The block as a page with front matter, and how many lines and columns the wrapping
    adds before the block's own text."""
    if _WRAPPED_RE.search(source):
        return f"---\n{source.rstrip()}\n---\n", 1, 0
    indented = textwrap.indent(source.rstrip(), "  ", lambda line: True)
    return f"---\nvault:\n{indented}\n---\n", 2, 2


def _relocated(problem: Problem, lines: int, columns: int) -> Problem:
    """The problem with its line and column counted in the block."""
    line = problem.line - lines if problem.line is not None else None
    if line is not None and line < 1:
        line = 1
    column = problem.column
    if column is not None and columns:
        column = max(1, column - columns)
    message = _LINES_RE.sub(lambda m: m.group(1) + _LINE_RE.sub(
        lambda n: str(max(1, int(n.group()) - lines)), m.group(2)), problem.message)
    return Problem(message, problem.field, line, column, problem.severity)


def _html(markdown_text: str) -> str:
    """The entry's Markdown (headings and raw HTML blocks with placeholders) as HTML."""
    converter = markdown.Markdown(extensions=["toc"], extension_configs={
        "toc": {"permalink": False}})
    return converter.convert(markdown_text)


def render_block(source: str, *, options: RenderOptions | None = None) -> str:
    """The HTML a `vault` block becomes (see the module docstring)."""
    options = options or _OPTIONS
    page, lines, columns = _as_page(source)
    loaded = load_page(page, label_chars=options.label_chars)
    if loaded is None:  # a block whose YAML has no `vault` once wrapped: not a mapping
        problem = Problem("expected the entry's fields (series, ideas, ...) as a YAML mapping",
                          None, 1, 1)
        return _box([problem], "failure")
    problems = [_relocated(p, lines, columns) for p in loaded.problems]
    if loaded.entry is None or not loaded.ok:
        return _box(problems, "failure")
    title = loaded.entry.title or _title(page) or "Vault entry"
    rendered = render_page(loaded.entry, "", options, title=title, fields=default_fields())
    problems.extend(rendered.problems)
    out, _ = rendered.fragments.fill(_html(rendered.markdown))
    shown = [p for p in problems if p.severity != "info"]
    if shown:
        out += "\n" + _box(shown, "warning")
    return f'<div class="vault-entry">\n{out}\n</div>'


def _title(page: str) -> str | None:
    match = re.search(r"^title\s*:\s*(.+)$", page, re.MULTILINE)
    return match.group(1).strip().strip("\"'") if match else None


def _box(problems: list[Problem], kind: str) -> str:
    inside = problems_box(problems, BLOCK)
    if kind == "warning":
        inside = inside.replace(
            '<p class="admonition-title">' + inside.split('<p class="admonition-title">', 1)[1]
            .split("</p>", 1)[0] + "</p>",
            '<p class="admonition-title">This vault entry has problems</p>', 1)
    return f'<div class="admonition {kind} vault-problems">\n{inside}\n</div>'


def fence_vault(source: str, language: str, css_class: str, options: dict[str, Any],
                md: markdown.Markdown, **kwargs: Any) -> str:
    """pymdownx.superfences custom-fence formatter for ```vault blocks."""
    try:
        return render_block(source)
    except Exception as error:  # a page must still build: show what broke, on the page
        return (f'<div class="admonition failure vault-problems"><p class="admonition-title">'
                f"This vault entry could not be rendered</p><p>{html.escape(repr(error))}</p>"
                f"</div>")
