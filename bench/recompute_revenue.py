"""An independent recomputation of a month's company revenue from the landing files, in Python
decimals, with the conversion rules of docs/metrics.md (Currency), to check the marts against:

python -m bench.recompute_revenue --landing DIR --warehouse FILE [--reporting-currency USD] MONTH...

It reads the contract's CSV files only and shares no code with the pipeline: an order line converts
at the daily rate of its order date or the last one before it in the month, else at the month rate
(given, or the average of the month's daily rates to 10 places); the sum is rounded once, to the cent.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

CENT = Decimal("0.01")
RATE_PLACES = Decimal("1e-10")


def _rows(landing: Path, month: str, entity: str) -> list[dict[str, str]]:
    path = landing / month / f"{entity}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def month_revenue(landing: Path, month: str, reporting_currency: str = "USD") -> Decimal:
    """Completed revenue of `month` in the reporting currency, rounded to the cent."""
    month_rates: dict[str, Decimal] = {}
    daily: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    for rate in _rows(landing, month, "fx_rates"):
        value = Decimal(rate["rate_to_reporting"])
        if rate["month"]:
            month_rates[rate["currency"]] = value
        else:
            daily[rate["currency"]].append((rate["rate_date"], value))
    for currency, days in daily.items():
        average = (sum(value for _, value in days) / len(days)).quantize(RATE_PLACES, ROUND_HALF_UP)
        month_rates.setdefault(currency, average)

    def rate(currency: str, day: str) -> Decimal:
        if currency in ("", reporting_currency):
            return Decimal(1)
        earlier = [value for date, value in sorted(daily.get(currency, [])) if date <= day]
        return earlier[-1] if earlier else month_rates[currency]

    orders = {o["order_id"]: o for o in _rows(landing, month, "orders") if o["status"] == "completed"}
    total = Decimal(0)
    for line in _rows(landing, month, "order_lines"):
        order = orders.get(line["order_id"])
        if order is not None:
            amount = Decimal(line["quantity"]) * Decimal(line["unit_price"]) * (1 - Decimal(line["discount"]))
            total += amount * rate(order.get("currency", ""), order["order_date"])
    return total.quantize(CENT, ROUND_HALF_UP)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.recompute_revenue", description=__doc__.split("\n\n")[0])
    parser.add_argument("--landing", type=Path, required=True)
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--reporting-currency", default="USD")
    parser.add_argument("months", nargs="+")
    args = parser.parse_args()
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        for month in args.months:
            recomputed = month_revenue(args.landing, month, args.reporting_currency)
            (mart,) = con.execute(
                "select revenue from marts.mart_sales_monthly where grain = 'company' and month = ?", [f"{month}-01"]
            ).fetchone()
            print(f"{month}: recomputed {recomputed}, mart {mart}: {'equal' if recomputed == mart else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
