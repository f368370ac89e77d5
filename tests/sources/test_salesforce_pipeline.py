"""A Salesforce month through the whole job: the converted entities reach the marts and the report."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.sources.salesforce_export import ROL1, api_files, write_export


def test_a_salesforce_month_is_published_to_the_marts_and_reported(tmp_path: Path) -> None:
    write_export(tmp_path / "landing" / "2026-10", api_files(), bom=True)
    env = project_env(tmp_path, start_month="2026-10") | {"SALES_SOURCE": "salesforce"}
    with dg.instance_for_test() as instance:
        assert run_months(definitions_for(env), "2026-10", "2026-10", instance).success

    with duckdb.connect(str(tmp_path / "analytics.duckdb"), read_only=True) as con:
        sales = con.execute(
            "select grain, grain_value, revenue::varchar, orders, returned_revenue::varchar, cancelled_orders "
            "from marts.mart_sales_monthly where grain in ('company', 'channel', 'team') order by all"
        ).fetchall()
    # salesforce_export.py: Opp01 1000.00 (Web: online) and Opp04 750.00 (no LeadSource: agent), both
    # owned by Alice Ames of the role EMEA Sales.
    assert sales == [
        ("channel", "agent", "750.00", 1, "0.00", 0),
        ("channel", "online", "1000.00", 1, "0.00", 0),
        ("company", None, "1750.00", 2, "0.00", 0),
        ("team", ROL1, "1750.00", 2, "0.00", 0),
    ]
    report = (tmp_path / "reports" / "2026-10" / "report.en.md").read_text(encoding="utf-8")
    assert "Revenue was $1.8K in October 2026" in report  # 1750.00, rounded in the summary
