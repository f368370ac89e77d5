"""Expectations for one contract column, derived from its `Column` fields."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from data_checks.gx_import import great_expectations
from data_checks.meta import ERROR, ORPHAN, rule_meta
from data_checks.months import midnight, month_end, month_start, next_month_start
from pipelines.contract import CHANNELS, ENTITY_BY_NAME, Column

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation


def ref_found_column(column_name: str) -> str:
    """Boolean column ingest adds for a foreign key: True found, False orphan, NA when the key is null."""
    return f"{column_name}__ref_found"


def column_expectations(column: Column, month: dt.date, channels: tuple[str, ...]) -> list[Expectation]:
    candidates = (
        _exists(column),
        _not_null(column),
        _allowed_values(column, channels),
        _range(column),
        _in_month(column, month),
        _not_after_month_end(column, month),
        _reference(column),
    )
    return [expectation for expectation in candidates if expectation is not None]


def _exists(column: Column) -> Expectation:
    name = column.name
    meta = rule_meta(name, "column_exists", ERROR, f"{name} must be present")
    return great_expectations().expectations.ExpectColumnToExist(column=name, meta=meta)


def _not_null(column: Column) -> Expectation | None:
    if not column.not_null:
        return None
    meta = rule_meta(column.name, "not_null", ERROR, f"{column.name} must not be empty")
    return great_expectations().expectations.ExpectColumnValuesToNotBeNull(column=column.name, meta=meta)


def _allowed_values(column: Column, channels: tuple[str, ...]) -> Expectation | None:
    # The contract makes the channel list configurable; every column using it follows the setting.
    allowed = channels if column.allowed == CHANNELS else column.allowed
    if allowed is None:
        return None
    description = f"{column.name} must be one of {', '.join(allowed)}"
    meta = rule_meta(column.name, "allowed_values", ERROR, description)
    return great_expectations().expectations.ExpectColumnValuesToBeInSet(
        column=column.name, value_set=list(allowed), meta=meta
    )


def _range(column: Column) -> Expectation | None:
    if column.min_value is None and column.max_value is None:
        return None
    bounds = []
    if column.min_value is not None:
        bounds.append(f"{'>' if column.strict_min else '>='} {column.min_value:g}")
    if column.max_value is not None:
        bounds.append(f"{'<' if column.strict_max else '<='} {column.max_value:g}")
    meta = rule_meta(column.name, "range", ERROR, f"{column.name} must be {' and '.join(bounds)}")
    return great_expectations().expectations.ExpectColumnValuesToBeBetween(
        column=column.name,
        min_value=column.min_value,
        max_value=column.max_value,
        strict_min=column.strict_min,
        strict_max=column.strict_max,
        meta=meta,
    )


# Upper date bounds are "before the next month's first midnight", so a value carrying a
# time of day on the month's last day still counts as inside the month.


def _in_month(column: Column, month: dt.date) -> Expectation | None:
    if not column.in_month:
        return None
    meta = rule_meta(column.name, "in_month", ERROR, f"{column.name} must be inside {month:%Y-%m}")
    return great_expectations().expectations.ExpectColumnValuesToBeBetween(
        column=column.name,
        min_value=midnight(month_start(month)),
        max_value=midnight(next_month_start(month)),
        strict_max=True,
        meta=meta,
    )


def _not_after_month_end(column: Column, month: dt.date) -> Expectation | None:
    if not column.not_after_month_end:
        return None
    description = f"{column.name} must not be after {month_end(month):%Y-%m-%d}"
    return great_expectations().expectations.ExpectColumnValuesToBeBetween(
        column=column.name,
        max_value=midnight(next_month_start(month)),
        strict_max=True,
        meta=rule_meta(column.name, "not_after_month_end", ERROR, description),
    )


def _reference(column: Column) -> Expectation | None:
    if column.references is None:
        return None
    (target_key,) = ENTITY_BY_NAME[column.references].primary_key  # foreign keys point at single-column keys
    description = f"{column.name} must exist in {column.references}.{target_key}"
    # Nulls (a null key) are skipped by GX, so only False - an orphan - fails.
    return great_expectations().expectations.ExpectColumnValuesToBeInSet(
        column=ref_found_column(column.name),
        value_set=[True],
        meta=rule_meta(column.name, "reference", ORPHAN, description),
    )
