"""Salesforce exports written by hand, in the two shapes the same objects come in.

Month 2026-10, SALES_TIMEZONE UTC. The API shape: Setup > Data Export's Opportunity.csv and friends,
opened and re-saved in a spreadsheet (a UTF-8 BOM, booleans 1/empty, dates 10/05/2026 and
9/1/2026 10:00), ids in both lengths: 18 characters for Opp01's and Opp04's Id and every AccountId
in Opportunity.csv and for the Ids of User.csv and UserRole.csv, 15 everywhere else.
Opportunity.csv:
  line 2  Opp01  Acme (Acc01)    Alice (Usr01)  Closed Won   closed, won  10/05/2026  1000  Web  -> order, online
  line 3  Opp02  Globex (Acc02)  Bob (Usr02)    Negotiation/Review  open   11/15/2026  5000  Phone Inquiry
  line 4  Opp03  Acme            Bob            Closed Lost  closed       10/20/2026  2000  Partner Referral
  line 5  Opp04  Globex          Alice          Closed Won   closed, won  10/31/2026   750  (no LeadSource) -> agent
  line 6  Opp05  Globex          Alice          Closed Won   deleted                    300  -> dropped
OpportunityLineItem.csv:
  line 2  Opp01  Widget (Prd01)        2 x 300 less 10 %  = 540
  line 3  Opp01  Service Plan (Prd02)  1 x 460            = 460
  line 4  Opp02  Widget               10 x 500            (open: no sale)
  line 5  Opp05  Service Plan          1 x 300            (opportunity deleted)
  line 6  Opp01  Widget                5 x 300            deleted -> dropped
Opp04 has no line items: one line of 1 x 750, product unspecified (its line 5 in Opportunity.csv).
Completed revenue 540 + 460 + 750 = 1750.00 (Opp01 1000.00, Opp04 750.00). Alice is in the role
EMEA Sales (Rol01); Bob has no role: team unassigned.

The replicated shape: the same records as a replication tool (Fivetran) lands them, exported as
CSV: snake_case tables and columns, booleans TRUE/FALSE, ISO dates, 18-character ids everywhere,
is_deleted and _fivetran_synced on every row; the same lines.
"""

from __future__ import annotations

import csv
from pathlib import Path

ACC1, ACC2 = "0015g00000Acc01", "0015g00000Acc02"
USR1, USR2 = "0055g00000Usr01", "0055g00000Usr02"
ROL1 = "00E5g00000Rol01"
PRD1, PRD2 = "01t5g00000Prd01", "01t5g00000Prd02"
OPP = [f"0065g00000Opp0{n}" for n in range(1, 6)]
LONG = "AAA"  # the 3-character case checksum an 18-character id appends

# id, account, owner, stage, closed, won, close date, created (UTC), amount, lead source, deleted
OPPORTUNITIES = [
    [OPP[0], ACC1, USR1, "Closed Won", True, True, "2026-10-05", "2026-09-01 10:00", "1000", "Web", False],
    [OPP[1], ACC2, USR2, "Negotiation/Review", False, False, "2026-11-15", "2026-10-02 11:00", "5000"]
    + ["Phone Inquiry", False],
    [OPP[2], ACC1, USR2, "Closed Lost", True, False, "2026-10-20", "2026-10-03 09:30", "2000"]
    + ["Partner Referral", False],
    [OPP[3], ACC2, USR1, "Closed Won", True, True, "2026-10-31", "2026-10-10 14:00", "750", "", False],
    [OPP[4], ACC2, USR1, "Closed Won", True, True, "2026-10-12", "2026-10-04 08:00", "300", "Web", True],
]
# opportunity, product, quantity, unit price, discount %, total price, deleted
LINE_ITEMS = [
    [OPP[0], PRD1, "2", "300", "10", "540", False],
    [OPP[0], PRD2, "1", "460", "", "460", False],
    [OPP[1], PRD1, "10", "500", "", "5000", False],
    [OPP[4], PRD2, "1", "300", "", "300", False],
    [OPP[0], PRD1, "5", "300", "", "1500", True],
]
ACCOUNTS = [[ACC1, "Acme Corp", "United States"], [ACC2, "Globex GmbH", "Germany"]]
USERS = [[USR1, "Alice Ames", ROL1], [USR2, "Bob Bell", ""]]
ROLES = [[ROL1, "EMEA Sales"]]
PRODUCTS = [[PRD1, "Widget", "Hardware"], [PRD2, "Service Plan", "Services"]]

OPPORTUNITY_HEADER = ["Id", "AccountId", "OwnerId", "StageName", "IsClosed", "IsWon", "CloseDate"]
OPPORTUNITY_HEADER += ["CreatedDate", "Amount", "LeadSource", "IsDeleted", "Name", "Probability"]
LINE_ITEM_HEADER = ["Id", "OpportunityId", "Product2Id", "Quantity", "UnitPrice", "Discount", "TotalPrice"]
LINE_ITEM_HEADER += ["IsDeleted"]


def _us_date(iso: str) -> str:
    """As a spreadsheet re-saves 2026-09-01: 09/01/2026."""
    year, month, day = iso.split("-")
    return f"{month}/{day}/{year}"


def _us_time(iso: str) -> str:
    """As a spreadsheet re-saves 2026-09-01 10:00: 9/1/2026 10:00."""
    day, time = iso.split(" ")
    year, month, dom = day.split("-")
    return f"{int(month)}/{int(dom)}/{year} {time}"


def _one_or_empty(flag: bool) -> str:
    return "1" if flag else ""


def api_files() -> dict[str, tuple[list[str], list[list[str]]]]:
    """Data Export's files, as re-saved by a spreadsheet: file name -> header, rows."""
    opportunities = [
        [o[0] + (LONG if o[0] in (OPP[0], OPP[3]) else ""), o[1] + LONG, o[2], o[3]]
        + [_one_or_empty(o[4]), _one_or_empty(o[5]), _us_date(o[6]), _us_time(o[7]), o[8], o[9]]
        + [_one_or_empty(o[10]), f"Deal {n}", "100" if o[5] else "50"]
        for n, o in enumerate(OPPORTUNITIES, start=1)
    ]
    items = [[f"00k5g00000Itm0{n}", *i[:6], _one_or_empty(i[6])] for n, i in enumerate(LINE_ITEMS, start=1)]
    return {
        "Opportunity.csv": (OPPORTUNITY_HEADER, opportunities),
        "OpportunityLineItem.csv": (LINE_ITEM_HEADER, items),
        "Account.csv": (["Id", "Name", "BillingCountry", "IsDeleted"], [[*a, ""] for a in ACCOUNTS]),
        "User.csv": (["Id", "Name", "UserRoleId", "IsActive"], [[u[0] + LONG, *u[1:], "1"] for u in USERS]),
        "UserRole.csv": (["Id", "Name", "ParentRoleId"], [[r[0] + LONG, r[1], ""] for r in ROLES]),
        "Product2.csv": (["Id", "Name", "Family", "IsActive", "IsDeleted"], [[*p, "1", ""] for p in PRODUCTS]),
    }


def _true_false(flag: bool) -> str:
    return "TRUE" if flag else "FALSE"


SYNCED = "2026-11-01 02:00:00"


def replicated_files() -> dict[str, tuple[list[str], list[list[str]]]]:
    """The replication tool's tables of the same records: file name -> header, rows."""
    opportunities = [
        [o[0] + LONG, o[1] + LONG, o[2] + LONG, o[3], _true_false(o[4]), _true_false(o[5]), o[6], o[7] + ":00"]
        + [o[8], o[9], _true_false(o[10]), SYNCED]
        for o in OPPORTUNITIES
    ]
    items = [
        [f"00k5g00000Itm0{n}AAA", i[0] + LONG, i[1] + LONG, *i[2:6], _true_false(i[6]), SYNCED]
        for n, i in enumerate(LINE_ITEMS, start=1)
    ]
    deleted_synced = ["FALSE", SYNCED]
    return {
        "opportunity.csv": (
            ["id", "account_id", "owner_id", "stage_name", "is_closed", "is_won", "close_date", "created_date"]
            + ["amount", "lead_source", "is_deleted", "_fivetran_synced"],
            opportunities,
        ),
        "opportunity_line_item.csv": (
            ["id", "opportunity_id", "product_2_id", "quantity", "unit_price", "discount", "total_price"]
            + ["is_deleted", "_fivetran_synced"],
            items,
        ),
        "account.csv": (
            ["id", "name", "billing_country", "is_deleted", "_fivetran_synced"],
            [[a[0] + LONG, *a[1:], *deleted_synced] for a in ACCOUNTS],
        ),
        "user.csv": (
            ["id", "name", "user_role_id", "is_active", "_fivetran_synced"],
            [[u[0] + LONG, u[1], u[2] + LONG if u[2] else "", "TRUE", SYNCED] for u in USERS],
        ),
        "user_role.csv": (["id", "name", "_fivetran_synced"], [[r[0] + LONG, r[1], SYNCED] for r in ROLES]),
        "product_2.csv": (
            ["id", "name", "family", "is_deleted", "_fivetran_synced"],
            [[p[0] + LONG, *p[1:], *deleted_synced] for p in PRODUCTS],
        ),
    }


def write_csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_export(month_dir: Path, files: dict[str, tuple[list[str], list[list[str]]]], bom: bool = False) -> None:
    for name, (header, rows) in files.items():
        write_csv(month_dir / name, header, rows, bom)
