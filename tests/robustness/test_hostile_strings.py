"""Text that means something to a browser, Markdown, a spreadsheet, a shell or SQL is data, nothing more."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.load import load_months
from pipelines.ingest.problems import ExtractRejected
from pipelines.months import MonthKeyError, validate_month_key
from pipelines.publish.analyst_db import publish_analyst_db
from pipelines.transform.window import dbt_window_vars
from tests.fixture_month import month_rows, write_month
from tests.robustness.extracts import write_csv, write_parquet
from tests.settings_for import settings_for

MONTH = "2026-10"
RUN_ID = "hostile-run"
HOSTILE = (
    "<script>alert(1)</script>",
    "*x* | y",
    '=HYPERLINK("http://x","y")',
    'she said "no"',
    "O'Brien",
    "first line\nsecond line",
    "windows\r\nline end",
    "🚀 growth 📈",
    "销售报告 第一季度",
    "  padded  ",
    "NULL",
    "x'); drop table raw.orders; --",
)
SQL_LIKE_HEADER = 'x"; drop table raw.orders; --'
BAD_MONTH_KEYS = (
    "2026-1",
    "2026-13",
    "2026-00",
    "26-10",
    "",
    " 2026-10",
    "2026-10\n",
    "../2026-10",
    "2026-10/../../etc",
    "2026-10'; drop table raw.orders; --",
    "２０２６-10",  # a full-width year: `\d` takes any Unicode digit
)


def hostile_month() -> dict[str, list[dict[str, object]]]:
    """The fixture month plus one customer, campaign and survey answer per hostile string."""
    rows = month_rows(MONTH)
    for n, text in enumerate(HOSTILE, start=1):
        rows["customers"].append({"customer_id": f"H{n}", "name": text, "segment": "smb", "region": "north"})
        rows["campaigns"].append({"campaign_id": f"HK{n}", "name": text, "type": "other", "spend": "0"})
    rows["surveys"] = [
        {
            "response_id": f"S{n}",
            "customer_id": "C1",
            "response_date": f"{MONTH}-05",
            "score": "9",
            "comment": text,
        }
        for n, text in enumerate(HOSTILE, start=1)
    ]
    return rows


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_hostile_text_loads_unchanged(file_format: str, tmp_path: Path) -> None:
    folder = write_month(tmp_path / "landing", MONTH)
    rows = hostile_month()
    for entity in ("customers", "campaigns", "surveys"):
        if file_format == "parquet":
            (folder / f"{entity}.csv").unlink(missing_ok=True)
            write_parquet(folder, entity, rows[entity])
        else:
            write_csv(folder, entity, rows[entity])

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_months(con, settings_for(tmp_path / "landing"), [MONTH], RUN_ID)
        for table, key in (("customers", "customer_id"), ("campaigns", "campaign_id")):
            loaded = con.execute(f"select name from raw.{table} where {key} like 'H%' order by source_line")
            assert [r[0] for r in loaded.fetchall()] == list(HOSTILE)
        comments = con.execute("select comment from raw.surveys order by source_line").fetchall()
        assert [r[0] for r in comments] == list(HOSTILE)
        assert con.execute("select count(*) from raw.orders").fetchone() == (5,)


def test_csv_lines_count_the_newlines_quoted_in_hostile_text(tmp_path: Path) -> None:
    folder = write_month(tmp_path / "landing", MONTH)
    write_csv(folder, "surveys", hostile_month()["surveys"])
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_months(con, settings_for(tmp_path / "landing"), [MONTH], RUN_ID)
        lines = [r[0] for r in con.execute("select source_line from raw.surveys order by response_id").fetchall()]
    # S1..S5 on lines 2-6; S6 spans 7-8 and S7 spans 9-10 (one quoted newline each); S8.. follow on 11.
    by_id = dict(zip(sorted(f"S{n}" for n in range(1, len(HOSTILE) + 1)), lines, strict=True))
    assert [by_id[f"S{n}"] for n in range(1, len(HOSTILE) + 1)] == [2, 3, 4, 5, 6, 7, 9, 11, 12, 13, 14, 15]


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_sql_like_extra_column_is_ignored(file_format: str, tmp_path: Path) -> None:
    folder = write_month(tmp_path / "landing", MONTH)
    orders = [{**r, SQL_LIKE_HEADER: "'); drop table raw.customers; --"} for r in month_rows(MONTH)["orders"]]
    columns = [*month_rows(MONTH)["orders"][0].keys(), SQL_LIKE_HEADER]
    if file_format == "parquet":
        (folder / "orders.csv").unlink()
        write_parquet(folder, "orders", orders, columns)
    else:
        write_csv(folder, "orders", orders, columns)

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        load_months(con, settings_for(tmp_path / "landing"), [MONTH], RUN_ID)
        assert con.execute("select count(*) from raw.orders").fetchone() == (5,)
        assert con.execute("select count(*) from raw.customers").fetchone() == (3,)
        columns_kept = [r[0] for r in con.execute("describe raw.orders").fetchall()]
    assert SQL_LIKE_HEADER not in columns_kept and "order_id" in columns_kept


def test_sql_like_renamed_column_is_reported_verbatim_and_nothing_is_written(tmp_path: Path) -> None:
    folder = write_month(tmp_path / "landing", MONTH)
    orders = [{**r, SQL_LIKE_HEADER: r["status"]} for r in month_rows(MONTH)["orders"]]
    columns = ["order_id", "order_date", "customer_id", "rep_id", "channel", "campaign_id", SQL_LIKE_HEADER]
    write_csv(folder, "orders", orders, columns)

    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        with pytest.raises(ExtractRejected) as rejected:
            load_months(con, settings_for(tmp_path / "landing"), [MONTH], RUN_ID)
        expected = (
            "2026-10/orders.csv, column status: missing required column status; "
            f"unexpected column(s) {SQL_LIKE_HEADER} — renamed? (line 1)"
        )
        assert [p.describe() for p in rejected.value.problems] == [expected]
        assert con.execute("select message from ops.load_log where entity = 'orders'").fetchall() == [(expected,)]
        assert con.execute("select count(*) from raw.orders").fetchone() == (0,)


def test_hostile_value_in_a_checked_column_is_only_counted(tmp_path: Path) -> None:
    rows = month_rows(MONTH)
    rows["orders"][1]["channel"] = "online'; drop table raw.orders; --"  # O2, line 3
    write_month(tmp_path / "landing", MONTH, rows)
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        with pytest.raises(ExtractRejected) as rejected:
            load_months(con, settings_for(tmp_path / "landing"), [MONTH], RUN_ID)
        assert [(p.rule, p.failing_count, p.sample_lines) for p in rejected.value.problems] == [
            ("allowed_values", 1, (3,))
        ]
        assert con.execute("select count(*) from raw.orders").fetchone() == (0,)


@pytest.mark.parametrize("key", BAD_MONTH_KEYS)
def test_month_keys_that_are_not_yyyy_mm_are_refused(key: str) -> None:
    with pytest.raises(MonthKeyError, match="must look like YYYY-MM"):
        validate_month_key(key)
    with pytest.raises(MonthKeyError, match="month_from must look like YYYY-MM"):
        dbt_window_vars(key, "2026-10")
    with pytest.raises(MonthKeyError, match="month_to must look like YYYY-MM"):
        dbt_window_vars("2026-10", key)


def test_good_month_keys_pass_through() -> None:
    assert validate_month_key("2026-10") == "2026-10"
    assert dbt_window_vars("2025-12", "2026-01") == {"sales_month_from": "2025-12", "sales_month_to": "2026-01"}


def test_analyst_publication_quotes_a_hostile_warehouse_path(tmp_path: Path) -> None:
    folder = tmp_path / "o'brien'; drop table marts.t; --"
    folder.mkdir()
    warehouse = folder / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.t as select 42 as answer")
    counts = publish_analyst_db(warehouse, folder / "analytics.duckdb")
    assert counts == {"marts.t": 1}
    with duckdb.connect(str(folder / "analytics.duckdb"), read_only=True) as con:
        assert con.execute("select answer from marts.t").fetchall() == [(42,)]
