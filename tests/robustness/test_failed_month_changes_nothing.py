"""A re-delivered month that breaks the contract changes no table, mart, analyst file or report."""

from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from tests.fixture_month import month_rows, write_month
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.conftest import BuiltProject
from tests.robustness.projects import copy_project, published_fingerprint

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def failed_run(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory):
    root = copy_project(built_project.root, tmp_path_factory.mktemp("failed") / "project")
    month = built_project.months[1]
    before = published_fingerprint(root)
    rows = month_rows(month)
    rows["orders"][1]["channel"] = "web"  # O2: line 3 of orders.csv
    write_month(root / "landing", month, rows)
    result = run_months(
        definitions_for(project_env(root, built_project.months[0])),
        month,
        month,
        dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    return {"root": root, "month": month, "before": before, "result": result}


def test_the_run_fails_and_only_ingest_ran(failed_run) -> None:
    result = failed_run["result"]
    assert not result.success
    started = [e.step_key for e in result.all_events if e.event_type_value == "STEP_START"]
    assert started == ["raw_crm_extracts"]
    assert result.get_failed_step_keys() == {"raw_crm_extracts"}


def test_the_blocking_contract_check_of_orders_failed_and_says_where(failed_run) -> None:
    month = failed_run["month"]
    evaluations = {
        (e.asset_key.to_user_string(), e.check_name): e for e in failed_run["result"].get_asset_check_evaluations()
    }
    contract = evaluations[("raw/orders", "contract")]
    assert contract.passed is False
    assert contract.severity == dg.AssetCheckSeverity.ERROR
    failures = contract.metadata["failures"].value
    row = (
        f"| {month} | orders.csv | channel | allowed_values | 1 | 3 | "
        "1 row violates 'channel must be one of online, offline, agent' |"
    )
    assert row in failures.splitlines()


def test_nothing_published_changed(failed_run) -> None:
    assert published_fingerprint(failed_run["root"]) == failed_run["before"]


def test_the_failure_is_recorded_in_the_load_log(failed_run) -> None:
    month = failed_run["month"]
    with duckdb.connect(str(failed_run["root"] / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select entity, status, errors, message from ops.load_log where run_id = $r and status = 'failed'",
            {"r": failed_run["result"].run_id},
        ).fetchall()
    assert rows == [
        (
            "orders",
            "failed",
            1,
            f"{month}/orders.csv, column channel: 1 row violates "
            "'channel must be one of online, offline, agent' (line 3)",
        )
    ]
