"""Rule findings read as sentences: a fall is stated as a fall, with the threshold in words."""

from __future__ import annotations

import dataclasses

import pytest

from pipelines.report.languages import registered_languages
from pipelines.report.query import load_model
from pipelines.report.render import render_language
from pipelines.report.rules import evaluate, load_config
from tests.report.conftest import GENERATED_AT
from tests.report.fixture_marts import MART_NAMES, MONTH


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_signed_threshold_wording(reports, language):
    md = reports[f"{language}.md"]
    for awkward in ("changes by less than", "changed by", "below the -", "环比变化", "低于 -"):
        assert awkward not in md


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", "收入环比下降 11.8%（1.4万美元 → 1.23万美元；阈值：下降超过 5.0%）。"),
        (
            "zh",
            "收入环比下降 40.0%，赢单率 0.0%（未达目标的销售，达成率低于 80.0% 或收入环比降幅比公司多 "
            "20.0 个百分点时建议支持；公司收入环比下降 11.8%）。",
        ),
        ("zh", "赢单率下降 10.0 个百分点，由 50.0% 降至 40.0%（阈值：下降超过 5.0 个百分点）。"),
        ("zh", "NPS 下降 10.0 分，由 30.0 降至 20.0（阈值：下降超过 5.0 分）。"),
    ],
)
def test_findings_are_phrased_naturally(reports, language, expected):
    assert expected in reports[f"{language}.md"]


def test_rising_rep_and_non_zero_churn_threshold_are_worded(con):
    model = load_model(con, MONTH, company_name="Demo Co", currency="USD", generated_at=GENERATED_AT, run_id="r")
    config = load_config()
    rules = {name: dict(cfg) for name, cfg in config.rules.items()}
    rules["churn_rate_up"]["increase_above"] = 0.05
    rules["rep_needs_support"]["attainment_below"] = 1.0  # Chen Wei: 93.8 %, revenue change n/a
    english = (registered_languages()["en"],)
    md = render_language(evaluate(model, dataclasses.replace(config, rules=rules)), english, config, MART_NAMES)["md"]
    assert "Churn rate rose 10.0 points to 20.0% from 10.0% (threshold: a rise of more than 5.0 points)." in md
    assert "Chen Wei 陈伟: attainment 93.8%, revenue change vs the previous month —, win rate 50.0%" in md
