"""Dagster resources: the DuckDB warehouse with the project's settings, held for the whole run, and dbt."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import dagster as dg
import duckdb

from pipelines.run_lock import POLL_SECONDS, LockHolder, WarehouseBusy, busy_message, hold_run_lock, lock_path
from pipelines.settings import Settings

# DuckDB's words when another process has the file: "Conflicting lock is held in <program> (PID <n>)".
DUCKDB_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


@dataclass(frozen=True)
class SalesWarehouse:
    """The run's settings and short-lived connections to the warehouse they name.

    A plain object (assets take it as `dg.ResourceParam[SalesWarehouse]`): its configuration is the
    Settings, read once from the environment when the code location loads, not Dagster run config.
    """

    settings: Settings

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection: closed on exit so the dbt subprocess can take the file lock.

        While another process has the file open (a reader that should use the analysts' copy), waits
        up to SALES_RUN_LOCK_TIMEOUT_SECONDS, then raises WarehouseBusy naming that process.
        """
        path = self.settings.duckdb_path
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = self._open(read_only)
        try:
            yield con
        finally:
            con.close()

    def _open(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.settings.run_lock_timeout_seconds
        while True:
            try:
                return duckdb.connect(
                    str(self.settings.duckdb_path),
                    read_only=read_only,
                    # Nothing may reach for the network: extensions come only from the wheel.
                    config={
                        "autoinstall_known_extensions": False,
                        "autoload_known_extensions": False,
                        # DuckDB would cache up to 80 % of RAM; a cap makes large months spill to disk instead.
                        "memory_limit": self.settings.duckdb_memory_limit,
                    },
                )
            except duckdb.IOException as error:
                held = DUCKDB_HOLDER.search(str(error))
                if held is None:
                    raise
                if time.monotonic() >= deadline:
                    holder = f"process {held['pid']} ({held['program']}), which has the file open in DuckDB"
                    raise WarehouseBusy(self.busy(holder, "close it, then start this run again")) from None
                time.sleep(POLL_SECONDS)

    def busy(self, holder: str, then: str) -> str:
        """The message of a run that gave up waiting for `holder`."""
        settings = self.settings
        return busy_message(
            settings.duckdb_path, settings.analyst_duckdb_path, holder, settings.run_lock_timeout_seconds, then
        )


def warehouse_resource(settings: Settings) -> dg.ResourceDefinition:
    """The warehouse for one run: the run lock is taken when the run starts and kept until it ends.

    The in-process executor initialises a run's resources once, before its first step, and tears
    them down after its last, in the one process that runs every step; so whether the CLI, the
    schedule or the UI launched it, a run holds the lock over ingest, dbt, publish and report.
    """

    @dg.resource(description="The DuckDB warehouse (SALES_DUCKDB_PATH), one run at a time.")
    def warehouse(context: dg.InitResourceContext) -> Iterator[SalesWarehouse]:
        sales = SalesWarehouse(settings)
        path = lock_path(settings.duckdb_path)

        def waiting(holder: LockHolder | None) -> None:
            who = holder.describe() if holder else "another run"
            context.log.warning(
                f"waiting for {who} to release the warehouse {settings.duckdb_path}, "
                f"up to {settings.run_lock_timeout_seconds:g} s (SALES_RUN_LOCK_TIMEOUT_SECONDS)"
            )

        try:
            with hold_run_lock(path, context.run_id, settings.run_lock_timeout_seconds, waiting) as stale:
                if stale is not None:
                    _fail_killed_run(context, stale)
                context.log.info(f"run {context.run_id} holds the warehouse {settings.duckdb_path}")
                with sales.connect():
                    pass  # a reader holding the file is met here, before any step, rather than mid-run
                yield sales
        except TimeoutError as timeout:
            holder = timeout.args[0]
            who = holder.describe() if holder else f"another run (its lock file {path} names none yet)"
            busy = WarehouseBusy(sales.busy(who, "start this run again once that one has finished"))
            context.log.error(str(busy))
            raise busy from None
        except WarehouseBusy as busy:
            context.log.error(str(busy))
            raise

    return warehouse


def _fail_killed_run(context: dg.InitResourceContext, stale: LockHolder) -> None:
    """The lock was free but still named a run: its process died without ending the run (kill -9)."""
    message = (
        f"marked failed by run {context.run_id}: the process of this run (pid {stale.pid}) ended without "
        "finishing it (killed?), and left the warehouse lock behind"
    )
    context.log.warning(f"{stale.describe()} held the warehouse lock and is gone: {message}")
    run = context.instance.get_run_by_id(stale.run_id)
    if run is not None and not run.is_finished:
        context.instance.report_run_failed(run, message)
