"""Publish the marts to the analysts' DuckDB file by replacing the whole file atomically.

Analysts never open the warehouse the pipeline writes: they read a separate
file, built next to it under a temporary name and renamed over the old one
when complete. A reader holding the old file keeps a consistent view of it,
a reader opening afterwards sees the new one, and nobody ever sees a
half-written month or holds a lock the pipeline waits for.

The new file starts as a byte copy of the current one in which only the
months dbt rebuilt since the last publication (pending_months.py) are replaced, so a month's publication
costs the same whatever the history. It is built from scratch instead when
there is no current file or it cannot be opened, when the tables or their
columns changed (an upgrade), or when any other month's row count differs
from the warehouse's (e.g. a warehouse rebuilt from nothing).
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import date
from pathlib import Path

import duckdb

from pipelines.faults import FaultPlan, pause_point
from pipelines.ingest.stage import quote_literal
from pipelines.publish.pending_months import pending_builds, record_publication

PUBLISHED_SCHEMAS = {"marts": None, "ops": ("load_log", "check_results", "restatements")}
MONTH_COLUMN = "month"


def publish_analyst_db(warehouse_path: Path, analyst_path: Path, faults: FaultPlan | None = None) -> dict[str, int]:
    """Write the published schemas to a new file and swap it in; returns rows per table."""
    analyst_path.parent.mkdir(parents=True, exist_ok=True)
    for stale in analyst_path.parent.glob(f".{analyst_path.name}.*.building"):
        # Left by a run killed before its swap. Were another publication running, it would fail at
        # its rename (file gone) rather than publish half a state.
        stale.unlink(missing_ok=True)
    building = analyst_path.with_name(f".{analyst_path.name}.{uuid.uuid4().hex}.building")
    with duckdb.connect(str(warehouse_path)) as warehouse:
        pending, through_build = pending_builds(warehouse)
    try:
        with _open_building(building, analyst_path) as con:
            # ATTACH takes no bound parameters; the path comes from settings, quoted as a literal.
            con.execute(f"attach {quote_literal(str(warehouse_path))} as warehouse (read_only)")
            layout = _layout(con, "warehouse")
            if layout == _layout(con, _current_database(con)) and _rows_match_outside(con, layout, pending):
                _replace_months(con, layout, pending)
            else:
                _rebuild(con)
            counts = _row_counts(con)
            con.execute("detach warehouse")
            con.execute("checkpoint")
        _fsync(building)
        pause_point(faults, "analyst_swap")
        os.replace(building, analyst_path)
        _fsync(analyst_path.parent)
    finally:
        building.unlink(missing_ok=True)
    with duckdb.connect(str(warehouse_path)) as warehouse:
        record_publication(warehouse, through_build)
    return counts


def _open_building(building: Path, current: Path) -> duckdb.DuckDBPyConnection:
    """The new file, starting from a copy of the current one when that opens; else empty."""
    config = {"autoinstall_known_extensions": False}
    if current.exists():
        shutil.copyfile(current, building)
        try:
            return duckdb.connect(str(building), config=config)
        except duckdb.Error:
            building.unlink()
    return duckdb.connect(str(building), config=config)


def _current_database(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_database()").fetchone()[0]


def _monthly_tables(layout: list[tuple]) -> set[tuple[str, str]]:
    return {(schema, table) for schema, table, _, column, _ in layout if column == MONTH_COLUMN}


def _rows_match_outside(con: duckdb.DuckDBPyConnection, layout: list[tuple], months: list[date]) -> bool:
    """The current file has the warehouse's row count for every month outside `months`, table by table."""
    current = _current_database(con)
    for schema, table in sorted(_monthly_tables(layout)):
        counts = (
            f'select {MONTH_COLUMN}, count(*) from "{{}}".{schema}.{table} '
            f"where not ({MONTH_COLUMN} = any($m::date[])) group by all order by all"
        )
        ours = con.execute(counts.format(current), {"m": months}).fetchall()
        if ours != con.execute(counts.format("warehouse"), {"m": months}).fetchall():
            return False
    return True


def _published_tables(con: duckdb.DuckDBPyConnection, database: str) -> list[tuple[str, str]]:
    rows = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = $d order by all", {"d": database}
    ).fetchall()
    return [
        (schema, table)
        for schema, table in rows
        if schema in PUBLISHED_SCHEMAS and (PUBLISHED_SCHEMAS[schema] is None or table in PUBLISHED_SCHEMAS[schema])
    ]


def _layout(con: duckdb.DuckDBPyConnection, database: str) -> list[tuple]:
    """Every published table with its columns and types, in order."""
    tables = set(_published_tables(con, database))
    rows = con.execute(
        "select schema_name, table_name, column_index, column_name, data_type from duckdb_columns() "
        "where database_name = $d order by all",
        {"d": database},
    ).fetchall()
    return [row for row in rows if (row[0], row[1]) in tables]


def _replace_months(con: duckdb.DuckDBPyConnection, layout: list[tuple], months: list[date]) -> None:
    """In the copy of the current file: the pending months of each monthly table, every other table whole."""
    monthly = _monthly_tables(layout)
    for schema, table in _published_tables(con, "warehouse"):
        name = f"{schema}.{table}"
        if (schema, table) in monthly:
            con.execute(f"delete from {name} where {MONTH_COLUMN} = any($m::date[])", {"m": months})
            con.execute(
                f"insert into {name} select * from warehouse.{name} where {MONTH_COLUMN} = any($m::date[])",
                {"m": months},
            )
        else:
            con.execute(f"delete from {name}")
            con.execute(f"insert into {name} select * from warehouse.{name}")


def _rebuild(con: duckdb.DuckDBPyConnection) -> None:
    for schema, table in _published_tables(con, _current_database(con)):
        con.execute(f"drop table {schema}.{table}")
    for schema in PUBLISHED_SCHEMAS:
        con.execute(f"create schema if not exists {schema}")
    for schema, table in _published_tables(con, "warehouse"):
        con.execute(f"create table {schema}.{table} as select * from warehouse.{schema}.{table}")


def _row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    database = _current_database(con)
    return {
        f"{schema}.{table}": con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
        for schema, table in _published_tables(con, database)
    }


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
