"""The monthly sales review report: marts -> data model -> rules -> Markdown and HTML."""

from pipelines.report.reconcile import ReportRefused, reconcile
from pipelines.report.render import ReportOutput, render_monthly_report

__all__ = ["ReportOutput", "ReportRefused", "reconcile", "render_monthly_report"]
