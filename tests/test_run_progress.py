"""What `make materialize` shows of a run: messages and step timings from Dagster's console log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.run_progress import shown
from pipelines.transform.runner import NodeProgress

RUN = "df6bb99d-c51b-4eff-b2f3-e95e00e3c989"
# Lines as the CLI of Dagster 1.13 writes them (from a real run), with a warning and a traceback line.
LOG = f"""\
/work/main/pipelines/ingest/assets.py:37: PreviewWarning: Specifying a partitions_def on an AssetCheckSpec
2026-12-03 10:19:55 +0000 - dagster - DEBUG - __ASSET_JOB - {RUN} - 24564 - RUN_START - Started execution of run.
2026-12-03 10:19:55 +0000 - dagster - INFO - resource:warehouse - {RUN} - run {RUN} holds the warehouse /w.duckdb
2026-12-03 10:19:56 +0000 - dagster - DEBUG - __ASSET_JOB - {RUN} - 24564 - raw_crm_extracts - STEP_START - Started.
2026-12-03 10:19:58 +0000 - dagster - INFO - __ASSET_JOB - {RUN} - raw_crm_extracts - staged 2026-11 (1 of 1 months)
2026-12-03 10:20:00 +0000 - dagster - DEBUG - __ASSET_JOB - {RUN} - 24564 - raw_crm_extracts - STEP_SUCCESS - \
Finished execution of step "raw_crm_extracts" in 4.78s.
2026-12-03 10:20:09 +0000 - dagster - WARNING - __ASSET_JOB - {RUN} - sales_dbt_models - Logging a `Note` - x
2026-12-03 10:20:10 +0000 - dagster - DEBUG - __ASSET_JOB - {RUN} - 24564 - analyst_marts - STEP_SUCCESS - \
Finished execution of step "analyst_marts" in 554ms.
2026-12-03 10:20:12 +0000 - dagster - ERROR - __ASSET_JOB - {RUN} - 24564 - monthly_sales_report - STEP_FAILURE - boom
Traceback (most recent call last):
2026-12-03 10:20:12 +0000 - dagster - DEBUG - __ASSET_JOB - {RUN} - 24564 - RUN_FAILURE - Execution of run failed.
"""
SHOWN = [
    f"[10:19:55] resource:warehouse: run {RUN} holds the warehouse /w.duckdb",
    "[10:19:58] raw_crm_extracts: staged 2026-11 (1 of 1 months)",
    "[10:20:00] raw_crm_extracts done in 4.78s",
    "[10:20:09] WARNING sales_dbt_models: Logging a `Note` - x",
    "[10:20:10] analyst_marts done in 554ms",
    "[10:20:12] monthly_sales_report FAILED: boom",
    "[10:20:12] run FAILED",
]


def test_the_terminal_gets_messages_step_durations_and_the_run_outcome() -> None:
    assert [text for line in LOG.splitlines(keepends=True) if (text := shown(line))] == SHOWN


def test_the_filter_keeps_every_line_in_the_log_file(tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    command = [sys.executable, "-m", "pipelines.run_progress", str(log)]
    terminal = subprocess.run(command, input=LOG, capture_output=True, text=True, check=True)
    assert terminal.stdout.splitlines() == SHOWN
    assert log.read_text() == LOG


def test_dbt_progress_is_said_at_each_tenth_of_the_nodes() -> None:
    said: list[str] = []
    progress = NodeProgress(said.append)
    for index in range(25):
        # Models carry the node count as `total`, tests as `num_models`.
        progress.node_done({"total": 25} if index % 2 else {"num_models": 25})
    done = [3, 5, 8, 10, 13, 15, 18, 20, 23, 25]  # the first count at or past each tenth of 25
    assert said == [f"dbt: {n} of 25 nodes done" for n in done]


def test_a_result_without_a_node_count_is_counted_but_not_said() -> None:
    said: list[str] = []
    progress = NodeProgress(said.append)
    progress.node_done({})
    progress.node_done({"total": 2})
    assert said == ["dbt: 2 of 2 nodes done"]
