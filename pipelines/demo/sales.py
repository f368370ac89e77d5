"""Month-by-month simulation of orders and order lines, vectorised over customers.

Customers carry state from month to month: some pause buying for several months and come back
(reactivation), a few leave for good (churn). Campaigns add attributed orders on top of the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.demo.customers import CONSUMER, ENTERPRISE, SMB
from pipelines.demo.months import days_in_month, first_day64
from pipelines.demo.randomness import stream
from pipelines.demo.roster import KEY_ACCOUNTS, REGIONS
from pipelines.demo.seasons import season_factor, trend_factor
from pipelines.demo.world import World

# Per segment (enterprise, smb, consumer): monthly chance to pause buying, and to leave for good.
_PAUSE_CHANCE = np.array([0.01, 0.025, 0.035])
_CHURN_CHANCE = np.array([0.004, 0.01, 0.015])
# Channel preference per segment as logits of (online, offline, agent); online and agent gain every month.
_CHANNEL_LOGITS = np.array([[-1.5, 0.0, 0.3], [0.2, 0.0, -0.5], [1.0, 0.0, -1.0]])
_CHANNEL_DRIFT = np.array([0.035, 0.0, 0.012])
# Per channel: probability of completed, cancelled, returned (online returns more).
_STATUS_BY_CHANNEL = np.array([[0.90, 0.04, 0.06], [0.95, 0.04, 0.01], [0.93, 0.05, 0.02]])
_EXTRA_LINES = np.array([2.5, 1.5, 0.8])
_EXTRA_QUANTITY = np.array([9.0, 2.5, 0.4])
_DISCOUNTS = (np.array([5, 10, 15, 20]), np.array([0, 5, 10]), np.array([0, 5]))
_DISCOUNT_WEIGHTS = (np.array([0.3, 0.35, 0.25, 0.1]), np.array([0.6, 0.3, 0.1]), np.array([0.9, 0.1]))
_PROMOTION_DISCOUNT = 10  # extra percentage points on orders of promotion campaigns
_WEEKDAY_WEIGHT = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.55, 0.35])  # Monday ... Sunday
NO_CAMPAIGN = -1


@dataclass(frozen=True)
class MonthSales:
    month: int
    # order level, sorted by order_day; indices into the world's customers/roster/campaigns
    customer: np.ndarray
    rep: np.ndarray
    channel: np.ndarray
    campaign: np.ndarray  # NO_CAMPAIGN when not attributed
    status: np.ndarray  # 0 completed, 1 cancelled, 2 returned
    order_day: np.ndarray  # datetime64[D]
    order_value_cents: np.ndarray  # sum of line revenue
    # line level
    line_order: np.ndarray  # index of the order
    line_no: np.ndarray
    product: np.ndarray
    quantity: np.ndarray
    unit_price_cents: np.ndarray
    discount_pct: np.ndarray
    campaign_spend_cents: dict[int, int]  # campaign index -> spend in this month
    new_customer_count: int  # customers whose first completed order ever is in this month

    @property
    def completed(self) -> np.ndarray:
        return self.status == 0


class SalesSimulator:
    def __init__(self, world: World) -> None:
        self.world = world
        total = len(world.customers.segment)
        self._paused_until = np.full(total, -1, dtype=np.int64)
        self._churned = np.zeros(total, dtype=bool)
        self._has_ordered = np.zeros(total, dtype=bool)

    def simulate(self, month: int) -> MonthSales:
        """Months must be simulated in order: customer state carries over."""
        rng = stream(self.world.seed, "sales", month)
        customers = self._baseline_orders(month, rng)
        campaign, campaign_customers = self._campaign_orders(month, rng)
        customer = np.concatenate([customers, campaign_customers])
        campaign = np.concatenate([np.full(len(customers), NO_CAMPAIGN), campaign])
        channel = self._channels(month, customer, campaign, rng)
        order_day = self._order_days(month, len(customer), rng)
        order = np.lexsort((rng.random(len(customer)), order_day))
        customer, campaign, channel, order_day = (
            customer[order],
            campaign[order],
            channel[order],
            order_day[order],
        )
        rep = self._reps(month, customer, rng)
        status = _draw_rows(_STATUS_BY_CHANNEL[channel], rng)
        lines = self._lines(customer, campaign, rng)
        value = np.bincount(lines["line_order"], weights=lines["line_value"], minlength=len(customer))
        spend = self._campaign_spend(month, channel, campaign, value)
        buyers = np.unique(customer[status == 0])
        new_count = int((~self._has_ordered[buyers]).sum())
        self._has_ordered[buyers] = True
        return MonthSales(
            month=month,
            customer=customer,
            rep=rep,
            channel=channel,
            campaign=campaign,
            status=status,
            order_day=order_day,
            order_value_cents=value,
            line_order=lines["line_order"],
            line_no=lines["line_no"],
            product=lines["product"],
            quantity=lines["quantity"],
            unit_price_cents=lines["unit_price_cents"],
            discount_pct=lines["discount_pct"],
            campaign_spend_cents=spend,
            new_customer_count=new_count,
        )

    def _baseline_orders(self, month: int, rng: np.random.Generator) -> np.ndarray:
        base = self.world.customers
        known = base.count_created_by(month)
        segment = base.segment[:known]
        existing = base.created_month[:known] < month
        buying = existing & ~self._churned[:known] & (self._paused_until[:known] < month)
        draw = rng.random(known)
        pause = buying & (draw < _PAUSE_CHANCE[segment])
        leave = buying & ~pause & (draw < _PAUSE_CHANCE[segment] + _CHURN_CHANCE[segment])
        # A pause of 3-8 months after this one: the customer drops out of the retention window and comes
        # back later as reactivated.
        self._paused_until[:known][pause] = month + rng.integers(3, 9, int(pause.sum()))
        self._churned[:known] |= leave
        buying &= ~pause & ~leave
        newcomer = ~existing
        buying |= newcomer
        rate = base.order_rate[:known] * season_factor(month) * trend_factor(month, self.world.start)
        counts = np.where(buying, rng.poisson(rate), 0)
        # Most new customers were created because they placed a first order.
        counts = np.where(newcomer, np.maximum(counts, rng.random(known) < 0.9), counts)
        return np.repeat(np.arange(known), np.minimum(counts, 8))

    def _campaign_orders(self, month: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        known = self.world.customers.count_created_by(month)
        reachable = np.flatnonzero(~self._churned[:known])
        campaigns, customers = [], []
        for index, campaign in enumerate(self.world.campaigns):
            if campaign.runs_in(month) and len(reachable):
                count = rng.poisson(campaign.planned_orders * season_factor(month))
                campaigns.append(np.full(count, index))
                customers.append(rng.choice(reachable, count))
        if not campaigns:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        customer = np.concatenate(customers)
        self._paused_until[customer] = -1  # a campaign wins paused customers back
        return np.concatenate(campaigns), customer

    def _channels(self, month: int, customer: np.ndarray, campaign: np.ndarray, rng) -> np.ndarray:
        logits = _CHANNEL_LOGITS + _CHANNEL_DRIFT * (month - self.world.start)
        probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        channel = _draw_rows(probabilities[self.world.customers.segment[customer]], rng)
        campaign_channel = np.array([c.channel for c in self.world.campaigns] + [0])
        return np.where(campaign == NO_CAMPAIGN, channel, campaign_channel[campaign])

    def _order_days(self, month: int, count: int, rng: np.random.Generator) -> np.ndarray:
        days = first_day64(month) + np.arange(days_in_month(month))
        # 1970-01-01 was a Thursday: shift so 0 = Monday.
        weights = _WEEKDAY_WEIGHT[(days.astype(np.int64) + 3) % 7]
        return rng.choice(days, size=count, p=weights / weights.sum())

    def _reps(self, month: int, customer: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Enterprise customers are served by key accounts, everyone else by their region's team."""
        roster, base = self.world.roster, self.world.customers
        weight, team = roster.selling_weight(month), roster.team_at(month)
        serving_team = np.where(base.segment[customer] == ENTERPRISE, KEY_ACCOUNTS, base.region[customer])
        rep = np.empty(len(customer), dtype=np.int64)
        for team_index in range(len(REGIONS) + 1):
            rows = np.flatnonzero(serving_team == team_index)
            team_weight = np.where(team == team_index, weight, 0.0)
            rep[rows] = rng.choice(len(weight), size=len(rows), p=team_weight / team_weight.sum())
        return rep

    def _lines(self, customer: np.ndarray, campaign: np.ndarray, rng: np.random.Generator) -> dict:
        world = self.world
        segment = world.customers.segment[customer]
        lines_per_order = 1 + np.minimum(rng.poisson(_EXTRA_LINES[segment]), 7)
        line_order = np.repeat(np.arange(len(customer)), lines_per_order)
        starts = np.cumsum(lines_per_order) - lines_per_order
        line_no = np.arange(len(line_order)) - starts[line_order] + 1
        line_segment = segment[line_order]
        product = rng.choice(len(world.catalog.popularity), size=len(line_order), p=world.catalog.popularity)
        quantity = 1 + rng.poisson(_EXTRA_QUANTITY[line_segment])
        unit_price = world.catalog.list_price_cents[product]
        discount = np.zeros(len(line_order), dtype=np.int64)
        for seg in (ENTERPRISE, SMB, CONSUMER):
            rows = np.flatnonzero(line_segment == seg)
            discount[rows] = rng.choice(_DISCOUNTS[seg], size=len(rows), p=_DISCOUNT_WEIGHTS[seg])
        promotion = np.array([c.type == "promotion" for c in world.campaigns] + [False])
        discount += np.where(promotion[campaign[line_order]], _PROMOTION_DISCOUNT, 0)
        return {
            "line_order": line_order,
            "line_no": line_no,
            "product": product,
            "quantity": quantity,
            "unit_price_cents": unit_price,
            "discount_pct": discount,
            "line_value": quantity * unit_price * (100 - discount) / 100,
        }

    def _campaign_spend(self, month: int, channel, campaign, value) -> dict[int, int]:
        """Spend follows the month's typical order value so each campaign lands near its planned return."""
        baseline = campaign == NO_CAMPAIGN
        overall = value[baseline].mean() if baseline.any() else 1000.0
        spend = {}
        for index, plan in enumerate(self.world.campaigns):
            if plan.runs_in(month):
                in_channel = baseline & (channel == plan.channel)
                typical_order = value[in_channel].mean() if in_channel.any() else overall
                spend[index] = int(round(plan.planned_orders * typical_order / plan.planned_roas, -2))
        return spend


def _draw_rows(probabilities: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One categorical draw per row of a (rows, categories) probability matrix."""
    cumulative = np.cumsum(probabilities, axis=1)
    return (rng.random((len(probabilities), 1)) > cumulative[:, :-1]).sum(axis=1)
