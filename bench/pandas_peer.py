"""The peer: a plain pandas script computing one month's headline KPIs straight from the extract files.

python -m bench.pandas_peer --landing DIR --month YYYY-MM --out kpis.json

It reads what the month needs and nothing more: every month's orders (a new customer is one whose
first completed order ever is in the month), the order lines of the month, the month before and
the same month last year, and the targets of this month's and last month's folders.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from pipelines.landed_months import landed_months

ORDER_COLUMNS = ["order_id", "customer_id", "rep_id", "status"]
LINE_COLUMNS = ["order_id", "quantity", "unit_price", "discount"]


def shift_month(month: str, months: int) -> str:
    period = pd.Period(month, freq="M") + months
    return str(period)


def completed_orders(landing: Path, month: str) -> pd.DataFrame:
    orders = pd.read_csv(landing / month / "orders.csv", usecols=ORDER_COLUMNS, dtype=str)
    return orders[orders["status"] == "completed"]


def month_sales(landing: Path, month: str) -> pd.DataFrame | None:
    """Completed orders of a delivered month with their revenue; None when the month was not delivered."""
    if not (landing / month).is_dir():
        return None
    orders = completed_orders(landing, month)
    lines = pd.read_csv(landing / month / "order_lines.csv", usecols=LINE_COLUMNS, dtype={"order_id": str})
    lines["revenue"] = lines["quantity"] * lines["unit_price"] * (1 - lines["discount"])
    revenue = lines.groupby("order_id")["revenue"].sum()
    return orders.join(revenue, on="order_id").fillna({"revenue": 0.0})


def pct_change(current: float, base: float | None) -> float | None:
    if base is None or base == 0:
        return None
    return round((current - base) / base, 6)


def first_order_months(landing: Path, month: str) -> pd.Series:
    """The month of each customer's first completed order, over every delivered month up to `month`."""
    months = [m for m in landed_months(landing) if m <= month]
    history = pd.concat(completed_orders(landing, m).assign(month=m) for m in months)
    return history.groupby("customer_id")["month"].min()


def rep_revenue_targets(landing: Path, month: str) -> pd.Series:
    """Targets for the month: the latest folder (this month's or last month's) with rows for it wins."""
    for folder in (month, shift_month(month, -1)):
        path = landing / folder / "targets.csv"
        if not path.is_file():
            continue
        targets = pd.read_csv(path, dtype={"scope_id": str})
        targets = targets[targets["month"] == month]
        if len(targets):
            reps = targets[(targets["scope"] == "rep") & (targets["metric"] == "revenue")]
            return reps.set_index("scope_id")["target_value"]
    return pd.Series(dtype=float)


def month_kpis(landing: Path, month: str) -> dict:
    sales = month_sales(landing, month)
    previous = month_sales(landing, shift_month(month, -1))
    last_year = month_sales(landing, shift_month(month, -12))
    revenue = float(sales["revenue"].sum())
    orders = int(sales["order_id"].nunique())
    firsts = first_order_months(landing, month)
    active = sales["customer_id"].unique()
    rep_revenue = sales.groupby("rep_id")["revenue"].sum()
    targets = rep_revenue_targets(landing, month)
    attainment = (rep_revenue.reindex(targets.index, fill_value=0.0) / targets).round(6)
    prev_revenue = float(previous["revenue"].sum()) if previous is not None else None
    ly_revenue = float(last_year["revenue"].sum()) if last_year is not None else None
    prev_orders = int(previous["order_id"].nunique()) if previous is not None else None
    ly_orders = int(last_year["order_id"].nunique()) if last_year is not None else None
    return {
        "month": month,
        "revenue": round(revenue, 2),
        "orders": orders,
        "aov": round(revenue / orders, 2) if orders else None,
        "active_customers": int(len(active)),
        "new_customers": int((firsts.reindex(active) == month).sum()),
        "revenue_mom_pct": pct_change(revenue, prev_revenue),
        "revenue_yoy_pct": pct_change(revenue, ly_revenue),
        "orders_mom_pct": pct_change(orders, prev_orders),
        "orders_yoy_pct": pct_change(orders, ly_orders),
        "rep_revenue_attainment": {rep: float(v) for rep, v in attainment.sort_index().items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pandas_peer", description=__doc__)
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--month", required=True, help="YYYY-MM")
    parser.add_argument("--out", type=Path, required=True, help="where the KPIs are written as JSON")
    args = parser.parse_args(argv)
    args.out.write_text(json.dumps(month_kpis(args.landing, args.month), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
