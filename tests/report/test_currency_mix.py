"""Revenue in several currencies (mart_currency_mix_monthly): its table in part 1.1 and the change at
constant currency (mart_sales_monthly's *_cc) in the summary, in both languages."""

from __future__ import annotations

import pytest

from tests.report.conftest import render
from tests.report.fixture_marts import MONTH

# The fixture's 12,345.50 of February 2025 split: 10,000 USD and 2,100 EUR at 1.1643 (2,345.50 USD);
# YoY (12,345.50 - 11,000) / 11,000 = +12.2 % as reported, 0.138318 at last year's rates: -1.6 pp from
# exchange rates.
SECOND_CURRENCY = """
delete from marts.mart_currency_mix_monthly;
insert into marts.mart_currency_mix_monthly values
    (date '2025-02-01', 'USD', true, 100, 10000, 10000, 0.810011, 1, 1, 1, 1, 0, 0),
    (date '2025-02-01', 'EUR', false, 20, 2100, 2345.5, 0.189989, 1.116904762, 1.1643, 1.15, 1.2, 0.012435, -0.029750);
alter table marts.mart_sales_monthly add column revenue_mom_pct_cc double;
alter table marts.mart_sales_monthly add column revenue_yoy_pct_cc double;
update marts.mart_sales_monthly set revenue_yoy_pct_cc = 0.138318, revenue_mom_pct_cc = 0.01 where grain = 'company';
"""


@pytest.mark.parametrize(
    ("language", "summary", "row", "sentence"),
    [
        (
            "en",
            "- At constant currency revenue was +13.8% on the same month last year, against +12.2% as reported: "
            "-1.6 pp from exchange rates.",
            "| EUR | 20 | €2,100.00 | 1.116905 | $2,345.50 | 19.0% | -3.0% |",
            "At last year's rates revenue changed +13.8% on the same month last year (+12.2% as reported: -1.6 pp "
            "from exchange rates); at last month's rates +1.0% on the previous month",
        ),
        (
            "zh",
            "- 按固定汇率计算，收入同比 +13.8%，按报告汇率为 +12.2%：汇率影响 -1.6个百分点。",
            "| EUR | 20 | €2,100.00 | 1.116905 | US$2,345.50 | 19.0% | -3.0% |",
            "按去年同月汇率计算，收入同比变化 +13.8%（按报告汇率为 +12.2%，汇率影响 -1.6个百分点）",
        ),
    ],
)
def test_a_second_currency_shows_its_table_and_the_constant_currency_change(
    con, tmp_path, language, summary, row, sentence
) -> None:
    con.execute(SECOND_CURRENCY)
    render(con, tmp_path, languages=(language,))
    md = (tmp_path / f"{MONTH:%Y-%m}" / f"report.{language}.md").read_text()
    head, rest = md.split("## ", 2)[1], md.split("### 1.2", 1)[0]
    assert summary in head
    assert row in rest
    assert sentence in rest


def test_one_currency_shows_no_currency_section(reports) -> None:
    assert "constant currency" not in reports["en.md"]
    assert "| Currency | Orders |" not in reports["en.md"]
