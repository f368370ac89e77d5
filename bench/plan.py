"""Which months each measurement uses, from the number of history months."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.months import months_between

HISTORY_CHECKPOINTS = (12, 24, 36)


@dataclass(frozen=True)
class Plan:
    """`months` of history plus one more month folder, the month that is run on top of it."""

    all_months: tuple[str, ...]

    @property
    def history(self) -> list[str]:
        return list(self.all_months[:-1])

    @property
    def checkpoints(self) -> list[int]:
        """Loaded-history sizes after which one new month is timed (those the data allows)."""
        return [c for c in HISTORY_CHECKPOINTS if c <= len(self.history)]

    def history_segments(self) -> list[tuple[str, str, str]]:
        """(first, last) months to backfill before each checkpoint, and the month timed after it."""
        segments, loaded = [], 0
        for checkpoint in self.checkpoints:
            segments.append((self.all_months[loaded], self.all_months[checkpoint - 1], self.all_months[checkpoint]))
            loaded = checkpoint + 1
        return segments


def plan_for(first_month: str, last_month: str) -> Plan:
    return Plan(tuple(months_between(first_month, last_month)))
