"""Validated months into Spark's tables: the raw tables partitioned by batch_month, and the ingest
step's records (ops, quarantine) that dbt's staging views read.

An intermediate step (docs/scale.md): the DuckDB ingest still reads the files and applies the
contract, so a month that fails it never reaches Spark and every partition stays as it was. A month
that passed is copied from the warehouse's raw tables into the lake, replacing exactly that month's
partition of each raw table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

PARTITION = "batch_month"
RAW_SCHEMA = "raw"
# Small tables of records, copied whole on every write (they hold every month's rows).
RECORD_SCHEMAS = ("ops", "quarantine")


def write_months(spark: SparkSession, con: duckdb.DuckDBPyConnection, months: Sequence[date]) -> None:
    """Replace the partitions of `months` in every raw table with the warehouse's validated rows of them."""
    spark.sql(f"create database if not exists {RAW_SCHEMA}")
    window = {"months": list(months)}
    for table in _tables(con, RAW_SCHEMA):
        name = f"{RAW_SCHEMA}.{table}"
        rows = _frame(spark, con, f"select * from {name} where {PARTITION} = any($months::date[])", window)
        if not spark.catalog.tableExists(name):
            rows.write.format("parquet").partitionBy(PARTITION).saveAsTable(name)
            continue
        present = {
            month
            for (month,) in con.execute(
                f"select distinct {PARTITION} from {name} where {PARTITION} = any($months::date[])", window
            ).fetchall()
        }
        # Dynamic overwrite replaces only the months that have rows: a month that now has none is dropped.
        for month in sorted(set(months) - present):
            spark.sql(f"alter table {name} drop if exists partition ({PARTITION} = '{month.isoformat()}')")
        if present:
            # A partitioned table puts batch_month last: insertInto matches columns by position.
            rows.select(*spark.table(name).columns).write.insertInto(name, overwrite=True)


def write_records(spark: SparkSession, con: duckdb.DuckDBPyConnection) -> None:
    """Replace the lake's copies of the ops and quarantine tables with the warehouse's."""
    for schema in RECORD_SCHEMAS:
        spark.sql(f"create database if not exists {schema}")
        for table in _tables(con, schema):
            rows = _frame(spark, con, f"select * from {schema}.{table}", {})
            rows.write.format("parquet").mode("overwrite").saveAsTable(f"{schema}.{table}")


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    return [
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = $s "
            "and table_type = 'BASE TABLE' order by 1",
            {"s": schema},
        ).fetchall()
    ]


def _frame(spark: SparkSession, con: duckdb.DuckDBPyConnection, query: str, params: dict) -> DataFrame:
    """The query's rows as a Spark frame, through Arrow, types kept (decimals stay decimals)."""
    return spark.createDataFrame(con.execute(query, params).fetch_arrow_table())
