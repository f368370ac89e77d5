"""Dagster resources: the DuckDB warehouse with the project's settings, and dbt."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb

from pipelines.settings import Settings


@dataclass(frozen=True)
class SalesWarehouse:
    """The run's settings and short-lived connections to the warehouse they name.

    A plain resource (assets take it as `dg.ResourceParam[SalesWarehouse]`): its configuration is the
    Settings, read once from the environment when the code location loads, not Dagster run config.
    """

    settings: Settings

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection: closed on exit so the dbt subprocess can take the file lock."""
        path = self.settings.duckdb_path
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(
            str(path),
            read_only=read_only,
            # Nothing may reach for the network: extensions come only from the wheel.
            config={
                "autoinstall_known_extensions": False,
                "autoload_known_extensions": False,
                # DuckDB would cache up to 80 % of RAM; a cap makes large months spill to disk instead.
                "memory_limit": self.settings.duckdb_memory_limit,
            },
        )
        try:
            yield con
        finally:
            con.close()
