"""One GX ExpectationSuite per contract entity and month, derived from pipelines.contract."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from data_checks.column_rules import column_expectations
from data_checks.gx_import import great_expectations
from data_checks.meta import ERROR, rule_meta
from data_checks.note_rules import rules_for
from pipelines.contract import CHANNELS, Entity

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite
    from great_expectations.expectations import Expectation


def build_suite(entity: Entity, month: dt.date, *, channels: tuple[str, ...] = CHANNELS) -> ExpectationSuite:
    """Every content rule of `entity` for the month folder `month`, each tagged in `meta`."""
    gx = great_expectations()
    expectations = [
        expectation
        for column in entity.columns
        for expectation in column_expectations(column, month, channels)
    ]
    expectations.append(_primary_key_expectation(entity))
    expectations.extend(rule.expectation(month) for rule in rules_for(entity))
    return gx.ExpectationSuite(name=f"{entity.name}.{month:%Y-%m}", expectations=expectations)


def _primary_key_expectation(entity: Entity) -> Expectation:
    gxe = great_expectations().expectations
    if len(entity.primary_key) == 1:
        (key,) = entity.primary_key
        return gxe.ExpectColumnValuesToBeUnique(
            column=key, meta=rule_meta(key, "unique", ERROR, f"{key} must be unique")
        )
    key_text = f"({', '.join(entity.primary_key)})"
    # A null inside the key (targets.scope_id for company targets) is a value like any other here,
    # so two company targets for the same month and metric are duplicates.
    return gxe.ExpectCompoundColumnsToBeUnique(
        column_list=list(entity.primary_key),
        ignore_row_if="never",
        meta=rule_meta(None, "unique", ERROR, f"{key_text} must be unique"),
    )
