"""Part 2.3 explains a missed target against the teams' own targets as well as last year,
with the market, competitor and internal effects, each ranked and with its numbers."""

from __future__ import annotations

import pytest

from tests.report.conftest import render
from tests.report.fixture_marts import MONTH


def _section(md: str, heading: str, next_heading: str) -> str:
    return md.split(heading, 1)[1].split(next_heading, 1)[0]


EXPECTED = {
    "en": [
        "Against their own revenue targets, largest gap first:",
        r"1. Team \*x\* \| y is $2K below its own target ($4K against $6K).",
        "2. Region south is $1.5K below its own target ($5K against $6.5K).",
        "Against last year, largest fall first:",
        r"1. Team \*x\* \| y: -$1.5K vs last year",
        "2. Channel Offline: -$1K vs last year",
        "the company's market share is 12.3% (previous month 14.0%, -1.7 pp); "
        "largest share falls by region: south 10.0% (-6.0 pp).",
        "Lost value by reason: Competitor $4K (4), Price $600.00 (1), No budget $400.00 (1).",
        "Internal effect: win rate 40.0% (previous month 50.0%, -10.0 pp); open pipeline $20K "
        "(previous month $22K, -$2K); 1 rep is below 80% of their revenue target, lowest first: "
        r"\<script\>alert(1)\</script\> (50.0%).",
    ],
    "zh": [
        "对照各自的收入目标（按差额从大到小）：",
        # the register of issue 14: "Key Accounts 团队未完成目标，差额 137.98万美元"
        r"1. \*x\* \| y 团队未完成目标，差额 2,000美元（实际 4,000美元，目标 6,000美元）。",
        "2. south 区域未完成目标，差额 1,500美元（实际 5,000美元，目标 6,500美元）。",
        "与去年同月相比（按减少额从大到小）：",
        # delta_vs_ly -1,000 and share_of_company_delta -0.5 (the company grew): it offset half the growth
        "2. 线下渠道同比减少 1,000美元（本月 3,000美元，去年同月 4,000美元），抵消了公司同比增量的 50.0%。",
        # market_share_mom_delta -0.06 in the fixture: a fall of 6.0 points
        "份额降幅最大的区域：south（10.0%，下降 6.0 个百分点）。",
        "按丢单原因统计的金额：竞争对手 4,000美元（4 个）、价格 600美元（1 个）、无预算 400美元（1 个）。",
        "内部因素：赢单率 40.0%，较上月（50.0%）下降 10.0 个百分点；",
        "未结商机 2万美元，较上月（2.2万美元）减少 2,000美元；",
        r"收入达成率低于 80% 的销售 1 人（由低到高）：\<script\>alert(1)\</script\>（50.0%）。",
    ],
}
HEADINGS = {"en": ("### 2.3 Why targets were missed", "## 3."), "zh": ("### 2.3 未达成原因分析", "## 三、")}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_missed_target_is_explained_against_own_targets_and_last_year(reports, language):
    section = _section(reports[f"{language}.md"], *HEADINGS[language])
    positions = [section.find(line) for line in EXPECTED[language]]
    assert -1 not in positions, [line for line, at in zip(EXPECTED[language], positions, strict=True) if at < 0]
    assert positions == sorted(positions)  # target gaps, then last year, then the effects


def test_gaps_against_targets_show_even_when_everything_grew_on_last_year(con, tmp_path):
    """The case the reviewer found: every dimension above last year, yet the revenue target missed."""
    con.execute("delete from marts.mart_gap_drivers where month = ? and delta_vs_ly < 0", [MONTH])
    con.execute(
        "insert into marts.mart_gap_drivers values (?, 'team', 't1', 8345.5, 7000, 1345.5, 8500, -154.5, 0.5)",
        [MONTH],
    )
    con.execute(
        "delete from marts.mart_gap_drivers where month = ? and dimension = 'team' and gap_vs_target > 0", [MONTH]
    )
    render(con, tmp_path, languages=("en",))
    section = _section((tmp_path / "2025-02" / "report.en.md").read_text(), *HEADINGS["en"])
    assert "1. Team North Stars is $154.50 below its own target ($8.3K against $8.5K)." in section
    assert "No region, channel, team or category had less revenue than in the same month last year." in section


def test_no_dimension_below_its_target_is_said(con, tmp_path):
    con.execute("update marts.mart_gap_drivers set revenue_target = null, gap_vs_target = null")
    render(con, tmp_path, languages=("en",))
    md = (tmp_path / "2025-02" / "report.en.md").read_text()
    assert "No team (nor any other dimension with a revenue target) is below its own target." in md
