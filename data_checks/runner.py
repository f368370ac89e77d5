"""Run an entity's suite once over the rows of every month of a run, in DuckDB; report per month.

One GX validation per entity and run, whatever the number of months: GX's cost is mostly a
fixed overhead per expectation, and on its SQL engine each expectation is a query DuckDB
answers over the staged temp table, so rows never leave the database. GX gives each rule's
verdict and exact total; the rows are then split by month in one SQL query per rule (GX's own
list of offending rows is truncated and unordered, see `unexpected_rows`), so every month gets
its own exact count and its first offending lines in file order.
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
from data_checks.unexpected_rows import unexpected_predicate
from pipelines.contract import CHANNELS, Entity

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult

SOURCE_LINE = "source_line"
# BASIC: the verdict and the exact unexpected_count; the rows themselves come from _failing_lines_by_month.
RESULT_FORMAT = {"result_format": "BASIC"}

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
        groups = _rule_groups(suite, results)
        failing = [_failing_lines_by_month(con, table, group) for group in groups]
    finally:
        con.execute(f"drop table {table}")
    outcomes: MonthOutcomes = {month: [] for month in month_list}
    for group, by_month in zip(groups, failing, strict=True):
        for month in month_list:
            outcomes[month].append(_outcome(entity.name, group, month, by_month.get(month, (0, ()))))
    return outcomes


def _failing_lines_by_month(
    con: duckdb.DuckDBPyConnection, table: str, group: list[ExpectationValidationResult]
) -> dict[dt.date, tuple[int, tuple[int, ...]]]:
    """Per month, the rows failing any expectation of a rule's group (a row counts once) and their
    first SAMPLE_SIZE lines; empty for a rule that passed, raised an error or is not per row."""
    failed = [r for r in group if not r.success and _exception_message(r) is None and "unexpected_count" in r.result]
    if not failed:
        return {}
    predicates = [f"({unexpected_predicate(r.expectation_config)})" for r in failed]
    per_expectation = ", ".join(f"count(*) filter (where {p})" for p in predicates)
    rows = con.execute(
        f"select {BATCH_MONTH}, count(*), list({SOURCE_LINE} order by {SOURCE_LINE})[1:{SAMPLE_SIZE}], "
        f"{per_expectation} from {table} where {' or '.join(predicates)} group by {BATCH_MONTH}"
    ).fetchall()
    for index, result in enumerate(failed):
        split = sum(row[3 + index] for row in rows)
        if split != result.result["unexpected_count"]:
            config = result.expectation_config
            raise RuntimeError(
                f"{config.type} on {table}: GX counted {result.result['unexpected_count']} unexpected rows, "
                f"the split by month {split}"
            )
    return {month: (count, tuple(lines)) for month, count, lines, *_ in rows}


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
    entity_name: str,
    group: list[ExpectationValidationResult],
    month: dt.date,
    failing: tuple[int, tuple[int, ...]],
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
    elif any("unexpected_count" not in r.result for r in group if not r.success):
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
