"""dbt models as Dagster assets, built for a month or a month range in one dbt invocation."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtProject, dbt_assets

from pipelines.months import month_start, months_between
from pipelines.resources import SalesWarehouse
from pipelines.settings import Settings
from pipelines.transform.build_log import record_build
from pipelines.transform.restatements import record_restatements
from pipelines.transform.runner import InProcessDbt
from pipelines.transform.translator import SalesDbtTranslator
from pipelines.transform.window import dbt_parse_vars, dbt_window_vars


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
        context: dg.AssetExecutionContext,
        dbt: dg.ResourceParam[InProcessDbt],
        warehouse: dg.ResourceParam[SalesWarehouse],
    ) -> Iterator:
        settings = warehouse.settings
        window = context.partition_key_range
        months = [month_start(key) for key in months_between(window.start, window.end)]
        with warehouse.connect() as con:
            record_build(con, context.run_id, months)
        # Unit tests check the SQL, not the month's data: the test suite runs them.
        yield from dbt.build(
            context,
            ["build", "--exclude-resource-type", "unit_test"],
            duckdb_path=settings.duckdb_path,
            memory_limit=settings.duckdb_memory_limit,
            target_path=warehouse_target_path(project.project_dir / project.target_path, settings),
            parse_vars=dbt_parse_vars(settings.rules, settings.model_vars),
            run_vars=dbt_window_vars(window.start, window.end),
        )
        # Once every model of the window is built: its figures against the ones last published.
        with warehouse.connect() as con:
            restated = record_restatements(con, context.run_id, months)
        context.log.info(f"{restated} published figures restated")

    return sales_dbt_models


def warehouse_target_path(target_path: Path, settings: Settings) -> Path:
    """A fixed target path per warehouse keeps dbt's partial-parse cache between processes.

    The profile names the warehouse, and dbt re-parses the whole project whenever the profile
    differs from the cached parse: a shared target/ would let every test run, benchmark or second
    installation evict the production cache (a full parse is ~2.5x a partial one).
    """
    key = hashlib.sha256(str(settings.duckdb_path.resolve()).encode()).hexdigest()[:12]
    return target_path / "warehouses" / key
