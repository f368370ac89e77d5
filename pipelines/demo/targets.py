"""Targets set a little above or below what each month really achieved, so some are met and some missed."""

from __future__ import annotations

import numpy as np

from pipelines.demo.actuals import MonthActuals
from pipelines.demo.months import month_label
from pipelines.demo.randomness import stream
from pipelines.demo.roster import TEAM_IDS


def target_rows(actuals: MonthActuals, rep_ids: tuple[str, ...], seed: int) -> list[tuple]:
    """(month, scope, scope_id, metric, value in cents or hundredths) for one month, identical in
    whichever folder carries it."""
    raw = [
        ("company", None, "revenue", actuals.revenue_cents),
        ("company", None, "orders", actuals.orders),
        ("company", None, "new_customers", actuals.new_customers),
        ("company", None, "market_share", actuals.market_share),
    ]
    for index, team_id in enumerate(TEAM_IDS):
        raw += [
            ("team", team_id, "revenue", actuals.team_revenue_cents[index]),
            ("team", team_id, "orders", actuals.team_orders[index]),
        ]
    for index, rep_id in enumerate(rep_ids):
        raw += [
            ("rep", rep_id, "revenue", actuals.rep_revenue_cents[index]),
            ("rep", rep_id, "orders", actuals.rep_orders[index]),
        ]
    # Plans are a little ambitious on average (1.01 x actual, give or take 7 %): about half are met.
    ambition = stream(seed, "targets", actuals.month).normal(1.01, 0.07, len(raw))
    label = month_label(actuals.month)
    rows = []
    for (scope, scope_id, metric, actual), factor in zip(raw, ambition, strict=True):
        if actual > 0:  # nobody sets a target for a rep who sells nothing (left, or not yet selling)
            rows.append((label, scope, scope_id, metric, _round_target(metric, actual * factor)))
    return rows


def _round_target(metric: str, value: float) -> int:
    """Targets are round numbers, returned in hundredths to match the 2-decimal file format."""
    if metric == "revenue":  # whole hundreds of currency
        return max(10_000, int(np.round(value / 10_000)) * 10_000)
    if metric == "market_share":  # 0.12 = 12 %
        return max(1, int(np.round(value * 100)))
    return max(1, int(np.round(value))) * 100
