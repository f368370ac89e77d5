"""A re-delivered month's changed figures, and the later month's comparisons, are recorded as restatements.

The built project has its first two fixture months published (four are landed): their first publication records
nothing. Rerunning them unchanged records nothing either. Then the first month is re-delivered with
order O3 (customer C3, rep R1 of team T1, channel agent, 1 x 10.00) completed instead of cancelled:
- month 1: company revenue 100.00 -> 110.00, orders 3 -> 4, active customers 2 -> 3 (C3), new
  customers 2 -> 3 (C3's first completed order); team T1 revenue 40.00 -> 50.00 (O1 23.50 + O4 16.50,
  + 10.00), orders 2 -> 3, active customers 1 -> 2, new customers 1 -> 2; channel agent revenue
  0.00 -> 10.00, orders 0 -> 1, active customers 0 -> 1, new customers 0 -> 1 (O3 is C3's first).
- month 2 (unchanged itself): revenue_prev of the company 100.00 -> 110.00 and its revenue_mom_pct
  0 -> (100 - 110) / 110 = -0.090909; team T1 40.00 -> 50.00 and 0 -> (40 - 50) / 50 = -0.2; channel agent
  0.00 -> 10.00 and null (base 0) -> (0 - 10) / 10 = -1.
The third month, published next, lists the 18 changes again, each with its month; its own figures
were never published before, so nothing of it is restated.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.fixture_month import month_rows, write_month
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.conftest import BuiltProject
from tests.robustness.projects import copy_project

pytestmark = pytest.mark.slow

DBT = Path(sys.executable).with_name("dbt")
DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project"

RESTATEMENT_ROWS = (
    "select month::varchar, grain, grain_value, metric, old_value, new_value, run_id from ops.restatements order by all"
)


def _restatements(root, database: str = "warehouse.duckdb") -> list[tuple]:
    with duckdb.connect(str(root / database), read_only=True) as con:
        return con.execute(RESTATEMENT_ROWS).fetchall()


@pytest.fixture(scope="module")
def restated(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = copy_project(built_project.root, tmp_path_factory.mktemp("restatements") / "project")
    first, second = built_project.months[:2]
    defs = definitions_for(project_env(root, first))
    instance = dg.DagsterInstance.ephemeral()
    after_first_publication = _restatements(root)
    unchanged = run_months(defs, first, second, instance)
    after_unchanged_rerun = _restatements(root)
    rows = month_rows(first)
    rows["orders"][2]["status"] = "completed"
    write_month(root / "landing", first, rows)
    redelivery = run_months(defs, first, second, instance)
    third = built_project.months[2]
    next_month = run_months(defs, third, third, instance)
    return {
        "root": root,
        "months": (first, second),
        "third": third,
        "after_first_publication": after_first_publication,
        "after_unchanged_rerun": after_unchanged_rerun,
        "runs": (unchanged, redelivery, next_month),
    }


def test_a_first_publication_and_an_unchanged_rerun_record_nothing(restated: dict) -> None:
    assert restated["runs"][0].success
    assert restated["after_first_publication"] == []
    assert restated["after_unchanged_rerun"] == []


def test_the_redelivery_records_exactly_the_changed_figures(restated: dict) -> None:
    first, second = restated["months"]
    run_id = restated["runs"][1].run_id
    m1, m2 = f"{first}-01", f"{second}-01"

    def row(month, grain, value, metric, old, new):
        return (month, grain, value, metric, None if old is None else Decimal(old), Decimal(new), run_id)

    expected = sorted(
        [
            row(m1, "company", None, "revenue", "100", "110"),
            row(m1, "company", None, "orders", "3", "4"),
            row(m1, "company", None, "active_customers", "2", "3"),
            row(m1, "company", None, "new_customers", "2", "3"),
            row(m1, "team", "T1", "revenue", "40", "50"),
            row(m1, "team", "T1", "orders", "2", "3"),
            row(m1, "team", "T1", "active_customers", "1", "2"),
            row(m1, "team", "T1", "new_customers", "1", "2"),
            row(m1, "channel", "agent", "revenue", "0", "10"),
            row(m1, "channel", "agent", "orders", "0", "1"),
            row(m1, "channel", "agent", "active_customers", "0", "1"),
            row(m1, "channel", "agent", "new_customers", "0", "1"),
            row(m2, "company", None, "revenue_prev", "100", "110"),
            row(m2, "company", None, "revenue_mom_pct", "0", "-0.090909"),
            row(m2, "team", "T1", "revenue_prev", "40", "50"),
            row(m2, "team", "T1", "revenue_mom_pct", "0", "-0.2"),
            row(m2, "channel", "agent", "revenue_prev", "0", "10"),
            row(m2, "channel", "agent", "revenue_mom_pct", None, "-1"),
        ],
        key=lambda r: tuple("" if v is None else str(v) for v in r),
    )
    assert restated["runs"][1].success
    actual = _restatements(restated["root"])
    assert sorted(actual, key=lambda r: tuple("" if v is None else str(v) for v in r)) == expected


def test_the_analysts_copy_carries_the_restatements(restated: dict) -> None:
    assert _restatements(restated["root"], "analytics.duckdb") == _restatements(restated["root"])


def _restated_list(root, month: str, language: str) -> list[str]:
    lines = (root / "reports" / month / f"report.{language}.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "→ " in line and line.endswith(("):", "）：")))
    end = lines.index("", start + 2)
    return lines[start:end]


def test_the_restated_months_report_lists_old_and_new(restated: dict) -> None:
    first, second = restated["months"]
    root = restated["root"]
    assert _restated_list(root, first, "en") == [
        "Figures restated since they were last published (old → new):",
        "",
        "- Company: Active customers 2 → 3",
        "- Company: New customers 2 → 3",
        "- Company: Orders 3 → 4",
        "- Company: Revenue $100.00 → $110.00",
        "- Team T1: Active customers 1 → 2",
        "- Team T1: New customers 1 → 2",
        "- Team T1: Orders 2 → 3",
        "- Team T1: Revenue $40.00 → $50.00",
        "- Channel Agent: Active customers 0 → 1",
        "- Channel Agent: New customers 0 → 1",
        "- Channel Agent: Orders 0 → 1",
        "- Channel Agent: Revenue $0.00 → $10.00",
    ]
    assert _restated_list(root, first, "zh")[2:6] == [
        "- 公司：活跃客户 2 → 3",
        "- 公司：新客户 2 → 3",
        "- 公司：订单数 3 → 4",
        "- 公司：收入 100美元 → 110美元",
    ]
    assert _restated_list(root, second, "en")[2:] == [
        "- Company: Revenue vs the previous month 0.0% → -9.1%",
        "- Company: Previous month's revenue $100.00 → $110.00",
        "- Team T1: Revenue vs the previous month 0.0% → -20.0%",
        "- Team T1: Previous month's revenue $40.00 → $50.00",
        "- Channel Agent: Revenue vs the previous month — → -100.0%",
        "- Channel Agent: Previous month's revenue $0.00 → $10.00",
    ]


def test_the_dbt_unit_tests_of_the_restatement_models_pass(restated: dict, tmp_path: Path) -> None:
    # Unit tests read their inputs' column types from a built warehouse: a copy of this one.
    shutil.copyfile(restated["root"] / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    result = subprocess.run(
        [
            str(DBT),
            "--no-use-colors",
            "test",
            "--select",
            "test_type:unit,path:models/marts/restatements",
            "--project-dir",
            str(DBT_PROJECT),
            "--profiles-dir",
            str(DBT_PROJECT),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        env={**os.environ, "SALES_DUCKDB_PATH": str(tmp_path / "warehouse.duckdb")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert "PASS=2 " in result.stdout


def test_the_first_month_published_after_lists_the_runs_changes_with_their_months(restated: dict) -> None:
    first, second = restated["months"]
    assert restated["runs"][2].success
    listed = _restated_list(restated["root"], restated["third"], "en")[2:]
    assert len(listed) == 18
    first_name, second_name = (dt.date.fromisoformat(f"{m}-01").strftime("%B %Y") for m in (first, second))
    assert listed[3] == f"- {first_name}, Company: Revenue $100.00 → $110.00"
    assert listed[-1] == f"- {second_name}, Channel Agent: Previous month's revenue $0.00 → $10.00"
    assert len(_restatements(restated["root"])) == 18
