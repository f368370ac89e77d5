"""Helpers to run the real Dagster definitions in process over tmp paths."""

from __future__ import annotations

import hashlib
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.definitions import build_definitions
from pipelines.schedules import MONTHLY_JOB
from pipelines.settings import Settings


def project_env(root: Path, start_month: str | None = None, pdf: bool = False) -> dict[str, str]:
    """Settings of a project whose landing, databases and reports all live under `root`.

    Without PDFs unless asked: printing is chromium's time, tested once end to end and in tests/browser.
    """
    env = {
        "SALES_LANDING_DIR": str(root / "landing"),
        "SALES_DUCKDB_PATH": str(root / "warehouse.duckdb"),
        "SALES_ANALYST_DUCKDB_PATH": str(root / "analytics.duckdb"),
        "SALES_REPORTS_DIR": str(root / "reports"),
        "SALES_REPORT_PDF": "true" if pdf else "false",
    }
    if start_month:
        env["SALES_START_MONTH"] = start_month
    return env


def definitions_for(env: dict[str, str]) -> dg.Definitions:
    return build_definitions(Settings.from_env(env))


def run_months(
    defs: dg.Definitions,
    first: str,
    last: str,
    instance: dg.DagsterInstance,
    *,
    selection: str | None = None,
    raise_on_error: bool = True,
) -> dg.ExecuteInProcessResult:
    """One run over the month range, as a backfill with BackfillPolicy.single_run would launch it."""
    job = defs.resolve_job_def(MONTHLY_JOB)
    return job.execute_in_process(
        instance=instance,
        tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
        asset_selection=sorted(dg.AssetSelection.from_coercible(selection).resolve(defs.resolve_asset_graph()))
        if selection
        else None,
        raise_on_error=raise_on_error,
    )


LINEAGE_OF_THE_RUN = ("loaded_at", "run_id")


def schema_checksums(duckdb_path: str | Path, schema: str) -> dict[str, str]:
    """A digest of every table of a schema, rows in a fixed order: equal digests mean equal tables.

    The load time and run id are left out: they say when a row was written, not what it holds. Views
    are left out too: the quality views over ops change with every run, failed ones included.
    """
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = $s "
                "and table_type = 'BASE TABLE' order by 1",
                {"s": schema},
            ).fetchall()
        ]
        digests = {}
        for table in tables:
            columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns where table_schema = $s and table_name = $t "
                    "order by ordinal_position",
                    {"s": schema, "t": table},
                ).fetchall()
            ]
            digests[table] = table_digest(con, f"{schema}.{table}", [c for c in columns if c not in LINEAGE_OF_THE_RUN])
        return digests


def table_digest(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> str:
    """sha256 of the table's rows over `columns`, in a fixed order."""
    kept = ", ".join(f'"{c}"' for c in columns)
    rows = con.execute(f"select {kept} from {table} order by all").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()
