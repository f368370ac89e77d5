"""Loading a vendor month into a temp warehouse, the way the ingest step does."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.ingest.load import load_months
from pipelines.ingest.problems import ExtractRejected
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.settings_for import settings_for

MONTH = "2026-10"
RAW_TABLES = ("orders", "order_lines", "customers", "products", "sales_reps", "teams")


def load(con: duckdb.DuckDBPyConnection, landing: Path, **env: str) -> None:
    load_months(con, settings_for(landing, **env), [MONTH], "run-1")


def rejected(con: duckdb.DuckDBPyConnection, landing: Path, **env: str) -> str:
    """The month's failure as the run reports it, after proving that nothing was published."""
    with pytest.raises(ExtractRejected) as failure:
        load(con, landing, **env)
    published = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_TABLES}
    assert published == dict.fromkeys(RAW_TABLES, 0)
    assert ("failed",) in con.execute("select distinct status from ops.load_log").fetchall()
    return str(failure.value)


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return [tuple(str(v) if v is not None else None for v in row) for row in con.execute(sql).fetchall()]


def whole_job_month(root: Path, source: str) -> tuple[list[tuple], str]:
    """Run the whole job on root/landing/MONTH read as `source`: the analysts' sales mart by company,
    channel and team (revenue, orders, returned revenue, cancelled orders), and the English report."""
    env = project_env(root, start_month=MONTH) | {"SALES_SOURCE": source}
    with dg.instance_for_test() as instance:
        assert run_months(definitions_for(env), MONTH, MONTH, instance).success
    with duckdb.connect(str(root / "analytics.duckdb"), read_only=True) as con:
        sales = con.execute(
            "select grain, grain_value, revenue::varchar, orders, returned_revenue::varchar, cancelled_orders "
            "from marts.mart_sales_monthly where grain in ('company', 'channel', 'team') order by all"
        ).fetchall()
    return sales, (root / "reports" / MONTH / "report.en.md").read_text(encoding="utf-8")
