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
        ("en", "pct", None, "—"),
        ("zh", "signed_pct", None, "—"),
        ("en", "money", None, "—"),
        ("en", "target_money", 20370000.4, "$20,370,000"),
        ("zh", "target_money", 20370000.4, "US$20,370,000"),
        ("en", "money", -0.001, "$0.00"),  # never a negative zero
        ("en", "points", -0.0004, "0.0 pp"),
        ("zh", "points", 0.0004, "0.0个百分点"),
        ("en", "points", 0.1, "+10.0 pp"),
        ("zh", "points", -0.05, "-5.0个百分点"),
        ("en", "month", dt.date(2025, 2, 1), "February 2025"),
        ("zh", "month", dt.date(2025, 2, 1), "2025年2月"),
    ],
)
def test_formatter(language, method, value, expected):
    assert getattr(Formatter(LANGUAGES[language], "USD"), method)(value) == expected


# Sentences and cards: compact amounts by each language's conventions, at every magnitude and sign.
@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", 37775597.41, "$37.8M"),
        ("en", 295172630.0, "$295.2M"),
        ("en", 1_250_000_000, "$1.2B"),
        ("en", -908749.52, "-$908.7K"),
        ("en", 1371.72, "$1.4K"),
        ("en", 371.72, "$371.72"),
        ("en", -0.001, "$0.00"),
        ("zh", 37775597.41, "3,777.6万美元"),
        ("zh", 295172630.0, "2.95亿美元"),
        ("zh", 1379775.28, "137.98万美元"),
        ("zh", -908749.52, "-90.87万美元"),
        ("zh", 12345.5, "1.23万美元"),
        ("zh", 1371.72, "1,371.72美元"),
        ("zh", 1000.0, "1,000美元"),
        ("zh", -0.001, "0美元"),
    ],
)
def test_compact_money_in_sentences(language, value, expected):
    assert Formatter(LANGUAGES[language], "USD", prose=True).money(value) == expected


def test_compact_money_names_the_currency_as_the_language_does():
    assert Formatter(LANGUAGES["zh"], "CNY", prose=True).money(12345678) == "1,234.6万元"
    assert Formatter(LANGUAGES["zh"], "EUR", prose=True).money(20000) == "2万欧元"


def test_undefined_is_a_dash_in_tables_and_a_word_in_chinese_sentences():
    assert Formatter(LANGUAGES["zh"], "USD").pct(None) == "—"
    assert Formatter(LANGUAGES["zh"], "USD", prose=True).pct(None) == "不适用"
    assert Formatter(LANGUAGES["en"], "USD", prose=True).money(None) == "—"
    assert Formatter(LANGUAGES["zh"], "USD").compact_money(None) == "—"  # a card without last year


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
