"""The demo data gives every part of the monthly review something true to say."""

from __future__ import annotations

import duckdb
import pytest


@pytest.fixture(scope="module")
def con(small_csv) -> duckdb.DuckDBPyConnection:
    """All months of the small run side by side, each row tagged with its folder's month."""
    con = duckdb.connect()
    for entity in (
        "orders",
        "order_lines",
        "customers",
        "sales_reps",
        "targets",
        "campaigns",
        "opportunities",
    ):
        con.execute(
            f"create table {entity} as "
            f"select *, regexp_extract(filename, '(\\d{{4}}-\\d{{2}})', 1) as folder "
            f"from read_csv('{small_csv.out}/*/{entity}.csv', filename = true, union_by_name = true)"
        )
    con.execute("""
        create table revenue as
        select o.folder, o.channel, o.campaign_id, o.customer_id, o.rep_id,
               sum(l.quantity * l.unit_price * (1 - l.discount)) as revenue
        from orders o join order_lines l using (order_id)
        where o.status = 'completed' group by all""")
    return con


def _one(con, sql):
    return con.sql(sql).fetchone()[0]


def test_fourth_quarter_is_the_peak(con):
    q4 = _one(con, "select sum(revenue) / 2 from revenue where folder in ('2025-11', '2025-12')")
    rest = _one(con, "select sum(revenue) / 8 from revenue where folder between '2026-01' and '2026-08'")
    assert q4 > 1.2 * rest


def test_channels_grow_at_different_rates(con):
    shares = dict(
        con.sql("""
        select channel, sum(revenue) filter (folder >= '2026-08') / sum(revenue) filter (folder <= '2025-10')
        from revenue group by channel""").fetchall()
    )
    assert shares["online"] > shares["agent"] > shares["offline"]


def test_some_campaigns_lose_money_and_some_pay_back_well(con):
    returns = [
        r
        for (r,) in con.sql("""
        with spend as (select campaign_id, sum(spend) as spend from campaigns group by all),
        earned as (select campaign_id, sum(revenue) as revenue from revenue group by all)
        select earned.revenue / spend.spend from spend join earned using (campaign_id)""").fetchall()
    ]
    assert min(returns) < 1 < 2 < max(returns)


def test_customers_come_back_after_more_than_three_quiet_months(con):
    reactivated = _one(
        con,
        """
        with active as (select distinct customer_id, strptime(folder, '%Y-%m') as month from revenue)
        select count(*) from active a
        where a.month >= date '2026-01-01'
          and exists (select 1 from active b where b.customer_id = a.customer_id and b.month < a.month)
          and not exists (select 1 from active b where b.customer_id = a.customer_id
                          and b.month between a.month - interval 3 month and a.month - interval 1 month)""",
    )
    assert reactivated > 20


def test_new_customers_buy_every_month(con):
    firsts = dict(
        con.sql("""
        with firsts as (select customer_id, min(folder) as first_month from revenue group by all)
        select first_month, count(*) from firsts group by all""").fetchall()
    )
    assert len(firsts) == 15 and min(firsts.values()) > 10


def test_staff_events_appear_in_the_snapshots(con):
    hired = con.sql("""select rep_id, min(folder) from sales_reps group by all
                       having min(folder) > '2025-08' order by 2""").fetchall()
    assert len(hired) == 3
    first_hire, hire_month = hired[0]
    monthly_orders = f"""select count(*) from orders where rep_id = '{first_hire}'
                         and folder >= '{hire_month}' group by folder order by folder"""
    ramp = [n for (n,) in con.sql(monthly_orders).fetchall()]
    assert ramp[0] < ramp[5]
    assert (
        _one(
            con,
            "select count(distinct rep_id) from (select distinct rep_id, team_id from sales_reps) "
            "group by rep_id having count(*) > 1",
        )
        == 1
    )
    leaver = _one(con, "select rep_id from sales_reps where folder = '2026-10' and not is_active")
    assert _one(con, f"select count(*) from orders where rep_id = '{leaver}' and folder = '2026-10'") == 0


def test_targets_are_sometimes_met_and_sometimes_missed(con):
    attainment = [
        a
        for (a,) in con.sql("""
        with actual as (select folder, rep_id, sum(revenue) as revenue from revenue group by all)
        select actual.revenue / t.target_value from targets t
        join actual on actual.folder = t.month and actual.rep_id = t.scope_id
        where t.folder = t.month and t.scope = 'rep' and t.metric = 'revenue'""").fetchall()
    ]
    met = sum(a >= 1 for a in attainment)
    assert 0.2 < met / len(attainment) < 0.8


def test_pipeline_has_every_stage_and_reason(con):
    last = "folder = '2026-10'"
    stages = {s for (s,) in con.sql(f"select distinct stage from opportunities where {last}").fetchall()}
    assert stages == {"open", "won", "lost"}
    reasons = dict(
        con.sql(
            f"select lost_reason, count(*) from opportunities where {last} and stage = 'lost' group by all"
        ).fetchall()
    )
    assert reasons.get("competitor", 0) > 0 and reasons.get(None, 0) > 0
    assert _one(con, f"select count(distinct competitor) from opportunities where {last}") >= 3
    assert (
        _one(
            con,
            f"select count(*) from opportunities where {last} and stage = 'open' "
            "and expected_close_date between date '2026-11-01' and date '2026-11-30'",
        )
        > 0
    )


def test_most_orders_complete_and_the_rest_are_cancelled_or_returned(con):
    shares = dict(con.sql("select status, count(*) / sum(count(*)) over () from orders group by all").fetchall())
    assert shares["completed"] > 0.85 and shares["cancelled"] > 0.01 and shares["returned"] > 0.01


def test_customers_and_products_are_varied(con):
    assert {s for (s,) in con.sql("select distinct segment from customers").fetchall()} == {
        "enterprise",
        "smb",
        "consumer",
    }
    assert _one(con, "select count(*) from (select region from customers group by all)") == 4
