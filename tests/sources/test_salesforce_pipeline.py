"""A Salesforce month through the whole job: the converted entities reach the marts and the report."""

from __future__ import annotations

from pathlib import Path

from tests.sources.runs import whole_job_month
from tests.sources.salesforce_export import ROL1, api_files, write_export


def test_a_salesforce_month_is_published_to_the_marts_and_reported(tmp_path: Path) -> None:
    write_export(tmp_path / "landing" / "2026-10", api_files(), bom=True)
    sales, report = whole_job_month(tmp_path, "salesforce")
    # salesforce_export.py: Opp01 1000.00 (Web: online) and Opp04 750.00 (no LeadSource: agent), both
    # owned by Alice Ames of the role EMEA Sales.
    assert sales == [
        ("channel", "agent", "750.00", 1, "0.00", 0),
        ("channel", "online", "1000.00", 1, "0.00", 0),
        ("company", None, "1750.00", 2, "0.00", 0),
        ("team", ROL1, "1750.00", 2, "0.00", 0),
    ]
    assert "Revenue was $1.8K in October 2026" in report  # 1750.00, rounded in the summary
