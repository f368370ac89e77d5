"""Temp tables run_<entity>: every staged month of a run, one table per entity.

stage.py stages one file at a time into stage_<entity>; each month that staged without a
structural problem is appended here with its batch_month, so validation runs once per entity
over all months of the run and publication copies each month from here.
"""

from __future__ import annotations

from datetime import date

import duckdb

from pipelines.contract import ENTITIES, Entity
from pipelines.ingest.stage import stage_table


def run_table(entity: Entity) -> str:
    return f"run_{entity.name}"


def quarantine_table(entity: Entity) -> str:
    """Rows moved out of run_<entity> as orphans, with batch_month and a reason."""
    return f"quarantined_{entity.name}"


def reset_run_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Drop what an earlier run on this connection left, so months never leak between runs."""
    for entity in ENTITIES:
        con.execute(f"drop table if exists {run_table(entity)}")
        con.execute(f"drop table if exists {quarantine_table(entity)}")
    con.execute("drop table if exists run_lineage")  # publish's: each file's lineage


def append_staged_month(con: duckdb.DuckDBPyConnection, entity: Entity, batch_month: date) -> None:
    con.execute(
        f"create temp table if not exists {run_table(entity)} as "
        f"select *, $m as batch_month from {stage_table(entity)} limit 0",
        {"m": batch_month},
    )
    con.execute(f"insert into {run_table(entity)} select *, $m from {stage_table(entity)}", {"m": batch_month})


def temp_table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    query = "select count(*) from duckdb_tables() where temporary and table_name = $t"
    return con.execute(query, {"t": table}).fetchone()[0] > 0


def rows_by_month(con: duckdb.DuckDBPyConnection, table: str) -> dict[date, int]:
    return dict(con.execute(f"select batch_month, count(*) from {table} group by batch_month").fetchall())
