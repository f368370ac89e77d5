"""Guards run before a report is written: the report must match the order facts and
the month's inputs must have passed every error-severity check."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import duckdb

from pipelines.report.query import company_sales, load_quality

CENT = Decimal("0.01")


class ReportRefused(Exception):
    """The report for a month cannot be trusted and was not written."""


def reconcile(con: duckdb.DuckDBPyConnection, month: dt.date) -> None:
    """Raise ReportRefused unless the month's company revenue and orders in the report's
    source mart equal fct_orders' completed orders, and no error-severity check failed."""
    failed = [c for c in load_quality(con, month).checks if c.severity == "error" and not c.passed]
    if failed:
        names = ", ".join(f"{c.entity}.{c.check_name} ({c.failing_count} rows)" for c in failed)
        raise ReportRefused(f"{month:%Y-%m}: {len(failed)} error-severity data checks failed: {names}")
    sales = company_sales(con, month) or {}
    report_revenue, report_orders = sales.get("revenue") or 0.0, sales.get("orders") or 0
    fact_revenue, fact_orders = con.execute(
        """
        select coalesce(sum(revenue), 0), count(distinct order_id)
        from marts.fct_orders where month = ? and status = 'completed'
        """,
        [month],
    ).fetchone()
    # The mart reports cents; the facts keep every decimal of the line revenue.
    fact_revenue = Decimal(fact_revenue).quantize(CENT, ROUND_HALF_UP)
    if Decimal(str(report_revenue)).quantize(CENT, ROUND_HALF_UP) != fact_revenue or report_orders != fact_orders:
        raise ReportRefused(
            f"{month:%Y-%m}: report totals (revenue {report_revenue}, orders {report_orders}) do not match "
            f"fct_orders completed orders (revenue {fact_revenue}, orders {fact_orders})"
        )
