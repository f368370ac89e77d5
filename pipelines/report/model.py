"""The report's data model: everything the templates show for one month.

Every number is a column of a dbt model, read by query.py; templates only
format and arrange it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class CrmText(str):
    """Text that came from the database (CRM names, notes, codes).

    Marked so the Markdown renderer escapes it; HTML autoescaping covers every
    string anyway.
    """


Number = float | None


@dataclass(frozen=True)
class Kpi:
    metric: str
    value: Number
    prev: Number
    ly: Number
    mom_pct: Number
    yoy_pct: Number


@dataclass(frozen=True)
class Mover:
    """Revenue change of one value of a grain (a region, a channel, ...)."""

    grain: str
    value: str
    revenue: Number
    delta: Number
    pct: Number


@dataclass(frozen=True)
class MoverPair:
    """The biggest growth and the biggest decline of a grain for one comparison."""

    grain: str
    comparison: str  # 'mom' | 'yoy'
    growth: Mover | None
    decline: Mover | None


@dataclass(frozen=True)
class TrendPoint:
    month: dt.date
    revenue: Number
    revenue_ly: Number
    orders: Number = None
    aov: Number = None
    active_customers: Number = None


@dataclass(frozen=True)
class CustomerStat:
    metric: str
    value: Number
    prev: Number
    mom_delta: Number


@dataclass(frozen=True)
class CustomerFlowPoint:
    month: dt.date
    new: Number
    retained: Number
    reactivated: Number
    churned: Number


@dataclass(frozen=True)
class Satisfaction:
    segment: str | None
    responses: Number
    promoters: Number
    passives: Number
    detractors: Number
    nps: Number
    csat_avg: Number
    nps_prev: Number
    csat_avg_prev: Number
    nps_mom_delta: Number


@dataclass(frozen=True)
class TargetRow:
    scope: str
    scope_id: str | None
    metric: str
    target_value: Number
    actual: Number
    attainment: Number
    gap: Number


@dataclass(frozen=True)
class TeamRow:
    team_id: str
    team_name: str | None
    manager_name: str | None
    reps: Number
    revenue: Number
    orders: Number
    active_customers: Number
    new_customers: Number
    revenue_target: Number
    revenue_attainment: Number
    win_rate: Number
    revenue_mom_pct: Number
    revenue_yoy_pct: Number
    reps_at_or_above_target: Number
    reps_below_80pct: Number


@dataclass(frozen=True)
class RepRow:
    rep_id: str
    rep_name: str | None
    team_id: str | None
    team_name: str | None
    counts_in_roster: bool  # False: inactive, listed only for the sales they made (mart_rep_performance)
    is_team_manager: bool
    tenure_months: Number
    revenue: Number
    orders: Number
    active_customers: Number
    new_customers: Number
    revenue_target: Number
    revenue_attainment: Number
    won_count: Number
    lost_count: Number
    win_rate: Number
    revenue_mom_pct: Number
    revenue_yoy_pct: Number
    rank_in_company: Number
    rank_in_team: Number


@dataclass(frozen=True)
class AttainmentBands:
    """Reps by revenue attainment band; reps without a target are counted apart."""

    at_or_above: int
    between_lagging_and_target: int
    below_lagging: int
    without_target: int
    lagging_attainment: Number  # the threshold the bands used; None in a month without reps
    lowest: Number
    median: Number
    highest: Number


@dataclass(frozen=True)
class RampGroup:
    group: str  # 'new_hire' | 'tenured'
    reps: int
    avg_revenue: Number
    avg_attainment: Number


@dataclass(frozen=True)
class GapDriver:
    dimension: str
    dimension_value: str | None
    revenue: Number
    revenue_ly: Number
    delta_vs_ly: Number
    revenue_target: Number
    gap_vs_target: Number
    share_of_company_delta: Number


@dataclass(frozen=True)
class PeriodFigure:
    """One company metric over the fiscal quarter or year to date (mart_period_to_date)."""

    metric: str  # 'revenue' | 'orders' | 'new_customers'
    period: str  # 'qtd' | 'ytd'
    actual: Number
    ly: Number  # the same span a year earlier
    yoy_pct: Number
    target: Number
    attainment: Number


@dataclass(frozen=True)
class PeriodToDate:
    """The month's place in the fiscal calendar and its quarter- and year-to-date figures."""

    fiscal_year: int
    fiscal_quarter: int
    month_of_fiscal_year: int
    figures: tuple[PeriodFigure, ...]

    def figure(self, metric: str, period: str) -> PeriodFigure | None:
        return next((x for x in self.figures if x.metric == metric and x.period == period), None)

    @property
    def known(self) -> bool:
        """False when no span is complete yet (history starts within the quarter)."""
        return any(x.actual is not None for x in self.figures)

    @property
    def with_targets(self) -> tuple[PeriodFigure, ...]:
        return tuple(x for x in self.figures if x.target is not None)


@dataclass(frozen=True)
class CurrencyRow:
    """The month's completed sales in one currency (mart_currency_mix_monthly)."""

    currency: str
    is_reporting_currency: bool
    orders: Number
    revenue_transaction: Number  # in the currency itself
    revenue: Number  # in the reporting currency
    revenue_share: Number
    effective_rate: Number
    month_rate_yoy_pct: Number


@dataclass(frozen=True)
class CurrencyMix:
    """Where revenue came from by currency, and its comparisons at constant currency (mart_sales_monthly)."""

    rows: tuple[CurrencyRow, ...]
    revenue_mom_pct: Number
    revenue_mom_pct_cc: Number  # this month's sales at last month's rates
    revenue_yoy_pct: Number
    revenue_yoy_pct_cc: Number  # at the rates of the same month last year

    @property
    def foreign(self) -> bool:
        """Some revenue was made in a currency other than the reporting one."""
        return any(not r.is_reporting_currency for r in self.rows)


@dataclass(frozen=True)
class BridgeStep:
    """One part of the company's revenue shortfall (mart_target_bridge); the steps add up to it."""

    step: int
    component: str  # 'company_target_not_given_to_teams' | 'team' | 'revenue_outside_teams'
    team_id: str | None
    team_name: str | None
    team_target: Number
    team_revenue: Number
    reps_target: Number
    target_not_given_to_reps: Number
    shortfall: Number  # positive: adds to the shortfall; negative: makes up for it
    company_shortfall: Number


@dataclass(frozen=True)
class TargetFlag:
    """A target that does not fit the month's roster (mart_target_flags)."""

    scope: str
    scope_id: str
    metric: str
    flag: str  # 'reps_targets_differ_from_team' | 'not_in_roster' | 'rep_inactive'
    target_value: Number
    reps_target: Number
    target_not_given_to_reps: Number


@dataclass(frozen=True)
class Expectation:
    """What was expected of a headline number (mart_month_expectations)."""

    grain: str  # 'company' | 'channel'
    grain_value: str | None
    metric: str
    metric_value: Number
    mom_pct: Number
    yoy_pct: Number
    ly_mom_pct: Number  # the same month's MoM a year before
    history_months: Number
    history_median: Number  # over the loaded months among M-12 .. M-1
    target_value: Number
    attainment: Number


@dataclass(frozen=True)
class MarketRow:
    region: str | None
    revenue: Number
    market_size: Number
    market_share: Number
    market_share_prev: Number
    market_size_mom_pct: Number
    market_share_change: Number  # mart_market_share.market_share_mom_delta, a fraction


@dataclass(frozen=True)
class Pipeline:
    won_count: Number
    won_amount: Number
    lost_count: Number
    lost_amount: Number
    win_rate: Number
    avg_cycle_days: Number
    open_pipeline: Number
    next_month_pipeline: Number
    next_month_revenue_target: Number
    pipeline_coverage: Number
    win_rate_mom_delta: Number  # against M-1's row; null without one
    open_pipeline_mom_delta: Number


@dataclass(frozen=True)
class LostGroup:
    """Lost opportunities of one reason or one competitor."""

    name: str | None
    lost_count: Number
    lost_amount: Number


@dataclass(frozen=True)
class CampaignRow:
    campaign_id: str
    campaign_name: str | None
    campaign_type: str | None
    channel: str | None
    spend: Number
    attributed_revenue: Number
    attributed_orders: Number
    roas: Number
    roi: Number


@dataclass(frozen=True)
class ChannelRow:
    channel: str
    revenue: Number
    orders: Number
    aov: Number
    share: Number
    revenue_mom_pct: Number
    revenue_yoy_pct: Number
    revenue_prev: Number = None


@dataclass(frozen=True)
class PlanRow:
    """A proposed M+1 target and the inputs of its method (see mart_next_month_plan)."""

    metric: str
    proposed_target: Number
    method: str | None
    provided_target: Number
    base_month: dt.date  # M-11: the same month a year before the plan month
    base_value: Number
    recent_sum: Number  # sum over the loaded months among M-2 .. M
    recent_months: Number
    prior_year_sum: Number  # sum over M-14 .. M-12
    growth: Number
    months_of_history: Number


@dataclass(frozen=True)
class PlanCheck:
    """Last month's proposed target for this month against what happened (mart_plan_accuracy)."""

    metric: str
    method: str | None
    proposed_target: Number
    actual: Number
    error: Number  # actual - proposed
    abs_pct_error: Number
    months_evaluated: Number
    mean_abs_pct_error_6m: Number  # the method's typical miss over the months evaluated


@dataclass(frozen=True)
class FollowUpValue:
    """The number an action of last month was about, then and now (mart_action_follow_up)."""

    subject: str | None
    tracked_metric: str | None
    value_then: Number
    value_now: Number
    outcome: str  # 'better' | 'worse' | 'unchanged' | 'unknown'


@dataclass(frozen=True)
class FollowUp:
    """An action last month's report showed, and what became of its number."""

    position: int
    rule: str
    owner: str | None
    owner_role: str | None
    due: dt.date
    values: tuple[FollowUpValue, ...]  # several for a grouped action (its channels)

    @property
    def subject(self) -> str | None:
        return self.values[0].subject if len(self.values) == 1 else None

    @property
    def members(self) -> tuple[FollowUpValue, ...]:
        """The subjects of a grouped action (read by the action wording like Finding.members)."""
        return self.values if len(self.values) > 1 else ()


@dataclass(frozen=True)
class RestatedFigure:
    """A published figure changed since (mart_restated_figures): of this month, or, in the first month
    published after a restatement, of an earlier one."""

    restated_month: dt.date
    grain: str  # company | team | channel
    grain_value: str | None
    metric: str  # a metric of mart_headline_figures
    old_value: Number
    new_value: Number


@dataclass(frozen=True)
class CheckRow:
    entity: str | None
    check_name: str
    rule: str | None
    severity: str
    passed: bool
    failing_count: Number
    message: str | None  # English, for engineers; the report words reason_code instead
    sample_lines: str | None = None  # "4,17,22"
    reason_code: str | None = None  # pipelines/ingest/reasons.py; None on rows of older releases
    reason_values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class LoadRow:
    entity: str
    source_file: str | None
    status: str
    rows_loaded: Number
    errors: Number
    warnings: Number


@dataclass(frozen=True)
class QuarantineRow:
    """Rows of the month an entity's load set aside, with the reason given by ingest."""

    entity: str
    reason: str | None  # English, for engineers; the report words reason_code instead
    row_count: int
    reason_code: str | None = None  # pipelines/ingest/reasons.py; None on rows of older releases
    reason_values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class EntityChecks:
    """Check outcomes of one entity: passed, failed warnings (or info), failed errors."""

    entity: str | None
    passed: int
    warnings: int
    failed: int


@dataclass(frozen=True)
class DataQuality:
    """The latest run that checked the month: its checks and loads, with the counts of
    mart_quality_summary_monthly and mart_quality_checks_monthly."""

    run_id: str | None
    checks: tuple[CheckRow, ...]
    loads: tuple[LoadRow, ...]
    quarantined: tuple[QuarantineRow, ...]
    by_entity: tuple[EntityChecks, ...]
    check_count: int
    passed: int
    failed_warnings: int
    failed_errors: int
    quarantined_rows: int

    @property
    def problems(self) -> tuple[CheckRow, ...]:
        """The checks that did not pass (failed errors and warnings), shown in full."""
        return tuple(c for c in self.checks if not c.passed)

    @property
    def status(self) -> str:
        if not self.check_count:
            return "no_checks"
        if self.failed_errors:
            return "failed"
        return "warnings" if self.failed_warnings else "passed"


@dataclass(frozen=True)
class Tracked:
    """The number a finding is about, recorded with its action (ops.report_actions) so that next
    month's report can say what became of it (mart_action_follow_up)."""

    metric: str  # a tracked_metric of mart_action_follow_up
    key: str | None  # the channel, campaign, team or rep id; None for a company number
    value: Number


@dataclass(frozen=True)
class Finding:
    """A rule that fired: the numbers that triggered it and who should act by when."""

    rule: str
    subject: str | None  # the KPI, channel, campaign, team or rep it is about
    values: dict[str, Number]  # the triggering numbers and the threshold, by name
    owner: str | None  # a person (team manager) when the data names one
    owner_role: str | None  # otherwise the role configured for the rule
    due: dt.date
    at_stake: float = 0.0  # the money the finding puts at risk: ranks the actions, never shown
    tracked: Tracked | None = None
    members: tuple[Finding, ...] = ()  # a grouped finding: the findings of the same rule it stands for


@dataclass(frozen=True)
class Header:
    month: dt.date
    company_name: str
    currency: str
    window_from: dt.date | None
    window_to: dt.date | None
    generated_at: dt.datetime
    run_id: str


@dataclass(frozen=True)
class ReportModel:
    header: Header
    provided: dict[str, bool]
    empty_extracts: frozenset[str]  # entities whose file of the month had a header but no rows
    kpis: tuple[Kpi, ...]
    status_counts: dict[str, Number]
    movers: tuple[MoverPair, ...]
    trend: tuple[TrendPoint, ...]
    customers: tuple[CustomerStat, ...]
    customer_flow: tuple[CustomerFlowPoint, ...]
    satisfaction: tuple[Satisfaction, ...]
    targets: tuple[TargetRow, ...]
    teams: tuple[TeamRow, ...]
    reps: tuple[RepRow, ...]
    bands: AttainmentBands
    ramp: tuple[RampGroup, ...]
    gap_drivers: tuple[GapDriver, ...]
    market: tuple[MarketRow, ...]
    pipeline: Pipeline | None
    pipeline_prev: Pipeline | None
    lost_by_reason: tuple[LostGroup, ...]
    lost_to_competitors: tuple[LostGroup, ...]
    campaigns: tuple[CampaignRow, ...]
    campaign_spend: Number
    campaign_spend_prev: Number
    channels: tuple[ChannelRow, ...]
    plan: tuple[PlanRow, ...]
    notes: dict[str, str]
    quality: DataQuality
    bridge: tuple[BridgeStep, ...] = ()
    target_flags: tuple[TargetFlag, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    follow_up: tuple[FollowUp, ...] = ()
    plan_accuracy: tuple[PlanCheck, ...] = ()
    period_to_date: PeriodToDate | None = None
    restated: tuple[RestatedFigure, ...] = ()
    currency_mix: CurrencyMix | None = None
    findings: tuple[Finding, ...] = field(default=())  # filled by rules.evaluate, largest money at stake first

    def expectation(self, metric: str, channel: str | None = None) -> Expectation | None:
        """The company's number (or a channel's revenue) as mart_month_expectations states it."""
        grain = "company" if channel is None else "channel"
        return next(
            (e for e in self.expectations if e.grain == grain and e.metric == metric and e.grain_value == channel),
            None,
        )

    @property
    def roster(self) -> tuple[RepRow, ...]:
        """The reps who count: active ones (inactive reps are listed for their sales only)."""
        return tuple(r for r in self.reps if r.counts_in_roster)

    def kpi(self, metric: str) -> Kpi | None:
        return next((k for k in self.kpis if k.metric == metric), None)

    def customer(self, metric: str) -> CustomerStat | None:
        return next((c for c in self.customers if c.metric == metric), None)

    @property
    def company_targets(self) -> tuple[TargetRow, ...]:
        return tuple(t for t in self.targets if t.scope == "company")

    @property
    def company_satisfaction(self) -> Satisfaction | None:
        return next((s for s in self.satisfaction if s.segment is None), None)

    @property
    def company_market(self) -> MarketRow | None:
        return next((m for m in self.market if m.region is None), None)
