"""Analysts querying the published file during a multi-month backfill see a whole state, never an error."""

from __future__ import annotations

import json

import pytest

from tests.robustness.conftest import ObservedBackfill

pytestmark = pytest.mark.slow


def as_read(state: tuple) -> dict:
    """analyst_state as the reader's JSON line holds it."""
    revenue, rows = state
    return json.loads(json.dumps({"revenue": revenue, "rows": rows}))


def test_backfill_succeeds_without_waiting_for_readers(backfill_with_readers: ObservedBackfill) -> None:
    assert backfill_with_readers.exit_code == 0, backfill_with_readers.output[-3000:]
    assert "lock" not in backfill_with_readers.output.lower()


def test_the_backfill_publishes_the_new_months(backfill_with_readers: ObservedBackfill) -> None:
    before, after = as_read(backfill_with_readers.before), as_read(backfill_with_readers.after)
    # The fixture month's completed revenue is 100.00 (tests/fixture_month.py), whatever the month.
    assert [revenue for _, revenue in before["revenue"]] == ["100.00"] * 2
    assert [revenue for _, revenue in after["revenue"]] == ["100.00"] * 4
    assert after["revenue"][:2] == before["revenue"]


def test_readers_never_fail_and_see_only_whole_states(backfill_with_readers: ObservedBackfill) -> None:
    reads = backfill_with_readers.reads
    errors = [r for r in reads if "error" in r]
    assert errors == []
    before, after = as_read(backfill_with_readers.before), as_read(backfill_with_readers.after)
    seen = [{"revenue": r["revenue"], "rows": r["rows"]} for r in reads]
    assert all(state in (before, after) for state in seen)
    # Both states were seen, in order: old until the swap, new from then on.
    switch = seen.index(after)
    assert seen[:switch] == [before] * switch and seen[switch:] == [after] * (len(seen) - switch)
    assert switch > 0
