"""Number, money, percent and date formatting per report language (Babel and the language's own
conventions from its language.toml).

Two registers: tables show full amounts (to the cent; targets in whole units), sentences and
cards show compact ones ($37.8M; 3,777.6万美元). Undefined values (null in the marts) print as the
language's `undefined` ("—"), in sentences as its `undefined_in_prose`, never as 0. Nothing prints
as a negative zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date, format_datetime
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
)

from pipelines.report.languages import Language

# Below this an amount is written out in sentences too.
COMPACT_FROM = 1000


def _unsigned_zero(value: float, decimals: int) -> float:
    """`value`, or 0.0 when it would print as zero (so never "-0.0")."""
    return 0.0 if round(value, decimals) == 0 else value


@dataclass(frozen=True)
class Formatter:
    language: Language
    currency: str
    prose: bool = False  # sentences and cards rather than tables

    @property
    def locale(self) -> str:
        return self.language.locale

    @property
    def undefined(self) -> str:
        return self.language.undefined_in_prose if self.prose else self.language.undefined

    def number(self, value: float | None, decimals: int = 0) -> str:
        if value is None:
            return self.undefined
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(_unsigned_zero(value, decimals), format=pattern, locale=self.locale)

    def signed_number(self, value: float | None, decimals: int = 0) -> str:
        text = self.number(value, decimals)
        return "+" + text if value is not None and round(value, decimals) > 0 else text

    def money(self, value: float | None) -> str:
        """Compact in sentences; in tables in full, to the cent (targets: target_money)."""
        if value is None:
            return self.undefined
        return self.compact_money(value) if self.prose else self._full_money(value, 2)

    def target_money(self, value: float | None) -> str:
        """A target or plan figure: whole currency units, in full (compact in sentences)."""
        if value is None:
            return self.undefined
        return self.compact_money(value) if self.prose else self._full_money(value, 0)

    def signed_money(self, value: float | None) -> str:
        text = self.money(value)
        return "+" + text if value is not None and round(value, 2) > 0 else text

    def compact_money(self, value: float | None) -> str:
        """$37.8M, -$908.7K, $371.72 in English; 3,777.6万美元, 2.95亿美元 in Chinese (the language's
        `compact_units`, with its currency name after the number)."""
        if value is None:
            return self.undefined
        value = _unsigned_zero(float(value), 2)
        units = self.language.compact_units
        if not units:
            if abs(value) < COMPACT_FROM:
                return format_currency(value, self.currency, locale=self.locale)
            return format_compact_currency(value, self.currency, locale=self.locale, fraction_digits=1)
        own_names = dict(self.language.currency_names)
        name = own_names.get(self.currency) or get_currency_name(self.currency, locale=self.locale)
        for size, unit in units:
            if abs(value) >= size:
                scaled = value / size
                # four or five significant digits: 137.98万, 3,777.6万, 2.95亿
                pattern = "#,##0.##" if abs(scaled) < 1000 else "#,##0.#"
                return format_decimal(scaled, format=pattern, locale=self.locale) + unit + name
        cents = "" if float(value).is_integer() else ".00"
        return format_decimal(value, format="#,##0" + cents, locale=self.locale) + name

    def _full_money(self, value: float, decimals: int, currency: str | None = None) -> str:
        pattern = "¤#,##0" + ("." + "0" * decimals if decimals else "")
        amount = _unsigned_zero(float(value), decimals)
        return format_currency(
            amount, currency or self.currency, format=pattern, locale=self.locale, currency_digits=False
        )

    def money_in(self, value: float | None, currency: str) -> str:
        """An amount in a transaction currency (not the reporting one), in full, to the cent."""
        if value is None:
            return self.undefined
        return self._full_money(value, 2, currency)

    def rate(self, value: float | None) -> str:
        """An exchange rate: six significant decimals are what a reader compares (0.138123)."""
        return self.number(value, 6)

    def pct(self, value: float | None) -> str:
        """A fraction as a percentage with one decimal (0.1234 -> 12.3%)."""
        if value is None:
            return self.undefined
        return format_percent(_unsigned_zero(value, 3), format="#,##0.0%", locale=self.locale)

    def pct_number(self, value: float | None) -> str:
        """A fraction as a whole number of percent, for thresholds the text follows with "%" (0.8 -> 80)."""
        return self.undefined if value is None else self.number(value * 100)

    def signed_pct(self, value: float | None) -> str:
        text = self.pct(value)
        return "+" + text if value is not None and round(value, 3) > 0 else text

    def points(self, value: float | None) -> str:
        """A difference of two fractions in percentage points (0.012 -> +1.2 pp)."""
        if value is None:
            return self.undefined
        return self.signed_number(value * 100, 1) + self.language.points_suffix

    def month(self, value: dt.date | None) -> str:
        if value is None:
            return self.undefined
        return format_date(value, self.language.month_pattern, locale=self.locale)

    def date(self, value: dt.date | None) -> str:
        return self.undefined if value is None else value.isoformat()

    def datetime(self, value: dt.datetime) -> str:
        return format_datetime(
            value, "yyyy-MM-dd HH:mm:ss ZZZZZ" if value.tzinfo else "yyyy-MM-dd HH:mm:ss", locale=self.locale
        )

    def filters(self) -> dict:
        return {
            "num": self.number,
            "snum": self.signed_number,
            "money": self.money,
            "smoney": self.signed_money,
            "tmoney": self.target_money,
            "money_in": self.money_in,
            "rate": self.rate,
            "pct": self.pct,
            "spct": self.signed_pct,
            "pct_number": self.pct_number,
            "pp": self.points,
            "month_name": self.month,
            "isodate": self.date,
            "timestamp": self.datetime,
        }
