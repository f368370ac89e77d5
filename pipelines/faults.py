"""Fault injection for the kill-safety tests: stop at a named point so a test can `kill -9` there.

Inactive unless the settings carry a FaultPlan (SALES_FAULT_PAUSE_AT and SALES_FAULT_MARKER).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

POINTS = ("ingest_commit", "analyst_swap")


@dataclass(frozen=True)
class FaultPlan:
    pause_at: str
    marker: Path


def pause_point(plan: FaultPlan | None, name: str) -> None:
    """When the plan pauses at `name`: write its marker file, then wait to be killed."""
    if plan is None or plan.pause_at != name:
        return
    plan.marker.write_text(name)
    while True:
        time.sleep(1)
