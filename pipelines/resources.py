"""Dagster resources: the DuckDB warehouse with the project's settings, and dbt."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.settings import Settings

DBT_PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"


class SalesWarehouse(dg.ConfigurableResource):
    """Where extracts land, the DuckDB file they load into, and how reports are written."""

    landing_dir: str
    duckdb_path: str
    analyst_duckdb_path: str
    reports_dir: str
    report_languages: list[str] = ["en", "zh"]
    currency: str = "USD"
    company_name: str = "Demo Co"
    channels: list[str] = ["online", "offline", "agent"]
    orphan_policy: str = "error"
    volume_tolerance: float = 0.5
    duckdb_memory_limit: str = "1GB"

    @classmethod
    def from_settings(cls, settings: Settings) -> SalesWarehouse:
        return cls(
            landing_dir=str(settings.landing_dir),
            duckdb_path=str(settings.duckdb_path),
            analyst_duckdb_path=str(settings.analyst_duckdb_path),
            reports_dir=str(settings.reports_dir),
            report_languages=list(settings.report_languages),
            currency=settings.currency,
            company_name=settings.company_name,
            channels=list(settings.channels),
            orphan_policy=settings.orphan_policy,
            volume_tolerance=settings.volume_tolerance,
            duckdb_memory_limit=settings.duckdb_memory_limit,
        )

    @property
    def landing_dir_path(self) -> Path:
        return Path(self.landing_dir)

    @property
    def reports_dir_path(self) -> Path:
        return Path(self.reports_dir)

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection: closed on exit so the dbt subprocess can take the file lock."""
        path = Path(self.duckdb_path)
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
                "memory_limit": self.duckdb_memory_limit,
            },
        )
        try:
            yield con
        finally:
            con.close()
