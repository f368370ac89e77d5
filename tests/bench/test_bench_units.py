"""The benchmark's own logic on hand-made inputs: which months it times, the peer's KPIs, the comparison."""

from __future__ import annotations

from pathlib import Path

from bench.compare import mismatches
from bench.pandas_peer import month_kpis
from bench.plan import plan_for


def test_history_segments_time_the_month_after_12_24_and_36_loaded_months():
    plan = plan_for("2023-10", "2026-10")  # 37 folders
    assert len(plan.history) == 36
    assert plan.history_segments() == [
        ("2023-10", "2024-09", "2024-10"),
        ("2024-11", "2025-09", "2025-10"),
        ("2025-11", "2026-09", "2026-10"),
    ]


def test_a_short_history_times_only_the_month_after_12():
    assert plan_for("2025-10", "2026-10").history_segments() == [("2025-10", "2026-09", "2026-10")]


def _month(root: Path, month: str, orders: str, lines: str, targets: str | None = None) -> None:
    folder = root / month
    folder.mkdir(parents=True)
    (folder / "orders.csv").write_text("order_id,order_date,customer_id,rep_id,channel,campaign_id,status\n" + orders)
    (folder / "order_lines.csv").write_text("order_id,line_no,product_id,quantity,unit_price,discount\n" + lines)
    if targets:
        (folder / "targets.csv").write_text("month,scope,scope_id,metric,target_value\n" + targets)


def test_peer_kpis_of_a_hand_made_month(tmp_path: Path):
    _month(
        tmp_path,
        "2026-09",
        "o1,2026-09-03,c1,r1,online,,completed\n",
        "o1,1,p1,2,50.00,0\n",
        "2026-10,rep,r1,revenue,400\n2026-10,rep,r2,revenue,100\n",
    )
    _month(
        tmp_path,
        "2026-10",
        "o2,2026-10-01,c1,r1,online,,completed\n"
        "o3,2026-10-02,c2,r2,offline,,completed\n"
        "o4,2026-10-05,c3,r2,agent,,cancelled\n",
        # o2: 3 x 100 x 0.9 = 270; o3: 1 x 30 = 30 and 2 x 10 x 0.5 = 10; o4 is cancelled
        "o2,1,p1,3,100.00,0.1\no3,1,p1,1,30.00,0\no3,2,p2,2,10.00,0.5\no4,1,p1,9,100.00,0\n",
    )
    kpis = month_kpis(tmp_path, "2026-10")
    assert kpis["revenue"] == 310.0
    assert kpis["orders"] == 2
    assert kpis["aov"] == 155.0
    assert kpis["active_customers"] == 2
    assert kpis["new_customers"] == 1  # c1 first bought in September
    assert kpis["revenue_mom_pct"] == 2.1  # (310 - 100) / 100
    assert kpis["revenue_yoy_pct"] is None  # 2025-10 was not delivered
    assert kpis["orders_mom_pct"] == 1.0
    # the September folder's targets for October stand: October's folder has none
    assert kpis["rep_revenue_attainment"] == {"r1": 0.675, "r2": 0.4}


def _kpis(**changes) -> dict:
    kpis = {
        "revenue": 310.0,
        "aov": 155.0,
        "orders": 2,
        "active_customers": 2,
        "new_customers": 1,
        "revenue_mom_pct": 2.1,
        "revenue_yoy_pct": None,
        "orders_mom_pct": 1.0,
        "orders_yoy_pct": None,
        "rep_revenue_attainment": {"r1": 0.675, "r2": 0.4},
    }
    return {**kpis, **changes}


def test_float_rounding_within_a_cent_and_the_sixth_decimal_is_equal():
    assert mismatches(_kpis(revenue=310.004, revenue_mom_pct=2.100001), _kpis()) == []


def test_each_difference_is_named_with_both_values():
    peer = _kpis(orders=3, revenue_yoy_pct=0.5, rep_revenue_attainment={"r1": 0.7, "r3": 1.0})
    assert mismatches(peer, _kpis()) == [
        "orders: peer 3 vs mart 2",
        "revenue_yoy_pct: peer 0.5 vs mart None",
        "revenue_attainment[r1]: peer 0.7 vs mart 0.675",
        "revenue_attainment[r2]: peer absent vs mart 0.4",
        "revenue_attainment[r3]: peer 1.0 vs mart absent",
    ]
