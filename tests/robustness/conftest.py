"""Expensive states shared by the robustness modules: each full pipeline run is paid for once a session."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.projects import (
    REPO,
    analyst_state,
    cli_env,
    copy_project,
    land_months,
    recent_months,
    start_materialize,
)

BACKFILL_TIMEOUT = 300


@dataclass(frozen=True)
class BuiltProject:
    root: Path  # landing (four fixture months), warehouse.duckdb, analytics.duckdb, reports/
    months: list[str]  # the four landed months; the first two are built

    @property
    def env(self) -> dict[str, str]:
        return project_env(self.root, self.months[0])


@dataclass(frozen=True)
class ObservedBackfill:
    root: Path
    exit_code: int
    output: str
    reads: list[dict]  # the reader's results and errors, in time order
    before: tuple  # analyst_state before the backfill
    after: tuple  # analyst_state after it


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> BuiltProject:
    """Four fixture months landed, the first two materialized (in process) and published."""
    root = tmp_path_factory.mktemp("built")
    months = recent_months(4)
    land_months(root, months)
    project = BuiltProject(root, months)
    result = run_months(definitions_for(project.env), months[0], months[1], dg.DagsterInstance.ephemeral())
    assert result.success, [event.message for event in result.get_step_failure_events()]
    return project


@pytest.fixture(scope="session")
def backfill_with_readers(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory) -> ObservedBackfill:
    """The four months as one CLI run over a copy of the built project, an analyst querying throughout.

    Its final state is also the reference "uninterrupted run" of the kill-safety tests.
    """
    root = copy_project(built_project.root, tmp_path_factory.mktemp("backfill") / "project")
    analyst, reads, stop = root / "analytics.duckdb", root / "reads.jsonl", root / "stop-reading"
    before = analyst_state(analyst)
    reader = subprocess.Popen(
        [sys.executable, "-m", "tests.robustness.analyst_reader", str(analyst), str(reads), str(stop)],
        cwd=REPO,
        env=cli_env(root, built_project.months[0]),
    )
    time.sleep(0.5)  # let the reader read the before state a few times
    log = root / "backfill.log"
    first, last = built_project.months[0], built_project.months[-1]
    exit_code = start_materialize(cli_env(root, first), first, last, log).wait(timeout=BACKFILL_TIMEOUT)
    time.sleep(0.5)  # and the after state
    stop.touch()
    reader.wait(timeout=30)
    return ObservedBackfill(
        root=root,
        exit_code=exit_code,
        output=log.read_text(),
        reads=[json.loads(line) for line in reads.read_text().splitlines()],
        before=before,
        after=analyst_state(analyst),
    )
