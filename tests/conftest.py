"""Shared fixtures: throwaway sites, and the example site built once per session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.sitebuilder import EXAMPLE_SITE, BuildResult, SiteBuilder, build_config

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def site(tmp_path: Path) -> SiteBuilder:
    """An empty Material site with the vault plugin."""
    return SiteBuilder(tmp_path)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """example-site built with --strict, as a reader would get it."""
    result = build_config(EXAMPLE_SITE / "mkdocs.yml", tmp_path_factory.mktemp("example"),
                          strict=True)
    assert result.error is None, f"example-site failed to build: {result.error!r}\n" + "\n".join(
        result.warnings)
    return result
