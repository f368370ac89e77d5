"""Two hand-made extract months for the performance marts, rows in contract column order.

2025-01 (no opportunities, no market file):
  O1 C1 R1 K1 completed 2 x 10 = 20 ; O2 C2 R3 completed 1 x 50 = 50    -> revenue 70, new C1 (R1), C2 (R3)
2025-02:
  O3 C1 R2 K1 completed 2 x 50 x 0.9 = 90 ; O4 C3 R1 K1 completed 3 x 10 = 30
  O5 C2 R3 cancelled 50 (not revenue) ; O6 C2 R3 completed 1 x 10 = 10  -> revenue 130, orders 3, new C3 (R1)
  reps: R2 90 (T1), R1 30 (T1), R3 10 (T2); teams: T1 120, T2 10
  opportunities: won 500 (20 days) + 300 (10 days), lost 200 (price, Acme) + 100 (no reason),
  open 1000 expected 2025-03 + 400 expected 2025-04
  market 5000 + 8000 -> company share 130 / 13000 = 0.01
Targets: folder 2025-01 carries Jan and Feb rows; folder 2025-02 carries Feb and Mar rows and, being the
latest folder with Feb rows, replaces all of folder 2025-01's Feb rows (R2's rep target is dropped).
"""

from __future__ import annotations

import datetime as dt

D = dt.date


def snapshot_rows() -> dict[str, list[tuple]]:
    return {
        "teams": [("T1", "Alpha", "Mia"), ("T2", "Beta", "Noe")],
        "sales_reps": [
            ("R1", "Ann", "T1", "north", D(2024, 2, 10), True),
            ("R2", "Bob", "T1", "north", D(2024, 6, 1), True),
            ("R3", "Cy", "T2", "south", D(2023, 1, 1), True),
        ],
        "customers": [
            ("C1", "Acme", "smb", "north", D(2020, 1, 1)),
            ("C2", "Beta", "enterprise", "south", D(2020, 1, 1)),
            ("C3", "Gamma", "smb", "north", D(2020, 1, 1)),
        ],
        "products": [("P1", "Widget", "hardware", 10), ("P2", "Suite", "software", 50)],
    }


def january() -> dict[str, list[tuple]]:
    return {
        **snapshot_rows(),
        "orders": [
            ("O1", D(2025, 1, 5), "C1", "R1", "online", "K1", "completed"),
            ("O2", D(2025, 1, 10), "C2", "R3", "offline", None, "completed"),
        ],
        "order_lines": [("O1", 1, "P1", 2, 10, 0), ("O2", 1, "P2", 1, 50, 0)],
        "campaigns": [("K1", "Winter", "promotion", "online", D(2025, 1, 1), D(2025, 2, 28), 0)],
        "targets": [
            ("2025-01", "company", None, "revenue", 80),
            ("2025-02", "company", None, "revenue", 100),
            ("2025-02", "team", "T1", "revenue", 150),
            ("2025-02", "rep", "R2", "revenue", 60),
        ],
    }


def february(with_opportunities: bool = True) -> dict[str, list[tuple]]:
    batch = {
        **snapshot_rows(),
        "orders": [
            ("O3", D(2025, 2, 3), "C1", "R2", "online", "K1", "completed"),
            ("O4", D(2025, 2, 4), "C3", "R1", "online", "K1", "completed"),
            ("O5", D(2025, 2, 5), "C2", "R3", "agent", None, "cancelled"),
            ("O6", D(2025, 2, 6), "C2", "R3", "offline", None, "completed"),
        ],
        "order_lines": [
            ("O3", 1, "P2", 2, 50, 0.1),
            ("O4", 1, "P1", 3, 10, 0),
            ("O5", 1, "P2", 1, 50, 0),
            ("O6", 1, "P1", 1, 10, 0),
        ],
        "campaigns": [("K1", "Winter", "promotion", "online", D(2025, 1, 1), D(2025, 2, 28), 40)],
        "targets": [
            ("2025-02", "company", None, "revenue", 120),
            ("2025-02", "company", None, "new_customers", 2),
            ("2025-02", "company", None, "market_share", 0.01),
            ("2025-02", "team", "T1", "revenue", 100),
            ("2025-03", "company", None, "revenue", 200),
        ],
        "market": [("north", 5000), ("south", 8000)],
    }
    if with_opportunities:
        batch["opportunities"] = [
            ("OP1", "C1", "R1", D(2025, 1, 20), None, D(2025, 2, 9), "won", 500, None, None),
            ("OP2", "C2", "R3", D(2025, 2, 1), None, D(2025, 2, 11), "won", 300, None, None),
            ("OP3", "C3", "R1", D(2025, 1, 15), None, D(2025, 2, 15), "lost", 200, "price", "Acme"),
            ("OP4", "C1", "R2", D(2025, 2, 1), D(2025, 3, 10), None, "open", 1000, None, None),
            ("OP5", "C2", "R2", D(2025, 2, 2), D(2025, 4, 1), None, "open", 400, None, None),
            ("OP6", "C3", "R3", D(2025, 2, 1), None, D(2025, 2, 20), "lost", 100, None, None),
        ]
    return batch
