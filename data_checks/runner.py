"""Run an entity's suite once over the rows of every month of a run, in DuckDB; report per month.

One GX validation per entity and run, whatever the number of months: GX's cost is mostly a
fixed overhead per expectation, and on its SQL engine each expectation is a query DuckDB
answers over the staged temp table, so rows never leave the database. Outcomes are then split
by the month each unexpected row belongs to, so every month gets its own verdict, count and
first offending lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from data_checks.checked_table import create_checked_table
from data_checks.column_rules import BATCH_MONTH
from data_checks.context import table_batch_definition
from data_checks.meta import month_description
from data_checks.outcome import SAMPLE_SIZE, RuleOutcome
from data_checks.suites import build_suite
from pipelines.contract import CHANNELS, Entity

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult

SOURCE_LINE = "source_line"
# COMPLETE: every unexpected row, identified by its month and line, which the runner splits by month.
RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": [BATCH_MONTH, SOURCE_LINE]}

MonthOutcomes = dict[dt.date, list[RuleOutcome]]


def validate_months(
    entity: Entity,
    con: duckdb.DuckDBPyConnection,
    source: str,
    months: Sequence[dt.date],
    *,
    channels: tuple[str, ...] = CHANNELS,
) -> MonthOutcomes:
    """For each of `months` (first days), one outcome per rule of `build_suite`, in suite order.

    `source` is a table or view of `con` holding the rows of those months with their
    `batch_month`, `source_line` and `<fk>__ref_found` flags; a month without rows passes every row rule.
    """
    month_list = sorted(set(months))
    strays = con.execute(
        f"select distinct {BATCH_MONTH} from {source} where not ({BATCH_MONTH} = any($months)) order by 1",
        {"months": month_list},
    ).fetchall()
    if strays:
        listed = ", ".join(str(month) for (month,) in strays)
        raise ValueError(f"{entity.name} rows of months not asked for: {listed}")
    suite = build_suite(entity, month_list, channels=channels)
    table = create_checked_table(con, entity, source)
    try:
        with table_batch_definition(con, table) as batch_definition:
            results = batch_definition.get_batch().validate(suite, result_format=RESULT_FORMAT).results
    finally:
        con.execute(f"drop table {table}")
    outcomes: MonthOutcomes = {month: [] for month in month_list}
    for group in _rule_groups(suite, results):
        failing = _failing_lines_by_month(group)
        for month in month_list:
            outcomes[month].append(_outcome(entity.name, group, month, failing.get(month, [])))
    return outcomes


def _failing_lines_by_month(group: list[ExpectationValidationResult]) -> dict[dt.date, list[int]]:
    """Per month, the sorted lines of the rows failing any result of a rule's group (a row counts once)."""
    rows = {
        (row[BATCH_MONTH], row[SOURCE_LINE])
        for result in group
        for row in result.result.get("unexpected_index_list") or []
    }
    by_month: dict[dt.date, list[int]] = {}
    for month, line in sorted(rows):
        by_month.setdefault(month, []).append(line)
    return by_month


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
    entity_name: str, group: list[ExpectationValidationResult], month: dt.date, lines: list[int]
) -> RuleOutcome:
    meta = group[0].expectation_config.meta
    description = month_description(meta, month)
    error = next((m for m in map(_exception_message, group) if m is not None), None)
    failing_count, sample_lines = len(lines), tuple(lines[:SAMPLE_SIZE])
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
