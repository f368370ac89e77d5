"""The peer's KPIs against the marts, value by value.

The peer sums floats, the marts exact decimals: money may differ by float rounding, so it
matches within one cent; rates are rounded to six decimals on both sides and match within one
unit of the sixth decimal. Counts must be equal.
"""

from __future__ import annotations

from pathlib import Path

from bench.bare import connect
from pipelines.months import month_start

MONEY = ("revenue", "aov")
RATES = ("revenue_mom_pct", "revenue_yoy_pct", "orders_mom_pct", "orders_yoy_pct")
COUNTS = ("orders", "active_customers", "new_customers")
MONEY_TOLERANCE = 0.01
RATE_TOLERANCE = 1.000001e-6


def mart_kpis(warehouse: Path, month: str) -> dict:
    """The same KPIs as the peer, read from marts.mart_sales_monthly, _customers_monthly, _rep_performance."""
    with connect(warehouse) as con:
        params = {"m": month_start(month)}
        sales = con.execute(
            "select revenue, orders, aov, active_customers, revenue_mom_pct, revenue_yoy_pct, "
            "orders_mom_pct, orders_yoy_pct from marts.mart_sales_monthly "
            "where grain = 'company' and month = $m",
            params,
        ).fetchone()
        new_customers = con.execute(
            "select new_customers from marts.mart_customers_monthly where segment is null and month = $m",
            params,
        ).fetchone()
        attainment = con.execute(
            "select rep_id, revenue_attainment from marts.mart_rep_performance "
            "where month = $m and revenue_target is not null order by rep_id",
            params,
        ).fetchall()
    if sales is None or new_customers is None:
        raise LookupError(f"the marts hold no company row for {month}")
    names = ("revenue", "orders", "aov", "active_customers") + RATES
    kpis = {name: (float(v) if v is not None else None) for name, v in zip(names, sales, strict=True)}
    kpis["orders"] = int(sales[1])
    kpis["active_customers"] = int(sales[3])
    kpis["new_customers"] = int(new_customers[0])
    kpis["rep_revenue_attainment"] = {rep: float(v) if v is not None else None for rep, v in attainment}
    return kpis


def _differs(name: str, peer: float | int | None, mart: float | int | None) -> bool:
    if peer is None or mart is None:
        return peer is not mart
    if name in COUNTS:
        return peer != mart
    tolerance = MONEY_TOLERANCE if name in MONEY else RATE_TOLERANCE
    return abs(peer - mart) > tolerance


def mismatches(peer: dict, mart: dict) -> list[str]:
    """Every KPI that differs, as `name: peer X vs mart Y`; empty when all agree."""
    found = [
        f"{name}: peer {peer[name]} vs mart {mart[name]}"
        for name in MONEY + COUNTS + RATES
        if _differs(name, peer[name], mart[name])
    ]
    peer_reps, mart_reps = peer["rep_revenue_attainment"], mart["rep_revenue_attainment"]
    for rep in sorted(set(peer_reps) | set(mart_reps)):
        if (
            rep not in mart_reps
            or rep not in peer_reps
            or _differs("revenue_attainment", peer_reps.get(rep), mart_reps.get(rep))
        ):
            found.append(
                f"revenue_attainment[{rep}]: peer {peer_reps.get(rep, 'absent')} vs mart {mart_reps.get(rep, 'absent')}"
            )
    return found
