"""A Shopify "Export orders" CSV written by hand, in the export's own header order.

Month 2026-10, SALES_TIMEZONE UTC. Physical lines (the header is line 1; #1001's note spans two):
  #1001 paid, Subtotal 45.00 over A 2 x 20.00 + B 1 x 10.00 = 50.00 gross  -> discount 0.1, revenue 45.00   lines 2-3, 4
  #1002 partially_refunded, Subtotal 30.00 (B 3 x 10.00), Refunded 12.00   -> completed 18.00 (discount 0.4)
        and "#1002 refund" returned 12.00 (discount 0.6); sold by Employee Cara Diaz at Location Main Street    line 5
  #1003 refunded, Subtotal 20.00 (A 1 x 20.00)                             -> returned 20.00                  line 6
  #1004 pending                                                            -> left out, with its line         line 7
  #1005 paid with a cancel date                                            -> cancelled                       line 8
  #1006 paid, no email, no SKU, Subtotal 5.00, created 2026-11-01 00:30 +0100 (2026-10-31 in UTC)          line 9
Completed revenue 45 + 18 + 5 = 68.00; returned revenue 12 + 20 = 32.00.
"""

from __future__ import annotations

import csv
from pathlib import Path

HEADER = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
]


def _order(name: str, email: str, status: str, subtotal: str, created: str, **fields: str) -> dict[str, str]:
    """An order's first row: its order fields filled, as Shopify writes them."""
    return {
        "Name": name,
        "Email": email,
        "Financial Status": status,
        "Currency": "USD",
        "Subtotal": subtotal,
        "Shipping": "4.90",
        "Taxes": "0.00",
        "Created at": created,
        "Lineitem requires shipping": "true",
        "Lineitem taxable": "true",
        "Lineitem fulfillment status": "pending",
        "Source": "web",
        "Refunded Amount": "0.00",
        **fields,
    }


def _line(name: str, email: str, created: str, quantity: str, item: str, price: str, sku: str) -> dict[str, str]:
    """A follow-up row: the order's fields blank, only the name, email, date and line item filled."""
    return {
        "Name": name,
        "Email": email,
        "Created at": created,
        "Lineitem quantity": quantity,
        "Lineitem name": item,
        "Lineitem price": price,
        "Lineitem sku": sku,
    }


def export_rows() -> list[dict[str, str]]:
    return [
        _order(
            "#1001",
            "Ann@Example.com",
            "paid",
            "45.00",
            "2026-10-03 09:00:00 -0400",
            **{"Discount Code": "FALL10", "Discount Amount": "5.00", "Billing Name": "Ann Lee"},
            **{"Billing Country": "US", "Notes": "leave at\ndoor", "Lineitem quantity": "2"},
            **{"Lineitem name": "Alpha", "Lineitem price": "20.00", "Lineitem sku": "SKU-A"},
        ),
        _line("#1001", "Ann@Example.com", "2026-10-03 09:00:00 -0400", "1", "Beta", "10.00", "SKU-B"),
        _order(
            "#1002",
            "bo@example.com",
            "partially_refunded",
            "30.00",
            "2026-10-10 12:00:00 +0000",
            **{"Refunded Amount": "12.00", "Employee": "Cara Diaz", "Location": "Main Street", "Source": "pos"},
            **{"Billing Name": "Bo Chen", "Billing Country": "CA", "Lineitem quantity": "3"},
            **{"Lineitem name": "Beta", "Lineitem price": "10.00", "Lineitem sku": "SKU-B"},
        ),
        _order(
            "#1003",
            "ann@example.com",
            "refunded",
            "20.00",
            "2026-10-12 08:00:00 +0000",
            **{"Refunded Amount": "24.90", "Billing Name": "Ann Lee-Park", "Lineitem quantity": "1"},
            **{"Lineitem name": "Alpha", "Lineitem price": "20.00", "Lineitem sku": "SKU-A"},
        ),
        _order(
            "#1004",
            "dee@example.com",
            "pending",
            "7.00",
            "2026-10-14 08:00:00 +0000",
            **{"Lineitem quantity": "1", "Lineitem name": "Gamma", "Lineitem price": "7.00", "Lineitem sku": "SKU-C"},
        ),
        _order(
            "#1005",
            "cy@example.com",
            "paid",
            "10.00",
            "2026-10-15 08:00:00 +0000",
            **{"Cancelled at": "2026-10-16 10:00:00 +0000", "Lineitem quantity": "1"},
            **{"Lineitem name": "Beta", "Lineitem price": "10.00", "Lineitem sku": "SKU-B"},
        ),
        _order(
            "#1006",
            "",
            "paid",
            "5.00",
            "2026-11-01 00:30:00 +0100",
            **{"Source": "shopify_draft_order", "Lineitem quantity": "1", "Lineitem name": "Gift wrap"},
            **{"Lineitem price": "5.00"},
        ),
    ]


def write_export(folder: Path, rows: list[dict[str, str]] | None = None, header: list[str] | None = None) -> Path:
    """orders_export.csv in `folder`, with every column of `header` (Shopify's by default)."""
    header = HEADER if header is None else header
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "orders_export.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(export_rows() if rows is None else rows)
    return path
