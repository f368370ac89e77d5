"""Publish the marts to the analysts' DuckDB file by replacing the whole file atomically.

Analysts never open the warehouse the pipeline writes: they read a separate
file, built next to it under a temporary name and renamed over the old one
when complete. A reader holding the old file keeps a consistent view of it,
a reader opening afterwards sees the new one, and nobody ever sees a
half-written month or holds a lock the pipeline waits for.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb

from pipelines.faults import pause_point

PUBLISHED_SCHEMAS = {"marts": None, "ops": ("load_log", "check_results")}


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def publish_analyst_db(warehouse_path: Path, analyst_path: Path) -> dict[str, int]:
    """Copy the published schemas to a new file and swap it in; returns rows per table."""
    analyst_path.parent.mkdir(parents=True, exist_ok=True)
    for stale in analyst_path.parent.glob(f".{analyst_path.name}.*.building"):
        # Left by a run killed before its swap. Were another publication running, it would fail at
        # its rename (file gone) rather than publish half a state.
        stale.unlink(missing_ok=True)
    building = analyst_path.with_name(f".{analyst_path.name}.{uuid.uuid4().hex}.building")
    counts: dict[str, int] = {}
    try:
        with duckdb.connect(str(building), config={"autoinstall_known_extensions": False}) as con:
            # ATTACH takes no bound parameters; the path comes from settings, quoted as a literal.
            con.execute(f"attach {_sql_string(str(warehouse_path))} as warehouse (read_only)")
            for schema, only in PUBLISHED_SCHEMAS.items():
                con.execute(f"create schema {schema}")
                for table in _tables(con, schema, only):
                    con.execute(f"create table {schema}.{table} as select * from warehouse.{schema}.{table}")
                    counts[f"{schema}.{table}"] = con.execute(f"select count(*) from {schema}.{table}").fetchone()[0]
            con.execute("detach warehouse")
            con.execute("checkpoint")
        _fsync(building)
        pause_point("analyst_swap")
        os.replace(building, analyst_path)
        _fsync(analyst_path.parent)
    finally:
        building.unlink(missing_ok=True)
    return counts


def _tables(con: duckdb.DuckDBPyConnection, schema: str, only: tuple[str, ...] | None) -> list[str]:
    rows = con.execute(
        "select table_name from duckdb_tables() where database_name = 'warehouse' and schema_name = $s "
        "order by table_name",
        {"s": schema},
    ).fetchall()
    return [name for (name,) in rows if only is None or name in only]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
