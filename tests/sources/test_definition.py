"""Source definitions: header matching, the mapping file's overlay, and which sources settings accept."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import SettingsError
from pipelines.sources.definition import (
    SourceError,
    VendorColumn,
    VendorFile,
    available_sources,
    build_definition,
    load_source,
)
from pipelines.sources.lineage import vendor_header
from pipelines.sources.mapping_file import overlay
from pipelines.sources.read import match_headers
from tests.settings_for import settings_for

EXPORT = VendorFile(
    "orders_export",
    ("orders_export.csv",),
    True,
    (
        VendorColumn("name", "Name", "str", required=True),
        VendorColumn("cancelled_at", "Cancelled at", "timestamp", aliases=("Canceled at",)),
        VendorColumn("employee", "Employee", "str"),
    ),
)


@pytest.mark.parametrize(
    ("header", "found"),
    [
        (
            ("Name", "Cancelled at", "Employee"),
            {"name": "Name", "cancelled_at": "Cancelled at", "employee": "Employee"},
        ),
        ((" name ", "CANCELED AT"), {"name": " name ", "cancelled_at": "CANCELED AT", "employee": None}),
        (("Id",), {"name": None, "cancelled_at": None, "employee": None}),
    ],
)
def test_headers_match_ignoring_case_and_blanks_and_by_alias(header: tuple[str, ...], found: dict) -> None:
    assert match_headers(EXPORT, header) == found


def test_every_source_folder_is_a_source_and_loads() -> None:
    assert available_sources() == ("hubspot", "mapping", "odoo", "salesforce", "shopify")
    shopify = load_source("shopify")
    assert set(shopify.entities) == {"orders", "order_lines", "customers", "products", "sales_reps", "teams"}
    assert shopify.maps["financial_status"].values["pending"] == "left_out"


def test_an_entity_is_derived_only_from_files_it_reads_from() -> None:
    mapping = load_source("mapping")
    assert mapping.derived_from["customers"] == ("orders",)
    assert mapping.derived_from["orders"] == ()
    raw = {
        "files": {"deals": {"required": True, "columns": {"id": {}}}, "owners": {"columns": {"id": {}}}},
        "entities": {"orders": {"from": ["deals"], "derived": ["owners"]}},
    }
    with pytest.raises(SourceError, match=r"entity orders is derived from file\(s\) \['owners'\]"):
        build_definition("x", mapping.folder, raw, "x/source.yml")


def test_the_mapping_file_sets_headers_maps_and_formats_and_leaves_the_rest_unread() -> None:
    base = {
        "files": {
            "orders": {"required": True, "columns": {"order_id": {"type": "str"}, "channel": {"required": True}}},
            "customers": {"columns": {"customer_id": {"type": "str"}}},
        }
    }
    user = {
        "orders": {
            "file": "Sales.csv",
            "columns": {"order_id": "Invoice", "channel": {"column": "Via", "map": {"Web": "online"}, "default": "x"}},
        }
    }

    merged = overlay(base, user, "m.yml")

    assert merged["files"]["orders"] == {
        "names": ["Sales.csv"],
        "required": True,
        "columns": {
            "order_id": {"type": "str", "header": "Invoice"},
            "channel": {"required": False, "header": "Via", "map": "orders.channel", "default": "x"},
        },
    }
    assert merged["maps"] == {
        "orders.channel": {"values": {"Web": "online"}, "defined_in": "m.yml (orders: columns: channel: map)"}
    }
    assert merged["files"]["customers"]["names"] == []  # not in the mapping file: derived, never read


@pytest.mark.parametrize(
    ("env", "says"),
    [
        (
            {"SALES_SOURCE": "sap"},
            "SALES_SOURCE must be one of ('contract', 'hubspot', 'mapping', 'odoo', 'salesforce', 'shopify'), "
            "got 'sap'",
        ),
        ({"SALES_SOURCE": "mapping"}, "SALES_SOURCE=mapping needs SALES_MAPPING_FILE"),
        ({"SALES_SOURCE": "shopify", "SALES_MAPPING_FILE": "m.yml"}, "SALES_MAPPING_FILE is read only with"),
        ({"SALES_SOURCE": "mapping", "SALES_MAPPING_FILE": "/nowhere/m.yml"}, "No such file"),
        ({"SALES_TIMEZONE": "Mars/Olympus"}, "SALES_TIMEZONE must be an IANA time zone"),
    ],
)
def test_source_settings_that_cannot_work_are_refused(tmp_path: Path, env: dict[str, str], says: str) -> None:
    with pytest.raises(SettingsError, match="SALES_") as refused:
        settings_for(tmp_path, **env)
    assert says in str(refused.value)


def test_source_settings_reach_the_sql_as_variables(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path,
        SALES_SOURCE="shopify",
        SALES_TIMEZONE="America/Toronto",
        SALES_HOUSE_REP="Web shop",
        SALES_HOUSE_TEAM="E-commerce",
    )
    assert settings.source_variables == {
        "timezone": "America/Toronto",
        "house_rep": "Web shop",
        "house_team": "E-commerce",
    }


@pytest.mark.parametrize(
    ("source", "entity", "file", "column", "header"),
    [
        ("shopify", "orders", "orders_export.csv", "order_date", "Created at"),
        ("shopify", "order_lines", "ORDERS_EXPORT_1.csv", "quantity", "Lineitem quantity"),
        ("shopify", "teams", "orders_export.csv", "manager_name", None),  # not in the export
        ("shopify", "targets", "targets.csv", "month", None),  # not the source's: a contract file
        ("mapping", "order_lines", "order_lines.csv", "unit_price", "unit_price"),
        ("mapping", "order_lines", "orders.csv", "unit_price", "amount"),  # no lines file: the order's amount
        ("mapping", "customers", "orders.csv", "customer_id", "customer_id"),  # derived from the orders
        ("odoo", "orders", "Sales Order (sale.order).csv", "order_date", "Order Date"),
        ("odoo", "orders", "Sales Order Line (sale.order.line).csv", "order_id", "Order Reference"),
        ("odoo", "order_lines", "Sales Order (sale.order).csv", "quantity", "Order Lines/Quantity"),  # lines ticked
        ("odoo", "order_lines", "sale.order.line.csv", "quantity", "Quantity"),
    ],
)
def test_a_contract_column_is_traced_to_the_export_header(
    source: str, entity: str, file: str, column: str, header: str | None
) -> None:
    assert vendor_header(load_source(source), entity, file, column) == header


def test_a_format_list_mixing_offsets_and_none_is_refused(tmp_path: Path) -> None:
    column = {"type": "timestamp", "format": ["%Y-%m-%d %H:%M:%S %z", "%m/%d/%Y %H:%M"]}
    raw = {"files": {"orders": {"columns": {"created": column}}}}

    with pytest.raises(SourceError, match="orders.created lists formats with and without %z; give one kind"):
        build_definition("x", tmp_path, raw, "x.yml")
