"""The limit (b): a vault pre-expanded to plain Markdown, for MkDocs without the plugin.

`expand(docs, out_docs)` is the one place the harness gets plain Markdown from. It uses
`mkdocs_vault.render.expand.render_tree` (the `mkdocs-vault render` command) when that exists
and produces the pages, and otherwise does the same with the core: `load_page` and
`render_page(...).inline()` for each entry, `site.build.build_vault` for the vault-wide pages
and exports, with the plugin's default options.
"""

from __future__ import annotations

import posixpath
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs_vault.loading.pages import LoadedPage, load_page  # noqa: E402
from mkdocs_vault.render.links import relative_url  # noqa: E402
from mkdocs_vault.render.options import RenderOptions  # noqa: E402
from mkdocs_vault.render.page import render_page  # noqa: E402
from mkdocs_vault.site import SiteSettings  # noqa: E402
from mkdocs_vault.site.build import build_vault  # noqa: E402

CSS = ROOT / "mkdocs_vault" / "assets" / "vault.css"
CSS_URI = "assets/vault/vault.css"


def page_url(uri: str) -> str:
    """The URL MkDocs gives a page (directory URLs)."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def expand(docs: Path, out_docs: Path, config_file: Path | None = None, *,
           target: str = "mkdocs") -> str:
    """Write the expanded site of `docs` into `out_docs`; which expander did it.

    `config_file` is the vault site's mkdocs.yml, for `render_tree` (which writes
    `out_docs/../docs` and `out_docs/../mkdocs.yml`); `target` is its `mkdocs` or `zensical`
    way of writing links in raw HTML (the core fallback writes the `mkdocs` one).
    """
    if config_file is not None and _render_tree(config_file, out_docs, target):
        _copy_css(out_docs)
        return f"mkdocs_vault.render.expand.render_tree (target {target})"
    expand_with_core(docs, out_docs)
    return "core (load_page + render_page().inline() + build_vault)"


def _render_tree(config_file: Path, out_docs: Path, target: str) -> bool:
    try:
        from mkdocs_vault.render.expand import render_tree
    except ImportError:
        return False
    if out_docs.name != "docs":
        return False
    try:
        render_tree(config_file, out_docs.parent, target=target)
    except Exception as error:  # a work in progress elsewhere: fall back
        print(f"render_tree failed ({error!r}); expanding with the core", file=sys.stderr)
        shutil.rmtree(out_docs, ignore_errors=True)
        return False
    return (out_docs / "vault" / "index.md").is_file()


def _copy_css(out_docs: Path) -> None:
    target = out_docs / CSS_URI
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CSS, target)


def expand_with_core(docs: Path, out_docs: Path) -> None:
    """The fallback expander (see the module docstring)."""
    options = RenderOptions()
    loaded: dict[str, LoadedPage] = {}
    for path in sorted(docs.rglob("*.md")):
        uri = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8")
        page = load_page(text, label_chars=options.label_chars)
        target = out_docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if page is None:
            target.write_text(text, encoding="utf-8")
        else:
            loaded[uri] = page
    entries = {uri: p.entry for uri, p in loaded.items() if p.ok and p.entry is not None}
    build = build_vault(entries, {}, page_url, SiteSettings(), related=5)
    for uri, page in loaded.items():
        entry = page.entry
        assert entry is not None, f"{uri}: {page.problems}"
        assert page.ok, f"{uri}: {page.problems}"
        here = page_url(uri)

        def href(target: str, here: str = here) -> str:
            return relative_url(page_url(target), here) if target.endswith(".md") else target

        title = entry.title or posixpath.basename(uri)
        rendered = render_page(entry, page.body, options, title=title,
                               body_line=page.body_line, extras=build.extras.get(uri),
                               href=href)
        front = f"---\ntitle: {_quote(title)}\n---\n" if entry.title else ""
        (out_docs / uri).write_text(front + rendered.inline(), encoding="utf-8")
    for uri, generated in build.pages.items():
        target = out_docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(generated.markdown, encoding="utf-8")
    (out_docs / "vault.json").write_text(build.json, encoding="utf-8")
    (out_docs / "vault.graphml").write_bytes(build.graphml)
    _copy_css(out_docs)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
