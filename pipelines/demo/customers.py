"""The customer base: everyone the CRM will know by the end of the window, ordered by creation, so the
snapshot of month M is simply the first customers up to M."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.demo.months import first_day64
from pipelines.demo.names import COMPANY_KINDS, COMPANY_SUFFIXES, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES
from pipelines.demo.randomness import stream
from pipelines.demo.roster import REGIONS
from pipelines.demo.scales import Scale
from pipelines.demo.seasons import season_factor

SEGMENTS = ("enterprise", "smb", "consumer")
ENTERPRISE, SMB, CONSUMER = range(3)
_SEGMENT_SHARE = (0.05, 0.30, 0.65)
_REGION_SHARE = (0.30, 0.25, 0.25, 0.20)
# Mean orders per month of a customer who is currently buying.
SEGMENT_ORDER_RATE = np.array([1.6, 0.8, 0.42])


@dataclass(frozen=True)
class CustomerBase:
    segment: np.ndarray
    region: np.ndarray
    created_month: np.ndarray  # month serial, non-decreasing
    order_rate: np.ndarray  # personal mean orders per month
    table_columns: dict[str, pa.Array]  # customers.csv columns for the whole base

    def count_created_by(self, month: int) -> int:
        return int(np.searchsorted(self.created_month, month, side="right"))


def build_customers(seed: int, scale: Scale, start: int, last: int) -> CustomerBase:
    rng = stream(seed, "customers")
    initial = scale.initial_customers
    # Existing customers joined over the four years before the window.
    history_days = int((first_day64(start) - first_day64(start - 48)).astype(int))
    created_day = first_day64(start - 48) + np.sort(rng.integers(0, history_days, initial))
    created = [created_day]
    for month in range(start, last + 1):
        growth = 1 + 0.01 * (month - start)
        count = rng.poisson(scale.new_customers_per_month * growth * season_factor(month) ** 0.5)
        span = int((first_day64(month + 1) - first_day64(month)).astype(int))
        created.append(first_day64(month) + np.sort(rng.integers(0, span, count)))
    created_day = np.concatenate(created)
    total = len(created_day)
    segment = rng.choice(len(SEGMENTS), size=total, p=_SEGMENT_SHARE)
    region = rng.choice(len(REGIONS), size=total, p=_REGION_SHARE)
    # lognormal(-0.125, 0.5) has mean 1: customers differ, segment averages hold.
    order_rate = SEGMENT_ORDER_RATE[segment] * rng.lognormal(-0.125, 0.5, total)
    created_month = created_day.astype("datetime64[M]").astype(np.int64) + 1970 * 12
    return CustomerBase(
        segment=segment,
        region=region,
        created_month=created_month,
        order_rate=order_rate,
        table_columns={
            "customer_id": _ids(total),
            "name": _names(segment, rng),
            "segment": pc.take(pa.array(SEGMENTS), pa.array(segment)),
            "region": pc.take(pa.array(REGIONS), pa.array(region)),
            "created_date": pa.array(created_day),
        },
    )


def _ids(total: int) -> pa.Array:
    numbers = pc.cast(pa.array(np.arange(1, total + 1)), pa.string())
    return pc.binary_join_element_wise("C", pc.utf8_lpad(numbers, width=7, padding="0"), "")


def _names(segment: np.ndarray, rng: np.random.Generator) -> pa.Array:
    total = len(segment)

    def pick(words: tuple[str, ...]) -> pa.Array:
        return pc.take(pa.array(words), pa.array(rng.integers(0, len(words), total)))

    person = pc.binary_join_element_wise(pick(FIRST_NAMES), pick(LAST_NAMES), " ")
    company = pc.binary_join_element_wise(pick(COMPANY_WORDS), pick(COMPANY_KINDS), pick(COMPANY_SUFFIXES), " ")
    return pc.if_else(pa.array(segment == CONSUMER), person, company)
