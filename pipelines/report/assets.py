"""The monthly summary report, written per month and language under reports/YYYY-MM/."""

from collections.abc import Sequence
from datetime import UTC, datetime

import dagster as dg

from pipelines.months import month_start, months_between
from pipelines.report import ReportRefused, render_monthly_report
from pipelines.resources import SalesWarehouse


def build_report_asset(
    partitions_def: dg.PartitionsDefinition, reads: Sequence[dg.AssetKey], mart_names: Sequence[str]
) -> dg.AssetsDefinition:
    """`reads`: every dbt model the report reads; `mart_names`: the marts its appendix lists."""

    @dg.asset(
        name="monthly_sales_report",
        group_name="report",
        kinds={"markdown", "html"},
        deps=list(reads),
        partitions_def=partitions_def,
        backfill_policy=dg.BackfillPolicy.single_run(),
        description="The monthly sales review (five parts), Markdown and HTML, one file per language.",
    )
    def monthly_sales_report(
        context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[SalesWarehouse]
    ) -> dg.MaterializeResult:
        window = context.partition_key_range
        written, summary = [], ""
        with warehouse.connect(read_only=True) as con:
            for month in months_between(window.start, window.end):
                try:
                    output = render_monthly_report(
                        con,
                        month_start(month),
                        warehouse.settings,
                        mart_names=mart_names,
                        run_id=context.run_id,
                        generated_at=datetime.now(UTC).replace(microsecond=0),
                    )
                except ReportRefused as refused:
                    # The month's previous report files are left exactly as they were.
                    raise dg.Failure(description=f"report not published: {refused}", allow_retries=False) from None
                written.extend(str(p) for p in output.paths)
                summary = output.markdown_summary
        return dg.MaterializeResult(
            metadata={
                "summary": dg.MetadataValue.md(summary),
                "files": dg.MetadataValue.json(written),
                "latest_report": dg.MetadataValue.path(written[-1]) if written else None,
            }
        )

    return monthly_sales_report
