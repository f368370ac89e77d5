"""Rule-based findings over the report model, with thresholds from rules.toml.

Each rule returns Findings that carry the numbers that triggered them and the
threshold, so the templates can cite both; recommendations and actions are the
per-language wording of these findings.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipelines.months import add_months, day_in_month
from pipelines.report.model import Finding, ReportModel, RepRow

RULES_PATH = Path(__file__).with_name("rules.toml")
# Rules that judge attainment: without their own `attainment_below` they use [attainment] lagging_below.
LAGGING_RULES = ("team_below_target", "rep_needs_support")


@dataclass(frozen=True)
class RuleConfig:
    due_day: int
    top_attainment: float
    top_max: int
    lagging_attainment: float
    new_hire_months: int
    rules: dict[str, dict]

    def dbt_vars(self) -> dict[str, float | int]:
        """The thresholds the marts apply (dbt_project/macros/report_thresholds.sql)."""
        return {"lagging_attainment": self.lagging_attainment, "new_hire_months": self.new_hire_months}


def load_config(path: Path = RULES_PATH) -> RuleConfig:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data["rules"]) - set(RULES)
    if unknown:
        raise ValueError(f"{path}: unknown rules {sorted(unknown)}; known: {sorted(RULES)}")
    lagging = float(data["attainment"]["lagging_below"])
    rules = {name: dict(cfg) for name, cfg in data["rules"].items()}
    for name in LAGGING_RULES:
        if name in rules:
            rules[name].setdefault("attainment_below", lagging)
    return RuleConfig(
        due_day=int(data["actions"]["due_day"]),
        top_attainment=float(data["top_performers"]["attainment_at_least"]),
        top_max=int(data["top_performers"]["max_listed"]),
        lagging_attainment=lagging,
        new_hire_months=int(data["attainment"]["new_hire_months"]),
        rules=rules,
    )


Check = Callable[[ReportModel, dict], Iterator[tuple[str | None, dict, str | None]]]


def _kpi_decline(model: ReportModel, cfg: dict):
    for kpi in model.kpis:
        if kpi.mom_pct is not None and kpi.mom_pct < cfg["mom_pct_below"]:
            yield kpi.metric, {"value": kpi.value, "prev": kpi.prev, "mom_pct": kpi.mom_pct}, None


def _channel_decline(model: ReportModel, cfg: dict):
    for channel in model.channels:
        if channel.revenue_mom_pct is not None and channel.revenue_mom_pct < cfg["mom_pct_below"]:
            yield channel.channel, {"revenue": channel.revenue, "mom_pct": channel.revenue_mom_pct}, None


def _campaign_low_roas(model: ReportModel, cfg: dict):
    for c in model.campaigns:
        if c.roas is not None and c.roas < cfg["roas_below"]:
            values = {"spend": c.spend, "attributed_revenue": c.attributed_revenue, "roas": c.roas}
            yield c.campaign_name or c.campaign_id, values, None


def _team_below_target(model: ReportModel, cfg: dict):
    for team in model.teams:
        if team.revenue_attainment is not None and team.revenue_attainment < cfg["attainment_below"]:
            values = {
                "attainment": team.revenue_attainment,
                "revenue": team.revenue,
                "revenue_target": team.revenue_target,
            }
            yield team.team_name or team.team_id, values, team.manager_name


def _rep_needs_support(model: ReportModel, cfg: dict):
    managers = {t.team_id: t.manager_name for t in model.teams}
    for rep in model.reps:
        low = rep.revenue_attainment is not None and rep.revenue_attainment < cfg["attainment_below"]
        falling = rep.revenue_mom_pct is not None and rep.revenue_mom_pct < cfg["mom_pct_below"]
        if low or falling:
            values = {
                "attainment": rep.revenue_attainment,
                "mom_pct": rep.revenue_mom_pct,
                "win_rate": rep.win_rate,
            }
            yield rep.rep_name or rep.rep_id, values, managers.get(rep.team_id)


def _churn_rate_up(model: ReportModel, cfg: dict):
    churn = model.customer("churn_rate")
    if churn and churn.mom_delta is not None and churn.mom_delta > cfg["increase_above"]:
        yield None, {"churn_rate": churn.value, "prev": churn.prev, "delta": churn.mom_delta}, None


def _win_rate_down(model: ReportModel, cfg: dict):
    now, prev = model.pipeline, model.pipeline_prev
    if now and prev and now.win_rate_mom_delta is not None:
        drop = -now.win_rate_mom_delta  # a fall, stated as a positive number
        if drop > cfg["drop_above"]:
            yield None, {"win_rate": now.win_rate, "prev": prev.win_rate, "drop": drop}, None


def _low_pipeline_coverage(model: ReportModel, cfg: dict):
    p = model.pipeline
    if p and p.pipeline_coverage is not None and p.pipeline_coverage < cfg["coverage_below"]:
        values = {
            "coverage": p.pipeline_coverage,
            "next_month_pipeline": p.next_month_pipeline,
            "next_month_revenue_target": p.next_month_revenue_target,
        }
        yield None, values, None


def _nps_drop(model: ReportModel, cfg: dict):
    s = model.company_satisfaction
    if s and s.nps_mom_delta is not None and -s.nps_mom_delta > cfg["drop_above"]:
        yield None, {"nps": s.nps, "prev": s.nps_prev, "drop": -s.nps_mom_delta}, None  # a fall, as a positive number


RULES: dict[str, Check] = {
    "kpi_decline": _kpi_decline,
    "channel_decline": _channel_decline,
    "campaign_low_roas": _campaign_low_roas,
    "team_below_target": _team_below_target,
    "rep_needs_support": _rep_needs_support,
    "churn_rate_up": _churn_rate_up,
    "win_rate_down": _win_rate_down,
    "low_pipeline_coverage": _low_pipeline_coverage,
    "nps_drop": _nps_drop,
}


def evaluate(model: ReportModel, config: RuleConfig) -> ReportModel:
    """The model with the findings of every enabled rule, in rules order."""
    due = day_in_month(add_months(model.header.month, 1), config.due_day)
    findings = []
    for name, check in RULES.items():
        cfg = config.rules.get(name, {"enabled": False})
        if not cfg.get("enabled", True):
            continue
        thresholds = {k: v for k, v in cfg.items() if k not in ("enabled", "owner_role")}
        for subject, values, owner in check(model, cfg):
            findings.append(Finding(name, subject, {**values, **thresholds}, owner, cfg.get("owner_role"), due))
    return dataclasses.replace(model, findings=tuple(findings))


def top_performers(model: ReportModel, config: RuleConfig) -> tuple[RepRow, ...]:
    """Reps at or above the configured attainment, best first (model.reps is sorted)."""
    top = [r for r in model.reps if r.revenue_attainment is not None and r.revenue_attainment >= config.top_attainment]
    return tuple(top[: config.top_max])
