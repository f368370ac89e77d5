"""The short Markdown summary shown as Dagster metadata: headline KPIs with MoM/YoY."""

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
