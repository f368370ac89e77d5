"""Ingest of a hand-written fixture month into a temp DuckDB."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.load import load_months
from pipelines.ingest.redelivery import PartialRedelivery
from tests.fixture_month import month_rows, write_month
from tests.settings_for import settings_for

RUN_ID = "run-1"


def table_dump(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return con.execute(f"select * exclude (loaded_at, run_id) from {table} order by all").fetchall()


@pytest.fixture
def con(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()


def test_fixture_month_loads_every_row_with_lineage(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_month(tmp_path / "landing", "2026-10")
    load_months(con, settings_for(tmp_path / "landing"), ["2026-10"], RUN_ID)

    counts = {
        t: con.execute(f"select count(*) from raw.{t}").fetchone()[0]
        for t in (
            "orders",
            "order_lines",
            "customers",
            "products",
            "sales_reps",
            "teams",
            "campaigns",
            "opportunities",
        )
    }
    assert counts == {
        "orders": 5,
        "order_lines": 6,
        "customers": 3,
        "products": 3,
        "sales_reps": 2,
        "teams": 2,
        "campaigns": 1,
        "opportunities": 0,
    }
    o1 = con.execute(
        "select order_date::varchar, campaign_id, batch_month::varchar, source_file, source_line, "
        "run_id from raw.orders where order_id = 'O1'"
    ).fetchone()
    assert o1 == ("2026-10-03", "K1", "2026-10-01", "2026-10/orders.csv", 2, "run-1")
    # Money stays decimal: the fixture's completed revenue is exactly 100.00 (see fixture_month).
    revenue = con.execute(
        "select sum(l.quantity * l.unit_price * (1 - l.discount)) from raw.order_lines l "
        "join raw.orders o using (order_id, batch_month) where o.status = 'completed'"
    ).fetchone()[0]
    assert revenue == Decimal("100.00")
    provided = dict(con.execute("select entity, provided from raw.extract_files").fetchall())
    assert provided["orders"] is True and provided["surveys"] is False
    statuses = dict(con.execute("select entity, status from ops.load_log").fetchall())
    assert statuses["orders"] == "loaded" and statuses["market"] == "absent"


def test_rerunning_a_month_leaves_identical_tables(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_month(tmp_path / "landing", "2026-10")
    load_months(con, settings_for(tmp_path / "landing"), ["2026-10"], RUN_ID)
    first = {t: table_dump(con, f"raw.{t}") for t in ("orders", "order_lines", "customers")}
    load_months(con, settings_for(tmp_path / "landing"), ["2026-10"], "run-2")
    assert {t: table_dump(con, f"raw.{t}") for t in first} == first


def test_redelivered_month_replaces_only_that_month(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    landing = tmp_path / "landing"
    write_month(landing, "2026-09")
    write_month(landing, "2026-10")
    load_months(con, settings_for(landing), ["2026-09", "2026-10"], RUN_ID)
    september = table_dump(con, "raw.orders where batch_month = date '2026-09-01'")

    corrected = month_rows("2026-10")
    corrected["orders"] = corrected["orders"][:2]
    corrected["order_lines"] = [line for line in corrected["order_lines"] if line["order_id"] in ("O1", "O2")]
    write_month(landing, "2026-10", corrected)
    load_months(con, settings_for(landing), ["2026-10"], RUN_ID)

    by_month = dict(con.execute("select batch_month::varchar, count(*) from raw.orders group by all").fetchall())
    assert by_month == {"2026-09-01": 5, "2026-10-01": 2}
    assert table_dump(con, "raw.orders where batch_month = date '2026-09-01'") == september


def test_an_unchanged_older_month_can_be_rerun_alone(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    landing = tmp_path / "landing"
    write_month(landing, "2026-09")
    write_month(landing, "2026-10")
    load_months(con, settings_for(landing), ["2026-09", "2026-10"], RUN_ID)
    before = table_dump(con, "raw.orders")

    load_months(con, settings_for(landing), ["2026-09"], "run-2")

    assert table_dump(con, "raw.orders") == before


def test_a_changed_older_month_alone_is_refused_and_nothing_is_written(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    landing = tmp_path / "landing"
    write_month(landing, "2026-08")
    write_month(landing, "2026-09")
    write_month(landing, "2026-10")
    load_months(con, settings_for(landing), ["2026-08", "2026-09", "2026-10"], RUN_ID)
    written = {t: table_dump(con, t) for t in ("raw.orders", "raw.extract_files")}
    logged = con.execute("select count(*) from ops.load_log").fetchone()
    corrected = month_rows("2026-08")
    corrected["orders"][2]["status"] = "completed"
    write_month(landing, "2026-08", corrected)

    with pytest.raises(PartialRedelivery) as refused:
        load_months(con, settings_for(landing), ["2026-08"], "run-2")

    assert str(refused.value).startswith(
        "2026-08 was delivered with files that differ from the loaded ones, but 2026-09 … 2026-10 are not in this run"
    )
    assert "--partition-range '2026-08...2026-10'" in str(refused.value)
    assert {t: table_dump(con, t) for t in written} == written
    assert con.execute("select count(*) from ops.load_log").fetchone() == logged


def test_parquet_extract_loads_like_csv(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    folder = write_month(tmp_path / "landing", "2026-10")
    for csv_file in folder.glob("*.csv"):
        parquet = csv_file.with_suffix(".parquet")
        duckdb.execute(
            f"copy (select * from read_csv('{csv_file}', all_varchar = true)) to '{parquet}' (format parquet)"
        )
        csv_file.unlink()
    load_months(con, settings_for(tmp_path / "landing"), ["2026-10"], RUN_ID)
    assert con.execute("select count(*), count(distinct customer_id) from raw.orders").fetchone() == (5, 3)
    assert con.execute("select sum(quantity) from raw.order_lines").fetchone()[0] == 13


def test_a_warehouse_of_an_earlier_release_gains_the_reason_columns(tmp_path: Path) -> None:
    """ops.check_results and the quarantine tables had no reason_code / reason_values before."""
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute("create schema ops")
        old.execute(
            "create table ops.check_results (run_id varchar, batch_month date, entity varchar, "
            "check_name varchar, rule varchar, severity varchar, passed boolean, failing_count bigint, "
            "sample_lines varchar, message varchar, checked_at timestamp)"
        )
        old.execute(
            "insert into ops.check_results values ('old-run', date '2026-09-01', 'orders', 'contract', "
            "'unique', 'error', false, 1, '3', 'duplicate', timestamp '2026-10-01 06:00:00')"
        )
    write_month(tmp_path / "landing", "2026-10", month_rows("2026-10"))
    with duckdb.connect(str(path)) as con:
        load_months(con, settings_for(tmp_path / "landing"), ["2026-10"], RUN_ID)
        rows = con.execute(
            "select run_id, count(*), count(reason_code) from ops.check_results group by run_id order by run_id"
        ).fetchall()
        quarantine_columns = con.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'quarantine' and table_name = 'orders' and column_name like 'reason%' order by 1"
        ).fetchall()
    assert rows[0] == ("old-run", 1, 0)  # its row keeps its English message and no code
    assert rows[1][0] == RUN_ID and rows[1][1] > 20
    assert quarantine_columns == [("reason",), ("reason_code",), ("reason_values",)]
