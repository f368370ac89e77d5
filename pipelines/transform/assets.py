"""dbt models as Dagster assets, built for a month or a month range in one dbt invocation."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from pipelines.months import month_start, months_between
from pipelines.publish.pending_months import mark_pending
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
    def sales_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: SalesWarehouse) -> Iterator:
        window = context.partition_key_range
        with warehouse.connect() as con:
            mark_pending(con, [month_start(key) for key in months_between(window.start, window.end)])
        env = dbt_window_env(warehouse.duckdb_path, window.start, window.end, warehouse.duckdb_memory_limit)
        with environment(env):
            # Unit tests check the SQL, not the month's data: the test suite runs them.
            yield from dbt.cli(
                ["build", "--exclude-resource-type", "unit_test"],
                context=context,
                target_path=warehouse_target_path(project.target_path, warehouse),
            ).stream()

    return sales_dbt_models


def warehouse_target_path(target_path: Path, warehouse: SalesWarehouse) -> Path:
    """A fixed target path per warehouse keeps dbt's partial-parse cache between runs.

    The profile reads SALES_DUCKDB_PATH, and dbt re-parses the whole project whenever the profile
    differs from the cached parse: a shared target/ would let every test run, benchmark or second
    installation evict the production cache (a full parse is ~2.5x a partial one).
    """
    key = hashlib.sha256(str(Path(warehouse.duckdb_path).resolve()).encode()).hexdigest()[:12]
    return target_path / "warehouses" / key
