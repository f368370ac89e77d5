"""One GX ExpectationSuite per contract entity for the months of a run, derived from pipelines.contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from data_checks.column_rules import column_expectations
from data_checks.gx_import import great_expectations
from data_checks.keys import primary_key_expectation
from data_checks.note_rules import rules_for
from pipelines.contract import CHANNELS, Entity

if TYPE_CHECKING:
    from great_expectations.core import ExpectationSuite


def build_suite(entity: Entity, months: Sequence[dt.date], *, channels: tuple[str, ...] = CHANNELS) -> ExpectationSuite:
    """Every content rule of `entity` for a frame holding the month folders `months`, each tagged in `meta`.

    Month-dependent rules compare a row with bounds derived from its own batch_month, so one
    suite checks all months at once and its cost does not grow with their number.
    """
    gx = great_expectations()
    expectations = [expectation for column in entity.columns for expectation in column_expectations(column, channels)]
    expectations.append(primary_key_expectation(entity))
    expectations.extend(rule.expectation(months) for rule in rules_for(entity))
    return gx.ExpectationSuite(name=entity.name, expectations=expectations)
