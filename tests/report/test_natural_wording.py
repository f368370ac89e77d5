"""The report reads as a person wrote it (issue 14, part 2): Chinese prose with full-width
punctuation and worded changes, and in neither language a file name, a Markdown heading or a
config file in the sentences."""

from __future__ import annotations

import re

import pytest

from tests.report.conftest import render
from tests.report.fixture_marts import MONTH

CJK = "\u4e00-\u9fff"


def prose(md: str) -> list[str]:
    """The report's sentences: paragraphs and list items, without headings, tables, code and the
    manager's notes quoted verbatim."""
    lines, in_code = [], False
    for line in md.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif line and not in_code and not line.startswith(("#", "|", ">", "- `marts.")):
            lines.append(line)
    return lines


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_internals_in_the_prose(reports, language):
    sentences = prose(reports[f"{language}.md"])
    assert len(sentences) > 40
    for internal in ("notes.md", "rules.toml", "##", ".csv", ".parquet", "docs/", "metrics.md"):
        assert not [s for s in sentences if internal in s], internal


@pytest.mark.parametrize("key", ["en.md", "zh.md", "en.html", "zh.html"])
def test_no_n_a_anywhere(reports, key):
    assert not re.search(r"\bn/a\b", reports[key], re.IGNORECASE)


def test_missing_notes_are_named_by_their_subject(reports):
    assert "本月未提供团队协作说明。" in prose(reports["zh.md"])
    assert "No notes on team collaboration were provided for this month." in prose(reports["en.md"])
    assert "销售经理的销售策略说明（原文）：" in prose(reports["zh.md"])
    assert "The sales manager's notes on strategy (verbatim):" in prose(reports["en.md"])


def test_chinese_prose_uses_full_width_punctuation(reports):
    zh = reports["zh.md"]
    assert not re.search(r"\d %", zh)  # "100 %" -> "100%", in tables too
    for sentence in prose(zh):
        assert "。 " not in sentence, sentence
        assert not re.search(f"[{CJK}][,;:()]|[,;:()][{CJK}]", sentence), sentence
    assert "数据质量：通过但有警告（共 5 项检查，4 项通过；未通过的错误 0 项、警告 1 项）。" in prose(zh)


def test_chinese_title_names_the_month_once_and_leaves_the_company_to_the_details(reports):
    assert reports["zh.md"].startswith("# 2025年2月销售管理月度总结\n")
    assert "<title>2025年2月销售管理月度总结</title>" in reports["zh.html"]
    assert "| 公司 | Demo Co |" in reports["zh.md"]
    assert reports["en.md"].startswith("# Monthly sales review — Demo Co — February 2025\n")


def test_chinese_changes_are_worded_not_signed(reports):
    sentences = prose(reports["zh.md"])
    text = "\n".join(sentences)
    # mart_sales_monthly: revenue 12,345.50 against 14,000 (-11.8%) and 11,000 (+12.2%)
    assert "- 收入 1.23万美元，环比下降 11.8%（上月 1.4万美元），同比增长 12.2%（去年同月 1.1万美元）。" in sentences
    assert "- 活跃客户 8，环比下降 20.0%（上月 10），同比持平（去年同月 8）。" in sentences
    assert "本月取消订单 1 笔，退货订单 1 笔，退货金额 250美元。" in sentences
    assert "- 收入未完成目标：实际 1.23万美元，目标 1.5万美元，达成率 82.3%，差额 2,654.50美元。" in sentences
    for signed in ("环比 -", "环比 +", "同比 -", "同比 +", "，-", "（-", "占公司变化"):
        assert signed not in text, signed


def _drivers(con, tmp_path) -> str:
    render(con, tmp_path, languages=("zh",))
    return (tmp_path / "2025-02" / "report.zh.md").read_text(encoding="utf-8")


def test_a_fall_while_the_company_fell_is_its_share_of_the_fall(con, tmp_path):
    # share_of_company_delta = delta_vs_ly / company delta: positive when both fell
    con.execute(
        "update marts.mart_gap_drivers set share_of_company_delta = 0.25 "
        "where month = ? and dimension = 'channel' and dimension_value = 'offline'",
        [MONTH],
    )
    con.execute(
        "update marts.mart_gap_drivers set share_of_company_delta = null "
        "where month = ? and dimension = 'region' and dimension_value = 'south'",
        [MONTH],
    )
    zh = _drivers(con, tmp_path)
    assert "线下渠道同比减少 1,000美元（本月 3,000美元，去年同月 4,000美元），占公司同比降幅的 25.0%。" in zh
    # no company change to compare with: no share
    assert "south 区域同比减少 1,000美元（本月 5,000美元，去年同月 6,000美元）。" in zh


def test_a_team_gap_reads_as_the_issue_asks(con, tmp_path):
    con.execute(
        "update marts.mart_gap_drivers set revenue_target = 1383775.28, gap_vs_target = -1379775.28 "
        "where month = ? and dimension = 'team' and dimension_value = 't2'",
        [MONTH],
    )
    expected = r"\*x\* \| y 团队未完成目标，差额 137.98万美元（实际 4,000美元，目标 138.38万美元）。"
    assert expected in _drivers(con, tmp_path)


def test_an_undefined_value_follows_its_chinese_label_without_a_space(con, tmp_path):
    # Ann Lee (r1) with no closed opportunity: win rate undefined, shown as 不适用
    con.execute("update marts.mart_rep_performance set win_rate = null where month = ? and rep_id = 'r1'", [MONTH])
    zh = _drivers(con, tmp_path)
    assert "- Ann Lee（North Stars）：达成率 120.0%，收入 6,000美元，环比增长 20.0%，赢单率不适用。" in zh
