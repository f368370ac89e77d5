"""Expectations for one contract column, derived from its `Column` fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

from data_checks.gx_import import great_expectations
from data_checks.meta import ERROR, ORPHAN, rule_meta
from pipelines.contract import CHANNELS, ENTITY_BY_NAME, Column

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

# Per-row bounds of the month rules: one suite checks every month of a run, so a row's month
# comes from its own batch_month. NEXT_MONTH is the first day after the row's month, so the
# upper bound "before NEXT_MONTH" also holds for a time of day on the month's last day.
BATCH_MONTH = "batch_month"
NEXT_MONTH = "_next_month"


def ref_found_column(column_name: str) -> str:
    """Boolean column ingest adds for a foreign key: True found, False orphan, NA when the key is null."""
    return f"{column_name}__ref_found"


def rate_found_column(column_name: str) -> str:
    """Boolean column ingest adds for a currency: True when the month's fx_rates has a rate for it,
    NA for the reporting currency (and an empty value, which means it)."""
    return f"{column_name}__rate_found"


def column_expectations(column: Column, channels: tuple[str, ...]) -> list[Expectation]:
    candidates = (
        _exists(column),
        _not_null(column),
        _allowed_values(column, channels),
        _range(column),
        *_in_month(column),
        _not_after_month_end(column),
        _reference(column),
        _rate(column),
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


def _in_month(column: Column) -> tuple[Expectation, ...]:
    """Two expectations, not before the month's first day and before the next month's; the runner
    reports them as one rule (a date breaks at most one of them)."""
    if not column.in_month:
        return ()
    meta = rule_meta(column.name, "in_month", ERROR, f"{column.name} must be inside {{month:%Y-%m}}", per_month=True)
    gxe = great_expectations().expectations
    return (
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=column.name,
            column_B=BATCH_MONTH,
            or_equal=True,
            ignore_row_if="either_value_is_missing",
            meta=meta,
        ),
        _before_next_month(column.name, meta),
    )


def _not_after_month_end(column: Column) -> Expectation | None:
    if not column.not_after_month_end:
        return None
    description = f"{column.name} must not be after {{month_end:%Y-%m-%d}}"
    meta = rule_meta(column.name, "not_after_month_end", ERROR, description, per_month=True)
    return _before_next_month(column.name, meta)


def _before_next_month(column_name: str, meta: dict) -> Expectation:
    # Null dates are skipped, as GX's single-column expectations do: not_null reports them.
    return great_expectations().expectations.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=NEXT_MONTH,
        column_B=column_name,
        or_equal=False,
        ignore_row_if="either_value_is_missing",
        meta=meta,
    )


def _reference(column: Column) -> Expectation | None:
    if not column.parents:
        return None
    description = f"{column.name} must exist in " + " or ".join(
        # Foreign keys point at single-column keys.
        f"{parent}.{ENTITY_BY_NAME[parent].primary_key[0]}"
        + (f" when {column.scoped_reference.selector} is {selected}" if selected else "")
        for selected, parent in column.parents
    )
    # Nulls (a null key) are skipped by GX, so only False - an orphan - fails.
    return great_expectations().expectations.ExpectColumnValuesToBeInSet(
        column=ref_found_column(column.name),
        value_set=[True],
        meta=rule_meta(column.name, "reference", ORPHAN, description),
    )


def _rate(column: Column) -> Expectation | None:
    if not column.needs_rate:
        return None
    description = f"{column.name} must have a rate in the fx_rates of {{month:%Y-%m}}"
    return great_expectations().expectations.ExpectColumnValuesToBeInSet(
        column=rate_found_column(column.name),
        value_set=[True],
        meta=rule_meta(column.name, "fx_rate", ERROR, description, per_month=True),
    )
