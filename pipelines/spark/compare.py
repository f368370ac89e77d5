"""The marts of the two engines side by side: equal when every row of every mart is equal, value
for value (decimals compared exactly, so money to the cent), whatever order the engines return."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
from dagster_dbt import DbtProject

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

MARTS_SCHEMA = "marts"
# A mart as an engine returns it: column names, rows.
Rows = tuple[list[str], list[tuple]]


@dataclass(frozen=True)
class MartComparison:
    mart: str
    duckdb_rows: int
    spark_rows: int
    only_in_duckdb: tuple[tuple, ...]
    only_in_spark: tuple[tuple, ...]

    @property
    def equal(self) -> bool:
        return not self.only_in_duckdb and not self.only_in_spark

    def line(self) -> str:
        verdict = "equal" if self.equal else f"DIFFERENT ({len(self.only_in_duckdb)} / {len(self.only_in_spark)} rows)"
        return f"{self.mart:<36} duckdb {self.duckdb_rows:>6}  spark {self.spark_rows:>6}  {verdict}"


def mart_names(project: DbtProject) -> list[str]:
    """Every model of the marts schema, tables and views, by name."""
    nodes = json.loads(project.manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    return sorted(n["name"] for n in nodes if n["resource_type"] == "model" and n["schema"] == MARTS_SCHEMA)


def duckdb_rows(con: duckdb.DuckDBPyConnection, table: str) -> Rows:
    cursor = con.execute(f"select * from {table}")
    return [c[0] for c in cursor.description], cursor.fetchall()


def spark_rows(spark: SparkSession, table: str) -> Rows:
    frame = spark.table(table)
    return frame.columns, [tuple(row) for row in frame.collect()]


def canonical(columns: Sequence[str], rows: Iterable[tuple]) -> list[tuple]:
    """Rows with their columns in name order (Spark puts partition columns last), sorted."""
    order = sorted(range(len(columns)), key=lambda i: columns[i])
    return sorted((tuple(row[i] for i in order) for row in rows), key=_sort_key)


def compare_mart(mart: str, duck: Rows, spark: Rows) -> MartComparison:
    if sorted(duck[0]) != sorted(spark[0]):
        raise AssertionError(f"{mart}: columns differ, duckdb {sorted(duck[0])} against spark {sorted(spark[0])}")
    left, right = canonical(*duck), canonical(*spark)
    return MartComparison(
        mart=mart,
        duckdb_rows=len(left),
        spark_rows=len(right),
        only_in_duckdb=tuple(_minus(left, right)),
        only_in_spark=tuple(_minus(right, left)),
    )


def compare_marts(con: duckdb.DuckDBPyConnection, spark: SparkSession, marts: Sequence[str]) -> list[MartComparison]:
    tables = {mart: f"{MARTS_SCHEMA}.{mart}" for mart in marts}
    return [compare_mart(mart, duckdb_rows(con, table), spark_rows(spark, table)) for mart, table in tables.items()]


def _minus(rows: list[tuple], other: list[tuple]) -> list[tuple]:
    """Rows of `rows` not matched one for one in `other` (duplicates count)."""
    remaining: dict[tuple, int] = {}
    for row in other:
        remaining[row] = remaining.get(row, 0) + 1
    missing = []
    for row in rows:
        if remaining.get(row, 0):
            remaining[row] -= 1
        else:
            missing.append(row)
    return missing


def _sort_key(row: tuple) -> tuple:
    # None sorts first, and values of one column are of one type on both engines.
    return tuple((value is not None, value if value is not None else 0) for value in row)
