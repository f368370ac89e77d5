"""The raw layer: one asset per raw table, loaded together per month with their blocking checks."""

from collections.abc import Iterator

import dagster as dg

from pipelines.contract import ENTITIES, ENTITY_BY_NAME
from pipelines.ingest.load import load_months
from pipelines.ingest.month_load import MonthLoad
from pipelines.ingest.problems import CheckRecord, ExtractRejected
from pipelines.ingest.redelivery import PartialRedelivery
from pipelines.months import months_between
from pipelines.resources import SalesWarehouse

RAW_TABLES = tuple(e.name for e in ENTITIES) + ("extract_files", "notes")
# The ingest step's own records, written with the raw tables (dbt's staging/ops views read them).
RECORD_TABLES = {
    dg.AssetKey(["ops", "load_log"]): "What each run loaded or refused, per entity and month (failed runs too).",
    dg.AssetKey(["ops", "check_results"]): "Every contract rule each run checked, per entity and month.",
    **{
        dg.AssetKey(["quarantine", e.name]): f"`{e.name}` rows set aside by SALES_ORPHAN_POLICY=warn, with reason."
        for e in ENTITIES
    },
}
CHECKED_ENTITIES = tuple(e.name for e in ENTITIES)
# "contract" blocks everything downstream; "volume" only warns.
CHECKS = (("contract", True), ("volume", False))


def raw_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", table])


def _check_specs() -> list[dg.AssetCheckSpec]:
    specs = []
    for entity in ENTITIES:
        for name, blocking in CHECKS:
            if name == "volume" and entity.kind != "transactional":
                continue
            specs.append(
                dg.AssetCheckSpec(
                    name, asset=raw_key(entity.name), blocking=blocking, description=_check_description(name)
                )
            )
    return specs


def _check_description(name: str) -> str:
    if name == "contract":
        return (
            "The extract contract: file readable, columns and types, keys, not-null, allowed values, "
            "ranges, dates inside the month, references (great-expectations suite)."
        )
    return "Row count within the tolerance of the median of the three months before."


def build_raw_assets(partitions_def: dg.PartitionsDefinition) -> dg.AssetsDefinition:
    @dg.multi_asset(
        name="raw_crm_extracts",
        specs=[
            dg.AssetSpec(
                raw_key(table),
                group_name="raw",
                kinds={"duckdb"},
                description=f"Raw CRM table `raw.{table}`: every delivered month, replaced per month.",
            )
            for table in RAW_TABLES
        ]
        + [
            dg.AssetSpec(key, group_name=key.path[0], kinds={"duckdb"}, description=description)
            for key, description in RECORD_TABLES.items()
        ],
        check_specs=_check_specs(),
        partitions_def=partitions_def,
        backfill_policy=dg.BackfillPolicy.single_run(),
    )
    def raw_crm_extracts(context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[SalesWarehouse]) -> Iterator:
        window = context.partition_key_range
        months = months_between(window.start, window.end)
        with warehouse.connect() as con:
            try:
                loads = load_months(con, warehouse.settings, months, context.run_id)
            except ExtractRejected as rejected:
                context.log.error(str(rejected))
                yield from _failed_checks(rejected.problems)
                raise dg.Failure(
                    description=str(rejected),
                    metadata={"failed checks": dg.MetadataValue.md(_records_table(rejected.problems))},
                    allow_retries=False,
                ) from None
            except PartialRedelivery as refused:
                context.log.error(str(refused))
                raise dg.Failure(description=str(refused), allow_retries=False) from None
        yield from _results(loads)

    return raw_crm_extracts


def _results(loads: list[MonthLoad]) -> Iterator:
    for key in RECORD_TABLES:
        metadata = {"months": ", ".join(load.month for load in loads)}
        if key.path[0] == "quarantine":
            metadata["quarantined_rows"] = sum(load.quarantined.get(key.path[1], 0) for load in loads)
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)
    for table in RAW_TABLES:
        rows = {load.month: load.row_counts.get(table) for load in loads}
        yield dg.MaterializeResult(
            asset_key=raw_key(table),
            metadata={
                "months": ", ".join(rows),
                "rows_by_month": dg.MetadataValue.json(rows),
                "quarantined_rows": sum(load.quarantined.get(table, 0) for load in loads),
            },
        )
    for entity in CHECKED_ENTITIES:
        for name, _ in CHECKS:
            records = [r for load in loads for r in load.records if r.entity == entity and _belongs(r, name)]
            if name == "volume" and ENTITY_BY_NAME[entity].kind != "transactional":
                continue
            if name == "volume":
                yield _volume_result(entity, records)
            else:
                yield _contract_result(entity, records, sum(load.quarantined.get(entity, 0) for load in loads))


def _volume_result(entity: str, records: list[CheckRecord]) -> dg.AssetCheckResult:
    failed = [r for r in records if not r.passed]
    return dg.AssetCheckResult(
        asset_key=raw_key(entity),
        check_name="volume",
        passed=not failed,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "rules_checked": len(records),
            "failures": dg.MetadataValue.md(_records_table(failed) if failed else "none"),
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
            "warnings": dg.MetadataValue.md(_records_table(warnings) if warnings else "none"),
        },
    )


def _failed_checks(problems: list[CheckRecord]) -> Iterator[dg.AssetCheckResult]:
    """Record the blocking checks as failed, so the UI shows which rule stopped the month."""
    by_entity: dict[str, list[CheckRecord]] = {}
    for problem in problems:
        by_entity.setdefault(problem.entity, []).append(problem)
    for entity, records in by_entity.items():
        if entity not in CHECKED_ENTITIES:
            continue
        yield dg.AssetCheckResult(
            asset_key=raw_key(entity),
            check_name="contract",
            passed=False,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={"failures": dg.MetadataValue.md(_records_table(records))},
        )


def _belongs(record: CheckRecord, check_name: str) -> bool:
    if check_name == "volume":
        return record.check_name == "volume"
    return record.check_name != "volume"


def _records_table(records: list[CheckRecord]) -> str:
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
