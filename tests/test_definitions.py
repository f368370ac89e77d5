"""The code location loads, and the schedule targets the month just closed."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg

from tests.pipeline_runs import definitions_for

REPO = Path(__file__).resolve().parents[1]


def test_definitions_load_with_every_layer(sales_env: dict[str, str]) -> None:
    defs = definitions_for({**sales_env, "SALES_START_MONTH": "2024-01"})
    dg.Definitions.validate_loadable(defs)
    keys = {key.to_user_string() for key in defs.resolve_all_asset_keys()}
    assert {
        "raw/orders",
        "raw/order_lines",
        "staging/stg_crm__orders",
        "marts/fct_orders",
        "marts/mart_sales_monthly",
        "monthly_sales_report",
    } <= keys
    checks = {(k.asset_key.to_user_string(), k.name) for k in defs.resolve_asset_graph().asset_check_keys}
    assert ("raw/orders", "contract") in checks and ("raw/orders", "volume") in checks


def test_partitions_are_months_from_the_start_setting(sales_env: dict[str, str]) -> None:
    defs = definitions_for({**sales_env, "SALES_START_MONTH": "2024-01"})
    partitions = defs.resolve_assets_def(dg.AssetKey(["raw", "orders"])).partitions_def
    keys = partitions.get_partition_keys(current_time=datetime(2024, 4, 15, tzinfo=UTC))
    assert keys == ["2024-01", "2024-02", "2024-03"]


def test_schedule_on_the_first_targets_the_previous_month(sales_env: dict[str, str]) -> None:
    defs = definitions_for({**sales_env, "SALES_START_MONTH": "2024-01", "SALES_SCHEDULE_HOUR": "7"})
    schedule = defs.resolve_schedule_def("monthly_sales_schedule")
    assert schedule.cron_schedule == "0 7 1 * *"
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 11, 1, 7, tzinfo=UTC))
    run_requests = schedule.evaluate_tick(context).run_requests
    assert [r.partition_key for r in run_requests] == ["2026-10"]


def test_the_code_location_loads_through_dagsters_cli_without_the_venv_on_path(sales_env: dict[str, str]) -> None:
    """What `dagster dev` and `dagster asset materialize` load, with nothing but the interpreter's path."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPO),
        "DAGSTER_HOME": sales_env["SALES_LANDING_DIR"] + "-home",
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "DAGSTER_IS_DEV_CLI": "1",  # as under `dagster dev`, where dagster-dbt's dev hooks are active
        **sales_env,
        "SALES_START_MONTH": "2024-01",
    }
    Path(env["DAGSTER_HOME"]).mkdir()
    result = subprocess.run(
        [str(Path(sys.executable).with_name("dagster")), "definitions", "validate", "-m", "pipelines.definitions"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
