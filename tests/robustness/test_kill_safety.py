"""`kill -9` during ingest, during dbt and during the analyst publication loses and half-publishes nothing.

One project goes through the three kills in turn, each run re-materializing the
four fixture months over the state the previous kill left, then one run
without a fault; the reference is the same backfill run uninterrupted. Each
run after a kill finds the killed run's name in the warehouse lock and marks
that run failed in Dagster (it would otherwise stay STARTED for ever).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster._core.instance.ref import InstanceRef

from tests.pipeline_runs import schema_checksums
from tests.robustness.conftest import BuiltProject, ObservedBackfill
from tests.robustness.projects import building_leftovers, cli_env, copy_project, start_materialize

pytestmark = pytest.mark.slow
WAIT = 300
DBT_STEP = "sales_dbt_models"


def state(root: Path) -> dict:
    """Checksums of raw and marts of the warehouse and of the analysts' marts; opening each must work."""
    warehouse, analyst = root / "warehouse.duckdb", root / "analytics.duckdb"
    with duckdb.connect(str(warehouse)) as con:  # read-write: a killed writer must not leave it locked
        con.execute("select 1").fetchall()
    return {
        "raw": schema_checksums(warehouse, "raw"),
        "marts": schema_checksums(warehouse, "marts"),
        "analyst": schema_checksums(analyst, "marts"),
        "leftovers": building_leftovers(root),
    }


def marker_written(marker: Path) -> Callable[[Path], bool]:
    return lambda _: marker.exists()


def dbt_models_written(log: Path) -> bool:
    """dbt runs inside the run's process: its first model materialized means dbt is mid-build."""
    return log.exists() and f"{DBT_STEP} - ASSET_MATERIALIZATION" in log.read_text()


def run_and_kill(root: Path, months: list[str], ready: Callable[[Path], bool], linger: float, **env) -> str:
    """Start the CLI run, wait until `ready` holds for its log, let it run `linger` seconds more, SIGKILL its
    process group; returns the log."""
    log = root / f"run-{time.monotonic_ns()}.log"
    run = start_materialize(cli_env(root, months[0], **env), months[0], months[-1], log)
    deadline = time.monotonic() + WAIT
    while not ready(log):
        assert run.poll() is None, f"the run ended before the kill point:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, "the kill point was never reached"
        time.sleep(0.1)
    time.sleep(linger)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    return log.read_text()


@pytest.fixture(scope="module")
def kills(built_project: BuiltProject, backfill_with_readers: ObservedBackfill, tmp_path_factory) -> dict:
    root = copy_project(built_project.root, tmp_path_factory.mktemp("kills") / "project")
    months = built_project.months
    observed = {"before": state(root), "reference": state(backfill_with_readers.root)}
    marker = root / "fault-marker"
    faults = {"SALES_FAULT_MARKER": str(marker)}

    run_and_kill(root, months, marker_written(marker), 0, SALES_FAULT_PAUSE_AT="ingest_commit", **faults)
    observed["ingest"] = state(root)
    dbt_log = run_and_kill(root, months, dbt_models_written, 0.5)
    observed["dbt_finished"] = f"{DBT_STEP} - STEP_SUCCESS" in dbt_log
    observed["dbt"] = state(root)
    marker.unlink()
    run_and_kill(root, months, marker_written(marker), 0, SALES_FAULT_PAUSE_AT="analyst_swap", **faults)
    observed["swap"] = state(root)

    log = root / "rerun.log"
    exit_code = start_materialize(cli_env(root, months[0]), months[0], months[-1], log).wait(timeout=WAIT)
    assert exit_code == 0, log.read_text()[-3000:]
    observed["rerun"] = state(root)
    instance = dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(root / "dagster_home")))
    observed["runs"] = sorted(
        (run.status.value, [e.message for e in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)])
        for run in instance.get_runs()
    )
    return observed


def test_reference_run_differs_from_the_state_before(kills: dict) -> None:
    """Otherwise "equal to before" could not tell a rolled-back run from a finished one."""
    for part in ("raw", "marts", "analyst"):
        assert kills["reference"][part] != kills["before"][part]


def test_kill_inside_the_ingest_transaction_publishes_nothing(kills: dict) -> None:
    for part in ("raw", "marts", "analyst"):
        assert kills["ingest"][part] == kills["before"][part]


def test_kill_during_dbt_leaves_the_analysts_file_as_before(kills: dict) -> None:
    assert not kills["dbt_finished"]  # the kill came while dbt was building
    assert kills["dbt"]["raw"] == kills["reference"]["raw"]  # ingest had committed
    assert kills["dbt"]["analyst"] == kills["before"]["analyst"]


def test_kill_before_the_analyst_swap_leaves_the_analysts_file_as_before(kills: dict) -> None:
    assert kills["swap"]["marts"] == kills["reference"]["marts"]  # dbt had finished
    assert kills["swap"]["analyst"] == kills["before"]["analyst"]


def test_rerun_after_the_kills_equals_an_uninterrupted_run(kills: dict) -> None:
    for part in ("raw", "marts", "analyst"):
        assert kills["rerun"][part] == kills["reference"][part]


def test_rerun_leaves_no_building_file(kills: dict) -> None:
    assert len(kills["swap"]["leftovers"]) == 1  # the killed run's half-published file
    assert kills["rerun"]["leftovers"] == []


def test_each_killed_run_is_marked_failed_by_the_run_after_it(kills: dict) -> None:
    statuses = [status for status, _ in kills["runs"]]
    assert statuses == ["FAILURE", "FAILURE", "FAILURE", "SUCCESS"]
    for _, messages in kills["runs"][:3]:
        (message,) = messages
        assert message.startswith("marked failed by run ")
        assert "ended without finishing it (killed?), and left the warehouse lock behind" in message
