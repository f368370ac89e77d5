"""A month sold in three currencies is converted at each amount's own rate, rounded once; a currency
without a rate fails the month and publishes nothing.

Over a copy of the built project (two fixture months published, USD only), the second month is
re-delivered with an fx_rates file alone (EUR 1.0, CNY 0.14 as month rates) and the third month is
landed in three currencies with its rates:
- O1 (the 3rd, CNY): no rate that day, so the 2nd's daily 0.145: 18.00 x 0.145 = 2.61 and
  5.50 x 0.145 = 0.7975.
- O2 (the 10th, EUR): the month rate 1.1: 60.00 x 1.1 = 66.00.
- O4 (the 20th, CNY): the 18th's daily 0.1433393939: 16.50 x 0.1433393939 = 2.36509999935.
- O3 (cancelled) and O5 (returned) stay USD; campaign K1 spends 30.00 EUR = 33.00 USD.
Revenue = 2.61 + 0.7975 + 66.00 + 2.36509999935 = 71.77259999935 -> 71.77, rounded once: rounding
each line first would give 2.61 + 0.80 + 66.00 + 2.37 = 71.78.
At the second month's rates: 40.00 CNY x 0.14 = 5.60 and 60.00 EUR x 1.0 = 60.00, so 65.60 against
its 100.00: MoM at constant currency (65.60 - 100) / 100 = -0.344, as reported from the unrounded
amount (71.7726 - 100) / 100 = -0.282274.
"""

from __future__ import annotations

from decimal import Decimal

import dagster as dg
import duckdb
import pytest

from bench.recompute_revenue import month_revenue
from tests.fixture_month import month_rows, write_month
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.conftest import BuiltProject
from tests.robustness.projects import copy_project, published_fingerprint

pytestmark = pytest.mark.slow


def _third_month_in_three_currencies(month: str) -> dict[str, list[dict[str, object]]]:
    rows = month_rows(month)
    currencies = {"O1": "CNY", "O2": "EUR", "O4": "CNY"}
    for order in rows["orders"]:
        order["currency"] = currencies.get(order["order_id"], "")
    rows["campaigns"][0]["currency"] = "EUR"
    rows["fx_rates"] = [
        {"currency": "EUR", "month": month, "rate_date": "", "rate_to_reporting": "1.1"},
        {"currency": "CNY", "month": "", "rate_date": f"{month}-02", "rate_to_reporting": "0.145"},
        {"currency": "CNY", "month": "", "rate_date": f"{month}-18", "rate_to_reporting": "0.1433393939"},
    ]
    return rows


@pytest.fixture(scope="module")
def converted(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = copy_project(built_project.root, tmp_path_factory.mktemp("currencies") / "project")
    first, second, third = built_project.months[:3]
    rows = month_rows(second)
    rows["fx_rates"] = [
        {"currency": "EUR", "month": second, "rate_date": "", "rate_to_reporting": "1.0"},
        {"currency": "CNY", "month": second, "rate_date": "", "rate_to_reporting": "0.14"},
    ]
    write_month(root / "landing", second, rows)
    write_month(root / "landing", third, _third_month_in_three_currencies(third))
    result = run_months(definitions_for(project_env(root, first)), second, third, dg.DagsterInstance.ephemeral())
    return {"root": root, "month": third, "result": result}


def _query(root, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_revenue_is_each_line_at_its_own_rate_rounded_once(converted: dict) -> None:
    assert converted["result"].success
    month = f"{converted['month']}-01"
    assert _query(
        converted["root"],
        "select revenue, revenue_prev, revenue_mom_pct, revenue_at_prev_month_rates, revenue_mom_pct_cc "
        "from marts.mart_sales_monthly where grain = 'company' and month = ?",
        month,
    ) == [(Decimal("71.77"), Decimal("100.00"), Decimal("-0.282274"), Decimal("65.60"), Decimal("-0.344000"))]
    # the independent recomputation from the files agrees (bench/recompute_revenue.py)
    assert month_revenue(converted["root"] / "landing", converted["month"]) == Decimal("71.77")
    assert _query(
        converted["root"],
        "select order_id, line_no, currency, fx_rate, line_revenue_transaction, line_revenue "
        "from marts.fct_order_lines where month = ? and status = 'completed' order by order_id, line_no",
        month,
    ) == [
        ("O1", 1, "CNY", Decimal("0.1450000000"), Decimal("18.0000000000"), Decimal("2.6100000000")),
        ("O1", 2, "CNY", Decimal("0.1450000000"), Decimal("5.5000000000"), Decimal("0.7975000000")),
        ("O2", 1, "EUR", Decimal("1.1000000000"), Decimal("60.0000000000"), Decimal("66.0000000000")),
        ("O4", 1, "CNY", Decimal("0.1433393939"), Decimal("16.5000000000"), Decimal("2.3650999994")),
    ]


def test_the_currency_mix_and_the_campaign_keep_their_own_amounts(converted: dict) -> None:
    root, month = converted["root"], f"{converted['month']}-01"
    assert _query(
        root,
        "select currency, orders, revenue_transaction, revenue, revenue_share from marts.mart_currency_mix_monthly "
        "where month = ? order by currency",
        month,
    ) == [
        # 2.61 + 0.7975 + 2.3651 = 5.7726 -> 5.77; shares of 71.7726: 0.080429 and 0.919571
        ("CNY", 2, Decimal("40.00"), Decimal("5.77"), Decimal("0.080429")),
        ("EUR", 1, Decimal("60.00"), Decimal("66.00"), Decimal("0.919571")),
    ]
    assert _query(
        root,
        "select currency, spend_transaction, spend from marts.mart_campaign_performance where month = ?",
        month,
    ) == [("EUR", Decimal("30.00"), Decimal("33.00"))]


def test_the_report_shows_the_currencies_and_the_constant_currency_change(converted: dict) -> None:
    report = (converted["root"] / "reports" / converted["month"] / "report.en.md").read_text(encoding="utf-8")
    assert "| EUR | 1 | €60.00 | 1.100000 | $66.00 | 92.0% | — |" in report  # no rate a year ago
    assert (
        "At last month's rates revenue changed -34.4% on the previous month (-28.2% as reported: +6.2 pp from "
        "exchange rates); last year's rates are not known, so there is no constant-currency change on last year."
    ) in report


def test_a_currency_without_a_rate_fails_the_month_and_publishes_nothing(
    built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = copy_project(built_project.root, tmp_path_factory.mktemp("missing_rate") / "project")
    first, third = built_project.months[0], built_project.months[2]
    rows = _third_month_in_three_currencies(third)
    rows["orders"][1]["currency"] = "GBP"  # O2, line 3 of orders.csv; the folder has no GBP rate
    write_month(root / "landing", third, rows)
    before = published_fingerprint(root)
    result = run_months(
        definitions_for(project_env(root, first)), third, third, dg.DagsterInstance.ephemeral(), raise_on_error=False
    )
    assert not result.success
    assert published_fingerprint(root) == before
    [message] = _query(
        root,
        "select message from ops.check_results where rule = 'fx_rate' and not passed and batch_month = ?",
        f"{third}-01",
    )[0]
    assert message == (
        f"{third}/orders.csv, column currency: 1 row violates 'currency must have a rate in the fx_rates of {third} "
        "(none for GBP)' (line 3)"
    )
    [failure] = result.get_step_failure_events()
    error = failure.step_failure_data.user_failure_data or failure.step_failure_data.error
    assert "none for GBP" in (getattr(error, "description", None) or error.message)
