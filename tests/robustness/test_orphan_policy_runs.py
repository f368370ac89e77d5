"""A month with orphans through Dagster: under `warn` it completes, under `error` it changes nothing.

The third fixture month's order O4 (line 5 of orders.csv) names customer C9, who is not in the
month's customers.csv; O4's only line (line 6 of order_lines.csv) is then an orphan too. Its
targets.csv holds a company target and a $3,000,000 target for rep R9, who is in no roster (line 3).
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.fixture_month import month_rows, write_month
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.conftest import BuiltProject
from tests.robustness.projects import copy_project, published_fingerprint

pytestmark = pytest.mark.slow
STEPS = ["raw_crm_extracts", "sales_dbt_models", "analyst_marts", "monthly_sales_report"]


def run_with_an_orphan(built_project: BuiltProject, root: Path, policy: str) -> dict:
    copy_project(built_project.root, root)
    month = built_project.months[2]
    rows = month_rows(month)
    rows["orders"][3]["customer_id"] = "C9"
    rows["targets"] = [
        {"month": month, "scope": "company", "scope_id": "", "metric": "revenue", "target_value": "90.00"},
        {"month": month, "scope": "rep", "scope_id": "R9", "metric": "revenue", "target_value": "3000000.00"},
    ]
    write_month(root / "landing", month, rows)
    before = published_fingerprint(root)
    result = run_months(
        definitions_for(project_env(root, built_project.months[0]) | {"SALES_ORPHAN_POLICY": policy}),
        month,
        month,
        dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
    )
    return {"root": root, "month": month, "before": before, "result": result}


@pytest.fixture(scope="module")
def warn_run(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_with_an_orphan(built_project, tmp_path_factory.mktemp("warn") / "project", "warn")


@pytest.fixture(scope="module")
def error_run(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_with_an_orphan(built_project, tmp_path_factory.mktemp("error") / "project", "error")


def started_steps(result: dg.ExecuteInProcessResult) -> list[str]:
    return [e.step_key for e in result.all_events if e.event_type_value == "STEP_START"]


def test_under_warn_the_month_runs_through_dbt_the_analysts_file_and_the_report(warn_run: dict) -> None:
    result = warn_run["result"]
    assert result.success, [e.message for e in result.get_step_failure_events()]
    assert started_steps(result) == STEPS


def test_under_warn_the_contract_check_passes_with_the_quarantined_count(warn_run: dict) -> None:
    evaluations = {
        (e.asset_key.to_user_string(), e.check_name): e for e in warn_run["result"].get_asset_check_evaluations()
    }
    orders, lines = evaluations[("raw/orders", "contract")], evaluations[("raw/order_lines", "contract")]
    assert (orders.passed, lines.passed) == (True, True)
    assert orders.description == "passed with 1 warning(s); 1 row(s) set aside in quarantine.orders"
    assert lines.description == "passed with 1 warning(s); 1 row(s) set aside in quarantine.order_lines"
    assert orders.metadata["quarantined_rows"].value == 1
    assert evaluations[("raw/customers", "contract")].description is None


def test_under_warn_the_orphans_are_quarantined_and_the_rest_is_published(warn_run: dict) -> None:
    month_start = f"{warn_run['month']}-01"
    with duckdb.connect(str(warn_run["root"] / "warehouse.duckdb"), read_only=True) as con:
        quarantined = con.execute(
            "select order_id, source_line from quarantine.orders where batch_month = $m", {"m": month_start}
        ).fetchall()
        statuses = con.execute(
            "select entity, status, rows_loaded, warnings from ops.load_log where run_id = $r "
            "and entity in ('orders', 'order_lines') order by entity",
            {"r": warn_run["result"].run_id},
        ).fetchall()
    assert quarantined == [("O4", 5)]
    assert statuses == [("order_lines", "loaded", 5, 1), ("orders", "loaded", 4, 1)]
    # Revenue 100.00 of the fixture month less O4's 16.50, in the analysts' file.
    with duckdb.connect(str(warn_run["root"] / "analytics.duckdb"), read_only=True) as con:
        revenue = con.execute(
            "select revenue::varchar from marts.mart_sales_monthly where grain = 'company' and month = $m",
            {"m": month_start},
        ).fetchone()
    assert revenue == ("83.50",)


def test_under_warn_the_report_counts_the_quarantined_rows(warn_run: dict) -> None:
    """In the reader's language, from the reason codes ingest stored with the rows."""
    folder = warn_run["root"] / "reports" / warn_run["month"]
    en = (folder / "report.en.md").read_text(encoding="utf-8").splitlines()
    assert "| orders | Refers to customers missing from this month's files | 1 |" in en
    assert "| targets | Refers to sales reps missing from this month's files | 1 |" in en
    zh = (folder / "report.zh.md").read_text(encoding="utf-8").splitlines()
    assert "| 订单 | 引用的客户不在本月数据中 | 1 |" in zh
    assert "| 目标 | 引用的销售人员不在本月数据中 | 1 |" in zh


def test_under_warn_the_target_of_an_unknown_rep_is_quarantined_with_its_value(warn_run: dict) -> None:
    with duckdb.connect(str(warn_run["root"] / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute(
            "select scope_id, target_value::varchar, source_line from quarantine.targets where batch_month = $m",
            {"m": f"{warn_run['month']}-01"},
        ).fetchall() == [("R9", "3000000.0000", 3)]


def test_under_error_the_run_fails_in_ingest_and_nothing_changed(error_run: dict) -> None:
    result = error_run["result"]
    assert not result.success
    assert started_steps(result) == ["raw_crm_extracts"]
    failed = {e.asset_key.to_user_string() for e in result.get_asset_check_evaluations() if not e.passed}
    assert failed == {"raw/orders", "raw/targets"}  # O4 stays in orders, so its line is no orphan
    assert published_fingerprint(error_run["root"]) == error_run["before"]


def test_under_error_no_ops_row_of_the_run_claims_loaded(error_run: dict) -> None:
    with duckdb.connect(str(error_run["root"] / "warehouse.duckdb"), read_only=True) as con:
        statuses = con.execute(
            "select status, sum(rows_loaded) from ops.load_log where run_id = $r group by status order by status",
            {"r": error_run["result"].run_id},
        ).fetchall()
    # orders and order_lines hold the orphans; the other provided files are rejected with them.
    assert statuses == [("absent", 0), ("failed", 0), ("rejected", 0)]
