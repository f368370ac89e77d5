"""What a month actually achieved, following docs/metrics: the basis for targets and market sizes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.demo.randomness import stream
from pipelines.demo.roster import REGIONS, TEAM_IDS
from pipelines.demo.sales import MonthSales
from pipelines.demo.world import World

# The company's typical share of each region's market; it creeps up as the company grows.
_BASE_MARKET_SHARE = np.array([0.14, 0.11, 0.09, 0.12])


@dataclass(frozen=True)
class MonthActuals:
    month: int
    revenue_cents: float
    orders: int
    new_customers: int
    rep_revenue_cents: np.ndarray
    rep_orders: np.ndarray
    team_revenue_cents: np.ndarray
    team_orders: np.ndarray
    market_size_cents: np.ndarray  # per region

    @property
    def market_share(self) -> float:
        return self.revenue_cents / self.market_size_cents.sum()


def month_actuals(world: World, sales: MonthSales) -> MonthActuals:
    done = sales.completed
    value = np.where(done, sales.order_value_cents, 0.0)
    reps = len(world.roster.rep_ids)
    rep_revenue = np.bincount(sales.rep, weights=value, minlength=reps)
    rep_orders = np.bincount(sales.rep, weights=done, minlength=reps).astype(np.int64)
    team = world.roster.team_at(sales.month)
    region = world.customers.region[sales.customer]
    region_revenue = np.bincount(region, weights=value, minlength=len(REGIONS))
    rng = stream(world.seed, "market", sales.month)
    share = _BASE_MARKET_SHARE * (1 + 0.004 * (sales.month - world.start)) * rng.lognormal(0.0, 0.04, len(REGIONS))
    # Rounded to whole currency units; the floor keeps market_size > 0 for a region with no sales.
    market = np.maximum(np.round(region_revenue / share, -2), 100_000)
    return MonthActuals(
        month=sales.month,
        revenue_cents=float(value.sum()),
        orders=int(done.sum()),
        new_customers=sales.new_customer_count,
        rep_revenue_cents=rep_revenue,
        rep_orders=rep_orders,
        team_revenue_cents=np.bincount(team, weights=rep_revenue, minlength=len(TEAM_IDS)),
        team_orders=np.bincount(team, weights=rep_orders, minlength=len(TEAM_IDS)).astype(np.int64),
        market_size_cents=market.astype(np.int64),
    )
