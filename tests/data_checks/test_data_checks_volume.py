"""volume_outcome: a month's row count against the median of the previous (up to 3) months."""

from __future__ import annotations

import pytest

from data_checks.volume import volume_outcome


@pytest.mark.parametrize(
    ("row_count", "previous", "tolerance", "passed"),
    [
        (100, [], 0.5, True),  # nothing to compare with
        (150, [100], 0.5, True),  # exactly +50 %
        (151, [100], 0.5, False),
        (50, [100], 0.5, True),  # exactly -50 %
        (49, [100], 0.5, False),
        (0, [100], 0.5, False),
        (300, [1000, 100, 200, 300], 0.5, True),  # only the last 3 count: median 200
        (301, [1000, 100, 200, 300], 0.5, False),
        (299, [100, 300], 0.5, True),  # even count: median 200
        (110, [100], 0.1, True),
        (111, [100], 0.1, False),
        (0, [0, 0], 0.5, True),
        (1, [0, 0], 0.5, False),
    ],
)
def test_volume_boundaries(row_count, previous, tolerance, passed):
    assert volume_outcome("orders", row_count, previous, tolerance).passed is passed


def test_volume_outcome_is_a_warning_with_a_readable_description():
    result = volume_outcome("orders", 49, [90, 100, 120, 80])
    assert (result.entity, result.column, result.rule, result.severity) == (
        "orders",
        None,
        "volume",
        "warning",
    )
    assert (result.failing_count, result.sample_lines) == (0, ())
    assert result.message("orders.csv") == (
        "orders.csv: failed 'row count 49 must be within 50% of 100, the median of the previous 3 months'"
    )


def test_first_month_passes_and_says_why():
    result = volume_outcome("orders", 12, [])
    assert result.passed
    assert result.description == "row count 12 (no previous month to compare with)"
