"""The analysts' file: built whole the first time, then only the months dbt rebuilt since replaced."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from pipelines.publish.analyst_db import publish_analyst_db
from pipelines.publish.pending_months import pending_builds
from pipelines.transform.build_log import record_build
from tests.pipeline_runs import schema_checksums

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


def make_warehouse(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create schema ops")
        con.execute("create schema raw")
        con.execute("create table marts.mart_sales (month date, grain varchar, revenue decimal(18, 2))")
        con.execute(
            "insert into marts.mart_sales values ($1, 'company', 10), ($2, 'company', 20), ($3, 'company', 30)",
            [JAN, FEB, MAR],
        )
        con.execute("create table ops.load_log (run_id varchar, batch_month date)")
        con.execute("insert into ops.load_log values ('r1', $1)", [JAN])
        con.execute("create table ops.private_notes (x int)")  # not published
        con.execute("create table raw.orders (order_id varchar)")  # not published
        record_build(con, "r1", [JAN, FEB, MAR])


def warehouse_sql(path: Path, sql: str, params=None) -> list[tuple]:
    with duckdb.connect(str(path)) as con:
        return con.execute(sql, params).fetchall()


def published(path: Path) -> dict[str, dict[str, str]]:
    return {schema: schema_checksums(path, schema) for schema in ("marts", "ops")}


def test_first_publication_copies_every_published_table_and_catches_up_with_every_build(tmp_path: Path) -> None:
    warehouse, analyst = tmp_path / "warehouse.duckdb", tmp_path / "analytics.duckdb"
    make_warehouse(warehouse)
    counts = publish_analyst_db(warehouse, analyst)
    assert counts == {"marts.mart_sales": 3, "ops.load_log": 1}
    with duckdb.connect(str(analyst), read_only=True) as con:
        tables = con.execute("select schema_name || '.' || table_name from duckdb_tables() order by 1").fetchall()
    assert tables == [("marts.mart_sales",), ("ops.load_log",)]
    assert published(analyst)["marts"] == schema_checksums(warehouse, "marts")
    with duckdb.connect(str(warehouse)) as con:
        assert pending_builds(con) == ([], 1)


def test_only_pending_months_are_republished(tmp_path: Path) -> None:
    warehouse, analyst = tmp_path / "warehouse.duckdb", tmp_path / "analytics.duckdb"
    make_warehouse(warehouse)
    publish_analyst_db(warehouse, analyst)
    # February rebuilt by a run (recorded as a build); January changed behind the pipeline's back.
    warehouse_sql(warehouse, "update marts.mart_sales set revenue = 21 where month = $1", [FEB])
    warehouse_sql(warehouse, "update marts.mart_sales set revenue = 11 where month = $1", [JAN])
    warehouse_sql(warehouse, "insert into ops.load_log values ('r2', $1)", [FEB])
    with duckdb.connect(str(warehouse)) as con:
        assert record_build(con, "r2", [FEB]) == 2
        assert pending_builds(con) == ([FEB], 2)
    publish_analyst_db(warehouse, analyst)
    with duckdb.connect(str(analyst), read_only=True) as con:
        rows = con.execute("select month, revenue::int from marts.mart_sales order by month").fetchall()
        log = con.execute("select run_id from ops.load_log order by run_id").fetchall()
    assert rows == [(JAN, 10), (FEB, 21), (MAR, 30)]
    assert log == [("r1",), ("r2",)]


def test_a_month_missing_from_the_copy_or_new_columns_rebuild_it_whole(tmp_path: Path) -> None:
    warehouse, analyst = tmp_path / "warehouse.duckdb", tmp_path / "analytics.duckdb"
    make_warehouse(warehouse)
    publish_analyst_db(warehouse, analyst)
    # A month outside the pending ones differs in rows: the copy cannot be trusted.
    warehouse_sql(warehouse, "insert into marts.mart_sales values ($1, 'region', 5)", [JAN])
    publish_analyst_db(warehouse, analyst)
    assert published(analyst)["marts"] == schema_checksums(warehouse, "marts")
    # An upgrade added a column.
    warehouse_sql(warehouse, "alter table marts.mart_sales add column orders bigint default 1")
    publish_analyst_db(warehouse, analyst)
    assert published(analyst)["marts"] == schema_checksums(warehouse, "marts")


def test_an_unreadable_current_file_is_replaced(tmp_path: Path) -> None:
    warehouse, analyst = tmp_path / "warehouse.duckdb", tmp_path / "analytics.duckdb"
    make_warehouse(warehouse)
    analyst.write_bytes(b"not a duckdb file")
    publish_analyst_db(warehouse, analyst)
    assert published(analyst)["marts"] == schema_checksums(warehouse, "marts")
