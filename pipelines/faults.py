"""Fault injection for the kill-safety tests: stop at a named point so a test can `kill -9` there.

Inactive unless SALES_FAULT_PAUSE_AT names the point; read at the point, never at import.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = ("ingest_commit", "analyst_swap")


def pause_point(name: str) -> None:
    """When SALES_FAULT_PAUSE_AT == name: write the marker file SALES_FAULT_MARKER, then wait to be killed."""
    if os.environ.get("SALES_FAULT_PAUSE_AT") != name:
        return
    Path(os.environ["SALES_FAULT_MARKER"]).write_text(name)
    while True:
        time.sleep(1)
