"""HubSpot deals written by hand, in the two shapes users have. Month 2026-10, SALES_TIMEZONE UTC.

The CRM's export (CRM > Deals > Export), "hubspot-crm-exports-all-deals-2026-11-02.csv", labels:
  line 2  101  Closed Won     closed 2026-10-05 14:30  500.00  Jane Doe  Acme Corp (9001)  EMEA  Organic Search
               -> an order of 2026-10-05, online, one line 1 x 500.00 of "unspecified" (no line items)
  line 3  102  Contract Sent  closing 2026-11-15      1200.00  John Roe  Beta Ltd;Acme Corp (9002;9001)  EMEA
               Offline Sources -> an open opportunity of the first company, 9002, expected 2026-11-15
  line 4  103  Closed Lost    closed 2026-10-20        300.00  Jane Doe  Beta Ltd (9002)  EMEA -> lost in October
  line 5  104  Closed Won     closed 2026-09-10        250.00  -> September's: neither order nor opportunity
  line 6  105  Closed Won     closed 2026-11-03 08:00  700.00  John Roe  no company  EMEA
               -> won after the month: open at its end, expected 2026-11-03, of the customer "unspecified"
  line 7  106  Closed Won     closed 2026-10-31 23:30   80.50  no owner, company, team or source
               -> an order of 2026-10-31 (2026-11-01 in Europe/Berlin): unassigned, agent, "unspecified"
Revenue 500.00 + 80.50 = 580.50.

The tables a replication tool lands, with a custom pipeline whose stages have numeric ids:
deal.csv
  line 2  201  stage 555001 (Signed: closed_won)   2026-10-12  owner 41 team 11  ORGANIC_SEARCH -> an order, online
  line 3  202  stage 555002 (Negotiating: 0.4)     2026-12-01  owner 42 team 11  OFFLINE -> open, agent
  line 4  203  stage closedwon, is_deleted                                  -> dropped
  line 5  204  stage closedwon (default pipeline)  2026-10-20  owner 41 team 12  no source, no company
               -> an order, agent, of "unspecified", one line 1 x 250.00 (no line items)
  line 6  205  stage 555003 (Walked away: 0.0)     2026-10-25  owner 42 team 11 -> lost
line_item.csv (deals from line_item_deal.csv)
  line 2  301  deal 201  Desk 8001  2.0 x 300.00 less 10 %   = 540.00
  line 3  302  deal 201  Lamp 8002  4 x 90.00 less 9.00 each = 324.00 (discount 0.1)
  line 4  303  deal 201  Chair, deleted                       -> dropped
  line 5  304  deal 202  Lamp (an open deal's)                 -> no sale
Revenue 540.00 + 324.00 + 250.00 = 1114.00. Ann Lee (41) is in Field Sales (12), the team of her latest
deal (204); Bob Ray (42) in Inside Sales (11).
"""

from __future__ import annotations

import csv
from pathlib import Path

EXPORT_FILE = "hubspot-crm-exports-all-deals-2026-11-02.csv"
EXPORT_HEADER = [
    "Record ID",
    "Deal Name",
    "Deal Stage",
    "Pipeline",
    "Close Date",
    "Create Date",
    "Amount",
    "Deal owner",
    "Associated Company IDs",
    "Associated Company",
    "HubSpot Team",
    "Deal Type",
    "Original Source",
]
EXPORT_ROWS = [
    ["101", "Desks for Acme", "Closed Won", "Sales Pipeline", "2026-10-05 14:30", "2026-09-20 10:00", "500.00"]
    + ["Jane Doe", "9001", "Acme Corp", "EMEA", "New Business", "Organic Search"],
    ["102", "Beta roll-out", "Contract Sent", "Sales Pipeline", "2026-11-15", "2026-10-02 09:00", "1200.00"]
    + ["John Roe", "9002;9001", "Beta Ltd;Acme Corp", "EMEA", "New Business", "Offline Sources"],
    ["103", "Beta lamps", "Closed Lost", "Sales Pipeline", "2026-10-20", "2026-10-01", "300.00"]
    + ["Jane Doe", "9002", "Beta Ltd", "EMEA", "", "Direct Traffic"],
    ["104", "Old win", "Closed Won", "Sales Pipeline", "2026-09-10", "2026-08-01", "250.00"]
    + ["Jane Doe", "9001", "Acme Corp", "EMEA", "", "Direct Traffic"],
    ["105", "Late win", "Closed Won", "Sales Pipeline", "2026-11-03 08:00", "2026-10-10", "700.00"]
    + ["John Roe", "", "", "EMEA", "", "Paid Search"],
    ["106", "Walk-in", "Closed Won", "Sales Pipeline", "2026-10-31 23:30", "2026-10-31 20:00", "80.50"]
    + ["", "", "", "", "", ""],
]

DEAL_HEADER = [
    "deal_id",
    "portal_id",
    "deal_pipeline_id",
    "deal_pipeline_stage_id",
    "owner_id",
    "is_deleted",
    "property_dealname",
    "property_closedate",
    "property_createdate",
    "property_amount",
    "property_hubspot_team_id",
    "property_hs_analytics_source",
    "_fivetran_synced",
]
SYNCED = "2026-11-01 02:00:00"
DEAL_ROWS = [
    ["201", "7", "84", "555001", "41", "false", "Acme desks", "2026-10-12 10:00:00", "2026-10-01 09:00:00", "864.00"]
    + ["11", "ORGANIC_SEARCH", SYNCED],
    ["202", "7", "84", "555002", "42", "false", "Beta", "2026-12-01 00:00:00", "2026-10-03 00:00:00", "400.00"]
    + ["11", "OFFLINE", SYNCED],
    ["203", "7", "default", "closedwon", "41", "true", "Mistake", "2026-10-15 00:00:00", "2026-10-14 00:00:00"]
    + ["100.00", "11", "", SYNCED],
    ["204", "7", "default", "closedwon", "41", "false", "Walk-in", "2026-10-20 16:00:00", "2026-10-18 00:00:00"]
    + ["250.00", "12", "", SYNCED],
    ["205", "7", "84", "555003", "42", "false", "Beta lamps", "2026-10-25 00:00:00", "2026-10-05 00:00:00"]
    + ["600.00", "11", "", SYNCED],
]
STAGE_HEADER = ["stage_id", "pipeline_id", "label", "probability", "closed_won", "active", "display_order"]
STAGE_HEADER.append("_fivetran_deleted")
STAGE_ROWS = [
    ["555001", "84", "Signed", "1.0", "true", "true", "3", "false"],
    ["555002", "84", "Negotiating", "0.4", "false", "true", "2", "false"],
    ["555003", "84", "Walked away", "0.0", "false", "true", "4", "false"],
    ["closedwon", "default", "Closed Won", "1.0", "true", "true", "6", "false"],
]
DEAL_COMPANY = (["deal_id", "company_id", "type_id"], [["201", "7001", "5"], ["202", "7002", "5"]])
COMPANY = (
    ["id", "is_deleted", "property_name", "property_country", "property_createdate", "_fivetran_synced"],
    [
        ["7001", "false", "Acme Corp", "Germany", "2025-01-10 08:00:00", SYNCED],
        ["7002", "false", "Beta Ltd", "France", "2026-10-02 00:00:00", SYNCED],
    ],
)
OWNER = (
    ["owner_id", "email", "first_name", "last_name", "is_active"],
    [["41", "ann@example.com", "Ann", "Lee", "true"], ["42", "bob@example.com", "Bob", "Ray", "true"]],
)
TEAM = (["id", "name"], [["11", "Inside Sales"], ["12", "Field Sales"]])
LINE_ITEM_HEADER = [
    "id",
    "property_name",
    "property_hs_product_id",
    "property_quantity",
    "property_price",
    "property_hs_discount_percentage",
    "property_discount",
    "_fivetran_deleted",
]
LINE_ITEM_ROWS = [
    ["301", "Desk", "8001", "2.0", "300.00", "10", "", "false"],
    ["302", "Lamp", "8002", "4", "90.00", "", "9.00", "false"],
    ["303", "Chair", "8003", "1", "50.00", "", "", "true"],
    ["304", "Lamp", "8002", "1", "90.00", "", "", "false"],
]
LINE_ITEM_DEAL = (["line_item_id", "deal_id"], [["301", "201"], ["302", "201"], ["303", "201"], ["304", "202"]])


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_replicated(month_dir: Path, deals: list[list[str]] | None = None) -> None:
    """Every replicated table the source reads, `deals` in place of deal.csv's rows when given."""
    write_csv(month_dir / "deal.csv", DEAL_HEADER, DEAL_ROWS if deals is None else deals)
    write_csv(month_dir / "deal_pipeline_stage.csv", STAGE_HEADER, STAGE_ROWS)
    write_csv(month_dir / "deal_company.csv", *DEAL_COMPANY)
    write_csv(month_dir / "company.csv", *COMPANY)
    write_csv(month_dir / "owner.csv", *OWNER)
    write_csv(month_dir / "team.csv", *TEAM)
    write_csv(month_dir / "line_item.csv", LINE_ITEM_HEADER, LINE_ITEM_ROWS)
    write_csv(month_dir / "line_item_deal.csv", *LINE_ITEM_DEAL)
