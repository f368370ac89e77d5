"""Run the great-expectations suite of each entity once over every staged month of a run,
report per month, and apply the orphan policy.

Entities are validated parents first, so that rows quarantined as orphans
(policy `warn`) make their own children orphans too (an order line of a
quarantined order has no order to belong to). A reference must exist in the
same month folder, so every lookup of a parent key matches batch_month too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date

import duckdb

from data_checks.column_rules import rate_found_column
from data_checks.outcome import RuleOutcome
from data_checks.runner import validate_months
from pipelines.contract import ENTITIES, ENTITY_BY_NAME, Column, Entity
from pipelines.ingest.problems import CheckRecord
from pipelines.ingest.run_tables import quarantine_table, rows_by_month, run_table, temp_table_exists
from pipelines.ingest.stage import quote_ident
from pipelines.months import month_key, month_start


@dataclass
class MonthChecks:
    records: list[CheckRecord] = field(default_factory=list)
    quarantined: dict[str, int] = field(default_factory=dict)  # entity -> rows moved to quarantine


def parents_first() -> list[Entity]:
    ordered: list[Entity] = []

    def visit(entity: Entity) -> None:
        if entity in ordered:
            return
        for column in entity.columns:
            for _, parent in column.parents:
                if parent != entity.name:
                    visit(ENTITY_BY_NAME[parent])
        ordered.append(entity)

    for entity in ENTITIES:
        visit(entity)
    return ordered


def _key_found(parent: Entity, column_name: str, con: duckdb.DuckDBPyConnection) -> str:
    """SQL: row s's value of `column_name` is a key of `parent` in the same month folder."""
    if not temp_table_exists(con, run_table(parent)):
        return "false"  # the parent file is absent from every month, so every reference is an orphan
    key = quote_ident(parent.primary_key[0])
    return (
        f"exists (select 1 from {run_table(parent)} p "
        f"where p.{key} = s.{quote_ident(column_name)} and p.batch_month = s.batch_month)"
    )


def _applies(column: Column, selected: str | None) -> str:
    """SQL: the reference to the parent picked by `selected` applies to row s (always, for a plain one)."""
    if selected is None:
        return "true"
    # Selector values come from the contract, never from the file, so they are safe to inline.
    return f"s.{quote_ident(column.scoped_reference.selector)} = '{selected}'"


def _parent_found(entity: Entity, column: Column, con: duckdb.DuckDBPyConnection) -> str:
    """SQL: row s's value of `column` is a key of the parent its row picks; null when none applies."""
    cases = " ".join(
        f"when {_applies(column, selected)} then {_key_found(ENTITY_BY_NAME[parent], column.name, con)}"
        for selected, parent in column.parents
    )
    return f"case {cases} end"


def _reference_flags(con: duckdb.DuckDBPyConnection, entity: Entity) -> list[str]:
    """`<col>__ref_found`: null when the value is null, else whether the parent key exists that month."""
    return [
        f"case when s.{quote_ident(c.name)} is null then null else {_parent_found(entity, c, con)} end "
        f"as {quote_ident(c.name + '__ref_found')}"
        for c in entity.columns
        if c.parents
    ]


def _rate_flags(con: duckdb.DuckDBPyConnection, entity: Entity, reporting_currency: str) -> list[str]:
    """`<col>__rate_found` per currency column: null for the reporting currency (or none), else whether
    the same month folder's fx_rates has a rate for it. Any rate of the month will do: a date without
    its own daily rate takes the last one before it, or the month's rate (docs/metrics.md, Currency)."""
    rates = run_table(ENTITY_BY_NAME["fx_rates"])
    flags = []
    for column in entity.columns:
        if not column.needs_rate:
            continue
        col = quote_ident(column.name)
        found = (
            f"exists (select 1 from {rates} r where r.currency = s.{col} and r.batch_month = s.batch_month)"
            if temp_table_exists(con, rates)
            else "false"
        )
        # The reporting currency is a validated ISO code (settings), safe to inline.
        reporting = f"s.{col} is null or s.{col} = '{reporting_currency}'"
        flag = quote_ident(rate_found_column(column.name))
        flags.append(f"case when {reporting} then null else {found} end as {flag}")
    return flags


def _missing_rates(con: duckdb.DuckDBPyConnection, entity: Entity, checked: str) -> dict[date, dict[str, str]]:
    """batch_month -> currency column -> the currencies without a rate, for the message."""
    missing: dict[date, dict[str, str]] = {}
    for column in entity.columns:
        if not column.needs_rate:
            continue
        col, flag = quote_ident(column.name), quote_ident(rate_found_column(column.name))
        rows = con.execute(
            f"select batch_month, string_agg(distinct {col}, ', ' order by {col}) from {checked} "
            f"where not {flag} group by batch_month"
        ).fetchall()
        for batch_month, currencies in rows:
            missing.setdefault(batch_month, {})[column.name] = currencies
    return missing


@contextmanager
def _with_lookup_flags(con: duckdb.DuckDBPyConnection, entity: Entity, reporting_currency: str) -> Iterator[str]:
    """A view of the run's rows of `entity` with a `<col>__ref_found` flag per foreign key and a
    `<col>__rate_found` flag per currency."""
    flags = _reference_flags(con, entity) + _rate_flags(con, entity, reporting_currency)
    if not flags:
        yield run_table(entity)
        return
    table = f"referenced_{entity.name}"
    con.execute(f"create or replace temp view {table} as select s.*, {', '.join(flags)} from {run_table(entity)} s")
    try:
        yield table
    finally:
        con.execute(f"drop view {table}")


def validate_run(
    con: duckdb.DuckDBPyConnection,
    staged_files: dict[str, dict[str, str]],
    *,
    channels: tuple[str, ...],
    orphan_policy: str,
    reporting_currency: str,
) -> dict[str, MonthChecks]:
    """Check every entity of every staged month; returns each month's records and quarantined rows.

    `staged_files` maps month -> {entity name -> file name} for the entities staged that month,
    whose rows are in run_<entity>. Quarantined rows move from there to quarantined_<entity>.
    """
    checks = {month: MonthChecks() for month in staged_files}
    for entity in parents_first():
        files = {month: names[entity.name] for month, names in staged_files.items() if entity.name in names}
        if not files:
            continue
        months = sorted(month_start(m) for m in files)
        with _with_lookup_flags(con, entity, reporting_currency) as checked:
            outcomes = validate_months(entity, con, checked, months, channels=channels)
            # Naming the missing currencies reads the rows again: only when a rate is missing.
            rate_failed = any(o.rule == "fx_rate" and not o.passed for found in outcomes.values() for o in found)
            missing_rates = _missing_rates(con, entity, checked) if rate_failed else {}
        orphan_columns: set[str] = set()
        for batch_month, month_outcomes in outcomes.items():
            month = month_key(batch_month)
            for outcome in month_outcomes:
                if outcome.rule == "fx_rate" and not outcome.passed:
                    currencies = missing_rates.get(batch_month, {}).get(outcome.column, "")
                    outcome = replace(outcome, description=f"{outcome.description} (none for {currencies})")
                checks[month].records.append(_record(outcome, month, files[month], orphan_policy))
                if outcome.rule == "reference" and not outcome.passed:
                    orphan_columns.add(outcome.column)
        if orphan_columns and orphan_policy == "warn":
            for batch_month, count in _quarantine(con, entity, sorted(orphan_columns)).items():
                checks[month_key(batch_month)].quarantined[entity.name] = count
    return checks


def _record(outcome: RuleOutcome, month: str, file: str, orphan_policy: str) -> CheckRecord:
    severity = outcome.severity
    if severity == "orphan":
        severity = "error" if orphan_policy == "error" else "warning"
    if outcome.passed:
        message = f"passed '{outcome.description}'"
    else:
        rows = "1 row violates" if outcome.failing_count == 1 else f"{outcome.failing_count} rows violate"
        message = f"{rows} '{outcome.description}'"
    return CheckRecord(
        month=month,
        entity=outcome.entity,
        file=file,
        rule=outcome.rule,
        message=message,
        column=outcome.column,
        failing_count=outcome.failing_count,
        sample_lines=outcome.sample_lines,
        severity=severity,
        check_name="references" if outcome.rule == "reference" else "contract",
        passed=outcome.passed,
        reason_code="unknown_reference" if outcome.rule == "reference" else "rule_violated",
        reason_values=_reference_parents(outcome) if outcome.rule == "reference" else (),
    )


def _reference_parents(outcome: RuleOutcome) -> tuple[tuple[str, str], ...]:
    parents = ENTITY_BY_NAME[outcome.entity].column(outcome.column).parents
    return (("parents", ",".join(sorted({parent for _, parent in parents}))),)


def _quarantine(con: duckdb.DuckDBPyConnection, entity: Entity, columns: list[str]) -> dict[date, int]:
    """Move orphan rows of every month to quarantined_<entity>, each with its reason; count them per month."""
    conditions = []
    for name in columns:
        column = entity.column(name)
        for selected, parent_name in column.parents:
            parent = ENTITY_BY_NAME[parent_name]
            orphan = (
                f"(s.{quote_ident(name)} is not null and {_applies(column, selected)} "
                f"and not {_key_found(parent, name, con)})"
            )
            # Names come from the contract, never from the file, so they are safe to inline.
            reason = f"orphan {name}: no {parent.name} row with this {parent.primary_key[0]} in the month folder"
            if selected is not None:
                reason += f" ({column.scoped_reference.selector} {selected})"
            conditions.append((orphan, reason, parent.name))
    reasons = ", ".join(f"case when {cond} then '{text}' end" for cond, text, _ in conditions)
    # reason_values as ops.check_results words them: {"parents": "customers,sales_reps"}
    parents = ", ".join(f"case when {cond} then '{parent}' end" for cond, _, parent in conditions)
    where = " or ".join(cond for cond, _, _ in conditions)
    table = quarantine_table(entity)
    con.execute(
        f"create or replace temp table {table} as "
        f"select s.*, concat_ws('; ', {reasons}) as reason, 'unknown_reference' as reason_code, "
        f"""'{{"parents": "' || concat_ws(',', {parents}) || '"}}' as reason_values """
        f"from {run_table(entity)} s where {where}"
    )
    con.execute(f"delete from {run_table(entity)} s where {where}")
    return rows_by_month(con, table)
