"""Each month's actions are recorded (ops.report_actions) and followed up a month later."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from pipelines.ingest.schema import ensure_schema
from pipelines.report.actions import record_actions
from pipelines.report.query import load_model
from pipelines.report.rules import evaluate, load_config
from tests.report.conftest import GENERATED_AT
from tests.report.fixture_marts import HOSTILE_TEAM, MONTH


@pytest.fixture
def findings(con):
    model = load_model(con, MONTH, company_name="Demo Co", currency="USD", generated_at=GENERATED_AT, run_id="r")
    return evaluate(model, load_config()).findings


def _recorded(con) -> list[tuple]:
    return con.execute(
        "select month, position, rule, subject, owner, shown, tracked_metric, tracked_key, tracked_value "
        "from ops.report_actions order by month, position, tracked_key"
    ).fetchall()


def test_actions_are_recorded_with_the_number_each_is_about(findings):
    con = duckdb.connect()
    ensure_schema(con)
    record_actions(con, MONTH, findings, 5, "run-1")
    rows = _recorded(con)
    # 10 findings, the grouped channels on two rows of one position; the first five shown
    assert len(rows) == 11 and {r[1] for r in rows} == set(range(1, 11))
    assert [r[1] for r in rows if r[5]] == [1, 2, 3, 4, 4, 5]
    assert rows[0][2:] == ("low_pipeline_coverage", None, None, True, "pipeline_coverage", None, 0.75)
    channels = [r for r in rows if r[2] == "channel_decline"]
    assert [(r[3], r[7], float(r[8])) for r in channels] == [("agent", "agent", 1345.5), ("offline", "offline", 3000)]
    team = next(r for r in rows if r[2] == "team_below_target")
    assert (team[3], team[4], team[6], team[7]) == (HOSTILE_TEAM, "Bob Stone", "team_attainment", "t2")


def test_recording_a_month_again_replaces_exactly_that_month(findings):
    con = duckdb.connect()
    ensure_schema(con)
    record_actions(con, MONTH, findings, 5, "run-1")
    record_actions(con, dt.date(2025, 3, 1), findings[:1], 5, "run-1")
    record_actions(con, MONTH, findings[:2], 5, "run-2")
    months = con.execute("select month, count(*) from ops.report_actions group by month order by month").fetchall()
    assert months == [(MONTH, 2), (dt.date(2025, 3, 1), 1)]


def test_last_months_actions_and_plan_are_followed_up(reports):
    en, zh = reports["en.md"], reports["zh.md"]
    assert "| 2 | Recovery plan for channels Agent, Offline | Channel lead | Agent $2K, Offline $5K | " in en
    assert "| 3 | Pipeline review with team \\*x\\* \\| y | Bob Stone | 50.0% | 66.7% | Better |" in en
    assert "Detractor follow-up" not in en.split("### 5.4")[1].split("## Appendix")[0]  # not shown last month
    assert "| Revenue | $13,000 | $12,345.50 | -$654.50 (5.3%) | 4.0% over 2 months |" in en
    assert "| 3 | 与 \\*x\\* \\| y 团队进行商机复盘 | Bob Stone | 50.0% | 66.7% | 改善 |" in zh
    assert "| 订单数 | 10 | 9 | 低于 1（11.1%） | 近 2 个月平均 8.0% |" in zh


def test_a_month_without_recorded_actions_says_so(con, tmp_path):
    from tests.report.conftest import render

    for table in ("mart_action_follow_up", "mart_plan_accuracy"):
        con.execute(f"delete from marts.{table}")
    render(con, tmp_path)
    en = (tmp_path / "2025-02" / "report.en.md").read_text()
    assert "Last month's report recorded no actions, so there is nothing to follow up." in en
    assert "Last month's report proposed no target for this month." in en
