"""Shared test setup: nothing may reach for the network, and every run is isolated in tmp paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pipeline_runs import project_env

os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture
def sales_env(tmp_path: Path) -> dict[str, str]:
    """Environment of a project whose landing, databases and reports live in tmp_path."""
    return project_env(tmp_path)
