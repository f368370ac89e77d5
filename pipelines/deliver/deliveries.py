"""The record of mails sent (ops.report_deliveries), so a rerun that changes nothing sends nothing."""

from __future__ import annotations

from datetime import date, datetime

import duckdb

DELIVERIES_TABLE = "ops.report_deliveries"


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists ops")
    con.execute(
        f"create table if not exists {DELIVERIES_TABLE} (month date not null, content_version varchar not null, "
        "recipients varchar not null, sent_at timestamp not null, run_id varchar not null)"
    )


def last_delivery(con: duckdb.DuckDBPyConnection, month: date, version: str, recipients: str) -> datetime | None:
    """When this version of the month's report was last mailed to these recipients, if ever."""
    _ensure_table(con)
    row = con.execute(
        f"select max(sent_at) from {DELIVERIES_TABLE} where month = ? and content_version = ? and recipients = ?",
        [month, version, recipients],
    ).fetchone()
    return row[0]


def record_delivery(con: duckdb.DuckDBPyConnection, month: date, version: str, recipients: str, run_id: str) -> None:
    _ensure_table(con)
    con.execute(
        f"insert into {DELIVERIES_TABLE} values (?, ?, ?, ?, ?)", [month, version, recipients, datetime.now(), run_id]
    )
