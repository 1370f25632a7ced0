"""The documentation builds as a site with the plugin, strictly (links and anchors checked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml

from tests.sitebuilder import ROOT, build_config

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.site


def test_docs_build_strictly(tmp_path: Path) -> None:
    """docs/ is a valid MkDocs site: no broken link, anchor or vault problem."""
    config = {
        "site_name": "mkdocs-vault",
        "docs_dir": str(ROOT / "docs"),
        "theme": {"name": "material", "font": False},
        "plugins": ["search", "vault"],
        "markdown_extensions": ["tables", {"toc": {"permalink": True}}],
        "validation": {"anchors": "warn", "omitted_files": "warn", "unrecognized_links": "warn"},
    }
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = build_config(config_file, tmp_path / "site", strict=True)
    assert result.error is None, result.warnings
    assert result.warnings == []
    assert (tmp_path / "site" / "front-matter" / "index.html").is_file()
