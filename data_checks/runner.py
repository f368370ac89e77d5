"""Run an entity's suite once over the frame of every month of a run; report per month.

One GX validation per entity and run, whatever the number of months: GX's cost is mostly a
fixed overhead per expectation. Outcomes are then split by the month each unexpected row
belongs to, so every month gets its own verdict, count and first offending lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from data_checks.column_rules import BATCH_MONTH
from data_checks.context import whole_frame_batch_definition
from data_checks.frame import SOURCE_LINE, prepare_frame
from data_checks.meta import month_description
from data_checks.outcome import SAMPLE_SIZE, RuleOutcome
from data_checks.suites import build_suite
from pipelines.contract import CHANNELS, Entity

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult

# COMPLETE: every unexpected row's position (the frame's default index), which the runner splits
# by month; without unexpected_index_column_names GX lists positions without a per-row lookup.
RESULT_FORMAT = {"result_format": "COMPLETE"}

MonthOutcomes = dict[dt.date, list[RuleOutcome]]


def validate_months(
    entity: Entity, frame: pd.DataFrame, months: Sequence[dt.date], *, channels: tuple[str, ...] = CHANNELS
) -> MonthOutcomes:
    """For each of `months` (first days), one outcome per rule of `build_suite`, in suite order.

    `frame` holds the rows of those months with their `batch_month` and `source_line`;
    a month without rows passes every row rule.
    """
    prepared = prepare_frame(entity, frame)
    row_months = prepared[BATCH_MONTH].to_numpy().astype("datetime64[D]")
    month_days = np.array(sorted(set(months)), dtype="datetime64[D]")
    strays = np.setdiff1d(row_months, month_days)
    if strays.size:
        listed = ", ".join(str(month) for month in strays.tolist())
        raise ValueError(f"{entity.name} frame has rows of months not asked for: {listed}")
    suite = build_suite(entity, month_days.tolist(), channels=channels)
    batch = whole_frame_batch_definition(entity.name).get_batch(batch_parameters={"dataframe": prepared})
    results = batch.validate(suite, result_format=RESULT_FORMAT).results
    rows = _RowIndex(np.searchsorted(month_days, row_months), prepared[SOURCE_LINE].to_numpy())
    month_list = month_days.tolist()
    outcomes: MonthOutcomes = {month: [] for month in month_list}
    for group in _rule_groups(suite, results):
        for month, failing in zip(month_list, rows.failing_by_month(group, len(month_list)), strict=True):
            outcomes[month].append(_outcome(entity.name, group, month, failing))
    return outcomes


class _RowIndex:
    """Each frame row's month (as a position in the sorted months) and source line."""

    def __init__(self, month_codes: np.ndarray, source_lines: np.ndarray):
        self.month_codes = month_codes
        self.source_lines = source_lines

    def failing_by_month(
        self, group: list[ExpectationValidationResult], month_count: int
    ) -> list[tuple[int, tuple[int, ...]]]:
        """Per month: the rows failing any result of a rule's group, and their first lines."""
        positions = np.unique(
            np.concatenate([np.asarray(r.result.get("unexpected_index_list") or [], dtype=np.int64) for r in group])
        )
        codes = self.month_codes[positions]
        failing = []
        for code in range(month_count):
            lines = np.sort(self.source_lines[positions[codes == code]])
            failing.append((len(lines), tuple(int(line) for line in lines[:SAMPLE_SIZE])))
        return failing


def _rule_groups(suite, results: list[ExpectationValidationResult]) -> list[list[ExpectationValidationResult]]:
    """Results grouped by rule, in suite order (GX returns them in its metric plan's order).

    A rule may take several expectations (in_month: a lower and an upper bound)."""
    position: dict[tuple, int] = {}
    for i, expectation in enumerate(suite.expectations):
        position.setdefault(_rule_key(expectation.meta), i)
    groups: dict[tuple, list[ExpectationValidationResult]] = {}
    for result in results:
        groups.setdefault(_rule_key(result.expectation_config.meta), []).append(result)
    return [groups[key] for key in sorted(groups, key=position.__getitem__)]


def _rule_key(meta: dict) -> tuple[str | None, str]:
    return meta["column"], meta["rule"]


def _outcome(
    entity_name: str, group: list[ExpectationValidationResult], month: dt.date, failing: tuple[int, tuple[int, ...]]
) -> RuleOutcome:
    meta = group[0].expectation_config.meta
    description = month_description(meta, month)
    error = next((m for m in map(_exception_message, group) if m is not None), None)
    failing_count, sample_lines = failing
    if error is not None:
        passed, failing_count, sample_lines = False, 0, ()
        description = f"{description} (not checked: {error})"
    elif all(r.success for r in group):
        passed = True
    elif any("unexpected_index_list" not in r.result for r in group if not r.success):
        passed = False  # a table-level rule (a missing column) fails every month alike
    else:
        passed = failing_count == 0
    return RuleOutcome(
        entity=entity_name,
        column=meta["column"],
        rule=meta["rule"],
        severity=meta["severity"],
        passed=passed,
        failing_count=failing_count,
        sample_lines=sample_lines,
        description=description,
    )


def _exception_message(result: ExpectationValidationResult) -> str | None:
    """GX reports an exception either flat or nested per failed metric; return its first message."""
    info = result.exception_info or {}
    candidates = [info] if "raised_exception" in info else list(info.values())
    for candidate in candidates:
        if candidate.get("raised_exception"):
            return candidate.get("exception_message") or "unknown error"
    return None
