"""A window run's data tests see the window's months: a broken row inside the window fails the
run, one outside it is left to the run that builds its month (dbt_project.yml `where`,
macros/get_where_subquery.sql, tests/generic/relationship_in_month.sql)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from pipelines.report.rules import load_config
from pipelines.transform.window import dbt_vars_args
from tests.dbt.test_dbt_project import DBT, PROJECT_DIR, SELECTION, build_warehouse, run_dbt


def failing_tests(workdir: Path, window: tuple[str, str] | None) -> list[str]:
    env = {**os.environ, "SALES_DUCKDB_PATH": str(workdir / "warehouse.duckdb")}
    env.pop("SALES_MONTH_FROM", None)
    env.pop("SALES_MONTH_TO", None)
    if window:
        env["SALES_MONTH_FROM"], env["SALES_MONTH_TO"] = window
    args = [str(DBT), "--no-use-colors", "test", *SELECTION, "--exclude-resource-type", "unit_test"]
    args += ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)]
    args += ["--target-path", str(workdir / "target"), "--log-path", str(workdir / "logs")]
    args += dbt_vars_args(load_config())
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    return sorted({line.split("FAIL ")[1].split()[1] for line in result.stdout.splitlines() if " FAIL " in line})


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full build, then in 2023-11 an order line repeated, an order whose customer is not in
    that month's customers snapshot (customer c1 exists in other months), and an order line
    without a channel."""
    workdir = build_warehouse(tmp_path_factory.mktemp("dbt_window_tests") / "run")
    run_dbt(workdir, "build")
    with duckdb.connect(str(workdir / "warehouse.duckdb")) as con:
        con.execute("""
            insert into marts.fct_order_lines
            select * from marts.fct_order_lines where month = date '2023-11-01' limit 1
        """)
        con.execute("""
            update marts.fct_order_lines set channel = null
            where month = date '2023-11-01' and line_no = (
                select min(line_no) from marts.fct_order_lines where month = date '2023-11-01'
            )
        """)
        con.execute("""
            delete from raw.customers
            where batch_month = date '2023-11-01' and customer_id = (
                select min(customer_id) from marts.fct_orders where month = date '2023-11-01'
            )
        """)
    return workdir


def test_a_broken_month_fails_the_runs_whose_window_holds_it(broken: Path) -> None:
    assert failing_tests(broken, ("2023-10", "2023-11")) == [
        "column_rules_fct_order_lines",
        "relationship_in_month_fct_orders_customer_id__customer_id__ref_stg_crm__customers_",
        "unique_combination_fct_order_lines_order_id__month__line_no",
    ]
    assert failing_tests(broken, None) == failing_tests(broken, ("2023-10", "2023-11"))


def test_other_windows_do_not_read_the_broken_month(broken: Path) -> None:
    assert failing_tests(broken, ("2023-12", "2024-01")) == []
