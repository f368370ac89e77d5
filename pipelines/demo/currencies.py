"""A multi-currency demo world: each customer region sells in one of the listed currencies, and every
month folder gives the rates to the reporting currency (the first listed).

The simulation itself runs in the reporting currency; a folder writes a foreign customer's prices
and deal amounts in its own currency at that month's rate, so converting them back gives the
simulated sales up to the cent rounding and, for daily rates, the day's move.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.demo.months import calendar_month, first_day
from pipelines.demo.randomness import stream

# Rough value of one unit in US dollars, where each currency's rates start.
_USD_VALUE = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CHF": 1.12,
    "CNY": 0.138,
    "JPY": 0.0067,
    "CAD": 0.74,
    "AUD": 0.66,
    "INR": 0.012,
    "BRL": 0.20,
}
RATE_PLACES = 8  # places the demo writes; the contract accepts up to 10


@dataclass(frozen=True)
class Currencies:
    codes: tuple[str, ...] = ("USD",)  # the reporting currency first

    def __post_init__(self) -> None:
        unknown = [c for c in self.codes if c not in _USD_VALUE]
        if not self.codes or unknown or len(set(self.codes)) != len(self.codes):
            raise ValueError(
                f"currencies: a list of distinct codes from {', '.join(_USD_VALUE)}, got {','.join(self.codes)}"
            )

    @property
    def reporting(self) -> str:
        return self.codes[0]

    @property
    def several(self) -> bool:
        return len(self.codes) > 1

    def of_region(self, region: np.ndarray) -> np.ndarray:
        """Index into `codes` of each region's currency: regions take the currencies in turn."""
        return np.asarray(region) % len(self.codes)

    def daily(self, index: int) -> bool:
        """Every second foreign currency comes with daily rates, the others with a month rate."""
        return index > 0 and index % 2 == 0

    def month_rates(self, seed: int, month: int) -> np.ndarray:
        """Rate to the reporting currency of each code in `month`: a yearly swing plus noise."""
        rng = stream(seed, "fx_rates", month)
        swing = 0.04 * np.sin(2 * np.pi * (calendar_month(month) + np.arange(len(self.codes))) / 12)
        usd = np.array([_USD_VALUE[c] for c in self.codes]) * np.exp(swing + rng.normal(0, 0.01, len(self.codes)))
        rates = usd / usd[0]
        rates[0] = 1.0
        return np.round(rates, RATE_PLACES)

    def fx_rate_rows(self, seed: int, month: int) -> list[tuple[str, str | None, date | None, float]]:
        """The folder's fx_rates: (currency, month, rate_date, rate_to_reporting), foreign codes only."""
        rates = self.month_rates(seed, month)
        start = first_day(month)
        label = f"{start:%Y-%m}"
        rows = []
        rng = stream(seed, "fx_daily", month)
        for index, code in enumerate(self.codes[1:], start=1):
            if not self.daily(index):
                rows.append((code, label, None, float(rates[index])))
                continue
            # Business days only, as central banks fix them: a weekend takes Friday's rate.
            for day in range(1, calendar.monthrange(start.year, start.month)[1] + 1):
                when = start.replace(day=day)
                if when.weekday() < 5:
                    rate = round(float(rates[index]) * (1 + rng.normal(0, 0.003)), RATE_PLACES)
                    rows.append((code, None, when, rate))
        return rows


SINGLE_CURRENCY = Currencies()


@dataclass(frozen=True)
class LocalMoney:
    """One month's amounts in each customer's own currency."""

    codes: tuple[str, ...]
    customer_currency: np.ndarray  # index into codes, per customer
    rates: np.ndarray  # the month's rate to the reporting currency, per code

    def labels(self, customer: np.ndarray) -> pa.Array:
        """The currency code of each customer's amounts."""
        return pc.take(pa.array(self.codes), pa.array(self.customer_currency[customer]))

    def local(self, customer: np.ndarray, cents: np.ndarray) -> np.ndarray:
        """Amounts in the reporting currency as the customers' own, in whole cents."""
        return np.rint(cents / self.rates[self.customer_currency[customer]]).astype(np.int64)


def local_money(currencies: Currencies, seed: int, month: int, customer_region: np.ndarray) -> LocalMoney | None:
    """None for a single-currency world, whose files carry no currency at all."""
    if not currencies.several:
        return None
    return LocalMoney(currencies.codes, currencies.of_region(customer_region), currencies.month_rates(seed, month))
