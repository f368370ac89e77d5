"""The one monthly partitions definition (`YYYY-MM` keys); month arithmetic is in pipelines/months.py."""

from __future__ import annotations

import dagster as dg

MONTH_FMT = "%Y-%m"


def monthly_partitions(start_month: str, timezone: str = "UTC") -> dg.MonthlyPartitionsDefinition:
    """Months from `start_month` up to the last closed month (the current one is still open)."""
    return dg.MonthlyPartitionsDefinition(start_date=start_month, fmt=MONTH_FMT, timezone=timezone)
