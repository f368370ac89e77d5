"""What Dagster shows of a month's report: a short Markdown summary (headline KPIs with MoM/YoY) and
the headline figures as numbers its UI can plot across months."""

from __future__ import annotations

from pipelines.report.escaping import md_inline
from pipelines.report.formatting import Formatter
from pipelines.report.model import ReportModel

KPI_NAMES = {"revenue": "Revenue", "orders": "Orders", "aov": "AOV", "active_customers": "Active customers"}
MONEY_KPIS = ("revenue", "aov")


def markdown_summary(model: ReportModel, fmt: Formatter) -> str:
    """In English (Dagster's UI speaks English), formatted by `fmt`."""
    lines = [f"**{model.header.month:%Y-%m}** — {md_inline(model.header.company_name)}"]
    for kpi in model.kpis:
        value = fmt.money(kpi.value) if kpi.metric in MONEY_KPIS else fmt.number(kpi.value)
        lines.append(
            f"- {KPI_NAMES[kpi.metric]}: {value} (MoM {fmt.signed_pct(kpi.mom_pct)}, YoY {fmt.signed_pct(kpi.yoy_pct)})"
        )
    quality = model.quality
    lines.append(f"- Data quality: {quality.status} ({quality.passed} passed, {quality.failed_warnings} warnings)")
    lines.append(f"- Rule findings: {len(model.findings)}")
    return "\n".join(lines)


def headline_figures(model: ReportModel) -> dict[str, float | int | str | None]:
    """Revenue, orders, revenue target and attainment, and the data-quality outcome of the month."""
    revenue, orders = model.kpi("revenue"), model.kpi("orders")
    target = next((t for t in model.company_targets if t.metric == "revenue"), None)
    quality = model.quality
    return {
        "revenue": _number(revenue.value if revenue else None),
        "orders": _number(orders.value if orders else None),
        "revenue_target": _number(target.target_value if target else None),
        "revenue_attainment": _number(target.attainment if target else None),
        "data_quality": quality.status,
        "failed_warnings": quality.failed_warnings,
        "quarantined_rows": quality.quarantined_rows,
        "findings": len(model.findings),
    }


def _number(value) -> float | None:
    return None if value is None else float(value)
