"""The transform's own record: which months each dbt invocation set out to rebuild (ops.dbt_builds).

Written before dbt writes a mart, so a build killed half-way is on record too. Readers such as
the analysts' publication (publish/pending_months.py) decide from it what they have not caught up
with; nothing here knows about them.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb

BUILDS_TABLE = "ops.dbt_builds"


def ensure_builds_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists ops")
    con.execute(
        f"create table if not exists {BUILDS_TABLE} "
        "(build_id bigint not null, run_id varchar not null, month date not null, started_at timestamp not null)"
    )


def record_build(con: duckdb.DuckDBPyConnection, run_id: str, months: list[date]) -> int:
    """Record a build of `months`; returns its id, larger than every earlier build's."""
    ensure_builds_table(con)
    con.execute("begin transaction")
    try:
        (build_id,) = con.execute(f"select coalesce(max(build_id), 0) + 1 from {BUILDS_TABLE}").fetchone()
        con.execute(
            f"insert into {BUILDS_TABLE} select $build_id, $run_id, unnest($months::date[]), $started_at",
            {"build_id": build_id, "run_id": run_id, "months": months, "started_at": datetime.now()},
        )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return build_id
