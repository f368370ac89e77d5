"""Loading a vendor month into a temp warehouse, the way the ingest step does."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.load import load_months
from pipelines.ingest.problems import ExtractRejected
from tests.settings_for import settings_for

MONTH = "2026-10"
RAW_TABLES = ("orders", "order_lines", "customers", "products", "sales_reps", "teams")


def load(con: duckdb.DuckDBPyConnection, landing: Path, **env: str) -> None:
    load_months(con, settings_for(landing, **env), [MONTH], "run-1")


def rejected(con: duckdb.DuckDBPyConnection, landing: Path, **env: str) -> str:
    """The month's failure as the run reports it, after proving that nothing was published."""
    with pytest.raises(ExtractRejected) as failure:
        load(con, landing, **env)
    published = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_TABLES}
    assert published == dict.fromkeys(RAW_TABLES, 0)
    assert ("failed",) in con.execute("select distinct status from ops.load_log").fetchall()
    return str(failure.value)


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return [tuple(str(v) if v is not None else None for v in row) for row in con.execute(sql).fetchall()]
