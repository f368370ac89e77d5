"""The 5.1 plan table names each input in words, formatted as money, counts or a percentage."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "en.md",
            "| same month last year (March 2024): $12K; last 3 months: $36.3K; "
            "same 3 months a year earlier: $33K; growth: +10.0%; months of history: 15 |",
        ),
        (
            "en.md",
            "| same month last year (March 2024): 10; last 3 months: 33; same 3 months a year earlier: 30; "
            "growth: +10.0%; months of history: 15 |",
        ),
        ("en.md", "| last 3 months (2 loaded): 7; months of history: 15 |"),
        (
            "zh.md",
            "| 去年同月（2024年3月）：1.2万美元；近 3 个月：3.63万美元；去年同期 3 个月：3.3万美元；"
            "增长：+10.0%；历史月数：15 |",
        ),
        ("zh.md", "| 近 3 个月（已加载 2 个月）：7；历史月数：15 |"),
        ("en.html", "<td>last 3 months (2 loaded): 7; months of history: 15</td>"),
    ],
)
def test_plan_inputs_are_labelled_and_formatted(reports, key, expected):
    assert expected in reports[key]


@pytest.mark.parametrize("key", ["en.md", "zh.md", "en.html", "zh.html"])
def test_no_raw_column_names_in_the_plan(reports, key):
    for column in ("base_value", "base\\_value", "recent_months", "recent\\_months", "growth_rate", " = "):
        assert column not in reports[key].split("5.1", 1)[1].split("5.2", 1)[0]
