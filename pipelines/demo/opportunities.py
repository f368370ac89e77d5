"""The sales pipeline: opportunities for business customers, each with its eventual outcome decided when it
is created, then shown month by month as the CRM would show it at that month's end."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.contract import LOST_REASONS
from pipelines.demo.currencies import LocalMoney
from pipelines.demo.customers import CONSUMER, ENTERPRISE
from pipelines.demo.months import days_in_month, first_day64, last_day64
from pipelines.demo.names import COMPETITORS
from pipelines.demo.randomness import stream
from pipelines.demo.roster import KEY_ACCOUNTS
from pipelines.demo.world import World

WON, LOST = "won", "lost"
_LEAD_MONTHS = 4  # the pipeline at the first month already holds deals created before it
# competitor, price, no_budget, no_decision, timing, other, and not recorded at all
_REASON_WEIGHTS = (0.32, 0.2, 0.12, 0.12, 0.08, 0.04, 0.12)


@dataclass(frozen=True)
class Opportunities:
    customer: np.ndarray
    rep: np.ndarray
    created: np.ndarray  # datetime64[D]
    expected_close: np.ndarray
    close: np.ndarray  # the day the deal will be decided
    won: np.ndarray
    amount_cents: np.ndarray
    lost_reason: np.ndarray  # index into LOST_REASONS, -1 when not recorded (and for won deals)
    competitor: np.ndarray  # index into COMPETITORS, -1 when none


def plan_opportunities(world: World) -> Opportunities:
    parts = [_created_in(world, month) for month in range(world.start - _LEAD_MONTHS, world.end + 1)]
    merged = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    order = np.argsort(merged["created"], kind="stable")
    return Opportunities(**{key: values[order] for key, values in merged.items()})


def _created_in(world: World, month: int) -> dict[str, np.ndarray]:
    rng = stream(world.seed, "opportunities", month)
    base, roster = world.customers, world.roster
    business = np.flatnonzero(base.segment[: base.count_created_by(month)] != CONSUMER)
    count = rng.poisson(world.scale.opportunities_per_month)
    customer = rng.choice(business, size=count)
    enterprise = base.segment[customer] == ENTERPRISE
    created = first_day64(month) + rng.integers(0, days_in_month(month), count)
    cycle_days = np.where(enterprise, rng.integers(30, 181, count), rng.integers(10, 91, count))
    close = created + cycle_days
    # Sellers are optimistic: the expected date comes before the real decision.
    expected_close = created + (cycle_days * rng.uniform(0.6, 1.1, count)).astype(np.int64)
    won = rng.random(count) < 0.42
    reason = rng.choice(len(_REASON_WEIGHTS), size=count, p=_REASON_WEIGHTS)
    reason = np.where(won | (reason == len(LOST_REASONS)), -1, reason)
    names_rival = (reason == LOST_REASONS.index("competitor")) | (
        (reason == LOST_REASONS.index("price")) & (rng.random(count) < 0.25)
    )
    competitor = np.where(names_rival, rng.integers(0, len(COMPETITORS), count), -1)
    amount = np.where(enterprise, rng.lognormal(np.log(25_000), 0.6, count), rng.lognormal(np.log(4_000), 0.5, count))
    weight, team = roster.selling_weight(month), roster.team_at(month)
    serving_team = np.where(enterprise, KEY_ACCOUNTS, base.region[customer])
    rep = np.empty(count, dtype=np.int64)
    for team_index in np.unique(serving_team):
        rows = np.flatnonzero(serving_team == team_index)
        team_weight = np.where(team == team_index, weight, 0.0)
        rep[rows] = rng.choice(len(weight), size=len(rows), p=team_weight / team_weight.sum())
    return {
        "customer": customer,
        "rep": rep,
        "created": created,
        "expected_close": expected_close,
        "close": close,
        "won": won,
        "amount_cents": np.round(amount, -1).astype(np.int64) * 100,
        "lost_reason": reason,
        "competitor": competitor,
    }


def opportunities_columns(
    plan: Opportunities, month: int, rep_ids: pa.Array, customer_ids: pa.Array, money: LocalMoney | None = None
) -> dict:
    """The month-end view: every deal open at some point in the month or decided in it; with `money`,
    each amount in its customer's currency."""
    start, end = first_day64(month), last_day64(month)
    shown = np.flatnonzero((plan.created <= end) & (plan.close >= start))
    decided = plan.close[shown] <= end
    won = plan.won[shown]
    # A deal still open past its expected date has slipped: the seller moves it into next month.
    expected = plan.expected_close[shown]
    slipped = ~decided & (expected <= end)
    expected = np.where(slipped, end + 1 + (plan.amount_cents[shown] // 100) % 25, expected)
    stage = np.where(decided, np.where(won, WON, LOST), "open")
    reason = np.where(decided & ~won, plan.lost_reason[shown], -1)
    competitor = np.where(decided & ~won, plan.competitor[shown], -1)
    amount = plan.amount_cents[shown]
    currency = {}
    if money is not None:
        currency = {"currency": money.labels(plan.customer[shown])}
        amount = money.local(plan.customer[shown], amount)
    return {
        "opportunity_id": pc.binary_join_element_wise(
            "OP-", pc.utf8_lpad(pc.cast(pa.array(shown + 1), pa.string()), width=6, padding="0"), ""
        ),
        "customer_id": pc.take(customer_ids, pa.array(plan.customer[shown])),
        "rep_id": pc.take(rep_ids, pa.array(plan.rep[shown])),
        "created_date": pa.array(plan.created[shown]),
        "expected_close_date": pa.array(expected),
        "close_date": pa.array(plan.close[shown], mask=~decided),
        "stage": pa.array(stage),
        "amount": amount,
        "lost_reason": _labels(LOST_REASONS, reason),
        "competitor": _labels(COMPETITORS, competitor),
        **currency,
    }


def _labels(labels: tuple[str, ...], index: np.ndarray) -> pa.Array:
    return pc.take(pa.array(labels), pa.array(np.where(index < 0, 0, index), mask=index < 0))
