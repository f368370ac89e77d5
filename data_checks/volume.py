"""Row-count plausibility of a month's file against the previous months.

Plain code rather than GX's expect_table_row_count_to_be_between: the bounds come from a
median of earlier counts that must be computed in Python anyway, and GX would need the
month's frame (or a fake one) only to count its rows; this keeps the rule pure and cheap.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from data_checks.outcome import RuleOutcome

MONTHS_COMPARED = 3
WARNING = "warning"


def volume_outcome(
    entity_name: str, row_count: int, previous_counts: Sequence[int], tolerance: float = 0.5
) -> RuleOutcome:
    """Warn when `row_count` is more than `tolerance` (a fraction) away from the median of the
    last (up to 3) `previous_counts`, which are ordered oldest first."""
    compared = list(previous_counts)[-MONTHS_COMPARED:]
    if not compared:
        passed, description = True, f"row count {row_count} (no previous month to compare with)"
    else:
        median = statistics.median(compared)
        passed = abs(row_count - median) <= tolerance * median
        months = "month" if len(compared) == 1 else f"{len(compared)} months"
        description = (
            f"row count {row_count} must be within {tolerance:.0%} of {median:g}, the median of the previous {months}"
        )
    return RuleOutcome(
        entity=entity_name,
        column=None,
        rule="volume",
        severity=WARNING,
        passed=passed,
        failing_count=0,
        sample_lines=(),
        description=description,
    )
