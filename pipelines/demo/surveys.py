"""Satisfaction survey answers from a sample of the month's buyers."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.demo.months import days_in_month, first_day64, month_label
from pipelines.demo.randomness import stream
from pipelines.demo.sales import MonthSales
from pipelines.demo.world import World

_MEAN_SCORE = np.array([8.2, 7.9, 7.5])  # enterprise, smb, consumer
_COMMENTS = (
    (
        "Delivery was late and nobody told us why.",
        "Support took days to answer.",
        "Prices went up again, considering other suppliers.",
        "The invoice was wrong twice.",
    ),
    (
        "Fine overall, the website could be faster.",
        "Good products, average service.",
        "OK, but the return process is clumsy.",
    ),
    (
        "Great service, our rep really knows the products!",
        "Fast delivery, will order again.",
        "Excellent support during installation.",
        "Always reliable - thank you.",
    ),
)


def survey_columns(world: World, sales: MonthSales, customer_ids: pa.Array) -> dict:
    rng = stream(world.seed, "surveys", sales.month)
    buyers = np.unique(sales.customer[sales.completed])
    respondents = np.sort(rng.choice(buyers, size=rng.binomial(len(buyers), world.scale.survey_rate), replace=False))
    count = len(respondents)
    drift = 0.01 * (sales.month - world.start)  # service slowly improves
    mean = _MEAN_SCORE[world.customers.segment[respondents]] + drift
    score = np.clip(np.round(rng.normal(mean, 1.8)), 0, 10).astype(np.int64)
    csat = np.clip(np.round(1 + 0.4 * score + rng.normal(0, 0.6, count)), 1, 5).astype(np.int64)
    group = np.where(score >= 9, 2, np.where(score >= 7, 1, 0))
    comment_pick = rng.integers(0, 100, count)
    comments = [_COMMENTS[g][p % len(_COMMENTS[g])] for g, p in zip(group, comment_pick, strict=True)]
    numbers = pc.cast(pa.array(np.arange(1, count + 1)), pa.string())
    return {
        "response_id": pc.binary_join_element_wise(
            f"SV-{month_label(sales.month).replace('-', '')}-",
            pc.utf8_lpad(numbers, width=5, padding="0"),
            "",
        ),
        "customer_id": pc.take(customer_ids, pa.array(respondents, type=pa.int64())),
        "response_date": pa.array(first_day64(sales.month) + rng.integers(0, days_in_month(sales.month), count)),
        "score": score,
        "csat": pa.array(csat, mask=rng.random(count) < 0.12),
        "comment": pa.array(comments, type=pa.string(), mask=rng.random(count) < 0.65),
    }
