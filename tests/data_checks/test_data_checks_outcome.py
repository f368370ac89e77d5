"""RuleOutcome.message: one readable line per outcome."""

from __future__ import annotations

import pytest

from data_checks.outcome import RuleOutcome

CHANNEL_RULE = "channel must be one of online, offline, agent"


def outcome(column="channel", passed=False, failing_count=3, sample_lines=(4, 17, 22), description=CHANNEL_RULE):
    return RuleOutcome("orders", column, "allowed_values", "error", passed, failing_count, sample_lines, description)


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (
            outcome(),
            "orders.csv: column channel: 3 rows violate 'channel must be one of online, offline, agent' "
            "(lines 4, 17, 22)",
        ),
        (
            outcome(failing_count=1, sample_lines=(9,)),
            "orders.csv: column channel: 1 row violates 'channel must be one of online, offline, agent' (line 9)",
        ),
        (
            outcome(failing_count=8, sample_lines=(2, 3, 5, 8, 13)),
            "orders.csv: column channel: 8 rows violate 'channel must be one of online, offline, agent' "
            "(first lines 2, 3, 5, 8, 13)",
        ),
        (
            outcome(
                column=None,
                failing_count=2,
                sample_lines=(2, 3),
                description="(order_id, line_no) must be unique",
            ),
            "orders.csv: 2 rows violate '(order_id, line_no) must be unique' (lines 2, 3)",
        ),
        (
            outcome(failing_count=0, sample_lines=(), description="channel must be present"),
            "orders.csv: column channel: failed 'channel must be present'",
        ),
        (
            outcome(passed=True, failing_count=0, sample_lines=()),
            "orders.csv: column channel: passed 'channel must be one of online, offline, agent'",
        ),
    ],
)
def test_message(result, message):
    assert result.message("orders.csv") == message
