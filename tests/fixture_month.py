"""A tiny, valid extract month written by hand, so tests can count every row.

Month 2026-10 by default. Revenue of completed orders, by line:
  O1: 2 x 10.00 x (1 - 0.10) = 18.00 ; 1 x 5.50 = 5.50        -> 23.50
  O2: 3 x 20.00 = 60.00                                         -> 60.00
  O3 (cancelled): 1 x 10.00 = 10.00                             -> not revenue
  O4: 4 x 5.50 x (1 - 0.25) = 16.50                             -> 16.50
  O5 (returned): 2 x 20.00 = 40.00                              -> returned revenue
Completed: 3 orders, revenue 100.00, aov 33.33, active customers 2 (C1, C2).
"""

from __future__ import annotations

import csv
from pathlib import Path

from pipelines.contract import ENTITY_BY_NAME


def month_rows(month: str = "2026-10") -> dict[str, list[dict[str, object]]]:
    d = f"{month}-"
    return {
        "teams": [
            {"team_id": "T1", "name": "North", "manager_name": "Ann Lee"},
            {"team_id": "T2", "name": "South", "manager_name": "Bo Chen"},
        ],
        "sales_reps": [
            {
                "rep_id": "R1",
                "name": "Rita",
                "team_id": "T1",
                "region": "north",
                "hire_date": "2022-01-10",
                "is_active": "true",
            },
            {
                "rep_id": "R2",
                "name": "Sam",
                "team_id": "T2",
                "region": "south",
                "hire_date": "2023-05-01",
                "is_active": "true",
            },
        ],
        "customers": [
            {
                "customer_id": "C1",
                "name": "Acme",
                "segment": "smb",
                "region": "north",
                "created_date": "2021-03-01",
            },
            {
                "customer_id": "C2",
                "name": "Beta",
                "segment": "enterprise",
                "region": "south",
                "created_date": "2022-07-15",
            },
            {
                "customer_id": "C3",
                "name": "Gamma",
                "segment": "consumer",
                "region": "north",
                "created_date": "2023-01-20",
            },
        ],
        "products": [
            {"product_id": "P1", "name": "Widget", "category": "hardware", "list_price": "10.00"},
            {"product_id": "P2", "name": "Gadget", "category": "hardware", "list_price": "20.00"},
            {"product_id": "P3", "name": "Support", "category": "services", "list_price": "5.50"},
        ],
        "orders": [
            {
                "order_id": "O1",
                "order_date": d + "03",
                "customer_id": "C1",
                "rep_id": "R1",
                "channel": "online",
                "campaign_id": "K1",
                "status": "completed",
            },
            {
                "order_id": "O2",
                "order_date": d + "10",
                "customer_id": "C2",
                "rep_id": "R2",
                "channel": "offline",
                "campaign_id": "",
                "status": "completed",
            },
            {
                "order_id": "O3",
                "order_date": d + "11",
                "customer_id": "C3",
                "rep_id": "R1",
                "channel": "agent",
                "campaign_id": "",
                "status": "cancelled",
            },
            {
                "order_id": "O4",
                "order_date": d + "20",
                "customer_id": "C1",
                "rep_id": "R1",
                "channel": "online",
                "campaign_id": "",
                "status": "completed",
            },
            {
                "order_id": "O5",
                "order_date": d + "28",
                "customer_id": "C3",
                "rep_id": "R2",
                "channel": "offline",
                "campaign_id": "",
                "status": "returned",
            },
        ],
        "order_lines": [
            {
                "order_id": "O1",
                "line_no": "1",
                "product_id": "P1",
                "quantity": "2",
                "unit_price": "10.00",
                "discount": "0.10",
            },
            {
                "order_id": "O1",
                "line_no": "2",
                "product_id": "P3",
                "quantity": "1",
                "unit_price": "5.50",
                "discount": "0",
            },
            {
                "order_id": "O2",
                "line_no": "1",
                "product_id": "P2",
                "quantity": "3",
                "unit_price": "20.00",
                "discount": "0",
            },
            {
                "order_id": "O3",
                "line_no": "1",
                "product_id": "P1",
                "quantity": "1",
                "unit_price": "10.00",
                "discount": "0",
            },
            {
                "order_id": "O4",
                "line_no": "1",
                "product_id": "P3",
                "quantity": "4",
                "unit_price": "5.50",
                "discount": "0.25",
            },
            {
                "order_id": "O5",
                "line_no": "1",
                "product_id": "P2",
                "quantity": "2",
                "unit_price": "20.00",
                "discount": "0",
            },
        ],
        "campaigns": [
            {
                "campaign_id": "K1",
                "name": "Autumn promo",
                "type": "promotion",
                "channel": "online",
                "start_date": d + "01",
                "end_date": d + "28",
                "spend": "30.00",
            },
        ],
    }


def write_month(landing: Path, month: str = "2026-10", rows: dict[str, list[dict[str, object]]] | None = None) -> Path:
    """Write the month folder as CSV, the contract's columns in order."""
    folder = landing / month
    folder.mkdir(parents=True, exist_ok=True)
    for entity, records in (rows or month_rows(month)).items():
        columns = ENTITY_BY_NAME[entity].column_names
        with (folder / f"{entity}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns))
            writer.writeheader()
            writer.writerows(records)
    return folder
