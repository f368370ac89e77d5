"""One run at a time: a lock file next to the warehouse, held by a run from its start to its end.

DuckDB lets one process write the file, and a run is several steps (ingest, dbt's subprocess,
the analysts' copy, the report) that each open and close it: without a lock over the whole run,
a second run could write between two steps of the first. The lock is an flock on
`<warehouse>.run-lock`, so the kernel releases it when the holding process dies, even by kill -9;
the file names the holder (run id, pid, start time) for the runs that wait, and is emptied on
release, so a holder still named when the lock is free is a run that was killed.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

POLL_SECONDS = 0.5


@dataclass(frozen=True)
class LockHolder:
    run_id: str
    pid: int
    started_at: str

    def describe(self) -> str:
        return f"run {self.run_id} (pid {self.pid}, since {self.started_at})"


class WarehouseBusy(Exception):
    """The warehouse stayed held by another run or process for the whole wait."""


def lock_path(duckdb_path: Path) -> Path:
    return duckdb_path.with_name(duckdb_path.name + ".run-lock")


def busy_message(duckdb_path: Path, analyst_path: Path, holder: str, waited: float, then: str) -> str:
    """What a run says when it gave up waiting: who holds the warehouse, and where readers belong."""
    return (
        f"the warehouse {duckdb_path} is held by {holder}; waited {waited:g} s "
        f"(SALES_RUN_LOCK_TIMEOUT_SECONDS) and gave up: {then}. Only one run at a time may use the "
        f"warehouse; to query the marts, open the analysts' copy {analyst_path} (SALES_ANALYST_DUCKDB_PATH), "
        "which a run never locks."
    )


@contextmanager
def hold_run_lock(
    path: Path, run_id: str, timeout: float, waiting: Callable[[LockHolder | None], None]
) -> Iterator[LockHolder | None]:
    """Hold the lock for `run_id`, waiting up to `timeout` seconds (`waiting` is told once, with the holder).

    Yields the holder the file still named when the lock was taken: a run that died holding it.
    Raises TimeoutError, with the holder (or None) as its argument, when the wait runs out.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = read_holder(path)
                if time.monotonic() >= deadline:
                    raise TimeoutError(holder) from None
                if not told:
                    waiting(holder)
                    told = True
                time.sleep(POLL_SECONDS)
        stale = read_holder(path)
        _write(handle, json.dumps(asdict(LockHolder(run_id, os.getpid(), _now()))))
        try:
            yield stale
        finally:
            _write(handle, "")
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_holder(path: Path) -> LockHolder | None:
    """The holder the lock file names; None when it is empty or half-written (a holder is writing it)."""
    try:
        return LockHolder(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write(handle, text: str) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(text)
    handle.flush()
    os.fsync(handle.fileno())


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
