"""HubSpot's deals, from the CRM's export and from the replicated tables, read as the contract's
entities; values worked out in hubspot_export.py."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.sources.hubspot_export import (
    DEAL_HEADER,
    DEAL_ROWS,
    EXPORT_FILE,
    EXPORT_HEADER,
    EXPORT_ROWS,
    LINE_ITEM_DEAL,
    STAGE_HEADER,
    STAGE_ROWS,
    write_csv,
    write_replicated,
)
from tests.sources.runs import MONTH, load, rejected, rows

HUBSPOT = {"SALES_SOURCE": "hubspot"}
ORDERS = "select order_id, order_date, customer_id, rep_id, channel, status, source_line from raw.orders order by all"
LINES = (
    "select order_id, line_no, product_id, quantity, unit_price, discount, source_file, source_line "
    "from raw.order_lines order by all"
)
OPPORTUNITIES = (
    "select opportunity_id, customer_id, rep_id, created_date, expected_close_date, close_date, stage, amount "
    "from raw.opportunities order by all"
)
LOG = (
    "select entity, status, source_file from ops.load_log where entity in "
    "('orders', 'order_lines', 'opportunities', 'customers', 'products', 'sales_reps', 'teams') order by entity"
)
REVENUE = "select cast(sum(quantity * unit_price * (1 - discount)) as decimal(18, 2)) from raw.order_lines"


def _export(tmp_path: Path, export: list[list[str]] = EXPORT_ROWS, header: list[str] = EXPORT_HEADER) -> None:
    write_csv(tmp_path / MONTH / EXPORT_FILE, header, export)


def test_the_crm_export_alone_gives_the_won_deals_as_orders_and_every_deal_of_the_month_as_opportunities(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    _export(tmp_path)
    load(con, tmp_path, **HUBSPOT)

    assert rows(con, ORDERS) == [
        ("101", "2026-10-05", "9001", "Jane Doe", "online", "completed", "2"),
        ("106", "2026-10-31", "unspecified", "unassigned", "agent", "completed", "7"),
    ]
    assert rows(con, LINES) == [  # no line items: one line at the deal's Amount
        ("101", "1", "unspecified", "1", "500.0000", "0.000000", f"{MONTH}/{EXPORT_FILE}", "2"),
        ("106", "1", "unspecified", "1", "80.5000", "0.000000", f"{MONTH}/{EXPORT_FILE}", "7"),
    ]
    assert rows(con, REVENUE) == [("580.50",)]
    assert rows(con, OPPORTUNITIES) == [
        ("101", "9001", "Jane Doe", "2026-09-20", None, "2026-10-05", "won", "500.0000"),
        ("102", "9002", "John Roe", "2026-10-02", "2026-11-15", None, "open", "1200.0000"),  # first company
        ("103", "9002", "Jane Doe", "2026-10-01", None, "2026-10-20", "lost", "300.0000"),
        ("105", "unspecified", "John Roe", "2026-10-10", "2026-11-03", None, "open", "700.0000"),  # won later
        ("106", "unspecified", "unassigned", "2026-10-31", None, "2026-10-31", "won", "80.5000"),
    ]
    assert rows(con, "select customer_id, name, region from raw.customers order by all") == [
        ("9001", "Acme Corp", None),
        ("9002", "Beta Ltd", None),
        ("unspecified", "unspecified", None),
    ]
    assert rows(con, "select product_id, name, list_price from raw.products") == [("unspecified", "unspecified", None)]
    assert rows(con, "select rep_id, name, team_id, is_active from raw.sales_reps order by all") == [
        ("Jane Doe", "Jane Doe", "EMEA", "True"),
        ("John Roe", "John Roe", "EMEA", "True"),
        ("unassigned", "unassigned", "unassigned", "True"),
    ]
    assert rows(con, "select team_id, name from raw.teams order by all") == [
        ("EMEA", "EMEA"),
        ("unassigned", "unassigned"),
    ]
    # Built from the ids the deals name, not from a file of their own: logged as derived.
    export = f"{MONTH}/{EXPORT_FILE}"
    assert rows(con, LOG) == [
        ("customers", "derived", export),
        ("opportunities", "loaded", export),
        ("order_lines", "derived", export),
        ("orders", "loaded", export),
        ("products", "derived", export),
        ("sales_reps", "derived", export),
        ("teams", "derived", export),
    ]


def test_the_replicated_tables_classify_a_custom_pipeline_by_its_stages_flags_and_drop_deleted_rows(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_replicated(tmp_path / MONTH)
    load(con, tmp_path, **HUBSPOT)

    assert rows(con, ORDERS) == [
        ("201", "2026-10-12", "7001", "41", "online", "completed", "2"),  # stage 555001, Signed: closed_won
        ("204", "2026-10-20", "unspecified", "41", "agent", "completed", "5"),
    ]
    assert rows(con, LINES) == [
        ("201", "1", "8001", "2", "300.0000", "0.100000", f"{MONTH}/line_item.csv", "2"),  # 10 %
        ("201", "2", "8002", "4", "90.0000", "0.100000", f"{MONTH}/line_item.csv", "3"),  # 9.00 off 90.00
        # A deal without line items: one line at its Amount, from the deal's line (the entity's
        # first file names it).
        ("204", "1", "unspecified", "1", "250.0000", "0.000000", f"{MONTH}/line_item.csv", "5"),
    ]
    assert rows(con, REVENUE) == [("1114.00",)]
    assert rows(con, OPPORTUNITIES) == [
        ("201", "7001", "41", "2026-10-01", None, "2026-10-12", "won", "864.0000"),
        ("202", "7002", "42", "2026-10-03", "2026-12-01", None, "open", "400.0000"),  # 0.4
        ("204", "unspecified", "41", "2026-10-18", None, "2026-10-20", "won", "250.0000"),
        ("205", "unspecified", "42", "2026-10-05", None, "2026-10-25", "lost", "600.0000"),  # 0.0
    ]
    assert rows(con, "select customer_id, name, region, created_date from raw.customers order by all") == [
        ("7001", "Acme Corp", "Germany", "2025-01-10"),
        ("7002", "Beta Ltd", "France", "2026-10-02"),
        ("unspecified", "unspecified", None, None),
    ]
    assert rows(con, "select product_id, name, list_price from raw.products order by all") == [
        ("8001", "Desk", "300.0000"),
        ("8002", "Lamp", "90.0000"),
        ("unspecified", "unspecified", None),
    ]
    assert rows(con, "select rep_id, name, team_id from raw.sales_reps order by all") == [
        ("41", "Ann Lee", "12"),  # the team of her latest deal, 204
        ("42", "Bob Ray", "11"),
    ]
    assert rows(con, "select team_id, name from raw.teams order by all") == [
        ("11", "Inside Sales"),
        ("12", "Field Sales"),
    ]
    assert [status for _, status, _ in rows(con, LOG)] == ["loaded"] * 7


def test_deals_alone_derive_reps_teams_customers_and_the_unspecified_product(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    # Without deal_pipeline_stage.csv a stage is read by its id: the default pipeline's are known.
    deals = [DEAL_ROWS[2], DEAL_ROWS[3], [*DEAL_ROWS[4][:3], "closedlost", *DEAL_ROWS[4][4:]]]
    write_csv(tmp_path / MONTH / "deal.csv", DEAL_HEADER, deals)
    load(con, tmp_path, **HUBSPOT)

    assert rows(con, ORDERS) == [("204", "2026-10-20", "unspecified", "41", "agent", "completed", "3")]
    assert rows(con, LINES) == [("204", "1", "unspecified", "1", "250.0000", "0.000000", f"{MONTH}/deal.csv", "3")]
    assert rows(con, "select opportunity_id, stage from raw.opportunities order by all") == [
        ("204", "won"),
        ("205", "lost"),
    ]
    assert rows(con, "select customer_id, name from raw.customers") == [("unspecified", "unspecified")]
    assert rows(con, "select product_id, name from raw.products") == [("unspecified", "unspecified")]
    assert rows(con, "select rep_id, name, team_id from raw.sales_reps order by all") == [
        ("41", "41", "12"),  # 203, of team 11, is deleted
        ("42", "42", "11"),
    ]
    assert rows(con, "select team_id, name from raw.teams order by all") == [("11", "11"), ("12", "12")]


def test_a_deal_won_on_the_last_evening_in_utc_is_a_november_order_in_berlin(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    _export(tmp_path)  # 106: closed 2026-10-31 23:30 UTC, 2026-11-01 00:30 in Berlin
    load(con, tmp_path, SALES_TIMEZONE="Europe/Berlin", **HUBSPOT)

    assert rows(con, "select order_id from raw.orders") == [("101",)]
    late = "select expected_close_date, close_date, stage from raw.opportunities where opportunity_id = '106'"
    assert rows(con, late) == [("2026-11-01", None, "open")]  # still open at October's end


def test_a_missing_required_column_names_the_file_and_column(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    keep = [i for i, h in enumerate(EXPORT_HEADER) if h != "Deal Stage"]
    _export(tmp_path, [[row[i] for i in keep] for row in EXPORT_ROWS], [EXPORT_HEADER[i] for i in keep])

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        f"{MONTH}/{EXPORT_FILE}, column Deal Stage: missing required column 'Deal Stage' "
        "(or 'deal_pipeline_stage_id', 'property_dealstage', 'dealstage') (line 1)"
    ) in message


def test_a_stage_neither_its_flags_nor_the_map_classify_fails_naming_it_and_the_map(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    export = [list(row) for row in EXPORT_ROWS]
    export[2][2] = "Negotiation"  # 103, line 4: a stage label of a pipeline the map does not know
    _export(tmp_path, export)

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        f"{MONTH}/{EXPORT_FILE}: pipelines/sources/hubspot/orders.sql could not convert it: Invalid Input Error: "
        "column Deal Stage or deal_pipeline_stage_id, line 4: the stage Negotiation is neither open, won nor lost: "
        "give it closed_won and probability in deal_pipeline_stage.csv, "
        "or extend the map stage in pipelines/sources/hubspot/source.yml"
    ) in message


def test_a_deal_exported_twice_fails_on_both_lines(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    _export(tmp_path, [*EXPORT_ROWS, EXPORT_ROWS[0]])  # 101 again, line 8

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        f"{MONTH}/{EXPORT_FILE}, column Record ID (order_id): 2 rows violate 'order_id must be unique' (lines 2, 8)"
    ) in message


def test_a_line_item_whose_deal_is_not_in_the_deals_is_an_orphan_on_its_line(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_replicated(tmp_path / MONTH)
    header, links = LINE_ITEM_DEAL
    write_csv(tmp_path / MONTH / "line_item_deal.csv", header, [*links[:3], ["304", "299"]])  # 304, line 5

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        f"{MONTH}/line_item.csv, column Associated Deal IDs (order_id): "
        "1 row violates 'order_id must exist in orders.order_id' (line 5)"
    ) in message


def test_a_month_without_deals_says_which_file_it_needs(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_replicated(tmp_path / MONTH)
    (tmp_path / MONTH / "deal.csv").unlink()

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        f"{MONTH}/deal.csv: required file deal.csv or deals.csv or hubspot-crm-exports-*deals*.csv is missing"
    ) in message


def test_a_replicated_deal_in_a_stage_the_stage_table_lacks_fails_naming_its_id(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    deals = [list(row) for row in DEAL_ROWS]
    deals[4][DEAL_HEADER.index("deal_pipeline_stage_id")] = "555009"  # 205, line 6: a stage added since
    write_replicated(tmp_path / MONTH, deals)

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        "column Deal Stage or deal_pipeline_stage_id, line 6: the stage 555009 is neither open, won nor lost" in message
    )


def test_a_fractional_quantity_fails_the_month_on_its_line(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_replicated(tmp_path / MONTH)
    items = (tmp_path / MONTH / "line_item.csv").read_text(encoding="utf-8").replace(",2.0,", ",2.5,")
    (tmp_path / MONTH / "line_item.csv").write_text(items, encoding="utf-8")  # the Desk, line 2

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        f"{MONTH}/line_item.csv, column property_quantity: 1 value(s) are not a valid int ('2.5'): "
        "write a whole number: digits with an optional leading '-' (a zero fraction, 2.0, reads as 2) (line 2)"
    ) in message


def test_a_close_date_in_none_of_its_formats_names_them_all(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    export = [list(row) for row in EXPORT_ROWS]
    export[0][4] = "10/05/2026"  # 101, line 2: re-saved by a spreadsheet
    _export(tmp_path, export)

    message = rejected(con, tmp_path, **HUBSPOT)

    assert (
        f"{MONTH}/{EXPORT_FILE}, column Close Date: 1 value(s) are not a valid timestamp ('10/05/2026'): "
        "write it as %Y-%m-%d %H:%M:%S or %Y-%m-%d %H:%M or %Y-%m-%d (line 2)"
    ) in message


def test_a_stage_row_without_flags_or_a_known_label_leaves_the_stage_to_its_id(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    write_replicated(tmp_path / MONTH)
    stages = [*STAGE_ROWS[:3], ["closedwon", "default", "Gewonnen", "", "", "true", "6", "false"]]
    write_csv(tmp_path / MONTH / "deal_pipeline_stage.csv", STAGE_HEADER, stages)
    load(con, tmp_path, **HUBSPOT)

    assert rows(con, "select order_id from raw.orders order by all") == [("201",), ("204",)]  # 204: closedwon
