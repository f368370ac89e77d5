"""validate_months on one-month frames: good frames pass, each mutation breaks exactly one rule.

Frames of several months are in test_data_checks_runner_months.py."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.data_checks.extract_frames import GOOD_ROWS, MONTH, extract_frame, good_rows, validate_frame

D = dt.date


def failures(entity_name: str, rows: list[dict], **kwargs) -> list[tuple]:
    frame = extract_frame(entity_name, rows)
    outcomes = validate_frame(entity_name, frame, [MONTH], **kwargs)[MONTH]
    return [(o.column, o.rule, o.failing_count, o.sample_lines) for o in outcomes if not o.passed]


@pytest.mark.parametrize("entity_name", sorted(GOOD_ROWS))
def test_good_frame_passes_every_rule(entity_name):
    assert failures(entity_name, good_rows(entity_name)) == []


# (entity, {row index: {column: new value}}, the one failure expected); row i is on line i + 2.
MUTATIONS = [
    ("orders", {1: {"order_date": None}}, ("order_date", "not_null", 1, (3,))),
    ("orders", {3: {"order_id": "o1"}}, ("order_id", "unique", 2, (2, 5))),
    ("orders", {0: {"channel": "fax"}, 2: {"channel": "Online"}}, ("channel", "allowed_values", 2, (2, 4))),
    (
        "orders",
        {1: {"order_date": D(2026, 2, 1)}, 3: {"order_date": D(2025, 12, 31)}},
        ("order_date", "in_month", 2, (3, 5)),
    ),
    ("orders", {2: {"customer_id__ref_found": False}}, ("customer_id", "reference", 1, (4,))),
    ("orders", {1: {"campaign_id__ref_found": False}}, ("campaign_id", "reference", 1, (3,))),
    ("order_lines", {1: {"line_no": 1}}, (None, "unique", 2, (2, 3))),
    ("order_lines", {2: {"line_no": None}}, ("line_no", "not_null", 1, (4,))),
    ("order_lines", {3: {"line_no": 0}}, ("line_no", "range", 1, (5,))),
    ("order_lines", {2: {"quantity": 0}}, ("quantity", "range", 1, (4,))),
    ("order_lines", {0: {"unit_price": -0.01}}, ("unit_price", "range", 1, (2,))),
    ("order_lines", {1: {"discount": 1}, 2: {"discount": -0.000001}}, ("discount", "range", 2, (3, 4))),
    ("order_lines", {3: {"product_id__ref_found": False}}, ("product_id", "reference", 1, (5,))),
    (
        "opportunities",
        {0: {"close_date": D(2026, 1, 20)}},
        ("close_date", "close_date_matches_stage", 1, (2,)),
    ),
    ("opportunities", {1: {"close_date": None}}, ("close_date", "close_date_matches_stage", 1, (3,))),
    ("opportunities", {3: {"close_date": D(2026, 2, 1)}}, ("close_date", "not_after_month_end", 1, (5,))),
    ("opportunities", {1: {"created_date": D(2026, 2, 1)}}, ("created_date", "not_after_month_end", 1, (3,))),
    ("opportunities", {0: {"stage": None}}, ("stage", "not_null", 1, (2,))),
    ("opportunities", {2: {"lost_reason": "budget"}}, ("lost_reason", "allowed_values", 1, (4,))),
    ("opportunities", {3: {"amount": -1}}, ("amount", "range", 1, (5,))),
    ("opportunities", {0: {"rep_id__ref_found": False}}, ("rep_id", "reference", 1, (2,))),
    ("customers", {2: {"customer_id": "c1"}}, ("customer_id", "unique", 2, (2, 4))),
    ("products", {1: {"list_price": -0.0001}}, ("list_price", "range", 1, (3,))),
    ("sales_reps", {2: {"team_id__ref_found": False}}, ("team_id", "reference", 1, (4,))),
    ("teams", {1: {"team_id": None}}, ("team_id", "not_null", 1, (3,))),
    ("targets", {2: {"month": "2026-03"}, 3: {"month": "2025-12"}}, ("month", "target_month", 2, (4, 5))),
    ("targets", {0: {"scope_id": "t1"}}, ("scope_id", "scope_id_matches_scope", 1, (2,))),
    ("targets", {2: {"scope_id": None}}, ("scope_id", "scope_id_matches_scope", 1, (4,))),
    ("targets", {1: {"metric": "revenue"}}, (None, "unique", 2, (2, 3))),
    ("targets", {3: {"scope": "region"}}, ("scope", "allowed_values", 1, (5,))),
    ("targets", {1: {"target_value": 0}}, ("target_value", "range", 1, (3,))),
    ("campaigns", {0: {"end_date": D(2025, 12, 31)}}, ("end_date", "end_not_before_start", 1, (2,))),
    ("campaigns", {2: {"type": "tv"}}, ("type", "allowed_values", 1, (4,))),
    ("campaigns", {1: {"spend": None}}, ("spend", "not_null", 1, (3,))),
    ("surveys", {1: {"score": 11}, 2: {"score": -1}}, ("score", "range", 2, (3, 4))),
    ("surveys", {0: {"csat": 0}}, ("csat", "range", 1, (2,))),
    ("surveys", {2: {"response_date": D(2025, 12, 31)}}, ("response_date", "in_month", 1, (4,))),
    ("market", {1: {"market_size": 0}}, ("market_size", "range", 1, (3,))),
    ("orders", {3: {"currency__rate_found": False}}, ("currency", "fx_rate", 1, (5,))),
    ("campaigns", {0: {"currency": "EUR", "currency__rate_found": False}}, ("currency", "fx_rate", 1, (2,))),
    ("fx_rates", {0: {"rate_date": D(2026, 1, 3)}}, (None, "one_rate_period", 1, (2,))),
    ("fx_rates", {1: {"rate_date": None}}, (None, "one_rate_period", 1, (3,))),
    ("fx_rates", {0: {"month": "2026-02"}}, ("month", "rate_month", 1, (2,))),
    ("fx_rates", {2: {"rate_date": D(2026, 2, 1)}}, ("rate_date", "in_month", 1, (4,))),
    ("fx_rates", {2: {"rate_date": D(2026, 1, 2)}}, (None, "unique", 2, (3, 4))),
    ("fx_rates", {0: {"rate_to_reporting": 0}}, ("rate_to_reporting", "range", 1, (2,))),
    ("fx_rates", {1: {"currency": None}}, ("currency", "not_null", 1, (3,))),
]


@pytest.mark.parametrize(
    ("entity_name", "changes", "expected"),
    [pytest.param(*case, id=f"{case[0]}-{case[2][1]}-{i}") for i, case in enumerate(MUTATIONS)],
)
def test_one_mutation_breaks_exactly_its_rule(entity_name, changes, expected):
    rows = good_rows(entity_name)
    for index, values in changes.items():
        rows[index].update(values)
    assert failures(entity_name, rows) == [expected]


def test_sample_lines_are_the_first_five_in_file_order():
    rows = [dict(good_rows("orders")[0], order_id=f"o{i}", channel="fax") for i in range(7)]
    assert failures("orders", rows) == [("channel", "allowed_values", 7, (2, 3, 4, 5, 6))]


def test_channel_list_is_configurable():
    assert failures("orders", good_rows("orders"), channels=("online", "phone")) == [
        ("channel", "allowed_values", 2, (3, 4))
    ]


def test_dates_beyond_the_nanosecond_range_are_still_checked():
    rows = good_rows("campaigns")
    rows[2].update(start_date=D(2026, 1, 1), end_date=D(9999, 12, 31))
    rows[1].update(end_date=D(1000, 1, 1))
    assert failures("campaigns", rows) == [("end_date", "end_not_before_start", 1, (3,))]


def test_orphans_have_their_own_severity():
    rows = good_rows("orders")
    rows[0]["rep_id__ref_found"] = False
    outcomes = validate_frame("orders", extract_frame("orders", rows), [MONTH])[MONTH]
    assert {(o.rule, o.severity) for o in outcomes} == {
        ("column_exists", "error"),
        ("not_null", "error"),
        ("allowed_values", "error"),
        ("in_month", "error"),
        ("unique", "error"),
        ("reference", "orphan"),
        ("fx_rate", "error"),
    }
    [orphan] = [o for o in outcomes if not o.passed]
    assert orphan.message("orders.csv") == (
        "orders.csv: column rep_id: 1 row violates 'rep_id must exist in sales_reps.rep_id' (line 2)"
    )


def test_missing_column_fails_its_rules_without_counting_rows():
    rows = [{k: v for k, v in row.items() if k != "status"} for row in good_rows("orders")]
    outcomes = validate_frame("orders", extract_frame("orders", rows), [MONTH])[MONTH]
    failed = [o for o in outcomes if not o.passed]
    assert [(o.column, o.rule, o.failing_count, o.sample_lines) for o in failed] == [
        ("status", "column_exists", 0, ()),
        ("status", "not_null", 0, ()),
        ("status", "allowed_values", 0, ()),
    ]
    assert failed[0].description == "status must be present"
    assert all("not checked" in o.description for o in failed[1:])


def test_outcomes_follow_suite_order():
    outcomes = validate_frame("order_lines", extract_frame("order_lines", good_rows("order_lines")), [MONTH])[MONTH]
    assert [(o.column, o.rule) for o in outcomes][:5] == [
        ("order_id", "column_exists"),
        ("order_id", "not_null"),
        ("order_id", "reference"),
        ("line_no", "column_exists"),
        ("line_no", "not_null"),
    ]
    assert [(o.column, o.rule) for o in outcomes][-1] == (None, "unique")


@pytest.mark.parametrize("entity_name", ["orders", "opportunities", "targets"])
def test_header_only_file_passes(entity_name):
    assert failures(entity_name, []) == []
