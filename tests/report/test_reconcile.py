"""The report refuses untrustworthy months and never leaves a half-written report."""

from __future__ import annotations

import pytest

from pipelines.report import ReportRefused, charts, reconcile
from pipelines.report import render as render_module
from tests.report.conftest import render
from tests.report.fixture_marts import MONTH


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def previous(con, tmp_path):
    """A report already written for the month, and its bytes."""
    render(con, tmp_path, languages=("en",))
    return _snapshot(tmp_path / "2025-02")


def test_reconciles_on_matching_totals(con):
    reconcile(con, MONTH)  # 12,345.5 and 9 orders in both the mart and fct_orders


@pytest.mark.parametrize(
    "mismatch",
    [
        "update marts.mart_sales_monthly set revenue = 12345.4 where grain = 'company' and month = '2025-02-01'",
        "update marts.mart_sales_monthly set orders = 10 where grain = 'company' and month = '2025-02-01'",
        "update marts.fct_orders set status = 'completed' where order_id = 'o10'",
    ],
)
def test_refuses_when_totals_differ_and_keeps_previous_files(con, tmp_path, previous, mismatch):
    con.execute(mismatch)
    with pytest.raises(ReportRefused, match="do not match fct_orders"):
        render(con, tmp_path, languages=("en",))
    assert _snapshot(tmp_path / "2025-02") == previous


def test_refuses_on_a_failed_error_check_of_the_latest_run(con, tmp_path, previous):
    con.execute(
        "insert into ops.check_results values ('run-2', date '2025-02-01', 'orders', 'status_allowed', "
        "'allowed values', 'error', false, 3, '2,5,8', 'unknown status', timestamp '2025-03-02 06:00:00', "
        "'rule_violated', '{\"column\": \"status\"}')"
    )
    with pytest.raises(ReportRefused, match=r"orders.status_allowed \(3 rows\)"):
        reconcile(con, MONTH)
    with pytest.raises(ReportRefused):
        render(con, tmp_path, languages=("en",))
    assert _snapshot(tmp_path / "2025-02") == previous


def test_a_rendering_failure_replaces_nothing(con, tmp_path, previous, monkeypatch):
    def broken_charts(*_args):
        raise RuntimeError("chart failed")

    monkeypatch.setattr(charts, "build_charts", broken_charts)
    with pytest.raises(RuntimeError, match="chart failed"):
        render(con, tmp_path, languages=("en",))
    assert _snapshot(tmp_path / "2025-02") == previous  # also: no temp files left behind


def test_a_write_failure_leaves_no_temp_files(con, tmp_path, previous, monkeypatch):
    def failing_replace(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(render_module.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        render(con, tmp_path, languages=("en",))
    assert _snapshot(tmp_path / "2025-02") == previous
