"""Hand-written marts, raw and ops tables for the report tests (report month 2025-02).

The numbers are chosen so the expected report values can be worked out by hand
(see the comments), and so every rule in rules.toml fires exactly where stated.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from pipelines.months import add_months

MONTH = dt.date(2025, 2, 1)
PREV = dt.date(2025, 1, 1)
FIRST = dt.date(2024, 1, 1)
HOSTILE_REP = "<script>alert(1)</script>"
HOSTILE_TEAM = "*x* | y"
ORPHAN_REASON = "orphan product_id: no products row with this product_id in the month folder"
ORPHAN_CODE = """'unknown_reference', '{"parents": "products"}'"""

# Company revenue, orders, active customers for 2024-01 .. 2025-02 (14 months).
# M = 12,345.5 / 9 / 8; M-1 = 14,000 / 14 / 10; M-12 = 11,000 / 10 / 8.
COMPANY = [
    (10000, 10, 8),
    (11000, 10, 8),
    (10500, 10, 8),
    (12000, 10, 8),
    (12500, 10, 8),
    (13000, 10, 8),
    (12800, 10, 8),
    (13500, 10, 8),
    (14200, 10, 8),
    (13900, 10, 8),
    (15000, 10, 8),
    (16000, 10, 8),
    (14000, 14, 10),
    (12345.5, 9, 8),
]
SALES_METRICS = ("revenue", "orders", "aov", "active_customers")


def _pct(now, base):
    return None if now is None or base in (None, 0) else (now - base) / base


def _delta(now, base):
    return None if now is None or base is None else now - base


def _sales_row(month, grain, value, now: dict, prev: dict, ly: dict, company_revenue, statuses=(0, 0, 0)) -> tuple:
    row = [month, grain, value] + [now.get(m) for m in SALES_METRICS] + list(statuses)
    for metric in SALES_METRICS:
        row += [
            prev.get(metric),
            ly.get(metric),
            _pct(now.get(metric), prev.get(metric)),
            _pct(now.get(metric), ly.get(metric)),
        ]
    # revenue_mom_delta, revenue_yoy_delta, revenue_share_of_company
    revenue = now.get("revenue")
    row += [_delta(revenue, prev.get("revenue")), _delta(revenue, ly.get("revenue")), revenue / company_revenue]
    return tuple(row)


def _kpis(revenue, orders, active):
    return {
        "revenue": revenue,
        "orders": orders,
        "aov": revenue / orders if orders else None,
        "active_customers": active,
    }


def _sales_rows() -> list[tuple]:
    months = [add_months(FIRST, i) for i in range(len(COMPANY))]
    company = {mo: _kpis(*values) for mo, values in zip(months, COMPANY, strict=True)}
    rows = [
        _sales_row(
            mo,
            "company",
            None,
            company[mo],
            company.get(add_months(mo, -1), {}),
            company.get(add_months(mo, -12), {}),
            company[mo]["revenue"],
            (1, 1, 250) if mo == MONTH else (0, 0, 0),
        )
        for mo in months
    ]
    # grain rows of M as (grain, value, revenue, orders, revenue M-1, orders M-1, revenue M-12)
    grains = [
        ("channel", "online", 8000, 5, 7000, 7, 7000),
        ("channel", "offline", 3000, 3, 5000, 5, 4000),  # -40.0% MoM: channel_decline fires
        ("channel", "agent", 1345.5, 1, 2000, 2, None),  # no revenue last year: YoY n/a
        ("region", "north", 7345.5, 5, 6000, 7, 5000),  # biggest MoM growth +1,345.50 (+22.4%)
        ("region", "south", 5000, 4, 8000, 7, 6000),  # biggest MoM decline -3,000.00 (-37.5%)
        ("category", "a", 10000, 7, 9000, 10, 8000),
        ("category", "b", 2345.5, 3, 5000, 5, 3000),
        ("segment", "smb", 6000, 5, 7000, 7, 5000),
        ("segment", "enterprise", 6345.5, 4, 7000, 7, 6000),
    ]
    for grain, value, revenue, orders, revenue_prev, orders_prev, revenue_ly in grains:
        rows.append(
            _sales_row(
                MONTH,
                grain,
                value,
                _kpis(revenue, orders, None),
                _kpis(revenue_prev, orders_prev, None),
                {"revenue": revenue_ly},
                company[MONTH]["revenue"],  # shares of 12,345.5, e.g. agent 1,345.5 -> 10.9 %
            )
        )
    return rows


def _customer_rows() -> list[tuple]:
    rows = []
    for i in range(13):
        mo = add_months(FIRST, i + 1)
        if mo == MONTH:  # churn rate 0.2 vs 0.1: churn_rate_up fires (+10.0 pp)
            rows.append((mo, None, 20, 8, 2, 5, 1, 4, 0.25, 0.2))
        elif mo == PREV:
            rows.append((mo, None, 20, 10, 3, 6, 1, 2, 0.3, 0.1))
        else:
            rows.append((mo, None, 18, 8, 2, 5, 1, 1, 5 / 18, 1 / 18))
    rows.append((MONTH, "smb", 10, 5, 1, 3, 1, 2, 0.3, 0.2))
    return _with_customer_deltas(rows)


def _with_customer_deltas(rows: list[tuple]) -> list[tuple]:
    """Each row with its *_mom_delta columns against the row of M-1 (as the mart computes them): counts of
    new, retained, reactivated, churned and base customers (0 for a segment absent from a loaded M-1,
    null when M-1 has no company row), then repeat purchase and churn rates (null without an M-1 row)."""
    by_key = {(r[0], r[1]): r for r in rows}
    loaded = {r[0] for r in rows if r[1] is None}
    with_deltas = []
    for row in rows:
        prev_month = add_months(row[0], -1)
        prev = by_key.get((prev_month, row[1]))
        counts = [row[i] - (prev[i] if prev else 0) if prev_month in loaded else None for i in (4, 5, 6, 7, 2)]
        rates = [row[i] - prev[i] if prev else None for i in (8, 9)]
        with_deltas.append((*row, *counts, *rates))
    return with_deltas


def _plain_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema marts; create schema raw; create schema ops")
    comparisons = ", ".join(
        f"{m}_prev double, {m}_ly double, {m}_mom_pct double, {m}_yoy_pct double" for m in SALES_METRICS
    )
    con.execute(f"""
        create table marts.mart_sales_monthly (month date, grain varchar, grain_value varchar,
            revenue decimal(18,4), orders bigint, aov double, active_customers bigint,
            cancelled_orders bigint,
            returned_orders bigint, returned_revenue decimal(18,4), {comparisons},
            revenue_mom_delta decimal(18,4), revenue_yoy_delta decimal(18,4), revenue_share_of_company double)""")
    con.executemany(f"insert into marts.mart_sales_monthly values ({', '.join(['?'] * 29)})", _sales_rows())
    con.execute("""
        create table marts.mart_customers_monthly (month date, segment varchar, base_customers bigint,
            active_customers bigint, new_customers bigint, retained_customers bigint,
            reactivated_customers bigint, churned_customers bigint, repeat_purchase_rate double,
            churn_rate double, new_customers_mom_delta bigint, retained_customers_mom_delta bigint,
            reactivated_customers_mom_delta bigint, churned_customers_mom_delta bigint,
            base_customers_mom_delta bigint, repeat_purchase_rate_mom_delta double, churn_rate_mom_delta double)""")
    con.executemany(f"insert into marts.mart_customers_monthly values ({', '.join(['?'] * 17)})", _customer_rows())


FIXTURE_SQL = f"""
create table marts.fct_orders (order_id varchar, month date, order_date date, customer_id varchar,
    rep_id varchar, team_id varchar, region varchar, segment varchar, channel varchar, campaign_id varchar,
    status varchar, revenue decimal(18,4), lines bigint, is_first_order boolean);
-- 9 completed orders of M: 8 x 1,000 + 4,345.5 = 12,345.5; one cancelled order does not count
insert into marts.fct_orders
    select 'o' || i, date '2025-02-01', date '2025-02-10', 'c' || i, 'r1', 't1', 'north', 'smb', 'online',
           null, 'completed', 1000, 1, false from range(1, 9) t(i);
insert into marts.fct_orders values
    ('o9', date '2025-02-01', date '2025-02-11', 'c9', 'r1', 't1', 'north', 'smb', 'online', null,
     'completed', 4345.5, 2, true),
    ('o10', date '2025-02-01', date '2025-02-12', 'c9', 'r1', 't1', 'north', 'smb', 'online', null,
     'cancelled', 500, 1, false);

create table marts.mart_satisfaction_monthly (month date, segment varchar, responses bigint,
    promoters bigint, passives bigint, detractors bigint, nps double, csat_avg double, nps_prev double,
    csat_avg_prev double, nps_mom_delta double);
-- NPS 20 vs 30 last month (-10): nps_drop fires (10 points)
insert into marts.mart_satisfaction_monthly values
    (date '2025-02-01', null, 10, 5, 2, 3, 20, 4.1, 30, 4.3, -10),
    (date '2025-02-01', 'smb', 4, 2, 1, 1, 25, 4.25, null, null, null);

create table marts.mart_target_attainment (month date, scope varchar, scope_id varchar, metric varchar,
    target_value decimal(18,4), actual decimal(18,4), attainment double, gap decimal(18,4));
insert into marts.mart_target_attainment values
    (date '2025-02-01', 'company', null, 'revenue', 15000, 12345.5, 12345.5 / 15000, -2654.5),
    (date '2025-02-01', 'company', null, 'orders', 9, 9, 1.0, 0),
    (date '2025-02-01', 'team', 't1', 'revenue', 7500, 8345.5, 8345.5 / 7500, 845.5),
    (date '2025-02-01', 'team', 't2', 'revenue', 6000, 4000, 4000 / 6000, -2000);

create table marts.mart_rep_performance (month date, rep_id varchar, rep_name varchar, team_id varchar,
    team_name varchar, hire_date date, tenure_months bigint, revenue decimal(18,4), orders bigint,
    active_customers bigint, new_customers bigint, revenue_target decimal(18,4), revenue_attainment double,
    won_count bigint, lost_count bigint, win_rate double, revenue_mom_pct double, revenue_yoy_pct double,
    rank_in_company bigint, rank_in_team bigint, counts_in_roster boolean, is_team_manager boolean);
-- bands: r1 >= 100 %, r3 80-100 %, r2 below 80 %, r4 without target; r3 is the only new hire
insert into marts.mart_rep_performance values
    (date '2025-02-01', 'r1', 'Ann Lee', 't1', 'North Stars', date '2020-01-01', 61, 6000, 4, 4, 1, 5000, 1.2,
     2, 1, 2 / 3, 0.2, 0.1, 1, 1, true, false),
    (date '2025-02-01', 'r3', 'Chen Wei 陈伟', 't1', 'North Stars', date '2024-11-01', 3, 2345.5, 2, 2, 1,
     2500, 2345.5 / 2500, 1, 1, 0.5, null, null, 2, 2, true, false),
    (date '2025-02-01', 'r2', '{HOSTILE_REP}', 't2', '{HOSTILE_TEAM}', date '2019-05-01', 69, 2000, 2, 1, 0,
     4000, 0.5, 0, 3, 0, -0.4, -0.2, 3, 1, true, false),
    (date '2025-02-01', 'r4', 'Dan Roe', 't2', '{HOSTILE_TEAM}', date '2018-05-01', 81, 2000, 1, 1, 0,
     null, null, 1, 1, 0.5, 0.0, 0.0, 4, 2, true, false);

create table marts.mart_rep_attainment_bands (month date, reps_at_or_above_target bigint,
    reps_between_lagging_and_target bigint, reps_below_lagging bigint, reps_without_target bigint,
    lagging_attainment decimal(9, 4), lowest_attainment double, median_attainment double,
    highest_attainment double, new_hire_reps bigint,
    new_hire_avg_revenue double, new_hire_avg_attainment double, tenured_reps bigint,
    tenured_avg_revenue double, tenured_avg_attainment double);
-- the reps above: one per band; median of 0.5, 0.938, 1.2 is r3's 0.938; new hire r3 alone;
-- tenured r1, r2, r4: revenue (6,000 + 2,000 + 2,000) / 3, attainment (1.2 + 0.5) / 2 (r4 has no target)
insert into marts.mart_rep_attainment_bands values
    (date '2025-02-01', 1, 1, 1, 1, 0.8, 0.5, 2345.5 / 2500, 1.2, 1, 2345.5, 2345.5 / 2500, 3, 10000 / 3, 0.85);

create table marts.mart_team_performance (month date, team_id varchar, team_name varchar,
    manager_name varchar, reps bigint, revenue decimal(18,4), orders bigint, active_customers bigint,
    new_customers bigint, revenue_target decimal(18,4), revenue_attainment double, win_rate double,
    revenue_mom_pct double, revenue_yoy_pct double, reps_at_or_above_target bigint, reps_below_80pct bigint);
-- team t2 at 66.7 %: team_below_target fires, owner Bob Stone
insert into marts.mart_team_performance values
    (date '2025-02-01', 't1', 'North Stars', 'Alice Grant', 2, 8345.5, 6, 6, 2, 7500, 8345.5 / 7500, 0.6,
     0.05, 0.1, 1, 0),
    (date '2025-02-01', 't2', '{HOSTILE_TEAM}', 'Bob Stone', 2, 4000, 3, 2, 0, 6000, 4000 / 6000, 0.2,
     -0.3, -0.2, 0, 1);

create table marts.mart_pipeline_monthly (month date, won_count bigint, won_amount decimal(18,4),
    lost_count bigint, lost_amount decimal(18,4), win_rate double, avg_cycle_days double,
    open_pipeline decimal(18,4), next_month_pipeline decimal(18,4),
    next_month_revenue_target decimal(18,4), pipeline_coverage double, win_rate_mom_delta decimal(18,6),
    open_pipeline_mom_delta decimal(18,4));
-- win rate 40 % vs 50 % (-0.1): win_rate_down fires; coverage 12,000 / 16,000 = 75 %: low_pipeline_coverage
-- fires; open pipeline 20,000 vs 22,000 (-2,000). January has no December row: its deltas are null.
insert into marts.mart_pipeline_monthly values
    (date '2025-02-01', 4, 8000, 6, 5000, 0.4, 30, 20000, 12000, 16000, 0.75, -0.1, -2000),
    (date '2025-01-01', 5, 9000, 5, 4000, 0.5, 28, 22000, 15000, 15000, 1.0, null, null);

create table marts.mart_lost_reasons_monthly (month date, lost_reason varchar, competitor varchar,
    lost_count bigint, lost_amount decimal(18,4), reason_lost_count bigint, reason_lost_amount decimal(18,4));
-- lost to competitors: 3 + 1 = 4 opportunities, 3,000 + 1,000 = 4,000
insert into marts.mart_lost_reasons_monthly values
    (date '2025-02-01', 'competitor', 'Acme', 3, 3000, 4, 4000),
    (date '2025-02-01', 'competitor', 'Globex', 1, 1000, 4, 4000),
    (date '2025-02-01', 'price', null, 1, 600, 1, 600),
    (date '2025-02-01', 'no_budget', null, 1, 400, 1, 400);

create table marts.mart_campaign_performance (month date, campaign_id varchar, campaign_name varchar,
    campaign_type varchar, channel varchar, spend decimal(18,4), attributed_revenue decimal(18,4),
    attributed_orders bigint, roas double, roi double, month_total_spend decimal(18,4));
-- Radio Ads ROAS 0.5: campaign_low_roas fires; total spend 1,000 + 2,000 = 3,000 vs 2,500
insert into marts.mart_campaign_performance values
    (date '2025-02-01', 'k1', 'Spring Promo', 'promotion', 'online', 1000, 3000, 3, 3.0, 2.0, 3000),
    (date '2025-02-01', 'k2', 'Radio Ads', 'advertising', 'offline', 2000, 1000, 1, 0.5, -0.5, 3000),
    (date '2025-01-01', 'k1', 'Spring Promo', 'promotion', 'online', 2500, 3000, 3, 1.2, 0.2, 2500);

create table marts.mart_market_share (month date, region varchar, revenue decimal(18,4),
    market_size decimal(18,4), market_share double, market_share_prev double, market_size_mom_pct double,
    market_share_mom_delta double);
-- share changes: company 0.123455 - 0.14, north 0.14691 - 0.12, south 0.1 - 0.16 (the largest fall)
insert into marts.mart_market_share values
    (date '2025-02-01', null, 12345.5, 100000, 0.123455, 0.14, 0.05, -0.016545),
    (date '2025-02-01', 'north', 7345.5, 50000, 0.14691, 0.12, 0.02, 0.02691),
    (date '2025-02-01', 'south', 5000, 50000, 0.1, 0.16, 0.08, -0.06);

create table marts.mart_gap_drivers (month date, dimension varchar, dimension_value varchar,
    revenue decimal(18,4), revenue_ly decimal(18,4), delta_vs_ly decimal(18,4),
    revenue_target decimal(18,4), gap_vs_target decimal(18,4), share_of_company_delta double);
-- Below their own targets: team t2 -2,000, region south -1,500 (a region target, to rank two gaps);
-- team t1 is above its target. Against last year: t2 -1,500, south -1,000, offline -1,000, b -654.5.
insert into marts.mart_gap_drivers values
    (date '2025-02-01', 'region', 'south', 5000, 6000, -1000, 6500, -1500, -0.5),
    (date '2025-02-01', 'region', 'north', 7345.5, 5000, 2345.5, null, null, 1.5),
    (date '2025-02-01', 'channel', 'offline', 3000, 4000, -1000, null, null, -0.5),
    (date '2025-02-01', 'team', 't1', 8345.5, 7000, 1345.5, 7500, 845.5, 0.5),
    (date '2025-02-01', 'team', 't2', 4000, 5500, -1500, 6000, -2000, -0.75),
    (date '2025-02-01', 'category', 'b', 2345.5, 3000, -654.5, null, null, -0.25);

create table marts.mart_next_month_plan (month date, plan_month date, metric varchar,
    proposed_target decimal(18,2), method varchar, provided_target decimal(18,4),
    base_value_m_minus_11 decimal(28,6), recent_3m_sum decimal(28,6), recent_months bigint,
    prior_year_3m_sum decimal(28,6), growth_rate decimal(28,6), months_of_history bigint);
-- seasonal_growth: base x recent / prior year, e.g. 12,000 x 36,300 / 33,000 = 13,200 (growth +10.0 %);
-- new customers fall back to the three-month mean (prior-year sum 0): 7 / 2 loaded months = 3.5.
-- (Hand-written plan rows: 15 months of history, one more than the fixture's sales months.)
insert into marts.mart_next_month_plan values
    (date '2025-02-01', date '2025-03-01', 'revenue', 13200, 'seasonal_growth', 16000, 12000, 36300, 3,
     33000, 0.1, 15),
    (date '2025-02-01', date '2025-03-01', 'orders', 11, 'seasonal_growth', null, 10, 33, 3, 30, 0.1, 15),
    (date '2025-02-01', date '2025-03-01', 'new_customers', 3.5, 'three_month_mean', null, 2, 7, 2, 0, null,
     15);

create table marts.mart_action_follow_up (month date, action_month date, position integer, rule varchar,
    subject varchar, owner varchar, owner_role varchar, due date, shown boolean, tracked_metric varchar,
    tracked_key varchar, value_then decimal(24,6), value_now decimal(24,6), value_change decimal(24,6),
    outcome varchar);
-- January's report showed: revenue (14,000 -> 12,345.5, worse), offline and agent in one action (both
-- worse), team t2 at 50 % -> 66.7 % (better, Bob Stone's); its NPS action was in the appendix only
insert into marts.mart_action_follow_up values
    (date '2025-02-01', date '2025-01-01', 1, 'kpi_decline', 'revenue', null, 'sales_director',
     date '2025-02-15', true, 'revenue', null, 14000, 12345.5, -1654.5, 'worse'),
    (date '2025-02-01', date '2025-01-01', 2, 'channel_decline', 'agent', null, 'channel_lead',
     date '2025-02-15', true, 'channel_revenue', 'agent', 2000, 1345.5, -654.5, 'worse'),
    (date '2025-02-01', date '2025-01-01', 2, 'channel_decline', 'offline', null, 'channel_lead',
     date '2025-02-15', true, 'channel_revenue', 'offline', 5000, 3000, -2000, 'worse'),
    (date '2025-02-01', date '2025-01-01', 3, 'team_below_target', '{HOSTILE_TEAM}', 'Bob Stone', 'sales_director',
     date '2025-02-15', true, 'team_attainment', 't2', 0.5, 0.666667, 0.166667, 'better'),
    (date '2025-02-01', date '2025-01-01', 6, 'nps_drop', null, null, 'customer_success_lead',
     date '2025-02-15', false, 'nps', null, 30, 20, -10, 'worse');

create table marts.mart_plan_accuracy (month date, metric varchar, method varchar, proposed_target decimal(28,6),
    actual decimal(28,6), error decimal(28,6), abs_pct_error decimal(18,6), months_evaluated bigint,
    mean_abs_pct_error_6m decimal(18,6));
-- January proposed 13,000 for February: 654.5 short, 5.3 % of 12,345.5; over 2 months the mean miss is 4.0 %
insert into marts.mart_plan_accuracy values
    (date '2025-02-01', 'revenue', 'three_month_mean', 13000, 12345.5, -654.5, 0.053016, 2, 0.04),
    (date '2025-02-01', 'orders', 'three_month_mean', 10, 9, -1, 0.111111, 2, 0.08);

create table marts.mart_period_to_date (month date, fiscal_year integer, fiscal_quarter integer, revenue_qtd
    decimal(18,2), revenue_qtd_ly decimal(18,2), revenue_qtd_yoy_pct decimal(18,6), revenue_target_qtd
    decimal(38,4), revenue_attainment_qtd decimal(18,6), revenue_ytd decimal(18,2), revenue_ytd_ly decimal(18,2),
    revenue_ytd_yoy_pct decimal(18,6), revenue_target_ytd decimal(38,4), revenue_attainment_ytd decimal(18,6),
    orders_qtd bigint, orders_qtd_ly bigint, orders_qtd_yoy_pct decimal(18,6), orders_target_qtd decimal(38,4),
    orders_attainment_qtd decimal(18,6), orders_ytd bigint, orders_ytd_ly bigint, orders_ytd_yoy_pct
    decimal(18,6), orders_target_ytd decimal(38,4), orders_attainment_ytd decimal(18,6), new_customers_qtd bigint,
    new_customers_qtd_ly bigint, new_customers_qtd_yoy_pct decimal(18,6), new_customers_target_qtd decimal(38,4),
    new_customers_attainment_qtd decimal(18,6), new_customers_ytd bigint, new_customers_ytd_ly bigint,
    new_customers_ytd_yoy_pct decimal(18,6), new_customers_target_ytd decimal(38,4), new_customers_attainment_ytd
    decimal(18,6), month_of_fiscal_year integer);
-- A fiscal year from April: 2025-02 is FY2025 Q4, its 11th month. QTD = Jan + Feb: 14,000 + 12,345.5 =
-- 26,345.5 against 10,000 + 11,000 a year earlier (+25.5 %) and targets 13,000 + 15,000 (94.1 %);
-- YTD = Apr 2024 - Feb 2025 = 149,245.5, with no year earlier loaded and no targets before January
insert into marts.mart_period_to_date values
    (date '2025-02-01', 2025, 4, 26345.5, 21000, 0.254548, 28000,
    0.940911, 149245.5, null, null, null, null, 23, 20, 0.15, null, null, 113, null, null, null, null, 5, 4, 0.25,
    6, 0.833333, 30, null, null, null, null, 11);

-- One currency: the report has no currency section (tests/report/test_currency_mix.py adds a second one).
create table marts.mart_currency_mix_monthly (month date, currency varchar, is_reporting_currency boolean,
    orders bigint, revenue_transaction decimal(18,2), revenue decimal(18,2), revenue_share decimal(18,6),
    effective_rate decimal(38,9), month_rate decimal(18,10), month_rate_prev decimal(18,10),
    month_rate_ly decimal(18,10), month_rate_mom_pct decimal(18,6), month_rate_yoy_pct decimal(18,6));
insert into marts.mart_currency_mix_monthly values
    (date '2025-02-01', 'USD', true, 120, 12345.5, 12345.5, 1, 1, 1, 1, 1, 0, 0);

-- Nothing restated: the report has no "restated figures" list (tests/robustness/test_restatements.py has one).
create table marts.mart_restated_figures (month date, restated_month date, grain varchar, grain_value varchar,
    metric varchar, old_value decimal(38,9), new_value decimal(38,9), value_change decimal(38,9), run_id varchar,
    restated_at timestamp);

create table marts.mart_target_bridge (month date, step bigint, component varchar, team_id varchar,
    team_name varchar, team_target decimal(18,2), team_revenue decimal(18,2), reps_target decimal(18,2),
    target_not_given_to_reps decimal(18,2), shortfall decimal(18,2), company_target decimal(18,2),
    company_revenue decimal(18,2), company_shortfall decimal(18,2));
-- 15,000 - 12,345.5 = 2,654.5 = 1,500 not given to teams (15,000 - 7,500 - 6,000) + t2 2,000 short
-- + t1 845.5 over + 0 outside teams; t2's reps carry 4,000 of its 6,000
insert into marts.mart_target_bridge values
    (date '2025-02-01', 1, 'company_target_not_given_to_teams', null, null, null, null, null, null, 1500,
     15000, 12345.5, 2654.5),
    (date '2025-02-01', 2, 'team', 't2', '{HOSTILE_TEAM}', 6000, 4000, 4000, 2000, 2000, 15000, 12345.5, 2654.5),
    (date '2025-02-01', 3, 'team', 't1', 'North Stars', 7500, 8345.5, 7500, 0, -845.5, 15000, 12345.5, 2654.5),
    (date '2025-02-01', 4, 'revenue_outside_teams', null, null, null, null, null, null, 0, 15000, 12345.5,
     2654.5);

create table marts.mart_target_flags (month date, scope varchar, scope_id varchar, metric varchar,
    flag varchar, target_value decimal(18,4), reps_target decimal(38,4), target_not_given_to_reps decimal(38,4));
insert into marts.mart_target_flags values
    (date '2025-02-01', 'team', 't2', 'revenue', 'reps_targets_differ_from_team', 6000, 4000, 2000);

create table marts.mart_month_expectations (month date, grain varchar, grain_value varchar, metric varchar,
    metric_value decimal(24,6), metric_value_prev decimal(24,6), metric_value_ly decimal(24,6),
    mom_pct decimal(18,6), yoy_pct decimal(18,6), ly_mom_pct decimal(18,6), history_months bigint,
    history_median decimal(24,6), target_value decimal(18,4), attainment decimal(18,6));
-- last February rose (+10.0 % revenue, orders and customers flat): this February's falls are no season.
-- Revenue's median over 2024-02 .. 2025-01 is (13,000 + 13,500) / 2; the coverage has one month of history.
insert into marts.mart_month_expectations values
    (date '2025-02-01', 'company', null, 'revenue', 12345.5, 14000, 11000, -0.118179, 0.122318, 0.1, 12,
     13250, 15000, 0.823033),
    (date '2025-02-01', 'company', null, 'orders', 9, 14, 10, -0.357143, -0.1, 0, 12, 10, 9, 1),
    (date '2025-02-01', 'company', null, 'active_customers', 8, 10, 8, -0.2, 0, 0, 12, 8, null, null),
    (date '2025-02-01', 'company', null, 'pipeline_coverage', 0.75, null, null, null, null, null, 1, 1, null,
     null),
    (date '2025-02-01', 'channel', 'offline', 'revenue', 3000, 5000, 4000, -0.4, -0.25, null, 0, null, null,
     null),
    (date '2025-02-01', 'channel', 'agent', 'revenue', 1345.5, 2000, null, -0.32725, null, null, 0, null, null,
     null);

create table raw.extract_files (batch_month date, entity varchar, provided boolean, source_file varchar,
    file_sha256 varchar, row_count bigint, loaded_at timestamp, run_id varchar);
insert into raw.extract_files
    select date '2024-01-01' + to_months(i), 'orders', true, 'orders.csv', 'sha', 10,
           timestamp '2025-03-01 06:00:00', 'run-1' from range(0, 14) t(i);
insert into raw.extract_files
    select date '2025-02-01', e, true, e || '.csv', 'sha', 5, timestamp '2025-03-01 06:00:00', 'run-1'
    from unnest(['order_lines', 'opportunities', 'customers', 'products', 'sales_reps', 'teams', 'targets',
                 'campaigns', 'surveys', 'market']) t(e);

create table raw.notes (batch_month date, section varchar, body varchar, source_file varchar,
    file_sha256 varchar, loaded_at timestamp, run_id varchar);
insert into raw.notes values
    (date '2025-02-01', 'strategy', 'Focus on *enterprise* | push <b>bold</b>', 'notes.md', 'sha',
     timestamp '2025-03-01 06:00:00', 'run-1'),
    (date '2025-02-01', 'actions', '- call [Acme](http://evil.example)
# not a heading', 'notes.md', 'sha', timestamp '2025-03-01 06:00:00', 'run-1');

create table ops.check_results (run_id varchar, batch_month date, entity varchar, check_name varchar,
    rule varchar, severity varchar, passed boolean, failing_count bigint, sample_lines varchar,
    message varchar, checked_at timestamp, reason_code varchar, reason_values varchar);
-- run-0 failed an error check, but run-1 (the latest) passed it: the month is not refused.
-- run-1: orders 3 passed; order_lines 1 passed, 1 failed warning (the 2 quarantined lines).
insert into ops.check_results values
    ('run-0', date '2025-02-01', 'orders', 'contract', 'unique', 'error', false, 2, '3,4',
     'duplicate order_id', timestamp '2025-03-01 05:00:00', 'rule_violated', '{{"column": "order_id"}}'),
    ('run-1', date '2025-02-01', 'orders', 'contract', 'unique', 'error', true, 0, null, null,
     timestamp '2025-03-01 06:00:00', null, null),
    ('run-1', date '2025-02-01', 'orders', 'contract', 'not_null', 'error', true, 0, null, null,
     timestamp '2025-03-01 06:00:00', null, null),
    ('run-1', date '2025-02-01', 'orders', 'file', 'readable', 'error', true, 0, null, null,
     timestamp '2025-03-01 06:00:00', null, null),
    ('run-1', date '2025-02-01', 'order_lines', 'volume', 'volume', 'warning', true, 0, null, null,
     timestamp '2025-03-01 06:00:00', null, null),
    ('run-1', date '2025-02-01', 'order_lines', 'references', 'reference', 'warning', false, 2, '7,9',
     'orphan product_id quarantined', timestamp '2025-03-01 06:00:00', 'unknown_reference',
     '{{"column": "product_id", "parents": "products"}}');

create schema quarantine;
create table quarantine.orders (order_id varchar, batch_month date, run_id varchar, reason varchar,
    reason_code varchar, reason_values varchar);
create table quarantine.order_lines (order_id varchar, line_no bigint, product_id varchar, batch_month date,
    run_id varchar, reason varchar, reason_code varchar, reason_values varchar);
-- 2 lines of the month quarantined (the failed reference check above); one of January does not count
insert into quarantine.order_lines values
    ('o1', 2, 'p404', date '2025-02-01', 'run-1', '{ORPHAN_REASON}', {ORPHAN_CODE}),
    ('o2', 3, 'p404', date '2025-02-01', 'run-1', '{ORPHAN_REASON}', {ORPHAN_CODE}),
    ('o7', 1, 'p405', date '2025-01-01', 'run-0', '{ORPHAN_REASON}', {ORPHAN_CODE});

create table ops.load_log (run_id varchar, batch_month date, entity varchar, source_file varchar,
    status varchar, rows_loaded bigint, errors bigint, warnings bigint, message varchar,
    logged_at timestamp);
insert into ops.load_log values
    ('run-1', date '2025-02-01', 'orders', 'orders.csv', 'loaded', 10, 0, 0, null,
     timestamp '2025-03-01 06:00:00'),
    ('run-1', date '2025-02-01', 'order_lines', 'order_lines.csv', 'loaded', 12, 0, 2, null,
     timestamp '2025-03-01 06:00:00');

-- the staging views over raw, as dbt builds them
create schema staging;
create view staging.stg_crm__extract_files as select * from raw.extract_files;
create view staging.stg_crm__notes as select batch_month, section, body from raw.notes;
create view staging.stg_ops__check_results as select * from ops.check_results;
create view staging.stg_ops__load_logs as select * from ops.load_log;
create view marts.mart_quarantined_rows_monthly as
    select batch_month as month, entity, reason, reason_code, reason_values, count(*) as row_count
    from (
        select 'orders' as entity, batch_month, reason, reason_code, reason_values from quarantine.orders
        union all select 'order_lines', batch_month, reason, reason_code, reason_values from quarantine.order_lines
    )
    group by all;
-- the quality views as dbt builds them (marts/quality): the latest run per month and its counts;
-- 2025-02: run-1, 5 checks, 4 passed, 1 failed warning, 2 quarantined rows
create view marts.mart_quality_summary_monthly as
    with latest_runs as (
        select batch_month, run_id from (
            select batch_month, run_id,
                   row_number() over (partition by batch_month order by checked_at desc, run_id desc) as recency
            from staging.stg_ops__check_results)
        where recency = 1
    ),
    check_counts as (
        select l.batch_month as month, l.run_id, count(*) as checks,
               count(case when c.passed then 1 end) as passed_checks,
               count(case when not c.passed and c.severity = 'warning' then 1 end) as failed_warning_checks,
               count(case when not c.passed and c.severity = 'error' then 1 end) as failed_error_checks
        from latest_runs l join staging.stg_ops__check_results c using (batch_month, run_id)
        group by all
    ),
    quarantine_counts as (
        select month, cast(sum(row_count) as bigint) as quarantined_rows
        from marts.mart_quarantined_rows_monthly group by month
    )
    select coalesce(c.month, q.month) as month, c.run_id, coalesce(c.checks, 0) as checks,
           coalesce(c.passed_checks, 0) as passed_checks,
           coalesce(c.failed_warning_checks, 0) as failed_warning_checks,
           coalesce(c.failed_error_checks, 0) as failed_error_checks,
           coalesce(q.quarantined_rows, 0) as quarantined_rows
    from check_counts c full outer join quarantine_counts q on c.month = q.month;
-- run-1 of 2025-02: orders 3 passed; order_lines 1 passed, 1 failed warning
create view marts.mart_quality_checks_monthly as
    select s.month, s.run_id, c.entity, count(*) as checks,
           count(case when c.passed then 1 end) as passed_checks,
           count(case when not c.passed and c.severity <> 'error' then 1 end) as failed_non_error_checks,
           count(case when not c.passed and c.severity = 'error' then 1 end) as failed_error_checks
    from marts.mart_quality_summary_monthly s
    join staging.stg_ops__check_results c on c.batch_month = s.month and c.run_id = s.run_id
    group by all;
"""


# The marts the fixture builds, as the report's appendix lists them.
MART_NAMES = (
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
    "mart_next_month_plan",
    "mart_target_bridge",
    "mart_target_flags",
    "mart_month_expectations",
    "mart_action_follow_up",
    "mart_plan_accuracy",
    "mart_period_to_date",
    "mart_currency_mix_monthly",
)


def build_fixture(con: duckdb.DuckDBPyConnection) -> None:
    _plain_tables(con)
    con.execute(FIXTURE_SQL)
