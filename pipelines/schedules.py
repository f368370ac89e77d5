"""The monthly job and the schedule that runs it for the month just closed."""

from __future__ import annotations

import dagster as dg

MONTHLY_JOB = "monthly_sales_job"


def build_monthly_job(partitions_def: dg.PartitionsDefinition) -> dg.UnresolvedAssetJobDefinition:
    return dg.define_asset_job(MONTHLY_JOB, selection=dg.AssetSelection.all(), partitions_def=partitions_def)


def build_monthly_schedule(job: dg.UnresolvedAssetJobDefinition, hour: int) -> dg.ScheduleDefinition:
    """First day of each month at `hour` (partitions' timezone): the previous month is closed then."""
    return dg.build_schedule_from_partitioned_job(
        job, name="monthly_sales_schedule", day_of_month=1, hour_of_day=hour, minute_of_hour=0
    )
