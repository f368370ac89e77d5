"""Ingest of a two-month run: one validation per entity, every verdict still per month folder."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.load import load_months
from pipelines.ingest.problems import ExtractRejected
from tests.fixture_month import month_rows, write_month
from tests.settings_for import settings_for

MONTHS = ["2026-09", "2026-10"]
CUSTOMER_ONLY_IN_SEPTEMBER = {"customer_id": "C9", "name": "Old", "segment": "smb", "region": "north"}


def write_run(landing: Path, bad_channel: bool = True) -> None:
    """September: an extra customer C9 and, if `bad_channel`, a bad channel on O2 (line 3).
    October: O4 (line 5) buys from C9, which exists only in September's folder, so it is an orphan there."""
    september = month_rows("2026-09")
    if bad_channel:
        september["orders"][1]["channel"] = "web"
    september["customers"].append(CUSTOMER_ONLY_IN_SEPTEMBER)
    october = month_rows("2026-10")
    october["orders"][3]["customer_id"] = "C9"
    write_month(landing, "2026-09", september)
    write_month(landing, "2026-10", october)


@pytest.fixture
def con(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        yield connection


def test_each_month_reports_its_own_violation(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_run(tmp_path / "landing")
    with pytest.raises(ExtractRejected) as rejected:
        load_months(con, settings_for(tmp_path / "landing"), MONTHS, "r")
    assert [p.describe() for p in rejected.value.problems] == [
        "2026-09/orders.csv, column channel: 1 row violates 'channel must be one of online, offline, agent' (line 3)",
        "2026-10/orders.csv, column customer_id: 1 row violates "
        "'customer_id must exist in customers.customer_id' (line 5)",
    ]
    failed = con.execute(
        "select batch_month::varchar, entity, rule, failing_count, sample_lines from ops.check_results "
        "where not passed order by all"
    ).fetchall()
    assert failed == [
        ("2026-09-01", "orders", "allowed_values", 1, "3"),
        ("2026-10-01", "orders", "reference", 1, "5"),
    ]
    assert con.execute("select count(*) from raw.orders").fetchone() == (0,)


def test_orphans_are_quarantined_in_their_own_month(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    write_run(tmp_path / "landing", bad_channel=False)

    loads = load_months(con, settings_for(tmp_path / "landing", SALES_ORPHAN_POLICY="warn"), MONTHS, "w")

    assert [(load.month, load.quarantined, load.row_counts["orders"]) for load in loads] == [
        ("2026-09", {}, 5),
        ("2026-10", {"orders": 1, "order_lines": 1}, 4),
    ]
    assert con.execute(
        "select batch_month::varchar, order_id, source_line, reason from quarantine.orders"
    ).fetchall() == [
        (
            "2026-10-01",
            "O4",
            5,
            "orphan customer_id: no customers row with this customer_id in the month folder",
        )
    ]
    published = con.execute("select batch_month::varchar, count(*) from raw.orders group by all order by all")
    assert published.fetchall() == [("2026-09-01", 5), ("2026-10-01", 4)]


def test_hundreds_of_orphans_over_ten_months_are_each_counted_in_their_month(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    """Month i (0-9) of 2026: 30 + 7i order lines of an order O9 that is not in orders, inserted
    after the first i % 7 good lines, so they are lines 2 + i % 7 onwards (615 in all)."""
    months = [f"2026-{m:02d}" for m in range(1, 11)]
    expected = []
    for i, month in enumerate(months):
        rows = month_rows(month)
        orphans = [
            {
                "order_id": "O9",
                "line_no": str(n),
                "product_id": "P1",
                "quantity": "1",
                "unit_price": "1.00",
                "discount": "0",
            }
            for n in range(1, 31 + 7 * i)
        ]
        rows["order_lines"][i % 7 : i % 7] = orphans
        write_month(tmp_path / "landing", month, rows)
        first = 2 + i % 7
        expected.append((month, 30 + 7 * i, tuple(range(first, first + 5))))

    with pytest.raises(ExtractRejected) as rejected:
        load_months(con, settings_for(tmp_path / "landing"), months, "r")

    rule = "'order_id must exist in orders.order_id'"
    assert [p.describe() for p in rejected.value.problems] == [
        f"{month}/order_lines.csv, column order_id: {count} rows violate {rule} (lines {', '.join(map(str, lines))})"
        for month, count, lines in expected
    ]
    recorded = con.execute(
        "select strftime(batch_month, '%Y-%m'), passed, failing_count, sample_lines from ops.check_results "
        "where entity = 'order_lines' and rule = 'reference' and message like '%order_id must%' order by 1"
    ).fetchall()
    assert recorded == [(month, False, count, ",".join(map(str, lines))) for month, count, lines in expected]
