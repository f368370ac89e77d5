"""Shared test setup: nothing may reach for the network, and every run is isolated in tmp paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.pipeline_runs import project_env

os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

# Packages whose modules share session fixtures (whole pipeline runs): under `pytest -n` one worker runs
# them all, so each run is still paid for once.
SESSION_SHARED = ("robustness",)


def work_unit(nodeid: str) -> str:
    """What one xdist worker runs as a whole: a module (its module fixtures are built once), or a package
    of SESSION_SHARED."""
    path = nodeid.split("::", 1)[0]
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 and parts[1] in SESSION_SHARED else path


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    # xdist's own loadgroup marks cannot be used: pytest 9.2 keeps a test's id where xdist 3.8 no longer
    # writes the group into it.
    if config.getvalue("dist") == "loadscope":
        from tests.scheduling import WorkUnitScheduling

        return WorkUnitScheduling(config, log)
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The work units holding slow end-to-end runs go first, so no worker is left with one at the end
    (`--no-loadscope-reorder` keeps this order)."""
    slow_units = {work_unit(item.nodeid) for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: work_unit(item.nodeid) not in slow_units)


@pytest.fixture
def sales_env(tmp_path: Path) -> dict[str, str]:
    """Environment of a project whose landing, databases and reports live in tmp_path."""
    return project_env(tmp_path)
