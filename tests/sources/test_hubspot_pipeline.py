"""A HubSpot month through the whole job: the converted deals reach the marts and the report."""

from __future__ import annotations

from pathlib import Path

from tests.sources.hubspot_export import EXPORT_FILE, EXPORT_HEADER, EXPORT_ROWS, write_csv
from tests.sources.runs import whole_job_month


def test_a_hubspot_month_is_published_to_the_marts_and_reported(tmp_path: Path) -> None:
    write_csv(tmp_path / "landing" / "2026-10" / EXPORT_FILE, EXPORT_HEADER, EXPORT_ROWS)
    sales, report = whole_job_month(tmp_path, "hubspot")
    # hubspot_export.py: 101 won 500.00 (Jane Doe, EMEA, Organic Search: online), 106 won 80.50 (no
    # owner, team or source: unassigned, agent); HubSpot deals are never cancelled or returned.
    assert sales == [
        ("channel", "agent", "80.50", 1, "0.00", 0),
        ("channel", "online", "500.00", 1, "0.00", 0),
        ("company", None, "580.50", 2, "0.00", 0),
        ("team", "EMEA", "500.00", 1, "0.00", 0),
        ("team", "unassigned", "80.50", 1, "0.00", 0),
    ]
    assert "Revenue was $580.50 in October 2026" in report
    # The export alone: everything but the orders and opportunities was built from the deals' ids.
    assert (
        "Derived: the export had no customers, order lines, products, sales reps or teams file, so those were "
        "built from the ids in the file shown beside them; their names and other details are unknown."
    ) in report
