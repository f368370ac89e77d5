"""dbt project end to end on a tiny raw layer: hand-computed marts, and the
same rows whether months are built all at once, as one window or one by one."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.report.rules import load_config
from pipelines.transform.window import dbt_vars_args
from tests.dbt.sales_raw_batches import MONTHS, all_batches
from tests.dbt.sales_raw_layer import build_raw_warehouse

PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
# This helper's models and everything upstream of them; the singular tests
# and the unit tests come along with them, but not tests that also need the
# other marts.
SELECTION = ("--select", "+path:models/marts/sales", "--indirect-selection", "cautious")
MARTS = (
    "fct_order_lines",
    "fct_orders",
    "mart_sales_monthly",
    "mart_customers_monthly",
    "mart_satisfaction_monthly",
    "mart_market_share",
)


def run_dbt(workdir: Path, command: str, window: tuple[str, str] | None = None) -> None:
    env = {**os.environ, "SALES_DUCKDB_PATH": str(workdir / "warehouse.duckdb")}
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    env.pop("SALES_MONTH_FROM", None)
    env.pop("SALES_MONTH_TO", None)
    if window:
        env["SALES_MONTH_FROM"], env["SALES_MONTH_TO"] = window
    args = [str(DBT), command, *SELECTION, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    args += ["--target-path", str(workdir / "target"), "--log-path", str(workdir / "logs")]
    args += dbt_vars_args(load_config())
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:]


def build_warehouse(workdir: Path) -> Path:
    workdir.mkdir()
    build_raw_warehouse(workdir / "warehouse.duckdb", all_batches())
    return workdir


def query(workdir: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(workdir / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def all_mart_rows(workdir: Path) -> dict[str, list[tuple]]:
    return {mart: sorted(query(workdir, f"select * from marts.{mart}"), key=repr) for mart in MARTS}


@pytest.fixture(scope="module")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = build_warehouse(tmp_path_factory.mktemp("dbt_full") / "run")
    run_dbt(workdir, "build")
    return workdir


def test_company_sales_of_january_2024(full_build: Path) -> None:
    with duckdb.connect(str(full_build / "warehouse.duckdb"), read_only=True) as con:
        cursor = con.execute(
            "select * from marts.mart_sales_monthly where grain = 'company' and month = date '2024-01-01'"
        )
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description]
    values = dict(zip(columns, rows[0], strict=True))
    # 91.2215 / 3 = 30.4071..; (91.2215 - 75) / 75 = 0.2162866..; (91.2215 - 23) / 23 = 2.9661521..
    expected = {
        "revenue": Decimal("91.22"),
        "orders": 3,
        "aov": Decimal("30.41"),
        "active_customers": 3,
        "cancelled_orders": 0,
        "returned_orders": 1,
        "returned_revenue": Decimal("30.00"),
        "revenue_prev": Decimal("75.00"),
        "revenue_mom_pct": Decimal("0.216287"),
        "revenue_ly": Decimal("23.00"),
        "revenue_yoy_pct": Decimal("2.966152"),
        "orders_yoy_pct": Decimal("2.000000"),
    }
    assert len(rows) == 1
    assert {name: values[name] for name in expected} == expected


def test_months_without_orders_have_a_zero_company_row(full_build: Path) -> None:
    rows = query(
        full_build,
        "select month, revenue, orders, aov, revenue_mom_pct from marts.mart_sales_monthly"
        " where grain = 'company' and month between date '2023-02-01' and date '2023-03-01' order by month",
    )
    # February's base (January, 23.00) drops to 0: -100 %; March's base is 0: n/a.
    assert [(str(r[0]), *r[1:]) for r in rows] == [
        ("2023-02-01", Decimal("0.00"), 0, None, Decimal("-1.000000")),
        ("2023-03-01", Decimal("0.00"), 0, None, None),
    ]


def test_customer_dynamics(full_build: Path) -> None:
    rows = query(
        full_build,
        "select month, base_customers, active_customers, new_customers, retained_customers,"
        " reactivated_customers, churned_customers, repeat_purchase_rate, churn_rate"
        " from marts.mart_customers_monthly where segment is null"
        " and month in (date '2023-04-01', date '2023-12-01', date '2024-01-01') order by month",
    )
    assert [(str(r[0]), *r[1:]) for r in rows] == [
        # c1 bought only in January: it leaves the base in April.
        ("2023-04-01", 1, 0, 0, 0, 0, 1, Decimal("0.000000"), Decimal("1.000000")),
        # base {c2 (Nov)}; c1 comes back after eleven months.
        ("2023-12-01", 1, 1, 0, 0, 1, 0, Decimal("0.000000"), Decimal("0.000000")),
        # base {c2, c1}; c3's first completed order (December's was cancelled).
        ("2024-01-01", 2, 3, 1, 2, 0, 0, Decimal("1.000000"), Decimal("0.000000")),
    ]


def test_satisfaction_and_market_share_only_for_provided_months(full_build: Path) -> None:
    satisfaction = query(
        full_build, "select month, responses, nps, csat_avg from marts.mart_satisfaction_monthly where segment is null"
    )
    share = query(
        full_build,
        "select month, market_share, market_share_prev from marts.mart_market_share"
        " where region is null order by month",
    )
    # one promoter, one detractor: nps 0; csat (5 + 2) / 2
    assert [(str(r[0]), *r[1:]) for r in satisfaction] == [("2024-01-01", 2, Decimal("0.00"), Decimal("3.50"))]
    # 75 / 3000 and 91.2215 / 3500
    assert [(str(r[0]), *r[1:]) for r in share] == [
        ("2023-12-01", Decimal("0.025000"), None),
        ("2024-01-01", Decimal("0.026063"), Decimal("0.025000")),
    ]


def test_window_and_month_by_month_builds_equal_the_full_build(
    full_build: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    workdir = build_warehouse(tmp_path_factory.mktemp("dbt_by_month") / "run")
    # most of the history as one window, then the months with the most going
    # on (comparisons, a cancelled first order, a new customer) one at a time
    run_dbt(workdir, "run", window=(MONTHS[0], MONTHS[-4]))
    for month in MONTHS[-3:]:
        run_dbt(workdir, "run", window=(month, month))
    assert all_mart_rows(workdir) == all_mart_rows(full_build)
