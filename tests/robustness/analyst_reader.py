"""An analyst querying the published file in a loop while the pipeline runs (run as a subprocess).

Usage: python -m tests.robustness.analyst_reader ANALYST_DB RESULTS_JSONL STOP_FILE
Each query opens the file read-only, reads, closes; every result and every error is one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tests.robustness.projects import analyst_state


def main(analyst: Path, results: Path, stop: Path) -> None:
    with results.open("w") as out:
        while not stop.exists():
            started = time.time()
            try:
                revenue, rows = analyst_state(analyst)
                record = {"at": started, "revenue": revenue, "rows": rows}
            except Exception as err:  # every failure is what this reader is here to record
                record = {"at": started, "error": f"{type(err).__name__}: {err}"}
            out.write(json.dumps(record) + "\n")
            out.flush()
            time.sleep(0.02)


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:4]))
