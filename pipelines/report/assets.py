"""The monthly summary report, written per month and language under reports/YYYY-MM/."""

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import dagster as dg

from pipelines.months import month_start, months_between
from pipelines.report import ReportOutput, ReportRefused, render_monthly_report
from pipelines.report.actions import record_actions
from pipelines.report.pdf import pdf_printer
from pipelines.resources import SalesWarehouse

REPORT_ASSET = dg.AssetKey("monthly_sales_report")


def build_report_asset(
    partitions_def: dg.PartitionsDefinition, reads: Sequence[dg.AssetKey], mart_names: Sequence[str]
) -> dg.AssetsDefinition:
    """`reads`: every dbt model the report reads; `mart_names`: the marts its appendix lists."""

    @dg.multi_asset(
        name="monthly_sales_report",
        specs=[
            dg.AssetSpec(
                REPORT_ASSET,
                group_name="report",
                kinds={"markdown", "html", "pdf"},
                deps=list(reads),
                description="The monthly sales review (five parts): Markdown, HTML and PDF for each language.",
            )
        ],
        partitions_def=partitions_def,
        backfill_policy=dg.BackfillPolicy.single_run(),
    )
    def monthly_sales_report(
        context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[SalesWarehouse]
    ) -> Iterator[dg.MaterializeResult | dg.AssetMaterialization]:
        window = context.partition_key_range
        settings = warehouse.settings
        outputs = {}
        # Writable: each month's actions are recorded, and the next month's report follows them up.
        with warehouse.connect() as con, pdf_printer(settings.report_pdf, context.log.warning) as printer:
            months = months_between(window.start, window.end)
            for month in months:
                try:
                    outputs[month] = render_monthly_report(
                        con,
                        month_start(month),
                        settings,
                        mart_names=mart_names,
                        run_id=context.run_id,
                        generated_at=datetime.now(UTC).replace(microsecond=0),
                        printer=printer,
                    )
                except ReportRefused as refused:
                    # The month's previous report files are left exactly as they were.
                    raise dg.Failure(description=f"report not published: {refused}", allow_retries=False) from None
                record_actions(
                    con, month_start(month), outputs[month].findings, settings.rules.max_shown, context.run_id
                )
                context.log.info(f"wrote the report of {month} ({len(outputs)} of {len(months)} months)")
        # Dagster gives every month of a range run the metadata of the asset's one result (dagster-io/dagster
        # #18123), so each month's own summary and figures follow it as that month's latest materialization.
        yield dg.MaterializeResult(asset_key=REPORT_ASSET, metadata={"months": f"{window.start}...{window.end}"})
        for month, output in outputs.items():
            yield dg.AssetMaterialization(REPORT_ASSET, partition=month, metadata=_metadata(output))

    return monthly_sales_report


def _metadata(output: ReportOutput) -> dict:
    paths = [str(p) for p in output.paths]
    figures = {name: value for name, value in output.figures.items() if value is not None}
    return {
        "summary": dg.MetadataValue.md(output.markdown_summary),
        "files": dg.MetadataValue.json(paths),
        "report": dg.MetadataValue.path(next((p for p in paths if p.endswith(".md")), paths[0])),
        "content_version": output.content_version,
        **figures,
    }
