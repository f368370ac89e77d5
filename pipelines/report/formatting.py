"""Number, money, percent and date formatting per report language (Babel).

Undefined values (null in the marts) print as "n/a", never as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent

NOT_AVAILABLE = "n/a"
LOCALES = {"en": "en", "zh": "zh_Hans_CN"}
MONTH_PATTERNS = {"en": "MMMM y", "zh": "y年M月"}
POINTS_SUFFIX = {"en": " pp", "zh": "个百分点"}


@dataclass(frozen=True)
class Formatter:
    language: str
    currency: str

    @property
    def locale(self) -> str:
        return LOCALES[self.language]

    def number(self, value: float | None, decimals: int = 0) -> str:
        if value is None:
            return NOT_AVAILABLE
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def signed_number(self, value: float | None, decimals: int = 0) -> str:
        text = self.number(value, decimals)
        return "+" + text if value is not None and value > 0 else text

    def money(self, value: float | None) -> str:
        if value is None:
            return NOT_AVAILABLE
        return format_currency(value, self.currency, locale=self.locale)

    def signed_money(self, value: float | None) -> str:
        text = self.money(value)
        return "+" + text if value is not None and value > 0 else text

    def pct(self, value: float | None) -> str:
        """A fraction as a percentage with one decimal (0.1234 -> 12.3%)."""
        if value is None:
            return NOT_AVAILABLE
        return format_percent(value, format="#,##0.0%", locale=self.locale)

    def signed_pct(self, value: float | None) -> str:
        if value is not None and round(value, 3) == 0:
            value = 0.0  # a tiny change prints as 0.0%, not -0.0%
        text = self.pct(value)
        return "+" + text if value is not None and value > 0 else text

    def points(self, value: float | None) -> str:
        """A difference of two fractions in percentage points (0.012 -> +1.2 pp)."""
        if value is None:
            return NOT_AVAILABLE
        return self.signed_number(value * 100, 1) + POINTS_SUFFIX[self.language]

    def month(self, value: dt.date | None) -> str:
        if value is None:
            return NOT_AVAILABLE
        return format_date(value, MONTH_PATTERNS[self.language], locale=self.locale)

    def date(self, value: dt.date | None) -> str:
        return NOT_AVAILABLE if value is None else value.isoformat()

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
            "pct": self.pct,
            "spct": self.signed_pct,
            "pp": self.points,
            "month_name": self.month,
            "isodate": self.date,
            "timestamp": self.datetime,
        }
