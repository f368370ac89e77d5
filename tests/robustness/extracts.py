"""Writing (and breaking) extract files of a fixture month, and reading back what a load left behind."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.contract import ENTITY_BY_NAME

Records = list[dict[str, object]]


def write_csv(folder: Path, entity: str, records: Records, columns: list[str] | None = None) -> Path:
    """RFC 4180 CSV with `\\n` line ends, so a test can count physical lines; contract columns by default."""
    columns = columns or list(ENTITY_BY_NAME[entity].column_names)
    path = folder / f"{entity}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([record.get(c, "") for c in columns] for record in records)
    return path


def write_parquet(folder: Path, entity: str, records: Records, columns: list[str] | None = None) -> Path:
    """Parquet with every column as text, empty strings as nulls (what a CSV's empty field means)."""
    columns = columns or list(ENTITY_BY_NAME[entity].column_names)
    table = pa.table({c: pa.array([record.get(c) or None for record in records], type=pa.string()) for c in columns})
    path = folder / f"{entity}.parquet"
    pq.write_table(table, path)
    return path


def edit_line(path: Path, line: int, edit) -> None:
    """Apply `edit` to one physical line (1-based, without its line end) of a text file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = edit(lines[line - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def schema_dump(con: duckdb.DuckDBPyConnection, schema: str) -> dict[str, list[tuple]]:
    """Every row of every table of a schema, lineage included: equal dumps mean nothing was written."""
    tables = con.execute(
        "select table_name from duckdb_tables() where schema_name = $s order by 1", {"s": schema}
    ).fetchall()
    return {name: con.execute(f"select * from {schema}.{name} order by all").fetchall() for (name,) in tables}
