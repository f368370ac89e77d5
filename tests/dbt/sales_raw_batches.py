"""Hand-written raw batches for the sales dbt tests: 13 months, 2023-01 .. 2024-01.

Completed line revenue, worked out by hand (quantity * unit_price * (1 - discount)):
- 2023-01  o1 c1: 2 * 10.00 * 0.9 + 1 * 5.00              = 23.00
- 2023-11  o2 c2: 4 * 12.50                                = 50.00
- 2023-12  o3 c1: 1 * 100.00 * 0.75                        = 75.00   (o4 c3 cancelled, 10.00)
- 2024-01  o5 c1: 3 * 19.99 * 0.95 = 56.9715; o6 c2: 2 * 7.125 = 14.25; o7 c3: 20.00
           -> 91.2215 over 3 orders                        (o8 c2 returned, 30.00)
Every other month is loaded with no orders.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

MONTHS = [f"2023-{m:02d}" for m in range(1, 13)] + ["2024-01"]

# (order_id, day, customer_id, rep_id, channel, status, [(product_id, quantity, unit_price, discount)])
ORDERS = {
    "2023-01": [("o1", 10, "c1", "r1", "online", "completed", [("p1", 2, "10.00", "0.1"), ("p2", 1, "5.00", "0")])],
    "2023-11": [("o2", 3, "c2", "r2", "offline", "completed", [("p2", 4, "12.50", "0")])],
    "2023-12": [
        ("o3", 5, "c1", "r1", "online", "completed", [("p1", 1, "100.00", "0.25")]),
        ("o4", 6, "c3", "r2", "agent", "cancelled", [("p1", 1, "10.00", "0")]),
    ],
    "2024-01": [
        ("o5", 2, "c1", "r1", "online", "completed", [("p1", 3, "19.99", "0.05")]),
        ("o6", 3, "c2", "r2", "offline", "completed", [("p2", 2, "7.125", "0")]),
        ("o7", 4, "c3", "r2", "agent", "completed", [("p2", 1, "20.00", "0")]),
        ("o8", 5, "c2", "r2", "offline", "returned", [("p1", 1, "30.00", "0")]),
    ],
}
SURVEYS = {"2024-01": [("s1", "c1", 7, 10, 5), ("s2", "c2", 8, 3, 2)]}
MARKETS = {"2023-12": [("north", "1000"), ("south", "2000")], "2024-01": [("north", "1000"), ("south", "2500")]}


def snapshots(first_day: dt.date) -> dict[str, list[tuple]]:
    return {
        "customers": [
            ("c1", "Ada", "smb", "north", first_day),
            ("c2", "Bo", "enterprise", "south", first_day),
            ("c3", "Cy", "smb", "south", first_day),
        ],
        "products": [("p1", "Widget", "hardware", Decimal("10")), ("p2", "Licence", "software", Decimal("5"))],
        "sales_reps": [
            ("r1", "Rae", "t1", "north", first_day, True),
            ("r2", "Sam", "t2", "south", first_day, True),
        ],
        "teams": [("t1", "North team", "Mia"), ("t2", "South team", "Noa")],
    }


def month_batch(month: str) -> dict[str, list[tuple]]:
    first_day = dt.date.fromisoformat(f"{month}-01")
    orders, lines = [], []
    for order_id, day, customer_id, rep_id, channel, status, order_lines in ORDERS.get(month, []):
        orders.append((order_id, first_day.replace(day=day), customer_id, rep_id, channel, None, status))
        for line_no, (product_id, quantity, unit_price, discount) in enumerate(order_lines, start=1):
            lines.append((order_id, line_no, product_id, quantity, Decimal(unit_price), Decimal(discount)))
    batch = {"orders": orders, "order_lines": lines, **snapshots(first_day)}
    if month in SURVEYS:
        batch["surveys"] = [
            (rid, cid, first_day.replace(day=day), score, csat, None) for rid, cid, day, score, csat in SURVEYS[month]
        ]
    if month in MARKETS:
        batch["market"] = [(region, Decimal(size)) for region, size in MARKETS[month]]
    return batch


def all_batches() -> dict[str, dict[str, list[tuple]]]:
    return {month: month_batch(month) for month in MONTHS}
