"""The facts the manager's notes talk about, read from the simulated month."""

from __future__ import annotations

import numpy as np

from pipelines.contract import CHANNELS
from pipelines.demo.actuals import MonthActuals
from pipelines.demo.notes import NotesFacts
from pipelines.demo.roster import TEAM_NAMES
from pipelines.demo.sales import MonthSales
from pipelines.demo.world import World


def notes_facts(world: World, sales: MonthSales, actuals: MonthActuals, previous: MonthActuals | None) -> NotesFacts:
    roster, month = world.roster, sales.month
    recent = range(month - 2, month + 1)
    team_now = roster.team_at(month)
    value = np.where(sales.completed, sales.order_value_cents, 0.0)
    online = value[sales.channel == CHANNELS.index("online")].sum()
    returns = {}
    for index, spend in sales.campaign_spend_cents.items():
        attributed = value[sales.campaign == index].sum()
        returns[world.campaigns[index].name] = attributed / spend if spend else 0.0
    ranked = sorted(returns, key=returns.get)
    return NotesFacts(
        month=month,
        revenue=actuals.revenue_cents / 100,
        previous_revenue=previous.revenue_cents / 100 if previous else None,
        online_share=online / value.sum() if value.sum() else 0.0,
        joined=tuple(n for n, m in zip(roster.names, roster.hire_month, strict=True) if m in recent),
        moved=tuple(
            f"{roster.names[i]} ({TEAM_NAMES[team_now[i]]})"
            for i in range(len(roster.names))
            if roster.move_month[i] in recent
        ),
        left=tuple(n for n, m in zip(roster.names, roster.leave_month, strict=True) if m in recent),
        best_campaign=ranked[-1] if ranked and returns[ranked[-1]] > 1 else None,
        worst_campaign=ranked[0] if ranked and returns[ranked[0]] < 1 else None,
    )
