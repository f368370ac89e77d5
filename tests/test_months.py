"""Month arithmetic (pipelines/months.py) on hand-worked cases, year boundaries and bad keys."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.months import (
    MonthKeyError,
    add_months,
    day_in_month,
    last_closed_month,
    month_end,
    month_start,
    months_between,
    validate_month_key,
)


@pytest.mark.parametrize(
    ("month", "count", "expected"),
    [
        (dt.date(2025, 12, 1), 1, dt.date(2026, 1, 1)),
        (dt.date(2026, 1, 1), -1, dt.date(2025, 12, 1)),
        (dt.date(2026, 1, 1), -12, dt.date(2025, 1, 1)),
        (dt.date(2026, 1, 1), -13, dt.date(2024, 12, 1)),
        (dt.date(2026, 10, 31), 0, dt.date(2026, 10, 1)),
    ],
)
def test_add_months(month, count, expected):
    assert add_months(month, count) == expected


@pytest.mark.parametrize(
    ("day", "end"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        (dt.date(2024, 2, 15), dt.date(2024, 2, 29)),
        (dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ],
)
def test_month_end(day, end):
    assert month_end(day) == end


def test_keys_ranges_and_clamped_days():
    assert month_start("2026-02") == dt.date(2026, 2, 1)
    assert months_between("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert day_in_month(dt.date(2025, 2, 1), 31) == dt.date(2025, 2, 28)
    assert last_closed_month(dt.date(2026, 1, 15)) == "2025-12"


@pytest.mark.parametrize("key", ["2026-13", "2026-1", "2026-00", "2026-01\n", " 2026-01", "２０２６-01"])
def test_bad_keys_are_refused(key):
    with pytest.raises(MonthKeyError, match="must look like YYYY-MM"):
        validate_month_key(key)
