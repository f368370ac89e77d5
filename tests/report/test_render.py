"""The rendered report: structure, numbers, missing inputs, escaping, self-contained HTML."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from tests.report.conftest import render
from tests.report.fixture_marts import MONTH

HEADINGS = {
    "en": [
        "## Executive summary",
        "## 1. Data analysis",
        "### 1.1 Sales summary",
        "### 1.2 Comparison: growth and decline",
        "#### 13-month revenue trend",
        "### 1.3 Customers",
        "#### Customer satisfaction",
        "## 2. Target attainment",
        "### 2.1 Company targets vs actual",
        "### 2.2 Attainment by team and rep",
        "### 2.3 Why targets were missed",
        "#### Target bridge: where the revenue gap comes from",
        "## 3. Strategy evaluation",
        "### 3.1 Marketing",
        "### 3.2 Channels",
        "### 3.3 Team strategy",
        "## 4. Team performance",
        "### 4.1 Teams",
        "### 4.2 Individuals",
        "#### Top performers",
        "#### Needing support",
        "#### All reps",
        "### 4.3 Collaboration",
        "## 5. Next-month plan",
        "### 5.1 Proposed targets",
        "### 5.2 Strategy",
        "### 5.3 Action plan",
        "### 5.4 Follow-up of last month",
        "## Appendix",
        "### Further findings and actions",
        "### Report details",
        "### Data-quality results",
        "### Definitions",
        "### How to reproduce the numbers",
    ],
    "zh": [
        "## 摘要",
        "## 一、数据分析",
        "### 1.1 销售概况",
        "### 1.2 对比分析：增长与下降",
        "#### 近 13 个月收入趋势",
        "### 1.3 客户分析",
        "#### 客户满意度",
        "## 二、目标达成情况",
        "### 2.1 公司目标与实际",
        "### 2.2 团队与个人达成率",
        "### 2.3 未达成原因分析",
        "#### 目标差距分解：收入缺口从何而来",
        "## 三、策略评估",
        "### 3.1 市场营销",
        "### 3.2 渠道",
        "### 3.3 团队策略",
        "## 四、团队表现",
        "### 4.1 团队",
        "### 4.2 个人",
        "#### 优秀销售",
        "#### 需要支持的销售",
        "#### 全部销售",
        "### 4.3 协作",
        "## 五、未来规划",
        "### 5.1 下月目标建议",
        "### 5.2 策略建议",
        "### 5.3 行动计划",
        "### 5.4 上月行动跟进",
        "## 附录",
        "### 其他发现与行动",
        "### 报告信息",
        "### 数据质量检查结果",
        "### 指标定义",
        "### 如何复现这些数字",
    ],
}
OPTIONAL = {
    "targets": "mart_target_attainment",
    "campaigns": "mart_campaign_performance",
    "surveys": "mart_satisfaction_monthly",
    "market": "mart_market_share",
    "opportunities": ("mart_pipeline_monthly", "mart_lost_reasons_monthly"),
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_part_and_sub_part_in_order(reports, language):
    md = reports[f"{language}.md"]
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert [h for h in headings if h in HEADINGS[language]] == HEADINGS[language]
    html = reports[f"{language}.html"]
    for heading in HEADINGS[language]:
        level, text = heading.split(" ", 1)
        assert f"<h{len(level)}>{text}</h{len(level)}>" in html


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("en.md", "| Revenue | $12.3K | $14K | -11.8% | $11K | +12.2% |"),  # cards: compact
        ("zh.md", "| 收入 | 1.23万美元 | 1.4万美元 | -11.8% | 1.1万美元 | +12.2% |"),
        ("en.md", "| Average order value | $1.4K | $1K | +37.2% | $1.1K | +24.7% |"),
        ("en.md", "| Region | MoM | north: +$1.3K (+22.4%) | south: -$3K (-37.5%) |"),
        ("zh.md", "| 区域 | 环比 | north：+1,345.50美元（+22.4%） | south：-3,000美元（-37.5%） |"),
        ("en.md", "| Churn rate | 20.0% | 10.0% | +10.0 pp |"),
        ("zh.md", "| 流失率 | 20.0% | 10.0% | +10.0个百分点 |"),
        ("en.md", "| Revenue | $15,000 | $12,345.50 | 82.3% | -$2,654.50 |"),  # tables: full; targets whole
        ("en.md", "at or above 100%: 1; 80–100%: 1; below 80%: 1; without a revenue target: 1."),
        ("en.md", "| Hired in the last 6 months | 1 | $2,345.50 | 93.8% |"),
        ("en.md", "| Tenured | 3 | $3,333.33 | 85.0% |"),
        ("en.md", "| Revenue | $13,200 | $16,000 |"),
        ("en.md", "Total campaign spend was $3K (previous month $2.5K)."),
        ("en.md", "top competitors: Acme ($3K, 3), Globex ($1K, 1)."),
        ("en.md", "Lost value by reason: Competitor $4K (4), Price $600.00 (1)"),
        ("en.md", "1. Team \\*x\\* \\| y: -$1.5K vs last year ($4K against $5.5K)"),
        (
            "en.md",
            "| Data quality | Passed with warnings (4 of 5 checks passed; failed: 0 errors, 1 warnings) |",
        ),
        ("en.md", "| Pipeline review with team \\*x\\* \\| y | Bob Stone | 2025-03-15 |"),
        ("en.md", "| Team \\*x\\* \\| y | $6,000 | $4,000.00 | $4,000 | +$2,000.00 |"),
        ("en.md", "| Shortfall against the company target |  |  |  | +$2,654.50 |"),
    ],
)
def test_numbers_are_formatted_for_the_language(reports, key, expected):
    assert expected in reports[key]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("en.md", "| Agent | $1,345.50 | 10.9% | -32.7% | — | 1 | $1,345.50 |"),
        ("zh.md", "| 代理 | US$1,345.50 | 10.9% | -32.7% | — | 1 | US$1,345.50 |"),
        ("en.md", "| February 2024 | $11,000.00 | — |"),
        ("en.html", '<span class="delta na">—</span>'),
    ],
)
def test_undefined_values_print_a_dash(reports, key, expected):
    assert expected in reports[key]


def test_missing_optional_files_are_named_not_invented(con, tmp_path):
    con.execute(
        "update raw.extract_files set provided = false where batch_month = ? and entity in "
        "('targets', 'campaigns', 'surveys', 'market', 'opportunities')",
        [MONTH],
    )
    for tables in OPTIONAL.values():
        for table in (tables,) if isinstance(tables, str) else tables:
            con.execute(f"delete from marts.{table} where month = ?", [MONTH])
    render(con, tmp_path)
    en = (tmp_path / "2025-02" / "report.en.md").read_text()
    zh = (tmp_path / "2025-02" / "report.zh.md").read_text()
    for entity, en_data, zh_data in (
        ("targets", "targets", "目标"),
        ("campaigns", "campaigns", "营销活动"),
        ("surveys", "survey responses", "问卷"),
        ("market", "market data", "市场"),
        ("opportunities", "opportunities", "商机"),
    ):
        assert entity in OPTIONAL
        assert f"Not provided: this month's extract has no {en_data}, so this section has no numbers." in en
        assert f"本月未提供{zh_data}数据，本节暂无数字。" in zh
    assert ".csv" not in en.split("## Appendix")[0] and ".csv" not in zh.split("## 附录")[0]
    assert "Total campaign spend" not in en and "Win rate fell" not in en


def test_without_targets_no_sentence_counts_what_was_never_given(con, tmp_path):
    """No targets file: no "0 reps are below 80 %", no "no rep reached the threshold"; one line says
    which file would tell."""
    con.execute("update raw.extract_files set provided = false where batch_month = ? and entity = 'targets'", [MONTH])
    for table in ("mart_target_attainment", "mart_target_bridge", "mart_target_flags"):
        con.execute(f"delete from marts.{table} where month = ?", [MONTH])
    con.execute("update marts.mart_rep_performance set revenue_target = null, revenue_attainment = null")
    con.execute("update marts.mart_team_performance set revenue_target = null, revenue_attainment = null")
    con.execute(
        "update marts.mart_rep_attainment_bands set reps_at_or_above_target = 0, reps_between_lagging_and_target = 0, "
        "reps_below_lagging = 0, reps_without_target = 4, lowest_attainment = null, median_attainment = null, "
        "highest_attainment = null"
    )
    render(con, tmp_path)
    en = (tmp_path / "2025-02" / "report.en.md").read_text()
    zh = (tmp_path / "2025-02" / "report.zh.md").read_text()
    for sentence in ("reps are below", "rep is below", "No rep reached", "Reps by revenue attainment", "ranges from"):
        assert sentence not in en
    for sentence in ("没有销售的收入达成率低于", "本月没有销售达到", "按收入达成率统计"):
        assert sentence not in zh
    assert en.count("Not provided: this month's extract has no targets, so this section has no numbers.") >= 4
    assert "Top performers" in en and "Revenue was $12.3K in February 2025: +12.2% on the same month last year" in en


def test_month_without_any_data_renders_without_numbers(con, tmp_path):
    out = render_month(con, tmp_path, dt.date(2023, 12, 1))
    en = out.read_text()
    assert "There are no completed orders in this month." in en
    assert "Not provided: this month's extract has no targets" in en
    assert "$" not in en.split("## 2.")[0].split("### 1.2")[0]  # no invented sales figures


def render_month(con, tmp_path, month):
    render(con, tmp_path, languages=("en",), month=month)
    return tmp_path / f"{month:%Y-%m}" / "report.en.md"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_crm_text_is_escaped_in_markdown(reports, language):
    md = reports[f"{language}.md"]
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>alert(1)\</script\>" in md
    assert r"\*x\* \| y" in md
    assert r"> Focus on \*enterprise\* \| push \<b\>bold\</b\>" in md
    assert "> \\- call \\[Acme\\](http://evil.example)\n> \\# not a heading" in md


@pytest.mark.parametrize("language", ["en", "zh"])
def test_crm_text_is_escaped_in_html(reports, language):
    html = reports[f"{language}.html"]
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Focus on *enterprise* | push &lt;b&gt;bold&lt;/b&gt;</blockquote>" in html


class _TagChecker(HTMLParser):
    """Checks that every non-void element is closed in order."""

    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_html_is_well_formed_and_self_contained(reports, language):
    html = reports[f"{language}.html"]
    assert html.startswith("<!DOCTYPE html>")
    checker = _TagChecker()
    checker.feed(html)
    assert checker.errors == [] and checker.stack == []
    # trend, customer flow, team attainment, rep attainment, ROAS, channels, the target bridge and the
    # sparklines of the four KPI cards
    assert html.count("<svg") == 11
    assert not re.search(
        r"<(script|link|img|iframe)\b|\bsrc=|@import|url\((?!#)", html
    )  # url(#id) is an in-page reference
    assert "Noto Sans CJK SC" in html and "break-inside: avoid" in html
    assert all(f'href="#{part}"' in html for part in ("part1", "part5", "appendix"))  # the contents
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_markdown_summary_has_headline_kpis(con, tmp_path):
    summary = render(con, tmp_path, languages=("en",)).markdown_summary
    assert "- Revenue: $12,345.50 (MoM -11.8%, YoY +12.2%)" in summary
    assert "- Active customers: 8 (MoM -20.0%, YoY 0.0%)" in summary


def test_only_requested_languages_are_written(con, tmp_path):
    out = render(con, tmp_path, languages=("zh",))
    assert sorted(p.name for p in out.paths) == ["report.zh.html", "report.zh.md"]
    with pytest.raises(ValueError, match="fr"):
        render(con, tmp_path, languages=("fr",))
