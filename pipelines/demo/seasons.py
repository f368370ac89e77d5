"""Demand over time: a steady upward trend with a strong fourth quarter."""

from __future__ import annotations

from pipelines.demo.months import calendar_month

# January ... December. Q4 (year-end budgets and holidays) is the clear peak.
_SEASON = (0.86, 0.82, 0.95, 0.96, 1.0, 0.98, 0.9, 0.88, 1.0, 1.1, 1.28, 1.42)


def season_factor(month: int) -> float:
    return _SEASON[calendar_month(month) - 1]


def trend_factor(month: int, start: int) -> float:
    """About 5 % a year of organic growth in purchase frequency, on top of a growing customer base."""
    return 1.0 + 0.004 * (month - start)
