"""build_suite derives its expectations from the contract and tags each one."""

from __future__ import annotations

import datetime as dt

import pytest

from data_checks.keys import KEY_ROWS, key_rows_sql
from data_checks.meta import month_description
from data_checks.note_rules import rules_for
from data_checks.suites import build_suite
from pipelines.contract import ENTITIES, ENTITY_BY_NAME, Column, Entity
from tests.data_checks.extract_frames import MONTH


def tagged_rules(suite) -> list[tuple]:
    return [(e.meta["column"], e.meta["rule"], e.meta["severity"]) for e in suite.expectations]


def test_orders_suite_lists_the_contract_rules_in_order():
    assert tagged_rules(build_suite(ENTITY_BY_NAME["orders"], [MONTH])) == [
        ("order_id", "column_exists", "error"),
        ("order_id", "not_null", "error"),
        ("order_date", "column_exists", "error"),
        ("order_date", "not_null", "error"),
        ("order_date", "in_month", "error"),  # not before the month's first day
        ("order_date", "in_month", "error"),  # before the next month's first day
        ("customer_id", "column_exists", "error"),
        ("customer_id", "not_null", "error"),
        ("customer_id", "reference", "orphan"),
        ("rep_id", "column_exists", "error"),
        ("rep_id", "not_null", "error"),
        ("rep_id", "reference", "orphan"),
        ("channel", "column_exists", "error"),
        ("channel", "not_null", "error"),
        ("channel", "allowed_values", "error"),
        ("campaign_id", "column_exists", "error"),
        ("campaign_id", "reference", "orphan"),
        ("status", "column_exists", "error"),
        ("status", "not_null", "error"),
        ("status", "allowed_values", "error"),
        ("currency", "column_exists", "error"),  # staged as null when the file leaves it out
        ("currency", "fx_rate", "error"),
        ("order_id", "unique", "error"),
    ]


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.name)
def test_every_entity_gets_a_suite_with_one_tag_per_rule(entity):
    suite = build_suite(entity, [MONTH])
    keys = [(column, rule) for column, rule, _ in tagged_rules(suite)]
    repeated = {key: keys.count(key) for key in keys if keys.count(key) > 1}
    # in_month is the one rule of two expectations, its lower and its upper bound.
    assert repeated == {(c.name, "in_month"): 2 for c in entity.columns if c.in_month}
    assert all(e.meta["description"] for e in suite.expectations)


def test_entity_rules_come_from_the_notes():
    suite = build_suite(ENTITY_BY_NAME["targets"], [dt.date(2026, 11, 1), dt.date(2026, 12, 1)])
    [month_rule] = [e for e in suite.expectations if e.meta["rule"] == "target_month"]
    assert month_rule.value_pairs_set == [
        ("2026-11", "2026-11"),
        ("2026-11", "2026-12"),
        ("2026-12", "2026-12"),
        ("2026-12", "2027-01"),
    ]
    assert month_description(month_rule.meta, dt.date(2026, 12, 1)) == "month must be 2026-12 or 2027-01"
    assert ("scope_id", "scope_id_matches_scope", "error") in tagged_rules(suite)
    assert tagged_rules(suite)[-3] == (None, "unique", "error")


def test_keys_are_unique_per_month_folder():
    [unique] = [e for e in build_suite(ENTITY_BY_NAME["targets"], [MONTH]).expectations if e.meta["rule"] == "unique"]
    assert (unique.column, unique.value_set) == (KEY_ROWS, [1])
    assert key_rows_sql(ENTITY_BY_NAME["targets"]) == (
        "count(*) over (partition by month, scope, scope_id, metric, batch_month)"
    )
    assert key_rows_sql(ENTITY_BY_NAME["orders"]) == (
        "case when order_id is null then null else count(*) over (partition by order_id, batch_month) end"
    )


def test_a_note_without_a_check_is_refused():
    entity = Entity("visits", "transactional", False, ("visit_id",), (Column("visit_id", "str"),), ("a new rule",))
    with pytest.raises(LookupError, match="visits"):
        rules_for(entity)


def test_channel_list_is_configurable():
    suite = build_suite(ENTITY_BY_NAME["orders"], [MONTH], channels=("web", "shop"))
    [channel] = [e for e in suite.expectations if e.meta["rule"] == "allowed_values" and e.column == "channel"]
    assert channel.value_set == ["web", "shop"]
    assert channel.meta["description"] == "channel must be one of web, shop"


@pytest.mark.parametrize(
    ("column", "rule", "description"),
    [
        ("quantity", "range", "quantity must be > 0"),
        ("discount", "range", "discount must be >= 0 and < 1"),
        ("line_no", "range", "line_no must be >= 1"),
        ("product_id", "reference", "product_id must exist in products.product_id"),
    ],
)
def test_descriptions_name_the_rule(column, rule, description):
    suite = build_suite(ENTITY_BY_NAME["order_lines"], [MONTH])
    [expectation] = [e for e in suite.expectations if e.meta["column"] == column and e.meta["rule"] == rule]
    assert expectation.meta["description"] == description


def test_date_bounds_follow_each_row_month():
    suite = build_suite(ENTITY_BY_NAME["opportunities"], [dt.date(2024, 2, 1)])
    [created] = [
        e for e in suite.expectations if e.meta["rule"] == "not_after_month_end" and e.column_B == "created_date"
    ]
    assert (created.column_A, created.or_equal) == ("_next_month", False)
    assert created.meta["description"] == "created_date must not be after {month_end:%Y-%m-%d}"
    assert month_description(created.meta, dt.date(2024, 2, 1)) == "created_date must not be after 2024-02-29"
