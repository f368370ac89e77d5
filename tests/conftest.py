"""Shared test setup: nothing may reach for the network, and every run is isolated in tmp paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture
def sales_env(tmp_path: Path) -> dict[str, str]:
    """Environment of a project whose landing, warehouse and reports live in tmp_path."""
    return {
        "SALES_LANDING_DIR": str(tmp_path / "landing"),
        "SALES_DUCKDB_PATH": str(tmp_path / "warehouse.duckdb"),
        "SALES_REPORTS_DIR": str(tmp_path / "reports"),
    }
