"""What a load tells Dagster (its outcomes): materializations and check results of the raw step, for the run and
for each of its months.

A range run is one step, and Dagster gives every month of it the step's one result (dagster-io/dagster
#18123). So a range run also records each month's own row counts and check outcomes, after the
run's results, as that month's latest materialization and check evaluation: the partitions view then
shows which month failed. A one-month run's results are that month's already.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import dagster as dg

from pipelines.contract import ENTITY_BY_NAME
from pipelines.ingest.month_load import MonthLoad
from pipelines.ingest.problems import CheckRecord


def raw_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", table])


def run_results(
    loads: list[MonthLoad],
    raw_tables: Sequence[str],
    record_tables: Mapping[dg.AssetKey, str],
    checks: Sequence[tuple[str, bool]],
    per_month: bool,
) -> Iterator:
    for key in record_tables:
        metadata = {"months": ", ".join(load.month for load in loads)}
        if key.path[0] == "quarantine":
            metadata["quarantined_rows"] = sum(load.quarantined.get(key.path[1], 0) for load in loads)
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)
    for table in raw_tables:
        rows = {load.month: load.row_counts.get(table) for load in loads}
        yield dg.MaterializeResult(
            asset_key=raw_key(table),
            metadata={
                "months": ", ".join(rows),
                "rows_by_month": dg.MetadataValue.json(rows),
                "quarantined_rows": sum(load.quarantined.get(table, 0) for load in loads),
            },
        )
    for entity in (name for name in raw_tables if name in ENTITY_BY_NAME):
        for name, _ in checks:
            if name == "volume" and ENTITY_BY_NAME[entity].kind != "transactional":
                continue
            yield _check_result(entity, name, loads)
    if per_month:
        yield from _month_outcomes(loads, raw_tables, checks)


def _month_outcomes(loads: list[MonthLoad], raw_tables: Sequence[str], checks: Sequence[tuple[str, bool]]):
    for load in loads:
        for table in raw_tables:
            metadata = {"rows": load.row_counts.get(table), "quarantined_rows": load.quarantined.get(table, 0)}
            yield dg.AssetMaterialization(raw_key(table), partition=load.month, metadata=metadata)
        for entity in (name for name in raw_tables if name in ENTITY_BY_NAME):
            for name, _ in checks:
                if name == "volume" and ENTITY_BY_NAME[entity].kind != "transactional":
                    continue
                yield _evaluation(_check_result(entity, name, [load]), load.month)


def _check_result(entity: str, name: str, loads: list[MonthLoad]) -> dg.AssetCheckResult:
    records = [r for load in loads for r in load.records if r.entity == entity and _belongs(r, name)]
    if name == "volume":
        return _volume_result(entity, records)
    return _contract_result(entity, records, sum(load.quarantined.get(entity, 0) for load in loads))


def _evaluation(result: dg.AssetCheckResult, month: str) -> dg.AssetCheckEvaluation:
    return dg.AssetCheckEvaluation(
        asset_key=result.asset_key,
        check_name=result.check_name,
        passed=result.passed,
        metadata=result.metadata,
        severity=result.severity,
        description=result.description,
        partition=month,
    )


def _volume_result(entity: str, records: list[CheckRecord]) -> dg.AssetCheckResult:
    failed = [r for r in records if not r.passed]
    return dg.AssetCheckResult(
        asset_key=raw_key(entity),
        check_name="volume",
        passed=not failed,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "rules_checked": len(records),
            "failures": dg.MetadataValue.md(records_table(failed) if failed else "none"),
        },
    )


def _contract_result(entity: str, records: list[CheckRecord], quarantined: int) -> dg.AssetCheckResult:
    """Passed once nothing blocks: under SALES_ORPHAN_POLICY=warn the orphans are warnings, set aside in
    quarantine, and the month goes on through dbt and the report (this step only runs when nothing blocked)."""
    warnings = [r for r in records if not r.passed]
    description = None
    if warnings:
        description = f"passed with {len(warnings)} warning(s); {quarantined} row(s) set aside in quarantine.{entity}"
    return dg.AssetCheckResult(
        asset_key=raw_key(entity),
        check_name="contract",
        passed=True,
        severity=dg.AssetCheckSeverity.ERROR,
        description=description,
        metadata={
            "rules_checked": len(records),
            "quarantined_rows": quarantined,
            "warnings": dg.MetadataValue.md(records_table(warnings) if warnings else "none"),
        },
    )


def failed_checks(problems: list[CheckRecord], per_month: bool) -> Iterator:
    """The blocking checks that stopped the run, as failed: for the run and, in a range run, for each
    month that failed them, so the UI shows which rule stopped which month."""
    by_entity: dict[str, list[CheckRecord]] = {}
    for problem in problems:
        by_entity.setdefault(problem.entity, []).append(problem)
    for entity, records in by_entity.items():
        if entity not in ENTITY_BY_NAME:
            continue
        result = _failed_contract(entity, records)
        yield result
        if per_month:
            for month in sorted({r.month for r in records}):
                yield _evaluation(_failed_contract(entity, [r for r in records if r.month == month]), month)


def _failed_contract(entity: str, records: list[CheckRecord]) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key=raw_key(entity),
        check_name="contract",
        passed=False,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"failures": dg.MetadataValue.md(records_table(records))},
    )


def _belongs(record: CheckRecord, check_name: str) -> bool:
    if check_name == "volume":
        return record.check_name == "volume"
    return record.check_name != "volume"


def records_table(records: list[CheckRecord]) -> str:
    lines = [
        "| month | file | column | rule | count | first lines | message |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in records:
        sample = ", ".join(str(n) for n in r.sample_lines)
        message = r.message.replace("|", "\\|").replace("\n", " ")
        lines.append(
            f"| {r.month} | {r.file} | {r.column or ''} | {r.rule} | {r.failing_count} | {sample} | {message} |"
        )
    return "\n".join(lines)
