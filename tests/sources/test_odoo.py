"""Odoo's sale.order and sale.order.line exports, read as the contract's entities; values worked out
in odoo_export.py."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.sources.odoo_export import (
    LABEL_HEADER,
    LINE_FILE,
    ORDER_FIELDS,
    ORDER_FILE,
    TECHNICAL_LINE_HEADER,
    TECHNICAL_ORDER_HEADER,
    label_rows,
    technical_line_rows,
    technical_order_rows,
    write_csv,
)
from tests.sources.runs import MONTH, load, rejected, rows

ODOO = {"SALES_SOURCE": "odoo"}
ORDERS = "select order_id, order_date, customer_id, rep_id, channel, status, source_line from raw.orders order by all"
LINES = (
    "select order_id, line_no, product_id, quantity, unit_price, discount, source_line "
    "from raw.order_lines order by all"
)
REVENUE = (
    "select o.status, cast(sum(l.quantity * l.unit_price * (1 - l.discount)) as decimal(18, 2)) "
    "from raw.order_lines l join raw.orders o using (order_id) group by o.status order by all"
)
AZURE = "Azure Interior, Brandon Freeman"


def _without(header: list[str], rows: list[list[str]], dropped: set[str]) -> tuple[list[str], list[list[str]]]:
    keep = [i for i, h in enumerate(header) if h not in dropped]
    return [header[i] for i in keep], [[row[i] for i in keep] for row in rows]


def test_the_default_export_with_lines_ticked_skips_sections_notes_and_quotations(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_csv(tmp_path / MONTH / ORDER_FILE, LABEL_HEADER, label_rows())
    load(con, tmp_path, **ODOO)

    assert rows(con, ORDERS) == [
        ("S00001", "2026-10-03", AZURE, "Mitchell Admin", "agent", "completed", "2"),
        ("S00003", "2026-10-15", "Deco Addict", "Marc Demo", "agent", "cancelled", "7"),
        ("S00004", "2026-10-31", "Gemini Furniture", "unassigned", "agent", "completed", "8"),
    ]
    assert rows(con, LINES) == [
        ("S00001", "1", "[FURN_0001] Desk", "2", "200.0000", "0.100000", "3"),  # 10.0 % is 0.1
        ("S00001", "2", "[FURN_0002] Lamp", "3", "45.0000", "0.000000", "5"),
        ("S00003", "1", "[FURN_0002] Lamp", "2", "45.0000", "0.000000", "7"),
        ("S00004", "1", "[FURN_0003] Chair", "1", "40.0000", "0.000000", "8"),
        ("S00004", "2", "[FURN_0002] Lamp", "1", "0.0000", "0.000000", "9"),  # given away: 100 %
    ]
    assert rows(con, REVENUE) == [("cancelled", "90.00"), ("completed", "535.00")]
    assert rows(con, "select customer_id, name, segment, source_line from raw.customers order by all") == [
        (AZURE, AZURE, None, "2"),
        ("Deco Addict", "Deco Addict", None, "7"),
        ("Gemini Furniture", "Gemini Furniture", None, "8"),
    ]
    assert rows(con, "select product_id, name, category, list_price from raw.products order by all") == [
        ("[FURN_0001] Desk", "[FURN_0001] Desk", None, None),
        ("[FURN_0002] Lamp", "[FURN_0002] Lamp", None, None),
        ("[FURN_0003] Chair", "[FURN_0003] Chair", None, None),
    ]
    assert rows(con, "select rep_id, name, team_id, is_active from raw.sales_reps order by all") == [
        ("Marc Demo", "Marc Demo", "Europe", "True"),
        ("Mitchell Admin", "Mitchell Admin", "Europe", "True"),
        ("unassigned", "unassigned", "unassigned", "True"),
    ]
    assert rows(con, "select team_id, name, manager_name from raw.teams order by all") == [
        ("Europe", "Europe", None),
        ("unassigned", "unassigned", None),
    ]
    assert rows(con, "select distinct source_file from raw.order_lines") == [(f"{MONTH}/{ORDER_FILE}",)]


def test_technical_field_names_in_two_exports_give_the_same_orders_lines_from_the_line_file(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_csv(tmp_path / MONTH / "sale.order.csv", TECHNICAL_ORDER_HEADER, technical_order_rows())
    write_csv(tmp_path / MONTH / LINE_FILE, TECHNICAL_LINE_HEADER, technical_line_rows())
    load(con, tmp_path, **ODOO)

    assert rows(con, ORDERS) == [
        ("S00001", "2026-10-03", AZURE, "Mitchell Admin", "agent", "completed", "2"),
        ("S00003", "2026-10-15", "Deco Addict", "Marc Demo", "online", "cancelled", "4"),  # on the website
        ("S00004", "2026-10-31", "Gemini Furniture", "unassigned", "agent", "completed", "5"),
    ]
    assert rows(con, LINES) == [
        ("S00001", "1", "[FURN_0001] Desk", "2", "200.0000", "0.100000", "3"),
        ("S00001", "2", "[FURN_0002] Lamp", "3", "45.0000", "0.000000", "5"),
        ("S00003", "1", "[FURN_0002] Lamp", "2", "45.0000", "0.000000", "7"),
        ("S00004", "1", "[FURN_0003] Chair", "1", "40.0000", "0.000000", "8"),
        ("S00004", "2", "[FURN_0002] Lamp", "1", "0.0000", "0.000000", "9"),
    ]
    assert rows(con, "select distinct source_file from raw.orders") == [(f"{MONTH}/sale.order.csv",)]
    assert rows(con, "select distinct source_file from raw.order_lines") == [(f"{MONTH}/{LINE_FILE}",)]


def test_with_a_line_export_the_lines_ticked_in_the_order_export_are_not_read_twice(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_csv(tmp_path / MONTH / ORDER_FILE, LABEL_HEADER, label_rows())
    write_csv(tmp_path / MONTH / LINE_FILE, TECHNICAL_LINE_HEADER, technical_line_rows())
    load(con, tmp_path, **ODOO)

    assert rows(con, "select source_file, count(*) from raw.order_lines group by all") == [
        (f"{MONTH}/{LINE_FILE}", "5")
    ]
    assert rows(con, REVENUE) == [("cancelled", "90.00"), ("completed", "535.00")]


def test_the_line_export_alone_builds_the_orders_from_the_fields_each_line_repeats(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_csv(tmp_path / MONTH / LINE_FILE, TECHNICAL_LINE_HEADER, technical_line_rows())
    load(con, tmp_path, **ODOO)

    assert rows(con, ORDERS) == [  # each order from its first line
        ("S00001", "2026-10-03", AZURE, "Mitchell Admin", "agent", "completed", "2"),
        ("S00003", "2026-10-15", "Deco Addict", "Marc Demo", "agent", "cancelled", "7"),
        ("S00004", "2026-10-31", "Gemini Furniture", "unassigned", "agent", "completed", "8"),
    ]
    assert rows(con, REVENUE) == [("cancelled", "90.00"), ("completed", "535.00")]
    assert rows(con, "select rep_id, team_id from raw.sales_reps order by all") == [
        ("Marc Demo", "Europe"),
        ("Mitchell Admin", "Europe"),
        ("unassigned", "unassigned"),
    ]


def test_the_order_export_alone_gives_each_order_one_line_at_its_untaxed_amount(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    header, orders = _without(LABEL_HEADER, label_rows(), set(LABEL_HEADER) - set(ORDER_FIELDS))
    write_csv(tmp_path / MONTH / ORDER_FILE, header, [row for row in orders if row[0]])
    load(con, tmp_path, **ODOO)

    assert rows(con, LINES) == [
        ("S00001", "1", "unspecified", "1", "495.0000", "0.000000", "2"),
        ("S00003", "1", "unspecified", "1", "90.0000", "0.000000", "4"),
        ("S00004", "1", "unspecified", "1", "40.0000", "0.000000", "5"),
    ]
    assert rows(con, REVENUE) == [("cancelled", "90.00"), ("completed", "535.00")]
    assert rows(con, "select product_id, name from raw.products") == [("unspecified", "unspecified")]


def test_lines_exported_without_their_product_are_of_the_unspecified_product(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    header, lines = _without(TECHNICAL_LINE_HEADER, technical_line_rows(), {"product_id"})
    write_csv(tmp_path / MONTH / LINE_FILE, header, lines)
    load(con, tmp_path, **ODOO)

    assert rows(con, "select distinct product_id from raw.order_lines") == [("unspecified",)]
    assert rows(con, "select product_id, name from raw.products") == [("unspecified", "unspecified")]
    assert rows(con, REVENUE) == [("cancelled", "90.00"), ("completed", "535.00")]


def test_an_order_on_the_last_evening_in_utc_is_next_month_in_berlin(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_csv(tmp_path / MONTH / ORDER_FILE, LABEL_HEADER, label_rows())  # S00004: 2026-10-31 23:30 UTC
    con.execute("set TimeZone = 'Asia/Tokyo'")  # the session's zone is not the export's: read as UTC all the same

    message = rejected(con, tmp_path, SALES_TIMEZONE="Europe/Berlin", **ODOO)

    assert (
        f"{MONTH}/{ORDER_FILE}, column Order Date (order_date): "
        "1 row violates 'order_date must be inside 2026-10' (line 8)"
    ) in message


def test_a_fractional_quantity_fails_the_month_on_its_line(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    export = label_rows()
    export[1][LABEL_HEADER.index("Order Lines/Quantity")] = "2.5"  # the Desk, line 3
    write_csv(tmp_path / MONTH / ORDER_FILE, LABEL_HEADER, export)

    message = rejected(con, tmp_path, **ODOO)

    assert (
        f"{MONTH}/{ORDER_FILE}, column Order Lines/Quantity: 1 value(s) are not a valid int ('2.5'): "
        "write a whole number: digits with an optional leading '-' (a zero fraction, 2.0, reads as 2) (line 3)"
    ) in message


def test_a_missing_required_column_names_the_file_and_column(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header, export = _without(LABEL_HEADER, label_rows(), {"Status"})
    write_csv(tmp_path / MONTH / ORDER_FILE, header, export)

    message = rejected(con, tmp_path, **ODOO)

    assert f"{MONTH}/{ORDER_FILE}, column Status: missing required column 'Status' (or 'state') (line 1)" in message


def test_an_unmapped_state_names_value_line_and_map(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    export = technical_order_rows()
    export[2][5] = "to approve"  # S00003, line 4: a state an approval module adds
    write_csv(tmp_path / MONTH / "sale.order.csv", TECHNICAL_ORDER_HEADER, export)

    message = rejected(con, tmp_path, **ODOO)

    assert (
        f"{MONTH}/sale.order.csv, column state: 1 value(s) not in the value map 'state' ('to approve'): "
        "extend that map in pipelines/sources/odoo/source.yml (line 4)"
    ) in message


def test_an_order_exported_twice_fails_on_both_lines(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    export = label_rows()
    export.append(export[5])  # S00003's row again, line 13
    write_csv(tmp_path / MONTH / ORDER_FILE, LABEL_HEADER, export)

    message = rejected(con, tmp_path, **ODOO)

    assert (
        f"{MONTH}/{ORDER_FILE}, column Order Reference (order_id): "
        "2 rows violate 'order_id must be unique' (lines 7, 13)"
    ) in message


def test_a_line_whose_order_is_not_in_the_order_export_is_an_orphan_on_its_line(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    lines = technical_line_rows()
    lines.append(["S00009", *lines[1][1:]])  # a Desk of an order the sale.order export does not hold, line 12
    write_csv(tmp_path / MONTH / "sale.order.csv", TECHNICAL_ORDER_HEADER, technical_order_rows())
    write_csv(tmp_path / MONTH / LINE_FILE, TECHNICAL_LINE_HEADER, lines)

    message = rejected(con, tmp_path, **ODOO)

    assert (
        f"{MONTH}/{LINE_FILE}, column Order Reference (order_id): "
        "1 row violates 'order_id must exist in orders.order_id' (line 12)"
    ) in message


def test_a_month_with_neither_export_says_which_files_it_needs(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    (tmp_path / MONTH).mkdir()

    message = rejected(con, tmp_path, **ODOO)

    assert (
        f"{MONTH}/sale.order.csv: none of sale.order.csv or *(sale.order).csv or sale.order.line.csv or "
        "*(sale.order.line).csv is there: orders is built from one of them"
    ) in message
