"""A HubSpot month through the whole job: the converted deals reach the marts and the report."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.sources.hubspot_export import EXPORT_FILE, EXPORT_HEADER, EXPORT_ROWS, write_csv


def test_a_hubspot_month_is_published_to_the_marts_and_reported(tmp_path: Path) -> None:
    write_csv(tmp_path / "landing" / "2026-10" / EXPORT_FILE, EXPORT_HEADER, EXPORT_ROWS)
    env = project_env(tmp_path, start_month="2026-10") | {"SALES_SOURCE": "hubspot"}
    with dg.instance_for_test() as instance:
        assert run_months(definitions_for(env), "2026-10", "2026-10", instance).success

    with duckdb.connect(str(tmp_path / "analytics.duckdb"), read_only=True) as con:
        sales = con.execute(
            "select grain, grain_value, revenue::varchar, orders, returned_revenue::varchar, cancelled_orders "
            "from marts.mart_sales_monthly where grain in ('company', 'channel', 'team') order by all"
        ).fetchall()
    # hubspot_export.py: 101 won 500.00 (Jane Doe, EMEA, Organic Search: online), 106 won 80.50 (no
    # owner, team or source: unassigned, agent); HubSpot deals are never cancelled or returned.
    assert sales == [
        ("channel", "agent", "80.50", 1, "0.00", 0),
        ("channel", "online", "500.00", 1, "0.00", 0),
        ("company", None, "580.50", 2, "0.00", 0),
        ("team", "EMEA", "500.00", 1, "0.00", 0),
        ("team", "unassigned", "80.50", 1, "0.00", 0),
    ]
    report = (tmp_path / "reports" / "2026-10" / "report.en.md").read_text(encoding="utf-8")
    assert "Revenue was $580.50 in October 2026" in report
    # The export alone: everything but the orders and opportunities was built from the deals' ids.
    assert (
        "Derived: the export had no customers, order lines, products, sales reps or teams file, so those were "
        "built from the ids in the file shown beside them; their names and other details are unknown."
    ) in report
