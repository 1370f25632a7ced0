"""The benchmark harness keeps working: a small run of variants a and b (benchmarks/run.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.sitebuilder import ROOT

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.site


@pytest.mark.timeout(120)
def test_the_harness_runs_and_writes_its_json(tmp_path: Path) -> None:
    out = tmp_path / "smoke.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--entries", "20", "50",
                    "--interleave", "--repeat", "1", "--variants", "a,b", "--out", str(out),
                    "--keep", str(tmp_path)], check=True, capture_output=True, text=True,
                   env=env, timeout=110)
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "command", "repeat", "variants", "entries"} <= results.keys()
    run = results["entries"]["50"]
    assert set(run["variants"]) == {"a", "b"}
    for variant in run["variants"].values():
        assert variant["median"] > 0
        assert variant["max_rss_mb"] > 10
        assert len(variant["runs"]) == 1
    assert run["ratios"]["a/b"] > 0
    assert run["notes"]["entry_files"] == 50
    assert results["entries"]["20"]["notes"]["entry_files"] == 20
    grown = results["scaling"]
    assert (grown["from"], grown["to"]) == (20, 50)
    assert grown["b"]["build"] == run["variants"]["b"]["median"] / results["entries"]["20"][
        "variants"]["b"]["median"]
    phases = run["variants"]["a"].get("plugin_phases")
    if phases is not None:  # the plugin records its timers (VAULT_TIMINGS)
        assert {"collect", "validate", "vault-wide", "generated pages", "render",
                "html filter", "html fill"} <= phases.keys()
        assert run["variants"]["a"]["plugin_total"] > 0
        assert grown["a"]["plugin"] > 0
