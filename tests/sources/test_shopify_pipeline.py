"""A Shopify month through the whole job: the converted entities reach the marts and the report."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.sources.shopify_export import write_export


def test_a_shopify_month_is_published_to_the_marts_and_reported(tmp_path: Path) -> None:
    write_export(tmp_path / "landing" / "2026-10")
    env = project_env(tmp_path, start_month="2026-10") | {"SALES_SOURCE": "shopify"}
    with dg.instance_for_test() as instance:
        assert run_months(definitions_for(env), "2026-10", "2026-10", instance).success

    with duckdb.connect(str(tmp_path / "analytics.duckdb"), read_only=True) as con:
        sales = con.execute(
            "select grain, grain_value, revenue::varchar, orders, returned_revenue::varchar, cancelled_orders "
            "from marts.mart_sales_monthly where grain in ('company', 'channel', 'team') order by all"
        ).fetchall()
    # shopify_export.py: 45.00 online, 18.00 offline (Cara Diaz, Main Street) with 12.00 refunded, 5.00 agent.
    assert sales == [
        ("channel", "agent", "5.00", 1, "0.00", 0),
        ("channel", "offline", "18.00", 1, "12.00", 0),
        ("channel", "online", "45.00", 1, "20.00", 1),
        ("company", None, "68.00", 3, "32.00", 1),
        ("team", "Main Street", "18.00", 1, "12.00", 0),
        ("team", "house", "50.00", 2, "20.00", 1),
    ]
    report = (tmp_path / "reports" / "2026-10" / "report.en.md").read_text(encoding="utf-8")
    assert "Revenue was $68.00 in October 2026" in report
    assert "returned orders: 2 (returned revenue $32.00)" in report
