"""Calendar arithmetic on first-of-month dates (the marts' `month` key)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(month: dt.date, count: int) -> dt.date:
    """First day of the month `count` months after `month` (negative goes back)."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def month_window(month: dt.date, length: int) -> list[dt.date]:
    """The `length` months ending with `month`, oldest first."""
    return [add_months(month, offset) for offset in range(1 - length, 1)]


def day_in_month(month: dt.date, day: int) -> dt.date:
    """Day `day` of `month`, clamped to the month's last day."""
    last = calendar.monthrange(month.year, month.month)[1]
    return month.replace(day=min(day, last))
