"""Counts are exact and samples are the first lines in file order, whatever the number of failing rows.

GX's SQL engine fetches at most `partial_unexpected_count` (20) offending rows, in no order, even
with the COMPLETE result format; these cases fail when a count or a sample comes from that list.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from data_checks import runner
from data_checks.runner import validate_months
from pipelines.contract import ENTITY_BY_NAME
from tests.data_checks.extract_frames import MONTH, good_rows, validate_frame
from tests.data_checks.test_data_checks_runner_months import FEBRUARY, failures_by_month, two_months


def test_25_failing_rows_are_all_counted():
    january = [dict(good_rows("orders")[0], order_id=f"o{i}", channel="fax") for i in range(25)]  # lines 2-26
    outcomes = validate_frame("orders", two_months("orders", january, [])[::-1], [MONTH])
    (channel,) = [o for o in outcomes[MONTH] if not o.passed]
    assert (channel.rule, channel.failing_count, channel.sample_lines) == ("allowed_values", 25, (2, 3, 4, 5, 6))
    assert channel.message("2026-01/orders.csv") == (
        "2026-01/orders.csv: column channel: 25 rows violate 'channel must be one of online, offline, agent' "
        "(first lines 2, 3, 4, 5, 6)"
    )


def test_a_month_whose_rows_fail_after_the_first_20_of_the_run_is_not_passed():
    january = [dict(good_rows("orders")[0], order_id=f"o{i}", channel="fax") for i in range(30)]  # lines 2-31
    february = [dict(row, order_date=dt.date(2026, 2, 1), channel="fax") for row in good_rows("orders")]  # 2-5
    assert failures_by_month("orders", two_months("orders", january, february)) == {
        "2026-01": [("channel", "allowed_values", 30, (2, 3, 4, 5, 6))],
        "2026-02": [("channel", "allowed_values", 4, (2, 3, 4, 5))],
    }


def test_100000_failing_rows_in_shuffled_storage_order():
    """100,000 orders of 2026-01 with a bad channel on every line but 2-11, stored in a shuffled order.

    Lines 2..100011 in all; the ten good ones are lines 2-11, so the first bad lines are 12-16.
    A second month, February, has its 3 bad rows on lines 7, 8 and 9 of 9 (after 5 good ones).
    """
    entity = ENTITY_BY_NAME["orders"]
    columns = ", ".join(f'"{c.name}" {c.sql_type}' for c in entity.columns)
    flags = ", ".join(
        [f'"{c.name}__ref_found" BOOLEAN' for c in entity.columns if c.parents]
        + [f'"{c.name}__rate_found" BOOLEAN' for c in entity.columns if c.needs_rate]
    )
    with duckdb.connect() as con:
        con.execute(f"create temp table staged ({columns}, source_line BIGINT, batch_month DATE, {flags})")
        con.execute(
            """
            insert into staged
            select 'o' || i, date '2026-01-15', 'c1', 'r1', case when i < 10 then 'online' else 'fax' end,
                   null, 'completed', null, i + 2, date '2026-01-01', true, true, null, null
            from range(100010) t(i) order by hash(i)
            """
        )
        con.execute(
            """
            insert into staged
            select 'o' || i, date '2026-02-15', 'c1', 'r1', case when i < 5 then 'online' else 'web' end,
                   null, 'completed', null, i + 2, date '2026-02-01', true, true, null, null
            from range(8) t(i) order by hash(i)
            """
        )
        outcomes = validate_months(entity, con, "staged", [MONTH, FEBRUARY])
    failed = {
        m: [(o.rule, o.failing_count, o.sample_lines) for o in found if not o.passed] for m, found in outcomes.items()
    }
    assert failed == {
        MONTH: [("allowed_values", 100_000, (12, 13, 14, 15, 16))],
        FEBRUARY: [("allowed_values", 3, (7, 8, 9))],
    }


def test_a_split_by_month_that_disagrees_with_gx_fails_loudly(monkeypatch: pytest.MonkeyPatch):
    """The runner's own row predicates are checked against GX's exact count, so they cannot drift."""
    monkeypatch.setattr(runner, "unexpected_predicate", lambda config: "source_line = 2")
    january = [dict(good_rows("orders")[0], order_id=f"o{i}", channel="fax") for i in range(3)]  # lines 2-4
    with pytest.raises(RuntimeError, match="GX counted 3 unexpected rows, the split by month 1"):
        validate_frame("orders", two_months("orders", january, []), [MONTH])
