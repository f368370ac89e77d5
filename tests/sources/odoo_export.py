"""Odoo sale.order and sale.order.line exports written by hand, in the headers Odoo writes.

Month 2026-10, SALES_TIMEZONE UTC. The default export of Sales > Orders with the order lines ticked,
"Sales Order (sale.order).csv" (labels; an order's further lines leave its fields blank):
  line 2   S00001  2026-10-03 09:00  Azure Interior, Brandon Freeman  Mitchell Admin  Europe  Sales Order  495.0
                   a section line "Furniture"                                         -> skipped
  line 3           [FURN_0001] Desk  2.0 x 200.0 less 10.0 %  = 360.00
  line 4           a note line                                                        -> skipped
  line 5           [FURN_0002] Lamp  3.0 x 45.0               = 135.00
  line 6   S00002  Quotation                                                          -> left out, with its line
  line 7   S00003  2026-10-15 08:00  Deco Addict  Marc Demo  Europe  Cancelled  90.0: Lamp 2.0 x 45.0 = 90.00
  line 8   S00004  2026-10-31 23:30 (UTC: 2026-11-01 in Europe/Berlin)  Gemini Furniture, no salesperson,
                   no team, Locked, 40.0: [FURN_0003] Chair 1.0 x 40.0 = 40.00
  line 9           Lamp 1.0 x 45.0 less 100.0 % (given away)  -> price 0, no discount: 0.00
  line 10          a section line "Down Payments"                                     -> skipped
  line 11          [DOWN] Down Payment 0.0 x 20.0 (invoiced, not sold: quantity 0)    -> skipped
  line 12  S00005  Quotation Sent                                                     -> left out
Completed revenue 360 + 135 + 40 + 0 = 535.00 (S00001 495.00, S00004 40.00); cancelled 90.00.

The same orders with technical field names (an import-compatible export), as two files:
"sale.order.csv" without lines (lines 2-6: S00001 ... S00005; S00003 placed on the website, so
online) and "Sales Order Line (sale.order.line).csv" (lines 2-11: the section, Desk, the note, Lamp
of S00001, Lamp of S00002, Lamp of S00003, Chair, the free Lamp, the down payment's section and
line of S00004), each line also carrying its order's fields, so that the line file alone builds
the orders.
"""

from __future__ import annotations

import csv
from pathlib import Path

ORDER_FILE = "Sales Order (sale.order).csv"
LINE_FILE = "Sales Order Line (sale.order.line).csv"

LABEL_HEADER = [
    "Order Reference",
    "Order Date",
    "Customer",
    "Salesperson",
    "Sales Team",
    "Status",
    "Untaxed Amount",
    "Total",
    "Order Lines/Display Type",
    "Order Lines/Description",
    "Order Lines/Product",
    "Order Lines/Quantity",
    "Order Lines/Unit Price",
    "Order Lines/Discount (%)",
    "Order Lines/Subtotal",
]
ORDER_FIELDS = LABEL_HEADER[:8]

# The orders: reference, date (UTC), customer, salesperson, team, status, untaxed amount, total.
ORDERS = [
    ["S00001", "2026-10-03 09:00:00", "Azure Interior, Brandon Freeman", "Mitchell Admin", "Europe", "Sales Order"]
    + ["495.0", "569.25"],
    ["S00002", "2026-10-10 12:00:00", "Deco Addict", "Marc Demo", "", "Quotation", "100.0", "115.0"],
    ["S00003", "2026-10-15 08:00:00", "Deco Addict", "Marc Demo", "Europe", "Cancelled", "90.0", "103.5"],
    ["S00004", "2026-10-31 23:30:00", "Gemini Furniture", "", "", "Locked", "40.0", "46.0"],
    ["S00005", "2026-10-20 10:00:00", "Azure Interior, Brandon Freeman", "Mitchell Admin", "Europe"]
    + ["Quotation Sent", "45.0", "51.75"],
]
# The lines: order, display type, description, product, quantity, unit price, discount %, subtotal.
LINES = [
    ["S00001", "Section", "Furniture", "", "0.0", "0.0", "0.0", "0.0"],
    ["S00001", "", "Desk", "[FURN_0001] Desk", "2.0", "200.0", "10.0", "360.0"],
    ["S00001", "Note", "Delivered assembled", "", "0.0", "0.0", "0.0", "0.0"],
    ["S00001", "", "Lamp", "[FURN_0002] Lamp", "3.0", "45.0", "0.0", "135.0"],
    ["S00002", "", "Lamp", "[FURN_0002] Lamp", "2.0", "50.0", "0.0", "100.0"],
    ["S00003", "", "Lamp", "[FURN_0002] Lamp", "2.0", "45.0", "0.0", "90.0"],
    ["S00004", "", "Chair", "[FURN_0003] Chair", "1.0", "40.0", "0.0", "40.0"],
    ["S00004", "", "Lamp", "[FURN_0002] Lamp", "1.0", "45.0", "100.0", "0.0"],
    ["S00004", "Section", "Down Payments", "", "0.0", "0.0", "0.0", "0.0"],
    ["S00004", "", "Down Payment: 10/31/2026", "[DOWN] Down Payment", "0.0", "20.0", "0.0", "0.0"],
    ["S00005", "", "Lamp", "[FURN_0002] Lamp", "1.0", "45.0", "0.0", "45.0"],
]
TECHNICAL_ORDER_HEADER = [
    "name",
    "date_order",
    "partner_id",
    "user_id",
    "team_id",
    "state",
    "amount_untaxed",
    "website_id",
]
TECHNICAL_LINE_HEADER = [
    "order_id",
    "display_type",
    "name",
    "product_id",
    "product_uom_qty",
    "price_unit",
    "discount",
    "price_subtotal",
    "order_id/date_order",
    "order_partner_id",
    "salesman_id",
    "order_id/team_id",
    "state",
]
STATE_KEYS = {"Sales Order": "sale", "Quotation": "draft", "Cancelled": "cancel", "Locked": "done"}
STATE_KEYS["Quotation Sent"] = "sent"
DISPLAY_KEYS = {"Section": "line_section", "Note": "line_note", "": ""}


def label_rows() -> list[list[str]]:
    """The default export with the order lines ticked: an order's fields on its first line's row only."""
    rows, seen = [], set()
    for order_id, *line in LINES:
        order = next(o for o in ORDERS if o[0] == order_id)
        rows.append((order if order_id not in seen else [""] * len(ORDER_FIELDS)) + line)
        seen.add(order_id)
    return rows


def technical_order_rows() -> list[list[str]]:
    return [[*o[:5], STATE_KEYS[o[5]], o[6], "My Website" if o[0] == "S00003" else ""] for o in ORDERS]


def technical_line_rows() -> list[list[str]]:
    """The lines of the first four orders (S00005 has none in this export), with their orders' fields."""
    rows = []
    for order_id, display_type, *line in LINES[:-1]:
        order = next(o for o in ORDERS if o[0] == order_id)
        rows.append([order_id, DISPLAY_KEYS[display_type], *line, order[1], order[2], order[3], order[4]])
        rows[-1].append(STATE_KEYS[order[5]])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """As Odoo writes CSV: every field quoted, comma separated."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path
