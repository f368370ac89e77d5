"""`report_email`: after a month's report is written, mail it to SALES_REPORT_EMAIL_TO, once per
month and report version (a rerun whose report says the same sends nothing)."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from pipelines.deliver.deliveries import last_delivery, record_delivery
from pipelines.deliver.mail import DeliveryError, compose, send
from pipelines.months import month_start, months_between
from pipelines.report.assets import REPORT_ASSET
from pipelines.resources import SalesWarehouse

EMAIL_ASSET = dg.AssetKey("report_email")


def build_report_email_asset(partitions_def: dg.PartitionsDefinition) -> dg.AssetsDefinition:
    @dg.multi_asset(
        name="report_email",
        specs=[
            dg.AssetSpec(
                EMAIL_ASSET,
                group_name="report",
                kinds={"email"},
                deps=[REPORT_ASSET],
                skippable=True,
                description="The month's report mailed to SALES_REPORT_EMAIL_TO, PDF and HTML attached.",
            )
        ],
        partitions_def=partitions_def,
        backfill_policy=dg.BackfillPolicy.single_run(),
    )
    def report_email(
        context: dg.AssetExecutionContext, warehouse: dg.ResourceParam[SalesWarehouse]
    ) -> Iterator[dg.AssetMaterialization]:
        settings = warehouse.settings
        email = settings.email
        recipients = ", ".join(email.to)
        window = context.partition_key_range
        for month in months_between(window.start, window.end):
            report = _report_of(context.instance, month)
            version = report["content_version"].value
            with warehouse.connect() as con:
                sent_at = last_delivery(con, month_start(month), version, recipients)
            if sent_at is not None:
                context.log.info(f"{month}: this report was mailed to {recipients} at {sent_at:%Y-%m-%d %H:%M}")
                yield dg.AssetMaterialization(EMAIL_ASSET, partition=month, metadata=_metadata(False, recipients))
                continue
            files = [Path(p) for p in report["files"].value]
            subject = f"{settings.company_name}: monthly sales review {month}"
            message = compose(email, subject, report["summary"].value, files)
            try:
                send(email, message)
            except DeliveryError as error:
                raise dg.Failure(description=f"report for {month} not mailed: {error}", allow_retries=False) from None
            with warehouse.connect() as con:
                record_delivery(con, month_start(month), version, recipients, context.run_id)
            attached = [p.name for p in files if p.suffix in (".pdf", ".html")]
            yield dg.AssetMaterialization(EMAIL_ASSET, partition=month, metadata=_metadata(True, recipients, attached))

    return report_email


def _report_of(instance: dg.DagsterInstance, month: str) -> dict:
    """The metadata of the month's latest report materialization: its files, summary and version."""
    records = instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=REPORT_ASSET, asset_partitions=[month]), limit=1
    ).records
    if not records:
        raise dg.Failure(description=f"no report of {month} to mail: materialize monthly_sales_report first")
    return records[0].asset_materialization.metadata


def _metadata(sent: bool, recipients: str, attached: list[str] | None = None) -> dict:
    return {"sent": sent, "recipients": recipients, "attachments": dg.MetadataValue.json(attached or [])}
