"""The analysts' copy of the marts, replaced as a whole after every successful build."""

from collections.abc import Sequence

import dagster as dg

from pipelines.publish.analyst_db import publish_analyst_db
from pipelines.resources import SalesWarehouse


def build_analyst_db_asset(
    partitions_def: dg.PartitionsDefinition, marts: Sequence[dg.AssetKey]
) -> dg.AssetsDefinition:
    @dg.asset(
        name="analyst_marts",
        group_name="publish",
        kinds={"duckdb"},
        deps=list(marts),
        partitions_def=partitions_def,
        backfill_policy=dg.BackfillPolicy.single_run(),
        description=(
            "The marts as analysts read them: a separate DuckDB file (SALES_ANALYST_DUCKDB_PATH) replaced "
            "atomically once every month of the run is built, so readers never see a half-written month."
        ),
    )
    def analyst_marts(
        context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[SalesWarehouse]
    ) -> dg.MaterializeResult:
        settings = warehouse.settings
        counts = publish_analyst_db(settings.duckdb_path, settings.analyst_duckdb_path, settings.faults)
        context.log.info(f"published {len(counts)} tables to {settings.analyst_duckdb_path}")
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(settings.analyst_duckdb_path)),
                "rows": dg.MetadataValue.json(counts),
            }
        )

    return analyst_marts
