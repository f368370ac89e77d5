"""Report tests run over hand-written fixture marts in an in-memory DuckDB."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.report import ReportOutput, render_monthly_report
from tests.report.fixture_marts import MART_NAMES, MONTH, build_fixture
from tests.settings_for import settings_for

GENERATED_AT = dt.datetime(2025, 3, 1, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def con():
    connection = duckdb.connect()
    build_fixture(connection)
    yield connection
    connection.close()


def render(
    con: duckdb.DuckDBPyConnection, out_dir: Path, languages=("en", "zh"), month: dt.date = MONTH
) -> ReportOutput:
    settings = settings_for(reports_dir=out_dir, SALES_REPORT_LANGUAGES=",".join(languages))
    return render_monthly_report(con, month, settings, mart_names=MART_NAMES, run_id="run-1", generated_at=GENERATED_AT)


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> dict[str, str]:
    """The fixture month rendered once in both languages, keyed 'en.md', 'zh.html', ..."""
    connection = duckdb.connect()
    build_fixture(connection)
    out = render(connection, tmp_path_factory.mktemp("reports"))
    connection.close()
    return {".".join(p.name.split(".")[1:3]): p.read_text(encoding="utf-8") for p in out.paths}
