"""Run the great-expectations suite of each staged entity and apply the orphan policy.

Entities are validated parents first, so that rows quarantined as orphans
(policy `warn`) make their own children orphans too (an order line of a
quarantined order has no order to belong to).
"""

from __future__ import annotations

from datetime import date

import duckdb

from data_checks.outcome import RuleOutcome
from data_checks.runner import validate_month
from pipelines.contract import ENTITIES, ENTITY_BY_NAME, Entity
from pipelines.ingest.problems import CheckRecord
from pipelines.ingest.stage import quote_ident, stage_table


def parents_first() -> list[Entity]:
    ordered: list[Entity] = []

    def visit(entity: Entity) -> None:
        if entity in ordered:
            return
        for column in entity.columns:
            if column.references and column.references != entity.name:
                visit(ENTITY_BY_NAME[column.references])
        ordered.append(entity)

    for entity in ENTITIES:
        visit(entity)
    return ordered


def _reference_flags(entity: Entity, staged: set[str]) -> list[str]:
    """`<col>__ref_found`: null when the value is null, else whether the parent key exists this month."""
    flags = []
    for column in entity.columns:
        if not column.references:
            continue
        parent = ENTITY_BY_NAME[column.references]
        col = quote_ident(column.name)
        if parent.name in staged:
            key = quote_ident(parent.primary_key[0])
            found = f"exists (select 1 from {stage_table(parent)} p where p.{key} = s.{col})"
        else:
            found = "false"  # the parent file is absent, so every reference is an orphan
        flags.append(
            f"case when s.{col} is null then null else {found} end as {quote_ident(column.name + '__ref_found')}"
        )
    return flags


def validate_staged(
    con: duckdb.DuckDBPyConnection,
    month: str,
    staged_files: dict[str, str],
    *,
    channels: tuple[str, ...],
    orphan_policy: str,
) -> tuple[list[CheckRecord], dict[str, int]]:
    """Check every staged entity; returns the check records and the rows quarantined per entity.

    `staged_files` maps entity name -> file name for the entities staged this month.
    Quarantined rows move from stage_<entity> to temp table quarantined_<entity>.
    """
    records: list[CheckRecord] = []
    quarantined: dict[str, int] = {}
    staged = set(staged_files)
    month_day = date(int(month[:4]), int(month[5:]), 1)
    for entity in parents_first():
        if entity.name not in staged:
            continue
        flags = _reference_flags(entity, staged)
        select = ", ".join(["s.*", *flags])
        frame = con.execute(f"select {select} from {stage_table(entity)} s").df()
        outcomes = validate_month(entity, frame, month_day, channels=channels)
        file = staged_files[entity.name]
        for outcome in outcomes:
            records.append(_record(outcome, month, file, orphan_policy))
        orphans = [o for o in outcomes if o.rule == "reference" and not o.passed]
        if orphans and orphan_policy == "warn":
            quarantined[entity.name] = _quarantine(con, entity, [o.column for o in orphans], staged)
    return records, quarantined


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
    )


def _quarantine(con: duckdb.DuckDBPyConnection, entity: Entity, columns: list[str], staged: set[str]) -> int:
    """Move orphan rows to temp table quarantined_<entity>, each with its reason."""
    conditions = []
    for name in columns:
        parent = ENTITY_BY_NAME[entity.column(name).references]
        col = f"s.{quote_ident(name)}"
        orphan = f"{col} is not null"
        if parent.name in staged:
            key = quote_ident(parent.primary_key[0])
            orphan += f" and not exists (select 1 from {stage_table(parent)} p where p.{key} = {col})"
        # Names come from the contract, never from the file, so they are safe to inline.
        reason = f"orphan {name}: no {parent.name} row with this {parent.primary_key[0]} in the month folder"
        conditions.append((f"({orphan})", reason))
    reasons = ", ".join(f"case when {cond} then '{text}' end" for cond, text in conditions)
    where = " or ".join(cond for cond, _ in conditions)
    table = f"quarantined_{entity.name}"
    con.execute(
        f"create or replace temp table {table} as "
        f"select s.*, concat_ws('; ', {reasons}) as reason from {stage_table(entity)} s where {where}"
    )
    con.execute(f"delete from {stage_table(entity)} s where {where}")
    return con.execute(f"select count(*) from {table}").fetchone()[0]
