"""The one monthly partitions definition (`YYYY-MM` keys) and month arithmetic."""

from __future__ import annotations

from datetime import date

import dagster as dg

MONTH_FMT = "%Y-%m"


def monthly_partitions(start_month: str, timezone: str = "UTC") -> dg.MonthlyPartitionsDefinition:
    """Months from `start_month` up to the last closed month (the current one is still open)."""
    return dg.MonthlyPartitionsDefinition(start_date=start_month, fmt=MONTH_FMT, timezone=timezone)


def month_start(key: str) -> date:
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(first_key: str, last_key: str) -> list[str]:
    """Inclusive list of month keys from first to last."""
    first, last = month_start(first_key), month_start(last_key)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [month_key(add_months(first, i)) for i in range(count)]
