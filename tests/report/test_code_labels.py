"""Codes of the data (channels, segments, lost reasons, campaign types, check rules, ...) are
translated per language; unknown codes and CRM names are shown verbatim, escaped."""

from __future__ import annotations

from tests.report.conftest import render
from tests.report.fixture_marts import MONTH


def test_chinese_report_translates_known_codes(reports):
    zh = reports["zh.md"]
    assert "| 1 | Spring Promo | 促销 | 线上 |" in zh  # campaign type, channel
    assert "| 2 | Radio Ads | 广告 | 线下 |" in zh
    assert "| 客户细分 | 环比 | — | 中小企业：-1,000美元（-14.3%） |" in zh
    assert "| 中小企业 | 4 | 25.0 |" in zh  # satisfaction by segment
    assert "| 订单明细 | 引用关系 | 引用存在 | 警告 | 2 |" in zh  # entity, check, rule, severity
    assert "| 订单明细 | order\\_lines.csv | 已加载 | 12 | 0 | 2 |" in zh  # load status
    assert "线下渠道收入环比下降 40.0%" in zh  # a code label joins its noun without a space
    assert "竞争对手 4,000美元（4 个）、价格 600美元（1 个）、无预算 400美元（1 个）" in zh
    for code in (
        "| online |",
        "| offline |",
        "| agent |",
        "| smb |",
        "| promotion |",
        "| advertising |",
        "| reference |",
        "| warning |",
        "no\\_budget",
        "渠道 offline",
        "线下 渠道",
        "| loaded |",
    ):
        assert code not in zh


def test_html_channel_chart_uses_the_translated_names(reports):
    svg = reports["zh.html"].split('id="channel_revenue-figure_1"', 1)[1].split("</svg>", 1)[0]
    assert "线上" in svg and "代理" in svg and "agent" not in svg


def test_crm_names_stay_verbatim_in_chinese(reports):
    zh = reports["zh.md"]
    assert "Spring Promo" in zh and "North Stars" in zh and "Acme" in zh and "south" in zh


def test_unknown_codes_are_kept_and_escaped(con, tmp_path):
    con.execute(
        "update marts.mart_sales_monthly set grain_value = 'web*shop' where month = ? and grain_value = 'agent'",
        [MONTH],
    )
    con.execute("update marts.mart_campaign_performance set campaign_type = 'tv|radio' where campaign_id = 'k2'")
    render(con, tmp_path, languages=("zh",))
    zh = (tmp_path / "2025-02" / "report.zh.md").read_text()
    html = (tmp_path / "2025-02" / "report.zh.html").read_text()
    assert "| web\\*shop | US$1,345.50 |" in zh and "| tv\\|radio |" in zh
    assert "<td>tv|radio</td>" in html


def test_english_report_labels_codes_too(reports):
    en = reports["en.md"]
    assert "| 1 | Spring Promo | Promotion | Online |" in en  # campaign type, channel
    assert "| 2 | Radio Ads | Advertising | Offline |" in en
    assert "| Segment | YoY | SMB: +$1K (+20.0%) | — |" in en
    assert "| SMB | 4 | 25.0 |" in en  # satisfaction by segment
    assert "| order\\_lines | References | Reference exists | Warning | 2 |" in en  # severity is a code too
    assert "| order\\_lines | order\\_lines.csv | Loaded | 12 | 0 | 2 |" in en  # load status
    assert "| Agent | $1,345.50 | 10.9% |" in en
    assert "Competitor $4K (4), Price $600.00 (1), No budget $400.00 (1)" in en
    for code in ("| online |", "| offline |", "| agent |", "| promotion |", "| warning |", "| loaded |"):
        assert code not in en


def test_owner_roles_are_labelled_in_both_languages(reports):
    assert "| 2 | Present a recovery plan for active customers | Sales director |" in reports["en.md"]
    assert "| 3 | 回访流失客户 | 客户成功负责人 |" in reports["zh.md"]
    for report in reports.values():
        assert "sales_director" not in report and "customer_success_lead" not in report
