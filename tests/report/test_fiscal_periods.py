"""Quarter- and year-to-date figures (mart_period_to_date) in the summary and parts 1.1 and 2.1,
with the fiscal period named as finance names it."""

from __future__ import annotations

import pytest

from tests.report.conftest import render
from tests.report.fixture_marts import MONTH


@pytest.mark.parametrize(
    ("language", "said"),
    [
        # fixture: QTD 26,345.5 against 28,000 (94.1 %) and 21,000 a year earlier (+25.5 %); YTD 149,245.5
        ("en", "- Revenue FY2027 Q2 to date: $26.3K, 94.1% of its $28K target, +25.5% on the same period last year; "),
        ("zh", "- 2027财年第二季度累计收入 2.63万美元，为目标 2.8万美元的 94.1%，较去年同期增长 25.5%；"),
    ],
)
def test_the_summary_names_the_fiscal_quarter(con, tmp_path, language, said) -> None:
    con.execute("update marts.mart_period_to_date set fiscal_year = 2027, fiscal_quarter = 2")
    render(con, tmp_path, languages=(language,))
    md = (tmp_path / f"{MONTH:%Y-%m}" / f"report.{language}.md").read_text()
    summary = md.split("## ", 2)[1]
    assert said in summary


def test_target_part_lists_only_spans_with_a_target(reports) -> None:
    targets = reports["en.md"].split("### 2.1", 1)[1].split("### 2.2", 1)[0]
    assert "| Revenue | FY2025 Q4 to date | $28,000 | $26,345.50 | 94.1% |" in targets
    assert "| New customers | FY2025 Q4 to date | 6 | 5 | 83.3% |" in targets
    assert "to date" not in targets.replace("Q4 to date", "")  # neither orders nor any YTD has a target


def test_no_complete_span_shows_nothing(con, tmp_path) -> None:
    con.execute("update marts.mart_period_to_date set revenue_qtd = null, orders_qtd = null, new_customers_qtd = null")
    con.execute("update marts.mart_period_to_date set revenue_ytd = null, orders_ytd = null, new_customers_ytd = null")
    con.execute("update marts.mart_period_to_date set revenue_target_qtd = null, new_customers_target_qtd = null")
    render(con, tmp_path, languages=("en",))
    md = (tmp_path / f"{MONTH:%Y-%m}" / "report.en.md").read_text()
    assert "to date" not in md
