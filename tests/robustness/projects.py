"""Whole projects in tmp dirs: landed fixture months, copies of a built state, CLI runs, what analysts see."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb

from pipelines.months import add_months, month_key
from tests.fixture_month import month_rows, write_month
from tests.pipeline_runs import project_env, schema_checksums

REPO = Path(__file__).resolve().parents[2]
DAGSTER = str(Path(sys.executable).with_name("dagster"))
COMPANY_REVENUE = (
    "select month::varchar, revenue::varchar from marts.mart_sales_monthly where grain = 'company' order by month"
)
MART_ROWS = "select count(*) from marts.mart_sales_monthly"


def recent_months(count: int) -> list[str]:
    """The `count` months ending with the last closed one: the partitions that exist today."""
    last = add_months(date.today().replace(day=1), -1)
    return [month_key(add_months(last, back)) for back in range(1 - count, 1)]


def land_months(root: Path, months: list[str]) -> None:
    for month in months:
        write_month(root / "landing", month, month_rows(month))


def copy_project(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): file_sha256(p) for p in sorted((root / "reports").rglob("*")) if p.is_file()}


def analyst_state(path: Path) -> tuple[list[tuple[str, str]], int]:
    """What the analysts' reader queries: company revenue of every month, and the mart's row count."""
    with duckdb.connect(str(path), read_only=True) as con:
        revenue = [tuple(row) for row in con.execute(COMPANY_REVENUE).fetchall()]
        return revenue, con.execute(MART_ROWS).fetchone()[0]


def published_fingerprint(root: Path) -> dict:
    """Everything a run publishes: raw, quarantine and marts of the warehouse, the analysts' file, the reports."""
    warehouse = root / "warehouse.duckdb"
    return {
        "raw": schema_checksums(warehouse, "raw"),
        "quarantine": schema_checksums(warehouse, "quarantine"),
        "marts": schema_checksums(warehouse, "marts"),
        "analyst": file_sha256(root / "analytics.duckdb"),
        "reports": report_digests(root),
    }


def building_leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".*.building"))


def cli_env(root: Path, start_month: str, **extra: str) -> dict[str, str]:
    """The environment of a `dagster` CLI run of the project under `root`, telemetry off."""
    home = root / "dagster_home"
    home.mkdir(exist_ok=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return {
        **os.environ,
        **project_env(root, start_month),
        "PYTHONPATH": str(REPO),
        "DAGSTER_HOME": str(home),
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
        **extra,
    }


def start_materialize(env: dict[str, str], first: str, last: str, log: Path) -> subprocess.Popen:
    """Every asset over the month range as one run, in its own process group so it can be killed whole."""
    command = [DAGSTER, "asset", "materialize", "-m", "pipelines.definitions", "--select", "*"]
    command += ["--partition-range", f"{first}...{last}"]
    with log.open("w") as output:
        return subprocess.Popen(
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
