"""The browser tests cannot quietly skip on CI."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser import conftest

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("ci", ["true", "1"])
def test_missing_browser_fails_on_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    """With CI set, a missing chromium is a failure, not a skip."""
    monkeypatch.setattr(conftest, "chromium_path", lambda: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="chromium is not installed"):
        conftest.require_browser()


def test_missing_browser_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without CI, a developer without chromium gets a skip that says what to install."""
    monkeypatch.setattr(conftest, "chromium_path", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        conftest.require_browser()


def test_missing_mermaid_fails_on_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """node_modules missing is caught too."""
    monkeypatch.setattr(conftest, "MERMAID_JS", {"11": tmp_path / "absent.js"})
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="npm install"):
        conftest.require_browser()
