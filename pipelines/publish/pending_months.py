"""Months whose marts dbt may have rewritten but the analysts' file does not show yet.

The dbt step marks its window pending before it writes a mart; the analysts' copy republishes
every pending month and clears them once its new file is in place. A run that fails in between
(dbt half done, publication killed) leaves them pending, so the next publication includes them,
whatever its own window.
"""

from __future__ import annotations

from datetime import date

import duckdb

PENDING_TABLE = "ops.analyst_pending_months"


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists ops")
    con.execute(f"create table if not exists {PENDING_TABLE} (month date not null)")


def mark_pending(con: duckdb.DuckDBPyConnection, months: list[date]) -> None:
    _ensure_table(con)
    con.execute(
        f"insert into {PENDING_TABLE} select distinct unnest($months) except select month from {PENDING_TABLE}",
        {"months": months},
    )


def clear_pending(con: duckdb.DuckDBPyConnection, months: list[date]) -> None:
    _ensure_table(con)
    con.execute(f"delete from {PENDING_TABLE} where month = any($months::date[])", {"months": months})
