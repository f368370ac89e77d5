"""The code location: wires settings, partitions, assets, checks, resources and the schedule."""

from __future__ import annotations

import dagster as dg

from pipelines.deliver.assets import build_report_email_asset
from pipelines.ingest.assets import build_raw_assets
from pipelines.partitions import monthly_partitions
from pipelines.publish.assets import build_analyst_db_asset
from pipelines.report.assets import build_report_asset
from pipelines.report.query import REPORT_READS
from pipelines.resources import warehouse_resource
from pipelines.schedules import build_monthly_job, build_monthly_schedule
from pipelines.settings import Settings
from pipelines.transform.assets import build_dbt_assets
from pipelines.transform.project import published_marts, sales_dbt_project
from pipelines.transform.runner import InProcessDbt


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions(Settings.from_env())


def build_definitions(settings: Settings) -> dg.Definitions:
    partitions = monthly_partitions(settings.start_month, settings.schedule_timezone)
    project = sales_dbt_project()
    raw = build_raw_assets(partitions)
    models = build_dbt_assets(project, partitions)
    marts = [key for key in models.keys if key.path[0] == "marts"]
    report = build_report_asset(
        partitions, [key for key in models.keys if key.path[-1] in REPORT_READS], published_marts(project)
    )
    analyst_db = build_analyst_db_asset(partitions, marts)
    # Mail delivery exists only where it is configured (SALES_REPORT_EMAIL_TO).
    delivery = [build_report_email_asset(partitions)] if settings.email else []
    job = build_monthly_job(partitions)
    return dg.Definitions(
        assets=[raw, models, analyst_db, report, *delivery],
        jobs=[job],
        schedules=[build_monthly_schedule(job, settings.schedule_hour)],
        resources={
            "warehouse": warehouse_resource(settings),
            "dbt": InProcessDbt(project),
        },
        # Steps run one at a time in one process: DuckDB allows a single writer, and the warehouse
        # resource holds the run lock from the first step to the last.
        executor=dg.in_process_executor,
    )
