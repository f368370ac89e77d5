"""Pure formatting and escaping helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.months import add_months, day_in_month, month_window
from pipelines.report.escaping import md_block, md_inline
from pipelines.report.formatting import Formatter
from pipelines.report.languages import registered_languages

LANGUAGES = registered_languages()


@pytest.mark.parametrize(
    ("language", "method", "value", "expected"),
    [
        ("en", "number", 1234.5, "1,234"),  # counts: no decimals, half-even
        ("en", "money", 1234.5, "$1,234.50"),
        ("zh", "money", 1234.5, "US$1,234.50"),
        ("en", "money", -2654.5, "-$2,654.50"),
        ("en", "pct", 0.123455, "12.3%"),
        ("zh", "pct", 0.123455, "12.3%"),
        ("en", "signed_pct", 0.05, "+5.0%"),
        ("en", "signed_pct", -0.0004, "0.0%"),
        ("en", "pct", None, "n/a"),
        ("zh", "signed_pct", None, "n/a"),
        ("en", "money", None, "n/a"),
        ("en", "points", 0.1, "+10.0 pp"),
        ("zh", "points", -0.05, "-5.0个百分点"),
        ("en", "month", dt.date(2025, 2, 1), "February 2025"),
        ("zh", "month", dt.date(2025, 2, 1), "2025年2月"),
    ],
)
def test_formatter(language, method, value, expected):
    assert getattr(Formatter(LANGUAGES[language], "USD"), method)(value) == expected


def test_number_with_decimals():
    assert Formatter(LANGUAGES["en"], "USD").number(1234.5, 1) == "1,234.5"
    assert Formatter(LANGUAGES["zh"], "CNY").money(1234.5) == "¥1,234.50"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("*x* | y", r"\*x\* \| y"),
        ("a_b [c](d) `e` #f", r"a\_b \[c\](d) \`e\` \#f"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_inline(text, expected):
    assert md_inline(text) == expected


def test_md_block_quotes_and_neutralises_block_markers():
    assert md_block("- a\n12. b\n# c\n\nd") == "> \\- a\n> 12\\. b\n> \\# c\n>\n> d"


@pytest.mark.parametrize(
    ("month", "count", "expected"),
    [(dt.date(2025, 1, 1), -1, dt.date(2024, 12, 1)), (dt.date(2025, 2, 1), 11, dt.date(2026, 1, 1))],
)
def test_add_months(month, count, expected):
    assert add_months(month, count) == expected


def test_month_window_and_day_in_month():
    assert month_window(dt.date(2025, 2, 1), 3) == [
        dt.date(2024, 12, 1),
        dt.date(2025, 1, 1),
        dt.date(2025, 2, 1),
    ]
    assert day_in_month(dt.date(2025, 2, 1), 31) == dt.date(2025, 2, 28)
