"""Expectations for the entity-level rules that the contract states as prose `notes`.

Each note of `pipelines.contract` maps, by its exact text, to a `NoteRule`; `rules_for`
fails loudly for a note without one, so a rule added to the contract cannot go unchecked.
Rules GX has no expectation for are checked on a derived column that the runner adds, as SQL,
to the relation it validates: a boolean (true: row obeys, false: row breaks it, null: not
applicable), or a value GX compares, such as the `YYYY-MM` key of the row's month folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from data_checks.column_rules import BATCH_MONTH
from data_checks.gx_import import great_expectations
from data_checks.meta import ERROR, rule_meta
from pipelines.contract import Entity
from pipelines.months import add_months

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation


@dataclass(frozen=True)
class NoteRule:
    expectation: Callable[[Sequence[dt.date]], Expectation]  # the months the suite checks -> expectation
    derived_column: str | None = None
    source_columns: tuple[str, ...] = ()
    derive: str | None = None  # SQL expression over source_columns; names and values come from the contract


def _null_exactly_when(column: str, key: str, value: str, rule: str) -> NoteRule:
    derived_column = f"__{rule}"

    # With the key itself null the rule has no answer; not_null on the key reports that row.
    derive = f"case when {key} is null then null else ({column} is null) = ({key} = '{value}') end"

    def expectation(months: Sequence[dt.date]) -> Expectation:
        return great_expectations().expectations.ExpectColumnValuesToBeInSet(
            column=derived_column,
            value_set=[True],
            meta=rule_meta(column, rule, ERROR, f"{column} must be empty exactly when {key} = {value}"),
        )

    return NoteRule(expectation, derived_column, (column, key), derive)


FOLDER_MONTH_KEY = "__folder_month"


_FOLDER_MONTH_KEY_SQL = f"strftime({BATCH_MONTH}, '%Y-%m')"


def _target_month_expectation(months: Sequence[dt.date]) -> Expectation:
    # Every (folder month, target month) pair the run allows: the folder's month and the next one.
    allowed = [(f"{m:%Y-%m}", f"{target:%Y-%m}") for m in months for target in (m, add_months(m, 1))]
    return great_expectations().expectations.ExpectColumnPairValuesToBeInSet(
        column_A=FOLDER_MONTH_KEY,
        column_B="month",
        value_pairs_set=allowed,
        ignore_row_if="either_value_is_missing",  # a null month is reported by not_null
        meta=rule_meta(
            "month", "target_month", ERROR, "month must be {month:%Y-%m} or {next_month:%Y-%m}", per_month=True
        ),
    )


def _rate_month_expectation(months: Sequence[dt.date]) -> Expectation:
    # An fx_rates file gives the rates of its own month: a comparison month's come from its own folder.
    return great_expectations().expectations.ExpectColumnPairValuesToBeInSet(
        column_A=FOLDER_MONTH_KEY,
        column_B="month",
        value_pairs_set=[(f"{m:%Y-%m}", f"{m:%Y-%m}") for m in months],
        ignore_row_if="either_value_is_missing",  # a daily rate has no month
        meta=rule_meta("month", "rate_month", ERROR, "month must be {month:%Y-%m}", per_month=True),
    )


_ONE_RATE_PERIOD = "__one_rate_period"


def _one_rate_period_expectation(months: Sequence[dt.date]) -> Expectation:
    return great_expectations().expectations.ExpectColumnValuesToBeInSet(
        column=_ONE_RATE_PERIOD,
        value_set=[True],
        meta=rule_meta(None, "one_rate_period", ERROR, "exactly one of month (a month rate) and rate_date must be set"),
    )


def _end_not_before_start_expectation(months: Sequence[dt.date]) -> Expectation:
    return great_expectations().expectations.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="end_date",
        column_B="start_date",
        or_equal=True,
        ignore_row_if="either_value_is_missing",
        meta=rule_meta("end_date", "end_not_before_start", ERROR, "end_date must not be before start_date"),
    )


NOTE_RULES: dict[tuple[str, str], NoteRule] = {
    ("opportunities", "close_date is null exactly when stage = open"): _null_exactly_when(
        "close_date", "stage", "open", "close_date_matches_stage"
    ),
    ("targets", "month is the folder's month or the next one"): NoteRule(
        _target_month_expectation, FOLDER_MONTH_KEY, (BATCH_MONTH,), _FOLDER_MONTH_KEY_SQL
    ),
    ("targets", "scope_id is null exactly when scope = company"): _null_exactly_when(
        "scope_id", "scope", "company", "scope_id_matches_scope"
    ),
    ("campaigns", "end_date >= start_date"): NoteRule(_end_not_before_start_expectation),
    ("fx_rates", "exactly one of month and rate_date is set"): NoteRule(
        _one_rate_period_expectation, _ONE_RATE_PERIOD, ("month", "rate_date"), "(month is null) <> (rate_date is null)"
    ),
    ("fx_rates", "month is the folder's month"): NoteRule(
        _rate_month_expectation, FOLDER_MONTH_KEY, (BATCH_MONTH,), _FOLDER_MONTH_KEY_SQL
    ),
}


def rules_for(entity: Entity) -> list[NoteRule]:
    missing = [note for note in entity.notes if (entity.name, note) not in NOTE_RULES]
    if missing:
        raise LookupError(f"contract notes of {entity.name} without a data check: {missing}")
    return [NOTE_RULES[(entity.name, note)] for note in entity.notes]
