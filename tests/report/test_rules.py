"""Every rule in rules.toml fires on the fixture month, cites its numbers, and obeys its threshold."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pipelines.report.query import load_model
from pipelines.report.rules import RULES, evaluate, load_config, top_performers
from tests.report.conftest import GENERATED_AT
from tests.report.fixture_marts import HOSTILE_REP, HOSTILE_TEAM, MONTH

# rule -> (subjects it fires for on the fixture, a sentence of the English report citing the numbers)
EXPECTED = {
    "kpi_decline": (
        ["revenue", "orders", "active_customers"],  # AOV rose +37.2 %
        "Revenue fell 11.8% month over month ($14K → $12.3K; threshold: a fall of more than 5.0%).",
    ),
    "channel_decline": (
        ["offline", "agent"],  # -40.0 % and -32.7 %; online rose
        "Channel Offline: revenue fell 40.0% month over month to $3K (threshold: a fall of more than 10.0%).",
    ),
    "campaign_low_roas": (
        ["Radio Ads"],
        "Campaign Radio Ads brought $1K of attributed revenue for $2K of spend: ROAS 0.50 (threshold: below 1.00).",
    ),
    "team_below_target": (
        [HOSTILE_TEAM],
        r"Team \*x\* \| y reached 66.7% of its revenue target ($4K of $6K; threshold: below 80.0%).",
    ),
    "rep_needs_support": (
        [HOSTILE_REP],
        r"\<script\>alert(1)\</script\>: attainment 50.0%, revenue fell 40.0% month over month, win rate 0.0% "
        "(support is suggested when attainment is below 80.0% or revenue falls more than 20.0% month over month).",
    ),
    "churn_rate_up": ([None], "Churn rate rose 10.0 points to 20.0% from 10.0% (threshold: any rise)."),
    "win_rate_down": (
        [None],
        "Win rate fell 10.0 points to 40.0% from 50.0% (threshold: a fall of more than 5.0 points).",
    ),
    "low_pipeline_coverage": (
        [None],
        "Open pipeline expected next month ($12K) covers 75.0% of next month's revenue target "
        "($16K; threshold: below 100.0%).",
    ),
    "nps_drop": ([None], "NPS fell 10.0 points to 20.0 from 30.0 (threshold: a fall of more than 5.0 points)."),
}

# rule -> thresholds just beyond the fixture's numbers, so the rule must stay silent
SILENT = {
    "kpi_decline": {"mom_pct_below": -0.5},
    "channel_decline": {"mom_pct_below": -0.5},
    "campaign_low_roas": {"roas_below": 0.5},  # strict: ROAS 0.5 is not below 0.5
    "team_below_target": {"attainment_below": 0.6},
    "rep_needs_support": {"attainment_below": 0.5, "mom_pct_below": -0.4},
    "churn_rate_up": {"increase_above": 0.1},
    "win_rate_down": {"drop_above": 0.1},
    "low_pipeline_coverage": {"coverage_below": 0.75},
    "nps_drop": {"drop_above": 10.0},
}


@pytest.fixture
def model(con):
    return load_model(con, MONTH, company_name="Demo Co", currency="USD", generated_at=GENERATED_AT, run_id="r")


def _config_with(rule: str, **overrides):
    config = load_config()
    rules = {name: dict(cfg) for name, cfg in config.rules.items()}
    rules[rule].update(overrides)
    return dataclasses.replace(config, rules=rules)


def test_every_configured_rule_is_covered():
    assert set(load_config().rules) == set(RULES) == set(EXPECTED) == set(SILENT)


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_rule_fires_and_is_cited(rule, model, reports):
    subjects, sentence = EXPECTED[rule]
    findings = [f for f in evaluate(model, load_config()).findings if f.rule == rule]
    assert [f.subject for f in findings] == subjects
    assert all(f.due == dt.date(2025, 3, 15) for f in findings)
    assert sentence in reports["en.md"]


@pytest.mark.parametrize("rule", sorted(SILENT))
def test_rule_obeys_its_threshold(rule, model):
    findings = evaluate(model, _config_with(rule, **SILENT[rule])).findings
    assert [f for f in findings if f.rule == rule] == []


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_disabled_rule_is_silent(rule, model):
    findings = evaluate(model, _config_with(rule, enabled=False)).findings
    assert rule not in {f.rule for f in findings}


def test_owners_are_the_teams_manager_or_the_configured_role(model):
    findings = evaluate(model, load_config()).findings
    owners = {(f.rule, f.subject): (f.owner, f.owner_role) for f in findings}
    assert owners[("team_below_target", HOSTILE_TEAM)][0] == "Bob Stone"
    assert owners[("rep_needs_support", HOSTILE_REP)][0] == "Bob Stone"
    assert owners[("campaign_low_roas", "Radio Ads")] == (None, "marketing_lead")


def test_top_performers_use_the_configured_attainment(model):
    assert [r.rep_id for r in top_performers(model, load_config())] == ["r1"]
    relaxed = dataclasses.replace(load_config(), top_attainment=0.9)
    assert [r.rep_id for r in top_performers(model, relaxed)] == ["r1", "r3"]


def test_unknown_rule_in_config_is_rejected(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        "[actions]\ndue_day = 1\n[top_performers]\nattainment_at_least = 1.0\nmax_listed = 3\n"
        "[rules.no_such_rule]\nenabled = true\n"
    )
    with pytest.raises(ValueError, match="no_such_rule"):
        load_config(path)
