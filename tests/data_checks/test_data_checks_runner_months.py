"""validate_months on frames of two month folders: one validation, outcomes per month."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.data_checks.extract_frames import MONTH, extract_frame, good_rows, validate_frame

D = dt.date
FEBRUARY = D(2026, 2, 1)


def february_orders() -> list[dict]:
    """The good January orders (same ids: keys are unique per month only), dated in February."""
    rows = good_rows("orders")
    for row, day in zip(rows, (1, 15, 28, 20), strict=True):
        row["order_date"] = D(2026, 2, day)
    return rows


def two_months(entity_name: str, january: list[dict], february: list[dict]):
    frames = [
        extract_frame(entity_name, january, MONTH),
        extract_frame(entity_name, february, FEBRUARY),
    ]
    return pd.concat(frames, ignore_index=True)


def failures_by_month(entity_name: str, frame: pd.DataFrame, months=(MONTH, FEBRUARY)) -> dict:
    outcomes = validate_frame(entity_name, frame, list(months))
    return {
        f"{month:%Y-%m}": [(o.column, o.rule, o.failing_count, o.sample_lines) for o in found if not o.passed]
        for month, found in outcomes.items()
    }


def test_each_month_gets_its_own_violations_counts_and_lines():
    january = good_rows("orders")
    january[0]["channel"] = "fax"  # line 2
    january[2]["order_date"] = D(2026, 2, 1)  # line 4: inside February, not January
    february = february_orders()
    february[1]["order_date"] = D(2026, 1, 15)  # line 3: before February
    february[2]["order_date"] = D(2026, 3, 1)  # line 4: after February
    february[3]["order_date"] = D(2026, 1, 31)  # line 5
    frame = two_months("orders", january, february)

    assert failures_by_month("orders", frame) == {
        "2026-01": [("order_date", "in_month", 1, (4,)), ("channel", "allowed_values", 1, (2,))],
        "2026-02": [("order_date", "in_month", 3, (3, 4, 5))],
    }


def test_month_rules_name_their_own_month():
    january = good_rows("orders")
    january[3]["order_date"] = D(2025, 12, 31)  # line 5
    february = february_orders()
    february[0]["order_date"] = D(2026, 3, 1)  # line 2
    outcomes = validate_frame("orders", two_months("orders", january, february), [MONTH, FEBRUARY])
    messages = [o.message(f"{m:%Y-%m}/orders.csv") for m, found in outcomes.items() for o in found if not o.passed]
    assert messages == [
        "2026-01/orders.csv: column order_date: 1 row violates 'order_date must be inside 2026-01' (line 5)",
        "2026-02/orders.csv: column order_date: 1 row violates 'order_date must be inside 2026-02' (line 2)",
    ]


def test_samples_are_the_first_five_lines_of_each_month():
    january = [dict(good_rows("orders")[0], order_id=f"o{i}", channel="fax") for i in range(7)]  # lines 2-8
    february = february_orders()
    february[3]["channel"] = "fax"  # line 5
    assert failures_by_month("orders", two_months("orders", january, february)) == {
        "2026-01": [("channel", "allowed_values", 7, (2, 3, 4, 5, 6))],
        "2026-02": [("channel", "allowed_values", 1, (5,))],
    }


def test_keys_are_unique_within_each_month_only():
    february = good_rows("customers")
    february[2]["customer_id"] = "c2"  # lines 3 and 4 of February; c1..c3 repeat January's keys
    assert failures_by_month("customers", two_months("customers", good_rows("customers"), february)) == {
        "2026-01": [],
        "2026-02": [("customer_id", "unique", 2, (3, 4))],
    }


def test_compound_keys_are_unique_within_each_month_only():
    january = good_rows("targets")
    february = [dict(row) for row in january]  # same keys, the February folder may repeat them
    february[1]["metric"] = "revenue"  # now (2026-01, company, None, revenue) twice: lines 2 and 3
    assert failures_by_month("targets", two_months("targets", january, february)) == {
        "2026-01": [],
        "2026-02": [(None, "unique", 2, (2, 3)), ("month", "target_month", 3, (2, 3, 5))],
    }


def test_target_month_is_the_folder_month_or_the_next():
    january = good_rows("targets")
    january[2]["month"] = "2026-03"  # line 4: two months ahead of January
    february = good_rows("targets")
    for row, key in zip(february, ("2026-02", "2026-03", "2026-03", "2026-01"), strict=True):
        row["month"] = key  # line 5: January is before the February folder
    outcomes = validate_frame("targets", two_months("targets", january, february), [MONTH, FEBRUARY])
    failed = {
        m: [(o.failing_count, o.sample_lines, o.description) for o in found if not o.passed]
        for m, found in outcomes.items()
    }
    assert failed == {
        MONTH: [(1, (4,), "month must be 2026-01 or 2026-02")],
        FEBRUARY: [(1, (5,), "month must be 2026-02 or 2026-03")],
    }


def test_not_after_month_end_follows_each_row_month():
    january = good_rows("opportunities")
    february = good_rows("opportunities")
    january[3]["close_date"] = D(2026, 2, 1)  # line 5: after January, fine for February
    february[3]["close_date"] = D(2026, 2, 28)  # line 5: February's last day
    february[1]["created_date"] = february[1]["close_date"] = D(2026, 3, 1)  # line 3
    assert failures_by_month("opportunities", two_months("opportunities", january, february)) == {
        "2026-01": [("close_date", "not_after_month_end", 1, (5,))],
        "2026-02": [
            ("created_date", "not_after_month_end", 1, (3,)),
            ("close_date", "not_after_month_end", 1, (3,)),
        ],
    }


def test_a_month_without_rows_passes_its_row_rules():
    outcomes = validate_frame("orders", extract_frame("orders", good_rows("orders")), [MONTH, FEBRUARY])
    assert [o.rule for o in outcomes[FEBRUARY]] == [o.rule for o in outcomes[MONTH]]
    assert all(o.passed and o.failing_count == 0 for o in outcomes[FEBRUARY])


def test_rows_of_a_month_not_asked_for_are_refused():
    frame = two_months("orders", good_rows("orders"), february_orders())
    with pytest.raises(ValueError, match="2026-02-01"):
        validate_frame("orders", frame, [MONTH])
