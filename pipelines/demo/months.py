"""The demo's months as integer indexes (pipelines.months.month_index), so a month table is a range,
plus the numpy forms the generator's vectorised dates need."""

from __future__ import annotations

from datetime import date

import numpy as np

from pipelines.months import month_end, month_index, month_key, month_of_index, month_start


def parse_month(label: str) -> int:
    return month_index(month_start(label))


def month_label(serial: int) -> str:
    return month_key(month_of_index(serial))


def calendar_month(serial: int) -> int:
    """1 = January ... 12 = December."""
    return month_of_index(serial).month


def first_day(serial: int) -> date:
    return month_of_index(serial)


def last_day(serial: int) -> date:
    return month_end(month_of_index(serial))


def days_in_month(serial: int) -> int:
    return last_day(serial).day


def first_day64(serial: int) -> np.datetime64:
    return np.datetime64(first_day(serial), "D")


def last_day64(serial: int) -> np.datetime64:
    return np.datetime64(last_day(serial), "D")
