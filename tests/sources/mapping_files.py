"""A spreadsheet user's month and mapping file, written by hand.

Sales.csv (saved with a UTF-8 byte order mark, dates day first), month 2026-10:
  INV-1  03/10/2026  ACME      Rita  Web   Won   100.00   line 2
  INV-2  12/10/2026  Beta Ltd  Sam   Shop  Lost   50.00   line 3
  INV-3  25/10/2026  ACME      -     Web   won    40.50   line 4 (no salesperson: the "unassigned" rep)
Completed revenue 100.00 + 40.50 = 140.50. Without a lines file each order is one line of the
"unspecified" product at its Total. Lines.csv, when written, splits INV-1 as
2 x 30.00 less 10 % = 54.00 and 1 x 46.00 = 46.00, and INV-2 and INV-3 as one line each.
"""

from __future__ import annotations

import csv
from pathlib import Path

SALES = [
    ["Invoice No", "Date", "Client", "Salesperson", "Channel", "Stage", "Total"],
    ["INV-1", "03/10/2026", "ACME", "Rita", "Web", "Won", "100.00"],
    ["INV-2", "12/10/2026", "Beta Ltd", "Sam", "Shop", "Lost", "50.00"],
    ["INV-3", "25/10/2026", "ACME", "", "Web", "won", "40.50"],
]
CLIENTS = [
    ["Client ID", "Client Name", "Sector", "Area"],
    ["ACME", "Acme Corp", "smb", "north"],
    ["Beta Ltd", "Beta", "enterprise", "south"],
]
LINES = [
    ["Invoice", "Item", "Qty", "Price", "Disc %"],
    ["INV-1", "A-100", "2", "30.00", "10"],
    ["INV-1", "B-200", "1", "46.00", ""],
    ["INV-2", "B-200", "1", "50.00", "0"],
    ["INV-3", "A-100", "1", "40.50", "0"],
]
MAPPING = """\
orders:
  file: Sales.csv
  columns:
    order_id: Invoice No
    order_date: {column: Date, format: "%d/%m/%Y"}
    customer_id: Client
    rep_id: Salesperson
    channel: {column: Channel, map: {Web: online, Shop: offline}}
    status: {column: Stage, map: {Won: completed, Lost: cancelled, Returned: returned}}
    amount: Total
customers:
  file: Clients.csv
  columns:
    customer_id: Client ID
    name: Client Name
    segment: Sector
    region: Area
"""
LINES_MAPPING = """\
order_lines:
  file: Lines.csv
  columns:
    order_id: Invoice
    product_id: Item
    quantity: Qty
    unit_price: Price
    discount: {column: Disc %, percent: true}
"""


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def write_user_month(
    root: Path, sales: list[list[str]] = SALES, lines: list[list[str]] | None = None
) -> dict[str, str]:
    """The month folder under root/landing and the mapping file; the environment that reads them."""
    month = root / "landing" / "2026-10"
    write_csv(month / "Sales.csv", sales, encoding="utf-8-sig")
    write_csv(month / "Clients.csv", CLIENTS)
    mapping = MAPPING
    if lines is not None:
        write_csv(month / "Lines.csv", lines)
        mapping += LINES_MAPPING
    (root / "mapping.yml").write_text(mapping, encoding="utf-8")
    return {"SALES_SOURCE": "mapping", "SALES_MAPPING_FILE": str(root / "mapping.yml")}
