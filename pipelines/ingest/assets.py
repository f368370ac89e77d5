"""The raw layer: one asset per raw table, loaded together per month with their blocking checks."""

from collections.abc import Iterator

import dagster as dg

from pipelines.contract import ENTITIES
from pipelines.ingest.load import load_months
from pipelines.ingest.outcomes import failed_checks, raw_key, records_table, run_results
from pipelines.ingest.problems import ExtractRejected
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
# "contract" blocks everything downstream; "volume" only warns.
CHECKS = (("contract", True), ("volume", False))


def _check_specs(partitions_def: dg.PartitionsDefinition) -> list[dg.AssetCheckSpec]:
    """Partitioned like the assets, so Dagster records each month's outcome (and shows which one failed)."""
    specs = []
    for entity in ENTITIES:
        for name, blocking in CHECKS:
            if name == "volume" and entity.kind != "transactional":
                continue
            specs.append(
                dg.AssetCheckSpec(
                    name,
                    asset=raw_key(entity.name),
                    blocking=blocking,
                    description=_check_description(name),
                    partitions_def=partitions_def,
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
        check_specs=_check_specs(partitions_def),
        partitions_def=partitions_def,
        backfill_policy=dg.BackfillPolicy.single_run(),
    )
    def raw_crm_extracts(context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[SalesWarehouse]) -> Iterator:
        window = context.partition_key_range
        months = months_between(window.start, window.end)
        with warehouse.connect() as con:
            try:
                loads = load_months(con, warehouse.settings, months, context.run_id, progress=context.log.info)
            except ExtractRejected as rejected:
                context.log.error(str(rejected))
                yield from failed_checks(rejected.problems, per_month=not context.has_partition_key)
                raise dg.Failure(
                    description=str(rejected),
                    metadata={"failed checks": dg.MetadataValue.md(records_table(rejected.problems))},
                    allow_retries=False,
                ) from None
            except PartialRedelivery as refused:
                context.log.error(str(refused))
                raise dg.Failure(description=str(refused), allow_retries=False) from None
        yield from run_results(loads, RAW_TABLES, RECORD_TABLES, CHECKS, per_month=not context.has_partition_key)

    return raw_crm_extracts
