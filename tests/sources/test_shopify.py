"""The Shopify orders export, read as the contract's entities; values worked out in shopify_export.py."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.sources.runs import MONTH, load, rejected, rows
from tests.sources.shopify_export import HEADER, export_rows, write_export

SHOPIFY = {"SALES_SOURCE": "shopify"}


def test_the_export_becomes_orders_lines_and_derived_snapshots(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_export(tmp_path / MONTH)
    load(con, tmp_path, **SHOPIFY)

    assert rows(
        con,
        "select order_id, order_date, customer_id, rep_id, channel, status, source_line from raw.orders order by all",
    ) == [
        ("#1001", "2026-10-03", "ann@example.com", "house", "online", "completed", "2"),
        ("#1002", "2026-10-10", "bo@example.com", "Cara Diaz", "offline", "completed", "5"),
        ("#1002 refund", "2026-10-10", "bo@example.com", "Cara Diaz", "offline", "returned", "5"),
        ("#1003", "2026-10-12", "ann@example.com", "house", "online", "returned", "6"),
        ("#1005", "2026-10-15", "cy@example.com", "house", "online", "cancelled", "8"),
        ("#1006", "2026-10-31", "unspecified", "house", "agent", "completed", "9"),
    ]
    assert rows(
        con,
        "select order_id, line_no, product_id, quantity, unit_price, discount, source_line "
        "from raw.order_lines order by all",
    ) == [
        ("#1001", "1", "SKU-A", "2", "20.0000", "0.100000", "2"),
        ("#1001", "2", "SKU-B", "1", "10.0000", "0.100000", "4"),  # #1001's note spans lines 2 and 3
        ("#1002", "1", "SKU-B", "3", "10.0000", "0.400000", "5"),
        ("#1002 refund", "1", "SKU-B", "3", "10.0000", "0.600000", "5"),
        ("#1003", "1", "SKU-A", "1", "20.0000", "0.000000", "6"),
        ("#1005", "1", "SKU-B", "1", "10.0000", "0.000000", "8"),
        ("#1006", "1", "Gift wrap", "1", "5.0000", "0.000000", "9"),
    ]
    revenue = (
        "select o.status, cast(sum(l.quantity * l.unit_price * (1 - l.discount)) as decimal(18, 2)) "
        "from raw.order_lines l join raw.orders o using (order_id) group by o.status order by all"
    )
    assert rows(con, revenue) == [("cancelled", "10.00"), ("completed", "68.00"), ("returned", "32.00")]
    assert rows(con, "select customer_id, name, region from raw.customers order by all") == [
        ("ann@example.com", "Ann Lee-Park", "US"),  # from the latest order of the month, #1003
        ("bo@example.com", "Bo Chen", "CA"),
        ("cy@example.com", None, None),
        ("unspecified", None, None),
    ]
    assert rows(con, "select product_id, name, category, list_price from raw.products order by all") == [
        ("Gift wrap", "Gift wrap", None, "5.0000"),
        ("SKU-A", "Alpha", None, "20.0000"),
        ("SKU-B", "Beta", None, "10.0000"),
        ("SKU-C", "Gamma", None, "7.0000"),
    ]
    assert rows(con, "select rep_id, team_id, is_active from raw.sales_reps order by all") == [
        ("Cara Diaz", "Main Street", "True"),
        ("house", "house", "True"),
    ]
    assert rows(con, "select team_id from raw.teams order by all") == [("Main Street",), ("house",)]
    assert rows(con, "select distinct source_file from raw.orders") == [("2026-10/orders_export.csv",)]


def test_the_other_cancel_spelling_and_any_header_case_read_the_same(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    spelled = {"Cancelled at": "Canceled at", "Financial Status": "financial status", "Subtotal": "SUBTOTAL"}
    header = [spelled.get(h, h) for h in HEADER]
    export = [{spelled.get(k, k): v for k, v in row.items()} for row in export_rows()]
    write_export(tmp_path / MONTH, export, header)
    load(con, tmp_path, **SHOPIFY)

    assert rows(con, "select order_id, status from raw.orders where order_id = '#1005'") == [("#1005", "cancelled")]
    assert rows(con, "select count(*) from raw.orders") == [("6",)]


def test_created_at_falls_in_the_month_of_sales_timezone(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_export(tmp_path / MONTH)  # #1006: 2026-11-01 00:30 +0100 is October in UTC, November in Berlin

    message = rejected(con, tmp_path, SALES_TIMEZONE="Europe/Berlin", **SHOPIFY)

    assert (
        "2026-10/orders_export.csv, column Created at (order_date): "
        "1 row violates 'order_date must be inside 2026-10' (line 9)" in message
    )


def test_a_missing_required_column_names_the_file_and_column(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_export(tmp_path / MONTH, header=[h for h in HEADER if h != "Lineitem quantity"])

    message = rejected(con, tmp_path, **SHOPIFY)

    assert (
        "2026-10/orders_export.csv, column Lineitem quantity: missing required column 'Lineitem quantity' (line 1)"
        in message
    )


def test_an_unmapped_financial_status_names_value_line_and_map(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    export = export_rows()
    export[2]["Financial Status"] = "partially_paid"  # #1002, line 5
    write_export(tmp_path / MONTH, export)

    message = rejected(con, tmp_path, **SHOPIFY)

    assert (
        "2026-10/orders_export.csv, column Financial Status: 1 value(s) not in the value map 'financial_status' "
        "('partially_paid'): extend that map in pipelines/sources/shopify/source.yml (line 5)"
    ) in message


def test_an_order_written_twice_fails_on_both_lines(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    export = export_rows()
    export.append({**export[3], "Lineitem sku": "SKU-B"})  # #1003's first row again, line 10
    write_export(tmp_path / MONTH, export)

    message = rejected(con, tmp_path, **SHOPIFY)

    assert (
        "2026-10/orders_export.csv, column Name (order_id): 2 rows violate 'order_id must be unique' (lines 6, 10)"
        in message
    )


def test_a_line_whose_order_row_is_missing_is_an_orphan_on_its_line(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    export = export_rows()
    export.append({**export[1], "Name": "#1009"})  # a follow-up row of an order with no first row, line 10
    write_export(tmp_path / MONTH, export)

    message = rejected(con, tmp_path, **SHOPIFY)

    assert (
        "2026-10/orders_export.csv, column Name (order_id): "
        "1 row violates 'order_id must exist in orders.order_id' (line 10)"
    ) in message


def test_a_row_with_a_field_too_many_names_its_line(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    path = write_export(tmp_path / MONTH)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[5] += ",extra"  # #1003's row, line 6
    path.write_text("\n".join(lines), encoding="utf-8")

    message = rejected(con, tmp_path, **SHOPIFY)

    assert (
        f"2026-10/orders_export.csv: is not well-formed CSV: {len(HEADER) + 1} fields where the header has" in message
    )
    assert "(line 6)" in message


def test_an_export_split_in_parts_is_refused_rather_than_read_in_part(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    for part in (1, 2):
        write_export(tmp_path / MONTH).rename(tmp_path / MONTH / f"orders_export_{part}.csv")

    message = rejected(con, tmp_path, **SHOPIFY)

    assert (
        "2026-10/orders_export_1.csv: orders_export_1.csv, orders_export_2.csv all match "
        "orders_export.csv or orders_export_*.csv: the month is read from exactly one such file"
    ) in message


def test_the_export_shopify_mails_is_read_under_its_own_name(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_export(tmp_path / MONTH).rename(tmp_path / MONTH / "orders_export_1.csv")
    load(con, tmp_path, **SHOPIFY)

    assert rows(con, "select distinct source_file from raw.orders") == [("2026-10/orders_export_1.csv",)]


def test_each_order_keeps_the_currency_it_was_paid_in_and_needs_its_rate(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    rows_ = export_rows()
    eur = [row for row in rows_ if row["Name"] == "#1002" and row.get("Financial Status")]
    eur[0]["Currency"] = "EUR"  # an order field: on the order's first row only (line 5)
    write_export(tmp_path / MONTH, rows_)

    message = rejected(con, tmp_path, **SHOPIFY)
    assert "column Currency (currency): 2 rows violate" in message  # the sale and its refund
    assert "(none for EUR)' (lines 5, 5)" in message

    (tmp_path / MONTH / "fx_rates.csv").write_text(f"currency,month,rate_date,rate_to_reporting\nEUR,{MONTH},,1.08\n")
    load(con, tmp_path, **SHOPIFY)
    assert rows(con, "select order_id, currency from raw.orders order by all") == [
        ("#1001", "USD"),
        ("#1002", "EUR"),
        ("#1002 refund", "EUR"),  # the refunded part is in the order's currency too
        ("#1003", "USD"),
        ("#1005", "USD"),
        ("#1006", "USD"),
    ]
