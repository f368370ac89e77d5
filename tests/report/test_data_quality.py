"""The appendix lists failed and warning checks in full and passed checks as counts per entity;
quarantined rows and a header-only orders file are stated."""

from __future__ import annotations

import pytest

from tests.report.conftest import render
from tests.report.fixture_marts import MONTH, ORPHAN_REASON

ESCAPED_REASON = ORPHAN_REASON.replace("_", "\\_")


def _appendix(md: str) -> str:
    return md.split("## Appendix", 1)[1]


def test_only_problems_are_listed_and_passed_checks_are_counted(reports):
    appendix = _appendix(reports["en.md"])
    problems = appendix.split("#### Failed checks and warnings", 1)[1].split("####", 1)[0]
    failed = "| order\\_lines | References | Reference exists | Warning | 2 | orphan product\\_id quarantined |"
    assert failed in problems
    assert "not empty" not in problems and "file readable" not in problems  # passed checks are not listed
    by_entity = appendix.split("#### Checks by entity", 1)[1].split("####", 1)[0]
    assert "| Entity | Checks passed | Warnings | Failed |" in by_entity
    assert "| order\\_lines | 1 | 1 | 0 |" in by_entity and "| orders | 3 | 0 | 0 |" in by_entity


def test_every_check_passed_is_said(con, tmp_path):
    con.execute("update ops.check_results set passed = true, failing_count = 0")
    render(con, tmp_path, languages=("en",))
    appendix = _appendix((tmp_path / "2025-02" / "report.en.md").read_text())
    assert "Every check of the month passed." in appendix
    assert "| order\\_lines | 2 | 0 | 0 |" in appendix


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("en.md", f"| Quarantined rows | 2 rows of order\\_lines ({ESCAPED_REASON}) |"),
        ("en.md", f"| order\\_lines | {ESCAPED_REASON} | 2 |"),
        ("zh.md", f"| 隔离的数据行 | 订单明细 2 行（{ESCAPED_REASON}） |"),
        ("en.html", f"<tr><th>Quarantined rows</th><td>2 rows of order_lines ({ORPHAN_REASON})</td></tr>"),
    ],
)
def test_quarantined_rows_of_the_month_are_stated(reports, key, expected):
    assert expected in reports[key]


def test_a_month_without_quarantined_rows_says_none(con, tmp_path):
    con.execute("delete from quarantine.order_lines where batch_month = date '2025-02-01'")
    render(con, tmp_path, languages=("en",))
    md = (tmp_path / "2025-02" / "report.en.md").read_text()
    assert "| Quarantined rows | none |" in md
    assert "No rows of this month were quarantined." in md


@pytest.fixture
def header_only_orders(con):
    """The month's orders.csv had a header and no rows: the marts hold an all-zero company row."""
    con.execute("update raw.extract_files set row_count = 0 where entity = 'orders' and batch_month = ?", [MONTH])
    con.execute("delete from marts.fct_orders where month = ?", [MONTH])
    con.execute("delete from marts.mart_sales_monthly where month = ? and grain <> 'company'", [MONTH])
    con.execute(
        "update marts.mart_sales_monthly set revenue = 0, orders = 0, aov = null, active_customers = 0, "
        "cancelled_orders = 0, returned_orders = 0, returned_revenue = 0 where month = ?",
        [MONTH],
    )
    return con


@pytest.mark.parametrize(
    ("language", "said", "part1_end"),
    [
        ("en", "The orders file of February 2025 has a header but no rows: the month has no orders", "## 2."),
        ("zh", "2025年2月的订单文件只有表头、没有数据行：本月没有订单", "## 二、"),
    ],
)
def test_header_only_orders_file_says_there_are_no_orders(header_only_orders, tmp_path, language, said, part1_end):
    render(header_only_orders, tmp_path, languages=(language,))
    md = (tmp_path / "2025-02" / f"report.{language}.md").read_text()
    sales = md.split("### 1.1", 1)[1].split("#### ", 1)[0]  # 1.1 and 1.2 up to the trend
    assert sales.count(said) == 2
    assert "$" not in sales and "Cancelled orders" not in sales and "取消订单" not in sales
    html = (tmp_path / "2025-02" / f"report.{language}.html").read_text()
    assert said in html and 'class="cards"' not in html
