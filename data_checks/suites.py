"""One GX ExpectationSuite per contract entity for the months of a run, derived from pipelines.contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from data_checks.column_rules import BATCH_MONTH, column_expectations
from data_checks.gx_import import great_expectations
from data_checks.meta import ERROR, rule_meta
from data_checks.note_rules import rules_for
from pipelines.contract import CHANNELS, Entity

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite
    from great_expectations.expectations import Expectation


def build_suite(entity: Entity, months: Sequence[dt.date], *, channels: tuple[str, ...] = CHANNELS) -> ExpectationSuite:
    """Every content rule of `entity` for a frame holding the month folders `months`, each tagged in `meta`.

    Month-dependent rules compare a row with bounds derived from its own batch_month, so one
    suite checks all months at once and its cost does not grow with their number.
    """
    gx = great_expectations()
    expectations = [expectation for column in entity.columns for expectation in column_expectations(column, channels)]
    expectations.append(_primary_key_expectation(entity))
    expectations.extend(rule.expectation(months) for rule in rules_for(entity))
    return gx.ExpectationSuite(name=entity.name, expectations=expectations)


def _primary_key_expectation(entity: Entity) -> Expectation:
    """The key is unique within each month folder; a snapshot repeats its keys every month."""
    gxe = great_expectations().expectations
    if len(entity.primary_key) == 1:
        (key,) = entity.primary_key
        # A null key is no duplicate (not_null reports it), as for a single-column uniqueness check.
        return gxe.ExpectCompoundColumnsToBeUnique(
            column_list=[key, BATCH_MONTH],
            ignore_row_if="any_value_is_missing",
            meta=rule_meta(key, "unique", ERROR, f"{key} must be unique"),
        )
    key_text = f"({', '.join(entity.primary_key)})"
    # A null inside the key (targets.scope_id for company targets) is a value like any other here,
    # so two company targets for the same month and metric are duplicates.
    return gxe.ExpectCompoundColumnsToBeUnique(
        column_list=[*entity.primary_key, BATCH_MONTH],
        ignore_row_if="never",
        meta=rule_meta(None, "unique", ERROR, f"{key_text} must be unique"),
    )
