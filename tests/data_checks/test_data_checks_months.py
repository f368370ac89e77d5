from __future__ import annotations

import datetime as dt

import pytest

from data_checks.months import month_end, next_month_start


@pytest.mark.parametrize(
    ("month", "next_start", "end"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 1, 31)),
        (dt.date(2024, 2, 15), dt.date(2024, 3, 1), dt.date(2024, 2, 29)),
        (dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_month_bounds(month, next_start, end):
    assert (next_month_start(month), month_end(month)) == (next_start, end)
