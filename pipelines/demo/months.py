"""Calendar months as integer serials (year * 12 + month - 1), so month arithmetic is plain addition."""

from __future__ import annotations

import calendar
import re
from datetime import date

import numpy as np

_MONTH_PATTERN = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_month(label: str) -> int:
    match = _MONTH_PATTERN.match(label)
    if not match:
        raise ValueError(f"month must look like YYYY-MM, got {label!r}")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_label(serial: int) -> str:
    return f"{serial // 12:04d}-{serial % 12 + 1:02d}"


def calendar_month(serial: int) -> int:
    """1 = January ... 12 = December."""
    return serial % 12 + 1


def first_day(serial: int) -> date:
    return date(serial // 12, serial % 12 + 1, 1)


def days_in_month(serial: int) -> int:
    return calendar.monthrange(serial // 12, serial % 12 + 1)[1]


def last_day(serial: int) -> date:
    return date(serial // 12, serial % 12 + 1, days_in_month(serial))


def first_day64(serial: int) -> np.datetime64:
    return np.datetime64(first_day(serial), "D")


def last_day64(serial: int) -> np.datetime64:
    return np.datetime64(last_day(serial), "D")


def month_of_dates(days: np.ndarray) -> np.ndarray:
    """Month serial of each datetime64[D] value."""
    months_since_epoch = days.astype("datetime64[M]").astype(np.int64)
    return months_since_epoch + 1970 * 12


def last_closed_month(today: date) -> str:
    """The month before today's month: the newest month a CRM extract can be complete for."""
    return month_label(today.year * 12 + today.month - 1 - 1)
