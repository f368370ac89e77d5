"""The record of each month's actions (ops.report_actions): what the report proposed, and the number
each action is about, so that the next month's report can say what became of it
(dbt's mart_action_follow_up compares the recorded number with that month's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import duckdb

from pipelines.ingest.schema import ACTIONS_COLUMNS, ACTIONS_TABLE
from pipelines.report.model import Finding


def _rows(month: date, findings: Sequence[Finding], max_shown: int, run_id: str, now: datetime) -> list[tuple]:
    rows = []
    for position, finding in enumerate(findings, start=1):
        for member in finding.members or (finding,):
            tracked = member.tracked
            rows.append(
                (
                    month,
                    position,
                    finding.rule,
                    member.subject,
                    finding.owner,
                    finding.owner_role,
                    finding.due,
                    position <= max_shown,
                    tracked.metric if tracked else None,
                    tracked.key if tracked else None,
                    tracked.value if tracked else None,
                    run_id,
                    now,
                )
            )
    return rows


def record_actions(
    con: duckdb.DuckDBPyConnection, month: date, findings: Sequence[Finding], max_shown: int, run_id: str
) -> None:
    """Replace the month's actions with these, in one transaction."""
    rows = _rows(month, findings, max_shown, run_id, datetime.now())
    con.execute("begin transaction")
    try:
        con.execute(f"delete from {ACTIONS_TABLE} where month = ?", [month])
        if rows:
            placeholders = ", ".join("?" * len(ACTIONS_COLUMNS))
            con.executemany(f"insert into {ACTIONS_TABLE} values ({placeholders})", rows)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
