"""Month arithmetic, once for every Python caller: `YYYY-MM` keys, first-of-month dates and month indexes.

A month is a key ('2026-10'), its first day (date(2026, 10, 1), the marts' `month` column) or
its index (year * 12 + month - 1), which makes arithmetic plain addition. The dbt macros
(`add_months`, `validated_month_text` in dbt_project/macros) are the SQL side;
tests/test_month_macro_agreement.py checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
import re

# ASCII digits only, and \Z: `$` would also accept a key followed by a newline.
MONTH_KEY = re.compile(r"\A[0-9]{4}-(0[1-9]|1[0-2])\Z")


class MonthKeyError(ValueError):
    pass


def validate_month_key(value: str, name: str = "month") -> str:
    if not isinstance(value, str) or not MONTH_KEY.match(value):
        raise MonthKeyError(f"{name} must look like YYYY-MM, got {value!r}")
    return value


def month_start(key: str) -> dt.date:
    """First day of the month of a key."""
    validate_month_key(key)
    return dt.date(int(key[:4]), int(key[5:]), 1)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def month_of_index(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def add_months(day: dt.date, count: int) -> dt.date:
    """First day of the month `count` months after the month of `day` (negative goes back)."""
    return month_of_index(month_index(day) + count)


def month_end(day: dt.date) -> dt.date:
    """Last day of the month of `day`."""
    return add_months(day, 1) - dt.timedelta(days=1)


def months_between(first_key: str, last_key: str) -> list[str]:
    """Inclusive list of month keys from first to last."""
    first, last = month_index(month_start(first_key)), month_index(month_start(last_key))
    return [month_key(month_of_index(index)) for index in range(first, last + 1)]


def month_window(month: dt.date, length: int) -> list[dt.date]:
    """The `length` months ending with the month of `month`, oldest first."""
    return [add_months(month, offset) for offset in range(1 - length, 1)]


def day_in_month(month: dt.date, day: int) -> dt.date:
    """Day `day` of the month of `month`, clamped to the month's last day."""
    return month.replace(day=min(day, month_end(month).day))


def last_closed_month(today: dt.date) -> str:
    """The month before today's: the newest month a CRM extract can be complete for."""
    return month_key(add_months(today, -1))
