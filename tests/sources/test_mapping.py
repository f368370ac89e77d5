"""A spreadsheet read through the user's mapping file; values worked out in mapping_files.py."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.settings import SettingsError
from tests.settings_for import settings_for
from tests.sources.mapping_files import LINES, SALES, write_user_month
from tests.sources.runs import load, rejected, rows

REVENUE = (
    "select cast(sum(l.quantity * l.unit_price * (1 - l.discount)) as decimal(18, 2)) "
    "from raw.order_lines l join raw.orders o using (order_id) where o.status = 'completed'"
)


def test_orders_and_customers_only_derive_one_line_per_order_reps_and_teams(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    env = write_user_month(tmp_path)
    load(con, tmp_path / "landing", **env)

    assert rows(con, "select * exclude (batch_month, file_sha256, loaded_at, run_id) from raw.orders order by all") == [
        ("INV-1", "2026-10-03", "ACME", "Rita", "online", None, "completed", None, "2026-10/Sales.csv", "2"),
        ("INV-2", "2026-10-12", "Beta Ltd", "Sam", "offline", None, "cancelled", None, "2026-10/Sales.csv", "3"),
        ("INV-3", "2026-10-25", "ACME", "unassigned", "online", None, "completed", None, "2026-10/Sales.csv", "4"),
    ]
    assert rows(con, "select order_id, line_no, product_id, quantity, unit_price, discount from raw.order_lines") == [
        ("INV-1", "1", "unspecified", "1", "100.0000", "0.000000"),
        ("INV-2", "1", "unspecified", "1", "50.0000", "0.000000"),
        ("INV-3", "1", "unspecified", "1", "40.5000", "0.000000"),
    ]
    assert rows(con, REVENUE) == [("140.50",)]
    assert rows(con, "select customer_id, name, segment, region, source_file, source_line from raw.customers") == [
        ("ACME", "Acme Corp", "smb", "north", "2026-10/Clients.csv", "2"),
        ("Beta Ltd", "Beta", "enterprise", "south", "2026-10/Clients.csv", "3"),
    ]
    assert rows(con, "select product_id, source_file from raw.products") == [("unspecified", "2026-10/Sales.csv")]
    assert rows(con, "select rep_id, name, team_id, is_active from raw.sales_reps order by all") == [
        ("Rita", "Rita", "unassigned", "True"),
        ("Sam", "Sam", "unassigned", "True"),
        ("unassigned", "unassigned", "unassigned", "True"),
    ]
    assert rows(con, "select team_id, name from raw.teams") == [("unassigned", "unassigned")]
    # Built from the ids the sales file names, not from a file of their own: logged as derived.
    assert rows(
        con,
        "select entity, status, source_file from ops.load_log where entity in "
        "('orders', 'order_lines', 'customers', 'products', 'sales_reps', 'teams') order by entity",
    ) == [
        ("customers", "loaded", "2026-10/Clients.csv"),
        ("order_lines", "derived", "2026-10/Sales.csv"),
        ("orders", "loaded", "2026-10/Sales.csv"),
        ("products", "derived", "2026-10/Sales.csv"),
        ("sales_reps", "derived", "2026-10/Sales.csv"),
        ("teams", "derived", "2026-10/Sales.csv"),
    ]


def test_a_lines_file_with_percent_discounts_splits_the_orders(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    env = write_user_month(tmp_path, lines=LINES)
    load(con, tmp_path / "landing", **env)

    assert rows(
        con,
        "select order_id, line_no, product_id, quantity, unit_price, discount, source_line "
        "from raw.order_lines order by all",
    ) == [
        ("INV-1", "1", "A-100", "2", "30.0000", "0.100000", "2"),
        ("INV-1", "2", "B-200", "1", "46.0000", "0.000000", "3"),
        ("INV-2", "1", "B-200", "1", "50.0000", "0.000000", "4"),
        ("INV-3", "1", "A-100", "1", "40.5000", "0.000000", "5"),
    ]
    assert rows(con, REVENUE) == [("140.50",)]
    assert rows(con, "select product_id, name from raw.products order by all") == [
        ("A-100", "A-100"),
        ("B-200", "B-200"),
    ]


def test_a_missing_required_column_names_the_file_and_the_mapped_header(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    env = write_user_month(tmp_path, sales=[[v for i, v in enumerate(row) if i != 2] for row in SALES])

    message = rejected(con, tmp_path / "landing", **env)

    assert "2026-10/Sales.csv, column Client: missing required column 'Client' (line 1)" in message


def test_an_unmapped_stage_names_value_line_and_the_map_to_extend(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    sales = [list(row) for row in SALES]
    sales[2][5] = "Pending"  # INV-2, line 3
    env = write_user_month(tmp_path, sales=sales)

    message = rejected(con, tmp_path / "landing", **env)

    assert (
        "2026-10/Sales.csv, column Stage: 1 value(s) not in the value map 'orders.status' ('Pending'): "
        f"extend that map in {tmp_path / 'mapping.yml'} (orders: columns: status: map) (line 3)"
    ) in message


def test_a_date_not_day_first_names_the_format(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    sales = [list(row) for row in SALES]
    sales[3][1] = "2026-10-25"  # INV-3, line 4
    env = write_user_month(tmp_path, sales=sales)

    message = rejected(con, tmp_path / "landing", **env)

    assert (
        "2026-10/Sales.csv, column Date: 1 value(s) are not a valid date ('2026-10-25'): write it as %d/%m/%Y (line 4)"
        in message
    )


def test_a_duplicate_invoice_fails_on_both_lines(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    env = write_user_month(tmp_path, sales=[*SALES, SALES[1]])  # INV-1 again, line 5

    message = rejected(con, tmp_path / "landing", **env)

    assert (
        "2026-10/Sales.csv, column Invoice No (order_id): 2 rows violate 'order_id must be unique' (lines 2, 5)"
        in message
    )


def test_a_line_of_a_missing_order_is_an_orphan_on_its_line(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    env = write_user_month(tmp_path, lines=[*LINES, ["INV-9", "A-100", "1", "1.00", "0"]])  # line 6

    message = rejected(con, tmp_path / "landing", **env)

    assert (
        "2026-10/Lines.csv, column Invoice (order_id): 1 row violates 'order_id must exist in orders.order_id' (line 6)"
        in message
    )


@pytest.mark.parametrize(
    ("mapping", "says"),
    [
        ("orders:\n  file: a.csv\n  columns:\n    total: T\n", "orders has no column 'total'; map any of order_id,"),
        ("invoices:\n  file: a.csv\n", "invoices cannot be mapped; map any of orders, order_lines,"),
        ("customers:\n  file: c.csv\n", "name the orders file"),
        ("orders:\n  columns: {}\n", "orders needs `file:`"),
        ("orders:\n  file: a.csv\n  columns:\n    order_date: {map: {x: y}}\n", "so its type must be str"),
        ("orders:\n  file: a.csv\n  columns:\n    order_id: {percent: true}\n", "so its type must be decimal"),
    ],
)
def test_a_mapping_file_that_cannot_be_read_is_refused_with_the_settings(
    tmp_path: Path, mapping: str, says: str
) -> None:
    (tmp_path / "mapping.yml").write_text(mapping, encoding="utf-8")
    with pytest.raises(SettingsError, match="SALES_SOURCE=mapping") as refused:
        settings_for(tmp_path, SALES_SOURCE="mapping", SALES_MAPPING_FILE=str(tmp_path / "mapping.yml"))
    assert says in str(refused.value)
