"""Rule-based findings over the report model, with thresholds from rules.toml.

Each rule returns Findings that carry the numbers that triggered them and the
threshold, so the templates can cite both; recommendations and actions are the
per-language wording of these findings. A month is judged against what was
expected of it (mart_month_expectations): a fall in a number that meets its own
target, or without a target a fall its season explains while the number stays
at or above last year, is not a finding. Findings are ranked by the money they put at
stake; the report shows the first few.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipelines.months import add_months, day_in_month
from pipelines.report.model import Expectation, Finding, ReportModel, RepRow, Tracked

RULES_PATH = Path(__file__).with_name("rules.toml")
# Rules that judge attainment: without their own `attainment_below` they use [attainment] lagging_below.
LAGGING_RULES = ("team_below_target", "rep_needs_support")
# Rules whose findings of one month are shown as one when several subjects fire.
GROUPED_RULES = ("channel_decline",)


@dataclass(frozen=True)
class Seasons:
    tolerance: float
    on_plan_at_least: float
    min_yoy_pct: float
    min_fall: float


@dataclass(frozen=True)
class RuleConfig:
    due_day: int
    max_shown: int
    top_attainment: float
    top_max: int
    lagging_attainment: float
    new_hire_months: int
    seasons: Seasons
    rules: dict[str, dict]

    def dbt_vars(self) -> dict[str, float | int]:
        """The thresholds the marts apply (dbt_project/macros/report_thresholds.sql)."""
        return {"lagging_attainment": self.lagging_attainment, "new_hire_months": self.new_hire_months}


def _merged(packaged: dict, edited: dict) -> dict:
    """The user's file over the packaged one: a file written for an older release keeps working."""
    out = dict(packaged)
    for key, value in edited.items():
        out[key] = _merged(packaged[key], value) if isinstance(value, dict) and key in packaged else value
    return out


def load_config(path: Path = RULES_PATH) -> RuleConfig:
    packaged = tomllib.loads(RULES_PATH.read_text(encoding="utf-8"))
    edited = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(edited.get("rules", {})) - set(RULES)
    if unknown:
        raise ValueError(f"{path}: unknown rules {sorted(unknown)}; known: {sorted(RULES)}")
    data = _merged(packaged, edited)
    lagging = float(data["attainment"]["lagging_below"])
    rules = {name: dict(cfg) for name, cfg in data["rules"].items()}
    for name in LAGGING_RULES:
        if name in rules:
            rules[name].setdefault("attainment_below", lagging)
    seasons = data["seasons"]
    return RuleConfig(
        due_day=int(data["actions"]["due_day"]),
        max_shown=int(data["actions"]["max_shown"]),
        top_attainment=float(data["top_performers"]["attainment_at_least"]),
        top_max=int(data["top_performers"]["max_listed"]),
        lagging_attainment=lagging,
        new_hire_months=int(data["attainment"]["new_hire_months"]),
        seasons=Seasons(
            float(seasons["tolerance"]),
            float(seasons["on_plan_at_least"]),
            float(seasons["min_yoy_pct"]),
            float(seasons["min_fall"]),
        ),
        rules=rules,
    )


def is_seasonal(e: Expectation, seasons: Seasons) -> bool:
    """The same month fell last year too (by min_fall at least), and this fall is no deeper than that one
    (within the tolerance)."""
    return (
        e.mom_pct is not None
        and e.ly_mom_pct is not None
        and e.ly_mom_pct <= -seasons.min_fall
        and e.mom_pct >= e.ly_mom_pct - seasons.tolerance
    )


def is_on_plan(e: Expectation, seasons: Seasons) -> bool:
    """Its own target met to on_plan_at_least or, without a target, not below last year."""
    if e.attainment is not None:
        return e.attainment >= seasons.on_plan_at_least
    return e.yoy_pct is not None and e.yoy_pct >= seasons.min_yoy_pct


def is_expected(e: Expectation | None, seasons: Seasons) -> bool:
    """A fall that is no problem: on plan against its own target, or, without a target, seasonal and
    not below last year."""
    if e is None or not is_on_plan(e, seasons):
        return False
    return e.attainment is not None or is_seasonal(e, seasons)


def seasonal_falls(model: ReportModel, config: RuleConfig) -> tuple[Expectation, ...]:
    """The company numbers that fell (by min_fall at least) as their season expects, on plan: the report
    says so."""
    return tuple(
        e
        for e in model.expectations
        if e.grain == "company"
        and e.mom_pct is not None
        and e.mom_pct <= -config.seasons.min_fall
        and is_seasonal(e, config.seasons)
        and is_on_plan(e, config.seasons)
    )


# A check yields (subject, triggering values, owner, money at stake, the number to follow up).
Check = Callable[[ReportModel, dict, RuleConfig], Iterator[tuple[str | None, dict, str | None, float, Tracked]]]


def _money(value) -> float:
    return float(value) if value is not None else 0.0


def _kpi_decline(model: ReportModel, cfg: dict, config: RuleConfig):
    sales = {k.metric: k for k in model.kpis}
    for kpi in model.kpis:
        if kpi.mom_pct is None or kpi.mom_pct >= cfg["mom_pct_below"]:
            continue
        if is_expected(model.expectation(kpi.metric), config.seasons):
            continue
        lost = _money(kpi.prev) - _money(kpi.value)
        # revenue the fall stands for: a count times the revenue per unit of it
        per_unit = {
            "revenue": 1.0,
            "orders": _money(sales["aov"].value) if "aov" in sales else 0.0,
            "aov": _money(sales["orders"].value) if "orders" in sales else 0.0,
            "active_customers": _money(sales["revenue"].value) / _money(kpi.value) if kpi.value else 0.0,
        }.get(kpi.metric, 0.0)
        values = {"value": kpi.value, "prev": kpi.prev, "mom_pct": kpi.mom_pct}
        yield kpi.metric, values, None, lost * per_unit, Tracked(kpi.metric, None, kpi.value)


def _channel_decline(model: ReportModel, cfg: dict, config: RuleConfig):
    for channel in model.channels:
        if channel.revenue_mom_pct is None or channel.revenue_mom_pct >= cfg["mom_pct_below"]:
            continue
        if is_expected(model.expectation("revenue", channel.channel), config.seasons):
            continue
        values = {"revenue": channel.revenue, "mom_pct": channel.revenue_mom_pct}
        at_stake = _money(channel.revenue_prev) - _money(channel.revenue)
        yield channel.channel, values, None, at_stake, Tracked("channel_revenue", channel.channel, channel.revenue)


def _campaign_low_roas(model: ReportModel, cfg: dict, config: RuleConfig):
    for c in model.campaigns:
        if c.roas is not None and c.roas < cfg["roas_below"]:
            values = {"spend": c.spend, "attributed_revenue": c.attributed_revenue, "roas": c.roas}
            at_stake = _money(c.spend) - _money(c.attributed_revenue)
            yield (
                c.campaign_name or c.campaign_id,
                values,
                None,
                at_stake,
                Tracked("campaign_roas", c.campaign_id, c.roas),
            )


def _team_below_target(model: ReportModel, cfg: dict, config: RuleConfig):
    for team in model.teams:
        if team.revenue_attainment is not None and team.revenue_attainment < cfg["attainment_below"]:
            values = {
                "attainment": team.revenue_attainment,
                "revenue": team.revenue,
                "revenue_target": team.revenue_target,
            }
            at_stake = _money(team.revenue_target) - _money(team.revenue)
            tracked = Tracked("team_attainment", team.team_id, team.revenue_attainment)
            yield team.team_name or team.team_id, values, team.manager_name, at_stake, tracked


def _rep_needs_support(model: ReportModel, cfg: dict, config: RuleConfig):
    """Active reps under target only: lagging, or falling further than the company did."""
    managers = {t.team_id: t.manager_name for t in model.teams}
    company = model.kpi("revenue")
    company_mom = company.mom_pct if company and company.mom_pct is not None else 0.0
    for rep in model.roster:
        attainment = rep.revenue_attainment
        if attainment is not None and attainment >= 1:
            continue
        low = attainment is not None and attainment < cfg["attainment_below"]
        falling = rep.revenue_mom_pct is not None and rep.revenue_mom_pct - company_mom < cfg["mom_pct_below"]
        if low or falling:
            values = {
                "attainment": attainment,
                "mom_pct": rep.revenue_mom_pct,
                "company_mom_pct": company_mom,
                "win_rate": rep.win_rate,
            }
            # a manager's own coaching goes to the role above them
            owner = None if rep.is_team_manager else managers.get(rep.team_id)
            at_stake = (
                _money(rep.revenue_target) - _money(rep.revenue)
                if rep.revenue_target is not None
                else -_money(rep.revenue) * rep.revenue_mom_pct / (1 + rep.revenue_mom_pct)
                if rep.revenue_mom_pct is not None and rep.revenue_mom_pct > -1
                else 0.0
            )
            tracked = (
                Tracked("rep_attainment", rep.rep_id, attainment)
                if attainment is not None
                else Tracked("rep_revenue", rep.rep_id, rep.revenue)
            )
            yield rep.rep_name or rep.rep_id, values, owner, at_stake, tracked


def _churn_rate_up(model: ReportModel, cfg: dict, config: RuleConfig):
    churn, base = model.customer("churn_rate"), model.customer("base_customers")
    if churn and churn.mom_delta is not None and churn.mom_delta > cfg["increase_above"]:
        revenue, active = model.kpi("revenue"), model.kpi("active_customers")
        per_customer = _money(revenue.value) / _money(active.value) if revenue and active and active.value else 0.0
        at_stake = churn.mom_delta * _money(base.value if base else None) * per_customer
        values = {"churn_rate": churn.value, "prev": churn.prev, "delta": churn.mom_delta}
        yield None, values, None, at_stake, Tracked("churn_rate", None, churn.value)


def _win_rate_down(model: ReportModel, cfg: dict, config: RuleConfig):
    now, prev = model.pipeline, model.pipeline_prev
    if now and prev and now.win_rate_mom_delta is not None:
        drop = -now.win_rate_mom_delta  # a fall, stated as a positive number
        if drop > cfg["drop_above"]:
            at_stake = drop * (_money(now.won_amount) + _money(now.lost_amount))
            values = {"win_rate": now.win_rate, "prev": prev.win_rate, "drop": drop}
            yield None, values, None, at_stake, Tracked("win_rate", None, now.win_rate)


def _low_pipeline_coverage(model: ReportModel, cfg: dict, config: RuleConfig):
    """Against the coverage this business usually has, once it has the history to say."""
    p = model.pipeline
    if not p or p.pipeline_coverage is None:
        return
    usual = model.expectation("pipeline_coverage")
    if usual and usual.history_median is not None and usual.history_months >= cfg["min_history_months"]:
        threshold = usual.history_median * cfg["below_usual"]
        values = {"usual_coverage": usual.history_median, "history_months": usual.history_months}
    else:
        threshold = cfg["coverage_below"]
        values = {"usual_coverage": None, "history_months": usual.history_months if usual else 0}
    if p.pipeline_coverage < threshold:
        values |= {
            "coverage": p.pipeline_coverage,
            "threshold": threshold,
            "next_month_pipeline": p.next_month_pipeline,
            "next_month_revenue_target": p.next_month_revenue_target,
        }
        at_stake = (threshold - p.pipeline_coverage) * _money(p.next_month_revenue_target)
        yield None, values, None, at_stake, Tracked("pipeline_coverage", None, p.pipeline_coverage)


def _nps_drop(model: ReportModel, cfg: dict, config: RuleConfig):
    s = model.company_satisfaction
    if s and s.nps_mom_delta is not None and -s.nps_mom_delta > cfg["drop_above"]:
        # no money figure: satisfaction findings rank after those with money at stake
        values = {"nps": s.nps, "prev": s.nps_prev, "drop": -s.nps_mom_delta}
        yield None, values, None, 0.0, Tracked("nps", None, s.nps)


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


def _grouped(findings: list[Finding]) -> Finding:
    """One finding standing for several of the same rule (largest at stake first)."""
    members = tuple(sorted(findings, key=lambda f: -f.at_stake))
    first = members[0]
    return dataclasses.replace(first, subject=None, at_stake=sum(f.at_stake for f in members), members=members)


def evaluate(model: ReportModel, config: RuleConfig) -> ReportModel:
    """The model with the findings of every enabled rule, largest money at stake first."""
    due = day_in_month(add_months(model.header.month, 1), config.due_day)
    findings = []
    for name, check in RULES.items():
        cfg = config.rules.get(name, {"enabled": False})
        if not cfg.get("enabled", True):
            continue
        thresholds = {k: v for k, v in cfg.items() if k not in ("enabled", "owner_role")}
        fired = [
            Finding(name, subject, {**thresholds, **values}, owner, cfg.get("owner_role"), due, at_stake, tracked)
            for subject, values, owner, at_stake, tracked in check(model, cfg, config)
        ]
        if name in GROUPED_RULES and len(fired) > 1:
            fired = [_grouped(fired)]
        findings.extend(fired)
    ranked = sorted(findings, key=lambda f: -f.at_stake)  # stable: rules order breaks ties
    return dataclasses.replace(model, findings=tuple(ranked))


def top_performers(model: ReportModel, config: RuleConfig) -> tuple[RepRow, ...]:
    """Active reps at or above the configured attainment, best first (model.reps is sorted)."""
    top = [
        r for r in model.roster if r.revenue_attainment is not None and r.revenue_attainment >= config.top_attainment
    ]
    return tuple(top[: config.top_max])
