"""An Odoo month through the whole job: the converted entities reach the marts and the report."""

from __future__ import annotations

from pathlib import Path

from tests.sources.odoo_export import LABEL_HEADER, ORDER_FILE, label_rows, write_csv
from tests.sources.runs import whole_job_month


def test_an_odoo_month_is_published_to_the_marts_and_reported(tmp_path: Path) -> None:
    write_csv(tmp_path / "landing" / "2026-10" / ORDER_FILE, LABEL_HEADER, label_rows())
    sales, report = whole_job_month(tmp_path, "odoo")
    # odoo_export.py: S00001 495.00 (Mitchell Admin, Europe), S00004 40.00 (no salesperson: unassigned),
    # S00003 cancelled (Marc Demo, Europe); every order entered by a salesperson, so agent.
    assert sales == [
        ("channel", "agent", "535.00", 2, "0.00", 1),
        ("company", None, "535.00", 2, "0.00", 1),
        ("team", "Europe", "495.00", 1, "0.00", 1),
        ("team", "unassigned", "40.00", 1, "0.00", 0),
    ]
    assert "Revenue was $535.00 in October 2026" in report
    assert "Cancelled orders: 1; returned orders: 0 (returned revenue $0.00)" in report
