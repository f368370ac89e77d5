"""Size presets. Order volume is not set directly: it emerges from the customer base and purchase rates,
so these numbers were tuned by measuring the generated order lines per month."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    initial_customers: int  # created before the first generated month
    new_customers_per_month: int
    reps_per_region: int
    key_account_reps: int
    products: int
    opportunities_per_month: int
    campaign_orders_per_month: int  # planned attributed orders of an average campaign
    survey_rate: float  # share of the month's buying customers who answer the survey


SCALES: dict[str, Scale] = {
    s.name: s
    for s in (
        Scale("small", 1_600, 40, 3, 2, 40, 40, 25, 0.05),
        Scale("medium", 11_000, 270, 6, 4, 120, 250, 180, 0.03),
        Scale("large", 170_000, 4_300, 20, 12, 400, 2_500, 2_500, 0.01),
    )
}
