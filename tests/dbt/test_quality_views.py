"""The data-quality views (models/marts/quality) over a warehouse holding only the ingest step's
records: a few hand-written checks and quarantined rows, built by dbt with their data and unit tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.schema import ensure_schema
from tests.dbt_performance.test_performance_marts import query, run_dbt

QUALITY_MODELS = "+path:models/marts/quality"

# 2025-02: run-0 at 05:00 failed an error check; run-1 at 06:00 is the latest: orders 2 passed,
# order_lines failed 1 warning and 1 info. 2025-03: quarantined rows only, no checks.
CHECKS = [
    ("run-0", "2025-02-01", "orders", "contract", "unique", "error", False, 2, "2025-03-01 05:00:00"),
    ("run-1", "2025-02-01", "orders", "contract", "unique", "error", True, 0, "2025-03-01 06:00:00"),
    ("run-1", "2025-02-01", "orders", "file", "readable", "error", True, 0, "2025-03-01 06:00:00"),
    ("run-1", "2025-02-01", "order_lines", "references", "reference", "warning", False, 2, "2025-03-01 06:00:00"),
    ("run-1", "2025-02-01", "order_lines", "volume", "volume", "info", False, 1, "2025-03-01 06:00:00"),
]
QUARANTINED = [("2025-02-01", "run-0", "orphan"), ("2025-02-01", "run-1", "orphan"), ("2025-03-01", "run-1", "orphan")]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("quality")
    with duckdb.connect(str(tmp / "warehouse.duckdb")) as con:
        ensure_schema(con)
        con.executemany(
            "insert into ops.check_results (run_id, batch_month, entity, check_name, rule, severity, passed, "
            "failing_count, checked_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            CHECKS,
        )
        con.executemany(
            "insert into quarantine.order_lines (batch_month, run_id, reason) values (?, ?, ?)", QUARANTINED
        )
    # The views, their data tests and unit tests; cautious, because the follow-up view's upstream
    # marts bring singular tests that also read marts outside the selection.
    run_dbt(tmp, "build", "--select", QUALITY_MODELS, "--indirect-selection", "cautious")
    return tmp


def test_the_summary_counts_the_latest_run_and_every_quarantined_row(warehouse: Path) -> None:
    assert query(warehouse, "select * from marts.mart_quality_summary_monthly order by month") == [
        (dt.date(2025, 2, 1), "run-1", 4, 2, 1, 0, 2),
        (dt.date(2025, 3, 1), None, 0, 0, 0, 0, 1),
    ]


def test_checks_by_entity_of_the_latest_run(warehouse: Path) -> None:
    assert query(
        warehouse,
        "select entity, checks, passed_checks, failed_non_error_checks, failed_error_checks "
        "from marts.mart_quality_checks_monthly order by entity",
    ) == [("order_lines", 2, 0, 2, 0), ("orders", 2, 2, 0, 0)]
