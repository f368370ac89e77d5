"""The appendix lists failed and warning checks in full and passed checks as counts per entity;
quarantined rows and a header-only orders file are stated."""

from __future__ import annotations

import pytest

from pipelines.ingest.reasons import REASON_CODES
from tests.report.conftest import render
from tests.report.fixture_marts import MONTH, ORPHAN_REASON

WORDED_REASON = {"en": "Refers to products missing from this month's files", "zh": "引用的产品不在本月数据中"}


def _appendix(md: str) -> str:
    return md.split("## Appendix", 1)[1]


def test_only_problems_are_listed_and_passed_checks_are_counted(reports):
    appendix = _appendix(reports["en.md"])
    problems = appendix.split("#### Failed checks and warnings", 1)[1].split("####", 1)[0]
    failed = (
        "| order\\_lines | References | Reference exists | Warning | 2 "
        f"| {WORDED_REASON['en']} (column product_id, lines 7, 9) |"
    )
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
        (
            "en.md",
            "| Quarantined rows | 2 rows of order\\_lines (refers to products missing from this month's files) |",
        ),
        ("en.md", f"| order\\_lines | {WORDED_REASON['en']} | 2 |"),
        ("zh.md", f"| 隔离的数据行 | 订单明细 2 行（{WORDED_REASON['zh']}） |"),
        ("zh.md", f"| 订单明细 | {WORDED_REASON['zh']} | 2 |"),
        (
            "zh.md",
            f"| 订单明细 | 引用关系 | 引用存在 | 警告 | 2 | {WORDED_REASON['zh']}（列 product_id，第 7、9 行） |",
        ),
        (
            "en.html",
            "<tr><th>Quarantined rows</th><td>2 rows of order_lines "
            "(refers to products missing from this month's files)</td></tr>",
        ),
    ],
)
def test_quarantined_rows_and_warnings_are_worded_in_the_readers_language(reports, key, expected):
    assert expected in reports[key]
    assert ORPHAN_REASON not in reports[key]  # ingest's English message is for engineers


def test_rows_of_an_earlier_release_without_a_reason_code_keep_their_message(con, tmp_path):
    con.execute("update quarantine.order_lines set reason_code = null, reason_values = null")
    render(con, tmp_path, languages=("zh",))
    md = (tmp_path / "2025-02" / "report.zh.md").read_text()
    assert f"| 订单明细 | {ORPHAN_REASON.replace('_', chr(92) + '_')} | 2 |" in md


REASON_VALUES = {
    "unknown_reference": '{"parents": "customers,sales_reps"}',
    "volume_outside_tolerance": '{"months": 3, "median": 100, "rows": 40, "tolerance": 0.5}',
}
WORDED_VOLUME = {
    "en": "40 rows, against a median of 100 over the previous 3 months (tolerance ±50%)",
    "zh": "本月 40 行，前 3 个月的中位数为 100 行，超出 ±50% 的容差",
}
PROBLEMS_HEADING = {"en": "#### Failed checks and warnings", "zh": "#### 未通过的检查与警告"}
BOTH_PARENTS = {"en": "Refers to customers or sales reps", "zh": "引用的客户或销售人员"}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_reason_code_is_worded_in_each_language(con, tmp_path, language):
    con.execute("delete from ops.check_results where not passed")
    for code in REASON_CODES:
        con.execute(
            "insert into ops.check_results values ('run-1', date '2025-02-01', 'orders', 'contract', 'unique', "
            "'warning', false, 1, null, ?, timestamp '2025-03-01 06:00:00', ?, ?)",
            (f"english message {code}", code, REASON_VALUES.get(code)),
        )
    render(con, tmp_path, languages=(language,))
    md = (tmp_path / "2025-02" / f"report.{language}.md").read_text()
    problems = md.split(PROBLEMS_HEADING[language], 1)[1].split("\n#### ", 1)[0]
    worded = [line[:-2].rsplit(" | ", 1)[1] for line in problems.splitlines() if line.startswith("| ")][1:]
    assert len(set(worded)) == len(REASON_CODES), worded
    assert not [w for w in worded if "english message" in w or "\\_" in w]
    assert WORDED_VOLUME[language] in worded
    assert [w for w in worded if w.startswith(BOTH_PARENTS[language])]


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


def test_derived_entities_are_marked_and_said_unknown_by_name(con, tmp_path):
    # A vendor source had no customers or reps file: both were built from the ids of its sales file.
    con.executemany(
        "insert into ops.load_log values ('run-1', date '2025-02-01', ?, 'Sales.csv', 'derived', ?, 0, 0, null, "
        "timestamp '2025-03-01 06:00:00')",
        [("customers", 4), ("sales_reps", 2)],
    )
    render(con, tmp_path)
    en = _appendix((tmp_path / "2025-02" / "report.en.md").read_text())
    zh = (tmp_path / "2025-02" / "report.zh.md").read_text().split("## 附录", 1)[1]
    assert "| customers | Sales.csv | Derived | 4 | 0 | 0 |" in en
    assert (
        "Derived: the export had no customers or sales reps file, so those were built from the ids in the file "
        "shown beside them; their names and other details are unknown." in en
    )
    assert "| 销售人员 | Sales.csv | 推导生成 | 2 | 0 | 0 |" in zh
    assert "推导生成：导出中没有客户、销售人员的文件，因此根据表中所列文件里的编号生成，其名称及其他信息未知。" in zh


def test_no_derived_entity_no_sentence(reports):
    assert "Derived" not in _appendix(reports["en.md"])
