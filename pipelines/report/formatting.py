"""Number, money, percent and date formatting per report language (Babel).

Undefined values (null in the marts) print as "n/a", never as 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal, format_percent

from pipelines.report.languages import Language

NOT_AVAILABLE = "n/a"


@dataclass(frozen=True)
class Formatter:
    language: Language
    currency: str

    @property
    def locale(self) -> str:
        return self.language.locale

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

    def pct_number(self, value: float | None) -> str:
        """A fraction as a whole number of percent, for thresholds the text follows with "%" (0.8 -> 80)."""
        return NOT_AVAILABLE if value is None else self.number(value * 100)

    def signed_pct(self, value: float | None) -> str:
        if value is not None and round(value, 3) == 0:
            value = 0.0  # a tiny change prints as 0.0%, not -0.0%
        text = self.pct(value)
        return "+" + text if value is not None and value > 0 else text

    def points(self, value: float | None) -> str:
        """A difference of two fractions in percentage points (0.012 -> +1.2 pp)."""
        if value is None:
            return NOT_AVAILABLE
        return self.signed_number(value * 100, 1) + self.language.points_suffix

    def month(self, value: dt.date | None) -> str:
        if value is None:
            return NOT_AVAILABLE
        return format_date(value, self.language.month_pattern, locale=self.locale)

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
            "pct_number": self.pct_number,
            "pp": self.points,
            "month_name": self.month,
            "isodate": self.date,
            "timestamp": self.datetime,
        }
