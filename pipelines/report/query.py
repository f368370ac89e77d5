"""Query layer: reads the dbt models of one month (REPORT_READS) into a ReportModel.

Numbers come from the marts as they are: every delta, share, total and count the
report shows is a column of a dbt model (documented and tested there); this
module only selects and orders rows.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import duckdb

from pipelines.months import add_months, month_window
from pipelines.report import model as m

# Every dbt model the report reads (here and in reconcile.py): the report asset's dependencies.
REPORT_READS = (
    "stg_crm__extract_files",
    "stg_crm__notes",
    "stg_ops__check_results",
    "stg_ops__load_logs",
    "mart_quarantined_rows_monthly",
    "mart_quality_summary_monthly",
    "mart_quality_checks_monthly",
    "fct_orders",
    "mart_sales_monthly",
    "mart_customers_monthly",
    "mart_satisfaction_monthly",
    "mart_target_attainment",
    "mart_gap_drivers",
    "mart_market_share",
    "mart_pipeline_monthly",
    "mart_lost_reasons_monthly",
    "mart_campaign_performance",
    "mart_rep_performance",
    "mart_team_performance",
    "mart_rep_attainment_bands",
    "mart_next_month_plan",
    "mart_target_bridge",
    "mart_target_flags",
    "mart_month_expectations",
    "mart_action_follow_up",
    "mart_plan_accuracy",
    "mart_period_to_date",
    "mart_restated_figures",
    "mart_currency_mix_monthly",
)
TREND_MONTHS = 13
MOVER_GRAINS = ("region", "channel", "category", "segment")
KPI_METRICS = ("revenue", "orders", "aov", "active_customers")
PERIOD_METRICS = ("revenue", "orders", "new_customers")
PERIODS = ("qtd", "ytd")
CUSTOMER_METRICS = (
    "new_customers",
    "retained_customers",
    "reactivated_customers",
    "churned_customers",
    "base_customers",
    "repeat_purchase_rate",
    "churn_rate",
)


def _clean(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return m.CrmText(value)
    return value


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: tuple = ()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [{n: _clean(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _build(cls: type, row: dict) -> object:
    """A model dataclass from the row's columns of the same names."""
    return cls(**{name: row.get(name) for name in cls.__dataclass_fields__})


def company_sales(con: duckdb.DuckDBPyConnection, month: dt.date) -> dict | None:
    rows = _rows(con, "select * from marts.mart_sales_monthly where grain = 'company' and month = ?", (month,))
    return rows[0] if rows else None


def _kpis(row: dict | None) -> tuple[m.Kpi, ...]:
    row = row or {}
    return tuple(
        m.Kpi(
            k,
            row.get(k),
            row.get(f"{k}_prev"),
            row.get(f"{k}_ly"),
            row.get(f"{k}_mom_pct"),
            row.get(f"{k}_yoy_pct"),
        )
        for k in KPI_METRICS
    )


def _movers(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.MoverPair, ...]:
    rows = _rows(
        con,
        """
        select grain, grain_value, revenue,
               revenue_mom_delta as mom_delta, revenue_mom_pct as mom_pct,
               revenue_yoy_delta as yoy_delta, revenue_yoy_pct as yoy_pct
        from marts.mart_sales_monthly
        where month = ? and grain in ('region', 'channel', 'category', 'segment')
        order by grain, grain_value
        """,
        (month,),
    )
    pairs = []
    for grain in MOVER_GRAINS:
        for comparison in ("mom", "yoy"):
            movers = [
                m.Mover(grain, r["grain_value"], r["revenue"], r[f"{comparison}_delta"], r[f"{comparison}_pct"])
                for r in rows
                if r["grain"] == grain and r[f"{comparison}_delta"] is not None
            ]
            ups = [x for x in movers if x.delta > 0]
            downs = [x for x in movers if x.delta < 0]
            growth = max(ups, key=lambda x: x.delta) if ups else None
            decline = min(downs, key=lambda x: x.delta) if downs else None
            pairs.append(m.MoverPair(grain, comparison, growth, decline))
    return tuple(pairs)


def _trend(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.TrendPoint, ...]:
    months = month_window(month, TREND_MONTHS)
    rows = _rows(
        con,
        """
        select month, revenue, revenue_ly, orders, aov, active_customers from marts.mart_sales_monthly
        where grain = 'company' and month between ? and ?
        """,
        (months[0], months[-1]),
    )
    by_month = {r["month"]: r for r in rows}
    return tuple(_build(m.TrendPoint, {**by_month.get(mo, {}), "month": mo}) for mo in months)


def _customers(con: duckdb.DuckDBPyConnection, month: dt.date):
    months = month_window(month, TREND_MONTHS)
    rows = _rows(
        con,
        "select * from marts.mart_customers_monthly where segment is null and month between ? and ?",
        (months[0], months[-1]),
    )
    by_month = {r["month"]: r for r in rows}
    now, prev = by_month.get(month, {}), by_month.get(add_months(month, -1), {})
    stats = tuple(
        m.CustomerStat(metric, now.get(metric), prev.get(metric), now.get(f"{metric}_mom_delta"))
        for metric in CUSTOMER_METRICS
    )
    flow = tuple(
        m.CustomerFlowPoint(
            mo,
            by_month.get(mo, {}).get("new_customers"),
            by_month.get(mo, {}).get("retained_customers"),
            by_month.get(mo, {}).get("reactivated_customers"),
            by_month.get(mo, {}).get("churned_customers"),
        )
        for mo in months
    )
    return stats, flow


def _bands(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.AttainmentBands, tuple[m.RampGroup, ...]]:
    """Attainment bands and the new-hire ramp of the month (mart_rep_attainment_bands).

    A month without reps has no row: every band counts 0 and no ramp group is shown.
    """
    rows = _rows(con, "select * from marts.mart_rep_attainment_bands where month = ?", (month,))
    row = rows[0] if rows else {}
    bands = m.AttainmentBands(
        at_or_above=row.get("reps_at_or_above_target", 0),
        between_lagging_and_target=row.get("reps_between_lagging_and_target", 0),
        below_lagging=row.get("reps_below_lagging", 0),
        without_target=row.get("reps_without_target", 0),
        lagging_attainment=row.get("lagging_attainment"),
        lowest=row.get("lowest_attainment"),
        median=row.get("median_attainment"),
        highest=row.get("highest_attainment"),
    )
    ramp = tuple(
        m.RampGroup(group, row[f"{group}_reps"], row[f"{group}_avg_revenue"], row[f"{group}_avg_attainment"])
        for group in ("new_hire", "tenured")
        if row.get(f"{group}_reps")
    )
    return bands, ramp


def _gap_drivers(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.GapDriver, ...]:
    """Gap drivers, largest shortfall first; team ids shown as the team's name."""
    rows = _rows(
        con,
        """
        select g.dimension, coalesce(t.team_name, g.dimension_value) as dimension_value, g.revenue,
               g.revenue_ly, g.delta_vs_ly, g.revenue_target, g.gap_vs_target, g.share_of_company_delta
        from marts.mart_gap_drivers g
        left join marts.mart_team_performance t
            on g.dimension = 'team' and t.team_id = g.dimension_value and t.month = g.month
        where g.month = ?
        order by g.delta_vs_ly nulls last, g.dimension, g.dimension_value
        """,
        (month,),
    )
    return tuple(_build(m.GapDriver, r) for r in rows)


def _pipeline(con: duckdb.DuckDBPyConnection, month: dt.date) -> m.Pipeline | None:
    rows = _rows(con, "select * from marts.mart_pipeline_monthly where month = ?", (month,))
    return _build(m.Pipeline, rows[0]) if rows else None


def _lost_by_reason(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.LostGroup, ...]:
    """Each reason's totals (on every row of the reason), largest amount first."""
    rows = _rows(
        con,
        """
        select distinct lost_reason as name, reason_lost_count as lost_count, reason_lost_amount as lost_amount
        from marts.mart_lost_reasons_monthly where month = ?
        order by lost_amount desc nulls last, name
        """,
        (month,),
    )
    return tuple(_build(m.LostGroup, r) for r in rows)


def _lost_to_competitors(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.LostGroup, ...]:
    """One row per competitor of the reason 'competitor', largest amount first."""
    rows = _rows(
        con,
        """
        select competitor as name, lost_count, lost_amount
        from marts.mart_lost_reasons_monthly where month = ? and lost_reason = 'competitor'
        order by lost_amount desc nulls last, name
        """,
        (month,),
    )
    return tuple(_build(m.LostGroup, r) for r in rows)


def _campaign_spend(con: duckdb.DuckDBPyConnection, month: dt.date) -> float | None:
    """The month's total campaign spend; None in a month without campaigns (no rows)."""
    rows = _rows(
        con, "select distinct month_total_spend from marts.mart_campaign_performance where month = ?", (month,)
    )
    return rows[0]["month_total_spend"] if rows else None


def _channels(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.ChannelRow, ...]:
    rows = _rows(
        con,
        """
        select grain_value as channel, revenue, orders, aov,
               revenue_share_of_company as share, revenue_mom_pct, revenue_yoy_pct, revenue_prev
        from marts.mart_sales_monthly
        where month = ? and grain = 'channel'
        order by revenue desc nulls last, channel
        """,
        (month,),
    )
    return tuple(_build(m.ChannelRow, r) for r in rows)


def _plan(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.PlanRow, ...]:
    rows = _rows(
        con,
        """
        select metric, proposed_target, method, provided_target, ? as base_month,
               base_value_m_minus_11 as base_value, recent_3m_sum as recent_sum, recent_months,
               prior_year_3m_sum as prior_year_sum, growth_rate as growth, months_of_history
        from marts.mart_next_month_plan where month = ? order by metric
        """,
        (add_months(month, -11), month),
    )
    return tuple(_build(m.PlanRow, r) for r in rows)


def _market(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.MarketRow, ...]:
    """The company row first, then regions by market share change, largest fall first."""
    rows = _rows(
        con,
        """
        select region, revenue, market_size, market_share, market_share_prev, market_size_mom_pct,
               market_share_mom_delta as market_share_change
        from marts.mart_market_share where month = ?
        order by region is not null, market_share_change nulls last, region
        """,
        (month,),
    )
    return tuple(_build(m.MarketRow, r) for r in rows)


def _quarantined(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.QuarantineRow, ...]:
    """Rows of the month in quarantine, per entity and reason, largest first."""
    rows = _rows(
        con,
        "select entity, reason, reason_code, reason_values, row_count from marts.mart_quarantined_rows_monthly "
        "where month = ? order by entity, row_count desc, reason",
        (month,),
    )
    return tuple(_build(m.QuarantineRow, _with_reason_values(r)) for r in rows)


def _with_reason_values(row: dict) -> dict:
    """reason_values is a JSON object written by ingest: the figures its reason's sentence needs."""
    return row | {"reason_values": json.loads(row["reason_values"]) if row["reason_values"] else {}}


def load_quality(con: duckdb.DuckDBPyConnection, month: dt.date) -> m.DataQuality:
    """Check and load results of the latest run that checked the month (mart_quality_summary_monthly picks it).

    A month nothing checked or quarantined has no summary row: no run, every count 0.
    """
    summaries = _rows(con, "select * from marts.mart_quality_summary_monthly where month = ?", (month,))
    summary = summaries[0] if summaries else {}
    run_id = summary.get("run_id")
    checks = _rows(
        con,
        """
        select entity, check_name, rule, severity, passed, failing_count, message, sample_lines,
            reason_code, reason_values
        from staging.stg_ops__check_results where batch_month = ? and run_id = ?
        order by passed, severity, entity, check_name
        """,
        (month, run_id),
    )
    loads = _rows(
        con,
        """
        select entity, source_file, status, rows_loaded, errors, warnings from staging.stg_ops__load_logs
        where batch_month = ? and run_id = (
            select run_id from staging.stg_ops__load_logs where batch_month = ? order by logged_at desc limit 1)
        order by entity
        """,
        (month, month),
    )
    by_entity = _rows(
        con,
        """
        select entity, passed_checks as passed, failed_non_error_checks as warnings, failed_error_checks as failed
        from marts.mart_quality_checks_monthly where month = ?
        order by entity nulls last
        """,
        (month,),
    )
    return m.DataQuality(
        run_id,
        tuple(_build(m.CheckRow, _with_reason_values(r)) for r in checks),
        tuple(_build(m.LoadRow, r) for r in loads),
        _quarantined(con, month),
        tuple(_build(m.EntityChecks, r) for r in by_entity),
        check_count=summary.get("checks", 0),
        passed=summary.get("passed_checks", 0),
        failed_warnings=summary.get("failed_warning_checks", 0),
        failed_errors=summary.get("failed_error_checks", 0),
        quarantined_rows=summary.get("quarantined_rows", 0),
    )


def _follow_up(con: duckdb.DuckDBPyConnection, month: dt.date) -> tuple[m.FollowUp, ...]:
    """The actions last month's report showed, one per position (a grouped action has several rows)."""
    rows = _rows(
        con,
        "select * from marts.mart_action_follow_up where month = ? and shown order by position, tracked_key",
        (month,),
    )
    positions: dict[int, list[dict]] = {}
    for row in rows:
        positions.setdefault(row["position"], []).append(row)
    return tuple(
        m.FollowUp(
            position,
            group[0]["rule"],
            group[0]["owner"],
            group[0]["owner_role"],
            group[0]["due"],
            tuple(_build(m.FollowUpValue, r) for r in group),
        )
        for position, group in positions.items()
    )


def _period_to_date(con: duckdb.DuckDBPyConnection, month: dt.date) -> m.PeriodToDate | None:
    """mart_period_to_date's wide row as one figure per metric and period."""
    rows = _rows(con, "select * from marts.mart_period_to_date where month = ?", (month,))
    if not rows:
        return None
    row = rows[0]
    figures = tuple(
        m.PeriodFigure(
            metric,
            period,
            actual=row[f"{metric}_{period}"],
            ly=row[f"{metric}_{period}_ly"],
            yoy_pct=row[f"{metric}_{period}_yoy_pct"],
            target=row[f"{metric}_target_{period}"],
            attainment=row[f"{metric}_attainment_{period}"],
        )
        for period in PERIODS
        for metric in PERIOD_METRICS
    )
    return m.PeriodToDate(row["fiscal_year"], row["fiscal_quarter"], row["month_of_fiscal_year"], figures)


def _currency_mix(con: duckdb.DuckDBPyConnection, month: dt.date, sales: dict | None) -> m.CurrencyMix:
    sales = sales or {}
    return m.CurrencyMix(
        _by_month(con, "mart_currency_mix_monthly", m.CurrencyRow, month, "revenue desc, currency"),
        *(sales.get(c) for c in ("revenue_mom_pct", "revenue_mom_pct_cc", "revenue_yoy_pct", "revenue_yoy_pct_cc")),
    )


def _header(con, month, company_name, currency, generated_at, run_id) -> m.Header:
    window = _rows(
        con, "select min(batch_month) as first, max(batch_month) as last from staging.stg_crm__extract_files"
    )[0]
    return m.Header(
        month,
        m.CrmText(company_name),
        m.CrmText(currency),
        window["first"],
        window["last"],
        generated_at,
        m.CrmText(run_id),
    )


def _by_month(con: duckdb.DuckDBPyConnection, table: str, cls: type, month: dt.date, order: str):
    rows = _rows(con, f"select * from marts.{table} where month = ? order by {order}", (month,))
    return tuple(_build(cls, r) for r in rows)


def load_model(
    con: duckdb.DuckDBPyConnection,
    month: dt.date,
    *,
    company_name: str,
    currency: str,
    generated_at: dt.datetime,
    run_id: str,
) -> m.ReportModel:
    sales = company_sales(con, month)
    customers, flow = _customers(con, month)
    bands, ramp = _bands(con, month)
    files = _rows(
        con, "select entity, provided, row_count from staging.stg_crm__extract_files where batch_month = ?", (month,)
    )
    provided = {r["entity"]: bool(r["provided"]) for r in files}
    empty = frozenset(r["entity"] for r in files if r["provided"] and r["row_count"] == 0)
    notes = {
        r["section"]: r["body"]
        for r in _rows(con, "select section, body from staging.stg_crm__notes where batch_month = ?", (month,))
    }
    return m.ReportModel(
        header=_header(con, month, company_name, currency, generated_at, run_id),
        provided=provided,
        empty_extracts=empty,
        kpis=_kpis(sales),
        status_counts={k: (sales or {}).get(k) for k in ("cancelled_orders", "returned_orders", "returned_revenue")},
        movers=_movers(con, month),
        trend=_trend(con, month),
        customers=customers,
        customer_flow=flow,
        satisfaction=_by_month(con, "mart_satisfaction_monthly", m.Satisfaction, month, "segment nulls first"),
        targets=_by_month(con, "mart_target_attainment", m.TargetRow, month, "scope, scope_id, metric"),
        teams=_by_month(
            con,
            "mart_team_performance",
            m.TeamRow,
            month,
            "revenue_attainment desc nulls last, revenue desc nulls last, team_id",
        ),
        reps=_by_month(
            con,
            "mart_rep_performance",
            m.RepRow,
            month,
            "revenue_attainment desc nulls last, revenue desc nulls last, rep_id",
        ),
        bands=bands,
        ramp=ramp,
        gap_drivers=_gap_drivers(con, month),
        market=_market(con, month),
        pipeline=_pipeline(con, month),
        pipeline_prev=_pipeline(con, add_months(month, -1)),
        lost_by_reason=_lost_by_reason(con, month),
        lost_to_competitors=_lost_to_competitors(con, month),
        campaigns=_by_month(
            con,
            "mart_campaign_performance",
            m.CampaignRow,
            month,
            "roas desc nulls last, attributed_revenue desc nulls last, campaign_id",
        ),
        campaign_spend=_campaign_spend(con, month),
        campaign_spend_prev=_campaign_spend(con, add_months(month, -1)),
        channels=_channels(con, month),
        plan=_plan(con, month),
        notes=notes,
        quality=load_quality(con, month),
        bridge=_by_month(con, "mart_target_bridge", m.BridgeStep, month, "step"),
        target_flags=_by_month(con, "mart_target_flags", m.TargetFlag, month, "flag, scope, scope_id, metric"),
        expectations=_by_month(
            con, "mart_month_expectations", m.Expectation, month, "grain, grain_value nulls first, metric"
        ),
        follow_up=_follow_up(con, month),
        plan_accuracy=_by_month(con, "mart_plan_accuracy", m.PlanCheck, month, "metric"),
        period_to_date=_period_to_date(con, month),
        restated=_by_month(
            con,
            "mart_restated_figures",
            m.RestatedFigure,
            month,
            "restated_month, case grain when 'company' then 1 when 'team' then 2 else 3 end, grain_value nulls first, "
            "metric, restated_at",
        ),
        currency_mix=_currency_mix(con, month, sales),
    )
