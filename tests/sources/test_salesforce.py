"""Salesforce's objects, in Data Export's API shape and in a replication tool's snake_case shape,
read as the contract's entities; values worked out in salesforce_export.py."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.sources.runs import MONTH, load, rejected, rows
from tests.sources.salesforce_export import (
    ACC1,
    ACC2,
    OPP,
    PRD1,
    PRD2,
    ROL1,
    USR1,
    USR2,
    api_files,
    replicated_files,
    write_export,
)

SALESFORCE = {"SALES_SOURCE": "salesforce"}
ORDERS = "select order_id, order_date, customer_id, rep_id, channel, status, source_line from raw.orders order by all"
LINES = (
    "select order_id, line_no, product_id, quantity, unit_price, discount, source_line "
    "from raw.order_lines order by all"
)
REVENUE = (
    "select o.order_id, cast(sum(l.quantity * l.unit_price * (1 - l.discount)) as decimal(18, 2)) "
    "from raw.order_lines l join raw.orders o using (order_id) group by o.order_id order by all"
)
OPPORTUNITIES = (
    "select opportunity_id, customer_id, rep_id, created_date, expected_close_date, close_date, stage, amount "
    "from raw.opportunities order by all"
)

EXPECTED_ORDERS = [
    (OPP[0], "2026-10-05", ACC1, USR1, "online", "completed", "2"),
    (OPP[3], "2026-10-31", ACC2, USR1, "agent", "completed", "5"),  # no LeadSource: the default
]
EXPECTED_LINES = [
    (OPP[0], "1", PRD1, "2", "300.0000", "0.100000", "2"),  # Discount 10 (%) is 0.1
    (OPP[0], "2", PRD2, "1", "460.0000", "0.000000", "3"),
    (OPP[3], "1", "unspecified", "1", "750.0000", "0.000000", "5"),  # no line items: its Amount
]
EXPECTED_OPPORTUNITIES = [
    (OPP[0], ACC1, USR1, "2026-09-01", "2026-10-05", "2026-10-05", "won", "1000.0000"),
    (OPP[1], ACC2, USR2, "2026-10-02", "2026-11-15", None, "open", "5000.0000"),
    (OPP[2], ACC1, USR2, "2026-10-03", "2026-10-20", "2026-10-20", "lost", "2000.0000"),
    (OPP[3], ACC2, USR1, "2026-10-10", "2026-10-31", "2026-10-31", "won", "750.0000"),
]


def _write(tmp_path: Path, shape: str, **changes) -> None:
    files = api_files() if shape == "api" else replicated_files()
    files.update(changes)
    write_export(tmp_path / MONTH, files, bom=shape == "api")


STATUSES = (
    "select entity, status from ops.load_log where entity in ('orders', 'order_lines', 'opportunities', "
    "'customers', 'products', 'sales_reps', 'teams') order by entity"
)


@pytest.mark.parametrize("shape", ["api", "replicated"])
def test_both_shapes_give_the_won_opportunities_as_orders_with_their_line_items(
    tmp_path: Path, con: duckdb.DuckDBPyConnection, shape: str
) -> None:
    _write(tmp_path, shape)
    load(con, tmp_path, **SALESFORCE)

    # 18- and 15-character ids are one record; the deleted Opp05 and the deleted line are gone.
    assert rows(con, ORDERS) == EXPECTED_ORDERS
    assert rows(con, LINES) == EXPECTED_LINES
    assert rows(con, REVENUE) == [(OPP[0], "1000.00"), (OPP[3], "750.00")]
    assert rows(con, OPPORTUNITIES) == EXPECTED_OPPORTUNITIES
    assert rows(con, "select customer_id, name, region, source_line from raw.customers order by all") == [
        (ACC1, "Acme Corp", "United States", "2"),
        (ACC2, "Globex GmbH", "Germany", "3"),
    ]
    assert rows(con, "select product_id, name, category from raw.products order by all") == [
        (PRD1, "Widget", "Hardware"),
        (PRD2, "Service Plan", "Services"),
        ("unspecified", "unspecified", None),
    ]
    assert rows(con, "select rep_id, name, team_id, is_active from raw.sales_reps order by all") == [
        (USR1, "Alice Ames", ROL1, "True"),
        (USR2, "Bob Bell", "unassigned", "True"),  # no UserRoleId
    ]
    assert rows(con, "select team_id, name from raw.teams order by all") == [
        (ROL1, "EMEA Sales"),
        ("unassigned", "unassigned"),
    ]
    assert {status for _, status in rows(con, STATUSES)} == {"loaded"}


def test_opportunity_alone_derives_reps_teams_products_and_customers_from_its_ids(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    header, opportunities = api_files()["Opportunity.csv"]
    write_export(tmp_path / MONTH, {"Opportunity.csv": (header, opportunities)}, bom=True)
    load(con, tmp_path, **SALESFORCE)

    assert rows(con, ORDERS) == EXPECTED_ORDERS
    assert rows(con, LINES) == [
        (OPP[0], "1", "unspecified", "1", "1000.0000", "0.000000", "2"),
        (OPP[3], "1", "unspecified", "1", "750.0000", "0.000000", "5"),
    ]
    assert rows(con, "select customer_id, name from raw.customers order by all") == [(ACC1, ACC1), (ACC2, ACC2)]
    assert rows(con, "select product_id, name from raw.products") == [("unspecified", "unspecified")]
    assert rows(con, "select rep_id, name, team_id from raw.sales_reps order by all") == [
        (USR1, USR1, "unassigned"),
        (USR2, USR2, "unassigned"),
    ]
    assert rows(con, "select team_id, name from raw.teams") == [("unassigned", "unassigned")]
    assert rows(con, STATUSES) == [
        ("customers", "derived"),
        ("opportunities", "loaded"),
        ("order_lines", "derived"),
        ("orders", "loaded"),
        ("products", "derived"),
        ("sales_reps", "derived"),
        ("teams", "derived"),
    ]


def test_without_the_stage_flags_the_stage_map_decides(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header, opportunities = api_files()["Opportunity.csv"]
    keep = [i for i, h in enumerate(header) if h not in ("IsClosed", "IsWon")]
    _write(
        tmp_path,
        "api",
        **{"Opportunity.csv": ([header[i] for i in keep], [[o[i] for i in keep] for o in opportunities])},
    )
    load(con, tmp_path, **SALESFORCE)

    assert rows(con, OPPORTUNITIES) == EXPECTED_OPPORTUNITIES


def test_a_fractional_quantity_fails_the_month_on_its_line(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header, items = api_files()["OpportunityLineItem.csv"]
    items[1][header.index("Quantity")] = "2.5"  # the Service Plan, line 3
    _write(tmp_path, "api", **{"OpportunityLineItem.csv": (header, items)})

    message = rejected(con, tmp_path, **SALESFORCE)

    assert (
        f"{MONTH}/OpportunityLineItem.csv, column Quantity: 1 value(s) are not a valid int ('2.5'): "
        "write a whole number: digits with an optional leading '-' (a zero fraction, 2.0, reads as 2) (line 3)"
    ) in message


def test_a_missing_required_column_names_the_file_and_column(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header, opportunities = replicated_files()["opportunity.csv"]
    keep = [i for i, h in enumerate(header) if h != "stage_name"]
    _write(
        tmp_path,
        "replicated",
        **{"opportunity.csv": ([header[i] for i in keep], [[o[i] for i in keep] for o in opportunities])},
    )

    message = rejected(con, tmp_path, **SALESFORCE)

    assert (
        f"{MONTH}/opportunity.csv, column StageName: missing required column 'StageName' (or 'stage_name') (line 1)"
    ) in message


def test_an_unmapped_stage_names_value_line_and_map(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header, opportunities = replicated_files()["opportunity.csv"]
    opportunities[1][header.index("stage_name")] = "Discovery"  # Opp02, line 3: a stage of the org's own
    _write(tmp_path, "replicated", **{"opportunity.csv": (header, opportunities)})

    message = rejected(con, tmp_path, **SALESFORCE)

    assert (
        f"{MONTH}/opportunity.csv, column stage_name: 1 value(s) not in the value map 'stage' ('Discovery'): "
        "extend that map in pipelines/sources/salesforce/source.yml (line 3)"
    ) in message


def test_an_opportunity_exported_with_its_18_and_its_15_character_id_fails_on_both_lines(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    header, opportunities = api_files()["Opportunity.csv"]
    opportunities.append([OPP[0], *opportunities[0][1:]])  # Opp01 again, 15 characters, line 7
    _write(tmp_path, "api", **{"Opportunity.csv": (header, opportunities)})

    message = rejected(con, tmp_path, **SALESFORCE)

    assert f"{MONTH}/Opportunity.csv, column Id (order_id): 2 rows violate 'order_id must be unique' (lines 2, 7)" in (
        message
    )


def test_a_line_item_whose_opportunity_is_not_exported_is_an_orphan_on_its_line(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    header, items = api_files()["OpportunityLineItem.csv"]
    items.append(["00k5g00000Itm09", "0065g00000Opp09", PRD1, "1", "300", "", "300", ""])  # line 7
    _write(tmp_path, "api", **{"OpportunityLineItem.csv": (header, items)})

    message = rejected(con, tmp_path, **SALESFORCE)

    assert (
        f"{MONTH}/OpportunityLineItem.csv, column OpportunityId (order_id): "
        "1 row violates 'order_id must exist in orders.order_id' (line 7)"
    ) in message


def test_a_month_without_opportunity_csv_says_it_is_required(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    (tmp_path / MONTH).mkdir()

    message = rejected(con, tmp_path, **SALESFORCE)

    assert f"{MONTH}/Opportunity.csv: required file Opportunity.csv is missing" in message


def test_an_id_differing_only_in_case_is_another_record(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header, items = api_files()["OpportunityLineItem.csv"]
    items[0][header.index("OpportunityId")] = OPP[0].lower()  # line 2: not Opp01, whose id has capitals
    _write(tmp_path, "api", **{"OpportunityLineItem.csv": (header, items)})

    message = rejected(con, tmp_path, **SALESFORCE)

    assert "1 row violates 'order_id must exist in orders.order_id' (line 2)" in message


def test_a_day_first_close_date_is_refused_naming_both_formats(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header, opportunities = api_files()["Opportunity.csv"]
    opportunities[3][header.index("CloseDate")] = "31/10/2026"  # Opp04, line 5
    _write(tmp_path, "api", **{"Opportunity.csv": (header, opportunities)})

    message = rejected(con, tmp_path, **SALESFORCE)

    assert (
        f"{MONTH}/Opportunity.csv, column CloseDate: 1 value(s) are not a valid date ('31/10/2026'): "
        "write it as %Y-%m-%d or %m/%d/%Y (line 5)"
    ) in message


def test_a_past_version_a_replication_tool_keeps_in_history_mode_is_not_read(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    header, opportunities = replicated_files()["opportunity.csv"]
    past = list(opportunities[0])  # Opp01 as it was before it was won, line 7
    past[header.index("stage_name")], past[header.index("is_closed")], past[header.index("is_won")] = (
        "Prospecting",
        "FALSE",
        "FALSE",
    )
    versions = [[*o, "TRUE"] for o in opportunities] + [[*past, "FALSE"]]
    _write(tmp_path, "replicated", **{"opportunity.csv": ([*header, "_fivetran_active"], versions)})
    load(con, tmp_path, **SALESFORCE)

    assert rows(con, ORDERS) == EXPECTED_ORDERS
    assert rows(con, OPPORTUNITIES) == EXPECTED_OPPORTUNITIES


def test_an_export_of_the_whole_org_is_cut_to_the_month(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    files = replicated_files()
    header, opportunities = files["opportunity.csv"]
    synced = opportunities[0][-1]
    opportunities += [
        # line 7: created and won in November: not in October at all, nor its line item
        ["0065g00000Opp06AAA", ACC1 + "AAA", USR1 + "AAA", "Closed Won", "TRUE", "TRUE", "2026-11-20"]
        + ["2026-11-02 09:00:00", "900", "Web", "FALSE", synced],
        # line 8: won on 3 November: still open at October's end, expected to close then
        ["0065g00000Opp07AAA", ACC1 + "AAA", USR2 + "AAA", "Closed Won", "TRUE", "TRUE", "2026-11-03"]
        + ["2026-10-05 09:00:00", "400", "Web", "FALSE", synced],
        # line 9: won in September: a won opportunity of October's pipeline, not an October order
        ["0065g00000Opp08AAA", ACC2 + "AAA", USR2 + "AAA", "Closed Won", "TRUE", "TRUE", "2026-09-15"]
        + ["2026-08-01 09:00:00", "600", "Web", "FALSE", synced],
    ]
    item_header, items = files["opportunity_line_item.csv"]
    items.append(["00k5g00000Itm06AAA", "0065g00000Opp06AAA", PRD1 + "AAA", "3", "300", "", "900", "FALSE", synced])
    _write(tmp_path, "replicated", **{"opportunity.csv": (header, opportunities)})
    write_export(tmp_path / MONTH, {"opportunity_line_item.csv": (item_header, items)})
    load(con, tmp_path, **SALESFORCE)

    assert rows(con, ORDERS) == EXPECTED_ORDERS
    assert rows(con, LINES) == EXPECTED_LINES
    assert rows(con, OPPORTUNITIES) == sorted(
        [
            *EXPECTED_OPPORTUNITIES,
            ("0065g00000Opp07", ACC1, USR2, "2026-10-05", "2026-11-03", None, "open", "400.0000"),
            ("0065g00000Opp08", ACC2, USR2, "2026-08-01", "2026-09-15", "2026-09-15", "won", "600.0000"),
        ]
    )


def test_a_multi_currency_org_gives_each_opportunity_its_currency(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    header, opportunities = api_files()["Opportunity.csv"]
    # an org's corporate currency may be left blank: the reporting one; the rest are outside the month
    codes = ["EUR", "USD", "", "EUR"] + [""] * (len(opportunities) - 4)
    _write(
        tmp_path,
        "api",
        **{
            "Opportunity.csv": (
                [*header, "CurrencyIsoCode"],
                [[*o, c] for o, c in zip(opportunities, codes, strict=True)],
            )
        },
    )
    (tmp_path / MONTH / "fx_rates.csv").write_text(f"currency,month,rate_date,rate_to_reporting\nEUR,{MONTH},,1.08\n")
    load(con, tmp_path, **SALESFORCE)
    assert rows(con, "select order_id, currency from raw.orders order by all") == [(OPP[0], "EUR"), (OPP[3], "EUR")]
    assert rows(con, "select opportunity_id, currency from raw.opportunities order by all") == [
        (OPP[0], "EUR"),
        (OPP[1], "USD"),
        (OPP[2], None),
        (OPP[3], "EUR"),
    ]
