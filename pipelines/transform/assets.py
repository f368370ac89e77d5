"""dbt models as Dagster assets, built for a month or a month range in one dbt invocation."""

from collections.abc import Iterator

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from pipelines.resources import SalesWarehouse
from pipelines.transform.translator import SalesDbtTranslator
from pipelines.transform.window import dbt_window_env, environment


def build_dbt_assets(project: DbtProject, partitions_def: dg.PartitionsDefinition) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        name="sales_dbt_models",
        partitions_def=partitions_def,
        dagster_dbt_translator=SalesDbtTranslator(),
        backfill_policy=dg.BackfillPolicy.single_run(),
    )
    def sales_dbt_models(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: SalesWarehouse
    ) -> Iterator:
        window = context.partition_key_range
        with environment(dbt_window_env(warehouse.duckdb_path, window.start, window.end)):
            # A fixed target path keeps dbt's partial-parse cache between runs.
            yield from dbt.cli(["build"], context=context, target_path=project.target_path).stream()

    return sales_dbt_models
