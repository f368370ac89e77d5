"""Month arithmetic for the date rules."""

from __future__ import annotations

import datetime as dt


def month_start(month: dt.date) -> dt.date:
    return month.replace(day=1)


def next_month_start(month: dt.date) -> dt.date:
    start = month_start(month)
    if start.month == 12:
        return start.replace(year=start.year + 1, month=1)
    return start.replace(month=start.month + 1)


def month_end(month: dt.date) -> dt.date:
    return next_month_start(month) - dt.timedelta(days=1)
