"""The Spark side of SALES_ENGINE=spark: the lake the settings name, reached through one session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
from dbt.cli.main import dbtRunnerResult

from pipelines.months import month_start, months_between
from pipelines.settings import Settings
from pipelines.spark.dbt import spark_build
from pipelines.spark.lake import write_months, write_records
from pipelines.spark.session import spark_session

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@dataclass(frozen=True)
class SparkLake:
    """Spark's tables for the months the DuckDB ingest validated, and dbt built on them."""

    settings: Settings

    def session(self) -> SparkSession:
        return spark_session(self.settings.spark)

    @property
    def target_path(self) -> Path:
        """dbt's artifacts for the lake, apart from the DuckDB warehouse's."""
        return Path(self.settings.spark.scratch) / "dbt-target"

    def write_months(self, first: str, last: str) -> None:
        """The validated months `first`..`last` of the warehouse, and its records, into the lake."""
        with duckdb.connect(str(self.settings.duckdb_path), read_only=True) as con:
            write_months(self.session(), con, [month_start(month) for month in months_between(first, last)])
            write_records(self.session(), con)

    def build(self, window: tuple[str, str] | None = None) -> dbtRunnerResult:
        return spark_build(self.settings, self.target_path, window)
