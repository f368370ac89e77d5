"""The performance marts built by dbt over two hand-made months (see performance_raw_batches),
then one month rebuilt alone, as Dagster does for a re-delivered folder."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.report.rules import load_config
from pipelines.settings import ModelVars
from pipelines.transform.window import dbt_vars_args
from tests.dbt.sales_raw_layer import build_raw_warehouse, load_batch
from tests.dbt_performance.performance_raw_batches import february, january

DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"
DBT = Path(sys.executable).parent / "dbt"
PERFORMANCE_MODELS = "+path:models/marts/performance"


def run_dbt(tmp: Path, *args: str, window: tuple[str, str] | None = None, fiscal_year_start_month: int = 1) -> None:
    env = {**os.environ, "SALES_DUCKDB_PATH": str(tmp / "warehouse.duckdb")}
    env.pop("SALES_MONTH_FROM", None)
    env.pop("SALES_MONTH_TO", None)
    if window:
        env["SALES_MONTH_FROM"], env["SALES_MONTH_TO"] = window
    command = [
        str(DBT),
        "--no-use-colors",
        *args,
        "--project-dir",
        str(DBT_PROJECT),
        "--profiles-dir",
        str(DBT_PROJECT),
        "--target-path",
        str(tmp / "target"),
        "--log-path",
        str(tmp / "logs"),
        *dbt_vars_args(load_config(), model_vars=ModelVars(fiscal_year_start_month=fiscal_year_start_month)),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:]


def query(tmp: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(tmp / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("performance")
    build_raw_warehouse(tmp / "warehouse.duckdb", {"2025-01": january(), "2025-02": february()})
    run_dbt(tmp, "run", "--select", PERFORMANCE_MODELS)
    return tmp


def test_target_attainment_uses_the_latest_folder_and_team_sums(warehouse: Path) -> None:
    rows = query(
        warehouse,
        """
        select month::varchar, scope, scope_id, metric, actual, attainment, gap, target_batch_month::varchar
        from marts.mart_target_attainment order by all""",
    )
    assert [(r[0], r[1], r[2], r[3], float(r[4]), float(r[5]), float(r[6]), r[7]) for r in rows] == [
        ("2025-01-01", "company", None, "revenue", 70, 0.875, -10, "2025-01-01"),
        ("2025-02-01", "company", None, "market_share", 0.01, 1.0, 0, "2025-02-01"),
        ("2025-02-01", "company", None, "new_customers", 1, 0.5, -1, "2025-02-01"),
        ("2025-02-01", "company", None, "revenue", 130, 1.083333, 10, "2025-02-01"),
        ("2025-02-01", "team", "T1", "revenue", 120, 1.2, 20, "2025-02-01"),
    ]


def test_rep_ranks_comparisons_and_opportunities(warehouse: Path) -> None:
    rows = query(
        warehouse,
        """
        select rep_id, revenue, new_customers, rank_in_company, rank_in_team, revenue_mom_pct,
               won_count, lost_count, win_rate, tenure_months
        from marts.mart_rep_performance where month = date '2025-02-01' order by rep_id""",
    )
    assert rows == [
        ("R1", Decimal("30"), 1, 2, 2, Decimal("0.5"), 1, 1, Decimal("0.5"), 12),
        ("R2", Decimal("90"), 0, 1, 1, None, 0, 0, None, 8),
        ("R3", Decimal("10"), 0, 3, 1, Decimal("-0.8"), 1, 1, Decimal("0.5"), 25),
    ]
    january_opportunities = query(
        warehouse,
        """
        select count(*), count(won_count) from marts.mart_rep_performance where month = date '2025-01-01'""",
    )
    assert january_opportunities == [(3, 0)]


def test_team_performance(warehouse: Path) -> None:
    rows = query(
        warehouse,
        """
        select team_id, reps, revenue, revenue_target, revenue_attainment, revenue_mom_pct, win_rate
        from marts.mart_team_performance where month = date '2025-02-01' order by team_id""",
    )
    assert rows == [
        ("T1", 2, Decimal("120"), Decimal("100"), Decimal("1.2"), Decimal("5"), Decimal("0.5")),
        ("T2", 1, Decimal("10"), None, None, Decimal("-0.8"), Decimal("0.5")),
    ]


def test_pipeline_only_for_months_with_an_opportunities_file(warehouse: Path) -> None:
    rows = query(
        warehouse,
        """
        select month::varchar, won_count, won_amount, lost_count, win_rate, avg_cycle_days,
               open_pipeline, next_month_pipeline, next_month_revenue_target, pipeline_coverage
        from marts.mart_pipeline_monthly""",
    )
    assert [tuple(float(v) if isinstance(v, Decimal) else v for v in r) for r in rows] == [
        ("2025-02-01", 2, 800, 2, 0.5, 15.0, 1400, 1000, 200, 5.0),
    ]
    lost = query(
        warehouse,
        """
        select lost_reason, competitor, lost_count, lost_amount::double
        from marts.mart_lost_reasons_monthly order by lost_reason""",
    )
    assert lost == [("price", "Acme", 1, 200.0), ("unknown", None, 1, 100.0)]


def test_campaigns_and_plan(warehouse: Path) -> None:
    campaigns = query(
        warehouse,
        """
        select month::varchar, attributed_revenue::double, attributed_orders, roas::double, roi::double
        from marts.mart_campaign_performance order by month""",
    )
    assert campaigns == [("2025-01-01", 20.0, 1, None, None), ("2025-02-01", 120.0, 2, 3.0, 2.0)]
    plan = query(
        warehouse,
        """
        select metric, proposed_target::double, method, provided_target::double, months_of_history
        from marts.mart_next_month_plan where month = date '2025-02-01' order by metric""",
    )
    assert plan == [
        ("new_customers", 1.5, "three_month_mean", None, 2),
        ("orders", 2.5, "three_month_mean", None, 2),
        ("revenue", 100.0, "three_month_mean", 200.0, 2),
    ]


def test_rebuilding_a_redelivered_month_replaces_only_that_month(warehouse: Path) -> None:
    # Everything but the opportunity figures must come out the same.
    snapshots = {
        "sales": "select month, rep_id, revenue, rank_in_company from marts.mart_rep_performance",
        "targets": "select * from marts.mart_target_attainment",
        "campaigns": "select * from marts.mart_campaign_performance",
        "plan": "select * from marts.mart_next_month_plan",
    }
    before = {name: query(warehouse, f"{sql} order by all") for name, sql in snapshots.items()}
    with duckdb.connect(str(warehouse / "warehouse.duckdb")) as con:
        for table in [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        ]:
            con.execute(f"delete from raw.{table} where batch_month = date '2025-02-01'")
        load_batch(con, "2025-02", february(with_opportunities=False))

    run_dbt(warehouse, "run", "--select", PERFORMANCE_MODELS, window=("2025-02", "2025-02"))

    assert {name: query(warehouse, f"{sql} order by all") for name, sql in snapshots.items()} == before
    assert query(warehouse, "select count(*) from marts.mart_pipeline_monthly") == [(0,)]
    assert query(warehouse, "select count(*) from marts.mart_lost_reasons_monthly") == [(0,)]
    assert query(
        warehouse,
        """
        select count(won_count) from marts.mart_rep_performance where month = date '2025-02-01'""",
    ) == [(0,)]


PERIOD_TO_DATE = """
    select month::varchar, fiscal_year, fiscal_quarter, month_of_fiscal_year, revenue_qtd, revenue_target_qtd,
        revenue_attainment_qtd, revenue_ytd, new_customers_ytd
    from marts.mart_period_to_date order by month"""


def test_period_to_date_follows_the_fiscal_year_setting(warehouse: Path) -> None:
    # revenue 70 then 130 against targets 80 and 120; new customers 2 then 1
    calendar = [
        (r[0], r[1], r[2], r[3], float(r[4]), float(r[5]), float(r[6]), r[7], r[8])
        for r in query(warehouse, PERIOD_TO_DATE)
    ]
    assert calendar == [
        ("2025-01-01", 2025, 1, 1, 70, 80, 0.875, Decimal("70.00"), 2),
        ("2025-02-01", 2025, 1, 2, 200, 200, 1.0, Decimal("200.00"), 3),
    ]
    # From April, January and February are months 10 and 11 of FY2025: their quarter (January on) is
    # complete, their year (April 2024 on) was never loaded.
    run_dbt(warehouse, "run", "--select", "mart_period_to_date", fiscal_year_start_month=4)
    try:
        april = [(r[0], r[1], r[2], r[3], float(r[4]), r[7], r[8]) for r in query(warehouse, PERIOD_TO_DATE)]
    finally:
        run_dbt(warehouse, "run", "--select", "mart_period_to_date")
    assert april == [("2025-01-01", 2025, 4, 10, 70, None, None), ("2025-02-01", 2025, 4, 11, 200, None, None)]


def test_unit_tests_pass(warehouse: Path) -> None:
    run_dbt(warehouse, "test", "--select", "test_type:unit,path:models/marts/performance")
