"""Builds a small raw DuckDB layer (the ingest step's interface) for dbt tests."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.contract import ENTITIES, LINEAGE_COLUMNS

RAW_TABLES_DDL = (
    "create table raw.extract_files (batch_month date, entity varchar, provided boolean, "
    "source_file varchar, file_sha256 varchar, row_count bigint, loaded_at timestamp, run_id varchar)",
    "create table raw.notes (batch_month date, section varchar, body varchar, source_file varchar, "
    "file_sha256 varchar, loaded_at timestamp, run_id varchar)",
)


def create_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every raw.* table, empty, with contract columns followed by lineage columns."""
    con.execute("create schema if not exists raw")
    for entity in ENTITIES:
        columns = [f"{c.name} {c.sql_type}" for c in entity.columns]
        columns += [f"{name} {sql_type}" for name, sql_type in LINEAGE_COLUMNS]
        con.execute(f"create table raw.{entity.name} ({', '.join(columns)})")
    for ddl in RAW_TABLES_DDL:
        con.execute(ddl)


def load_batch(con: duckdb.DuckDBPyConnection, month: str, rows_by_entity: dict[str, list[tuple]]) -> None:
    """Load one month folder: rows are tuples in contract column order, which may stop before the
    trailing optional columns (null then); entities missing from `rows_by_entity` are recorded as
    not provided."""
    batch_month = f"{month}-01"
    for entity in ENTITIES:
        rows = rows_by_entity.get(entity.name)
        source_file = f"landing/{month}/{entity.name}.csv"
        if rows:
            placeholders = ", ".join("?" for _ in entity.columns)
            con.executemany(
                f"insert into raw.{entity.name} select {placeholders}, "
                f"cast(? as date), ?, ?, 'sha', current_localtimestamp(), 'test'",
                [
                    (*row, *(None,) * (len(entity.columns) - len(row)), batch_month, source_file, line)
                    for line, row in enumerate(rows, start=2)
                ],
            )
        con.execute(
            "insert into raw.extract_files values "
            "(cast(? as date), ?, ?, ?, 'sha', ?, current_localtimestamp(), 'test')",
            [batch_month, entity.name, rows is not None, source_file, len(rows or [])],
        )


def build_raw_warehouse(path: Path, batches: dict[str, dict[str, list[tuple]]]) -> None:
    """Write a DuckDB file at `path` holding the raw layer for the given month batches."""
    with duckdb.connect(str(path)) as con:
        create_raw_schema(con)
        for month, rows_by_entity in sorted(batches.items()):
            load_batch(con, month, rows_by_entity)
