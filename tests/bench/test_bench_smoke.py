"""`make bench SCALE=small` in miniature: 12 months of history plus one, every measurement, no time asserted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.run import main

pytestmark = pytest.mark.slow


def test_small_benchmark_runs_and_the_pandas_peer_agrees_with_the_marts(tmp_path: Path):
    assert main(["--scale", "small", "--months", "12", "--work", str(tmp_path / "work"), "--out", str(tmp_path)]) == 0
    result = json.loads((tmp_path / "bench-small-12m.json").read_text(encoding="utf-8"))
    assert result["backfill"]["ok"]
    assert [run["history_months"] for run in result["history"]] == [12]
    assert all(run["ok"] for run in result["history"])
    assert result["peer"]["mismatches"] == []
    assert result["plain_sql"]["count"] > 0
    assert (tmp_path / "bench-small-12m.md").read_text(encoding="utf-8").startswith("# Benchmark, scale small")
