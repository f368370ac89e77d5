"""Months the analysts' file has not caught up with: rebuilt by dbt since its last publication.

The transform records every build's months before dbt writes (transform/build_log.py); this
layer keeps its own watermark, the last build each publication covered (ops.analyst_publications),
and writes it only once the new file is in place. A run that fails in between (dbt half done,
publication killed) leaves its months after the watermark, so the next publication includes
them, whatever its own window.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from pipelines.transform.build_log import BUILDS_TABLE, ensure_builds_table

PUBLICATIONS_TABLE = "ops.analyst_publications"


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    ensure_builds_table(con)
    con.execute(
        f"create table if not exists {PUBLICATIONS_TABLE} (through_build_id bigint not null, published_at timestamp)"
    )


def pending_builds(con: duckdb.DuckDBPyConnection) -> tuple[list[date], int]:
    """The months built after the last publication, and the latest build id they include."""
    _ensure_table(con)
    watermark = f"(select coalesce(max(through_build_id), 0) from {PUBLICATIONS_TABLE})"
    months = [
        row[0]
        for row in con.execute(
            f"select distinct month from {BUILDS_TABLE} where build_id > {watermark} order by month"
        ).fetchall()
    ]
    (latest,) = con.execute(f"select coalesce(max(build_id), 0) from {BUILDS_TABLE}").fetchone()
    return months, latest


def record_publication(con: duckdb.DuckDBPyConnection, through_build_id: int) -> None:
    _ensure_table(con)
    con.execute(f"insert into {PUBLICATIONS_TABLE} values ($1, $2)", [through_build_id, datetime.now()])
