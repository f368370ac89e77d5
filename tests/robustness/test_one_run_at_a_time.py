"""One run at a time: a second run waits for the first, a holder that stays is named, a killed one is failed.

Two ways of starting runs: `dagster asset materialize` (the CLI, one process per run) and a run
executed in process, as the UI's and the schedule's run worker executes it. The in-process runs
here have no month folder to load, so they end at their ingest step at the latest: the lock is met
when the run starts, before any step.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.instance.ref import InstanceRef

from pipelines.run_lock import LockHolder, hold_run_lock, lock_path, read_holder
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.conftest import BuiltProject
from tests.robustness.projects import cli_env, copy_project, start_materialize

pytestmark = pytest.mark.slow
MONTH = "2026-10"
WAIT = 600


def run_undelivered_month(root: Path, instance: dg.DagsterInstance, **env: str) -> dg.ExecuteInProcessResult:
    defs = definitions_for(project_env(root, MONTH) | {"SALES_RUN_LOCK_TIMEOUT_SECONDS": "1", **env})
    return run_months(defs, MONTH, MONTH, instance, raise_on_error=False)


def resource_failure(result: dg.ExecuteInProcessResult) -> str:
    (event,) = [e for e in result.all_events if e.event_type_value == "RESOURCE_INIT_FAILURE"]
    return event.event_specific_data.error.message


def test_a_run_gives_up_naming_the_run_that_holds_the_warehouse(tmp_path: Path) -> None:
    lock = lock_path(tmp_path / "warehouse.duckdb")
    with hold_run_lock(lock, "holder-run", 0, print):
        holder = read_holder(lock)
        result = run_undelivered_month(tmp_path, dg.DagsterInstance.ephemeral())

    assert not result.success
    assert [e for e in result.all_events if e.event_type_value == "STEP_START"] == []
    assert resource_failure(result) == (
        f"pipelines.run_lock.WarehouseBusy: the warehouse {tmp_path}/warehouse.duckdb is held by run holder-run "
        f"(pid {holder.pid}, since {holder.started_at}); waited 1 s (SALES_RUN_LOCK_TIMEOUT_SECONDS) and gave up: "
        "start this run again once that one has finished. Only one run at a time may use the warehouse; to query "
        f"the marts, open the analysts' copy {tmp_path}/analytics.duckdb (SALES_ANALYST_DUCKDB_PATH), which a run "
        "never locks.\n"
    )


def test_a_reader_holding_the_warehouse_gets_the_same_message_pointing_to_the_analysts_copy(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    script = (
        "import duckdb, sys, time; con = duckdb.connect(sys.argv[1], read_only=True); "
        "print('open', flush=True); time.sleep(120)"
    )
    subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(warehouse)!r}).close()"], check=True)
    reader = subprocess.Popen([sys.executable, "-c", script, str(warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline() == "open\n"
        result = run_undelivered_month(tmp_path, dg.DagsterInstance.ephemeral())
    finally:
        reader.kill()
        reader.wait()

    assert not result.success
    assert resource_failure(result) == (
        f"pipelines.run_lock.WarehouseBusy: the warehouse {warehouse} is held by process {reader.pid} "
        f"({Path(sys.executable).resolve()}), which has the file open in DuckDB; waited 1 s "
        "(SALES_RUN_LOCK_TIMEOUT_SECONDS) and gave up: close it, then start this run again. Only one run at a time "
        f"may use the warehouse; to query the marts, open the analysts' copy {tmp_path}/analytics.duckdb "
        "(SALES_ANALYST_DUCKDB_PATH), which a run never locks.\n"
    )


def test_the_next_run_marks_a_killed_holder_failed_and_takes_the_warehouse(tmp_path: Path) -> None:
    instance = dg.DagsterInstance.ephemeral()
    killed = dg.DagsterRun(job_name="monthly_sales_job", run_id="killed-run", status=dg.DagsterRunStatus.STARTED)
    instance.add_run(killed)
    # What a kill -9 leaves: the kernel released the lock, the file still names the run.
    stale = LockHolder("killed-run", 4242, "2026-11-01T06:00:00+00:00")
    lock_path(tmp_path / "warehouse.duckdb").write_text(json.dumps(stale.__dict__))

    result = run_undelivered_month(tmp_path, instance)

    assert [e.step_key for e in result.all_events if e.event_type_value == "STEP_START"] == ["raw_crm_extracts"]
    assert instance.get_run_by_id("killed-run").status == dg.DagsterRunStatus.FAILURE
    (failure,) = instance.all_logs("killed-run", of_type=dg.DagsterEventType.RUN_FAILURE)
    assert failure.message == (
        f"marked failed by run {result.run_id}: the process of this run (pid 4242) ended without finishing it "
        "(killed?), and left the warehouse lock behind"
    )
    assert read_holder(lock_path(tmp_path / "warehouse.duckdb")) is None  # released when the run ended


@pytest.fixture(scope="module")
def two_cli_runs(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two CLI runs of the four months over one project, the second started once the first holds the lock."""
    root = copy_project(built_project.root, tmp_path_factory.mktemp("two-runs") / "project")
    first, last = built_project.months[0], built_project.months[-1]
    env = cli_env(root, first, SALES_RUN_LOCK_TIMEOUT_SECONDS=str(WAIT))
    lock = lock_path(root / "warehouse.duckdb")
    a = start_materialize(env, first, last, root / "a.log")
    deadline = time.monotonic() + WAIT
    while read_holder(lock) is None:
        assert a.poll() is None, (root / "a.log").read_text()[-3000:]
        assert time.monotonic() < deadline, "run A never took the lock"
        time.sleep(0.1)
    a_run = read_holder(lock).run_id
    b = start_materialize(env, first, last, root / "b.log")
    codes = (a.wait(timeout=WAIT), b.wait(timeout=WAIT))
    instance = dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(root / "dagster_home")))
    return {
        "codes": codes,
        "a_run": a_run,
        "a_log": (root / "a.log").read_text(),
        "b_log": (root / "b.log").read_text(),
        "instance": instance,
    }


def step_times(instance: dg.DagsterInstance, run_id: str, event_type: dg.DagsterEventType) -> list[float]:
    return [entry.timestamp for entry in instance.all_logs(run_id, of_type=event_type)]


def test_two_cli_runs_started_together_both_succeed(two_cli_runs: dict) -> None:
    assert two_cli_runs["codes"] == (0, 0), two_cli_runs["b_log"][-3000:]


def test_the_second_cli_run_waited_for_the_first(two_cli_runs: dict) -> None:
    instance, a_run = two_cli_runs["instance"], two_cli_runs["a_run"]
    assert f"waiting for run {a_run} (pid " in two_cli_runs["b_log"]
    (b_run,) = [run.run_id for run in instance.get_runs() if run.run_id != a_run]
    a_last_step = max(step_times(instance, a_run, dg.DagsterEventType.STEP_SUCCESS))
    b_first_step = min(step_times(instance, b_run, dg.DagsterEventType.STEP_START))
    assert a_last_step <= b_first_step
    assert {run.status for run in instance.get_runs()} == {dg.DagsterRunStatus.SUCCESS}
