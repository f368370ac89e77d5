"""A Shopify month through the whole job: the converted entities reach the marts and the report."""

from __future__ import annotations

from pathlib import Path

from tests.sources.runs import whole_job_month
from tests.sources.shopify_export import write_export


def test_a_shopify_month_is_published_to_the_marts_and_reported(tmp_path: Path) -> None:
    write_export(tmp_path / "landing" / "2026-10")
    sales, report = whole_job_month(tmp_path, "shopify")
    # shopify_export.py: 45.00 online, 18.00 offline (Cara Diaz, Main Street) with 12.00 refunded, 5.00 agent.
    assert sales == [
        ("channel", "agent", "5.00", 1, "0.00", 0),
        ("channel", "offline", "18.00", 1, "12.00", 0),
        ("channel", "online", "45.00", 1, "20.00", 1),
        ("company", None, "68.00", 3, "32.00", 1),
        ("team", "Main Street", "18.00", 1, "12.00", 0),
        ("team", "house", "50.00", 2, "20.00", 1),
    ]
    assert "Revenue was $68.00 in October 2026" in report
    assert "returned orders: 2 (returned revenue $32.00)" in report
