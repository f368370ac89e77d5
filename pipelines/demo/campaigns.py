"""The marketing calendar: campaigns of one to three months with deliberately varied returns, some of
which lose money (spend above the revenue they bring)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.contract import CAMPAIGN_TYPES, CHANNELS
from pipelines.demo.months import calendar_month, days_in_month, first_day64, month_label
from pipelines.demo.randomness import stream
from pipelines.demo.scales import Scale

# Campaign themes per calendar quarter, so a "Black Friday" campaign never runs in spring.
_THEMES = (
    ("New Year Kickoff", "Spring Launch", "Loyalty Boost"),
    ("Spring Launch", "Summer Deals", "Partner Days"),
    ("Summer Deals", "Back to Business", "Webinar Series"),
    ("Autumn Upgrade", "Black Friday", "Year-End Push"),
)

_TYPE_WEIGHTS = (0.35, 0.25, 0.15, 0.2, 0.05)  # promotion, advertising, event, email, other


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    name: str
    type: str
    channel: int  # index into CHANNELS
    start_day: np.datetime64
    end_day: np.datetime64
    first_month: int
    last_month: int
    # Revenue per unit of spend the campaign was built to return; below 1 loses money.
    planned_roas: float
    planned_orders: float  # extra orders it brings per month it runs

    def runs_in(self, month: int) -> bool:
        return self.first_month <= month <= self.last_month


def plan_campaigns(seed: int, scale: Scale, start: int, last: int) -> tuple[Campaign, ...]:
    rng = stream(seed, "campaigns")
    campaigns = []
    for month in range(start, last + 1):
        busy_season = calendar_month(month) in (10, 11, 12)
        for _ in range(1 + int(busy_season) + rng.poisson(0.4)):
            number = len(campaigns) + 1
            months = int(rng.integers(1, 4))
            final_month = month + months - 1
            start_day = first_day64(month) + int(rng.integers(0, 15))
            end_day = max(first_day64(final_month) + int(rng.integers(10, days_in_month(final_month))), start_day + 7)
            # The first two campaigns pin both ends of the range: one clear loser, one clear winner.
            roas = (0.6, 3.5)[number - 1] if number <= 2 else float(rng.lognormal(np.log(1.6), 0.6))
            campaign_type = CAMPAIGN_TYPES[int(rng.choice(len(CAMPAIGN_TYPES), p=_TYPE_WEIGHTS))]
            campaigns.append(
                Campaign(
                    campaign_id=f"CMP-{number:03d}",
                    name=f"{_pick_theme(month, rng)} {month_label(month)[:4]} #{number}",
                    type=campaign_type,
                    channel=int(rng.choice(len(CHANNELS), p=(0.5, 0.3, 0.2))),
                    start_day=start_day,
                    end_day=end_day,
                    first_month=month,
                    last_month=final_month,
                    planned_roas=roas,
                    planned_orders=scale.campaign_orders_per_month * float(rng.uniform(0.5, 1.5)),
                )
            )
    return tuple(campaigns)


def _pick_theme(month: int, rng: np.random.Generator) -> str:
    themes = _THEMES[(calendar_month(month) - 1) // 3]
    return themes[int(rng.integers(len(themes)))]
