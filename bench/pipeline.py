"""The pipeline as users run it: its ingest function, and the Dagster CLI over one month range."""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from bench.bare import connect
from bench.monitor import run_measured
from pipelines.ingest.load import load_months
from pipelines.settings import Settings

REPO = Path(__file__).resolve().parent.parent
DAGSTER = str(Path(sys.executable).with_name("dagster"))
DBT_STEP = "sales_dbt_models"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# dbt's line for a finished node: "OK created sql view model staging.x .... [OK in 0.12s]",
# "PASS not_null_x .... [PASS in 0.03s]"; unit tests are named model::test.
_NODE_LINE = re.compile(
    r"(?P<kind>OK created sql \w+ model|PASS|WARN|FAIL|ERROR) (?P<name>\S+) \.* ?\[\w+ in (?P<seconds>[\d.]+)s\]"
)
QUIET = {
    "DAGSTER_DISABLE_TELEMETRY": "1",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "false",
}


@dataclass(frozen=True)
class Project:
    """One isolated installation: landing folder (shared), warehouse, reports and Dagster home."""

    landing: Path
    root: Path
    start_month: str

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def dagster_home(self) -> Path:
        return self.root / "dagster_home"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            **QUIET,
            "PYTHONPATH": str(REPO),
            "DAGSTER_HOME": str(self.dagster_home),
            "SALES_LANDING_DIR": str(self.landing),
            "SALES_DUCKDB_PATH": str(self.warehouse),
            "SALES_REPORTS_DIR": str(self.root / "reports"),
            "SALES_START_MONTH": self.start_month,
        }

    def create(self) -> None:
        self.dagster_home.mkdir(parents=True, exist_ok=True)
        (self.dagster_home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")


@dataclass
class PipelineRun:
    first: str
    last: str
    wall_s: float
    peak_rss_bytes: int
    ok: bool
    log: str
    steps_s: dict[str, float] = field(default_factory=dict)
    dbt_models_s: float | None = None
    dbt_tests_s: float | None = None
    dbt_unit_tests_s: float | None = None
    dbt_slowest: list[tuple[str, float]] = field(default_factory=list)

    @property
    def dbt_nodes_s(self) -> float | None:
        if self.dbt_models_s is None:
            return None
        return self.dbt_models_s + (self.dbt_tests_s or 0.0) + (self.dbt_unit_tests_s or 0.0)

    @property
    def overhead_s(self) -> float | None:
        """Wall time not spent in DuckDB/dbt work: process start-up, code loading, dbt start-up and parse."""
        if self.dbt_nodes_s is None:
            return None
        other_steps = sum(s for name, s in self.steps_s.items() if name != DBT_STEP)
        return self.wall_s - other_steps - self.dbt_nodes_s


def time_pipeline_ingest(landing: Path, warehouse: Path, months: list[str]) -> float:
    """The pipeline's own load (stage, validate, publish) of `months` into a fresh warehouse."""
    with connect(warehouse) as con:
        started = time.perf_counter()
        load_months(
            con, Settings.from_env({"SALES_LANDING_DIR": str(landing), "SALES_START_MONTH": months[0]}), months, "bench"
        )
        return time.perf_counter() - started


def materialize(project: Project, first: str, last: str, log: Path) -> PipelineRun:
    """Every asset for months first..last as one run of the `dagster asset materialize` CLI."""
    window = ["--partition", first] if first == last else ["--partition-range", f"{first}...{last}"]
    command = [DAGSTER, "asset", "materialize", "-m", "pipelines.definitions", "--select", "*", *window]
    measured = run_measured(command, project.env(), REPO, log)
    run = PipelineRun(first, last, measured.wall_s, measured.peak_rss_bytes, measured.returncode == 0, str(log))
    run.steps_s = _step_seconds(project.dagster_home)
    _add_dbt_timing(run, log)
    return run


def _step_seconds(dagster_home: Path) -> dict[str, float]:
    """Duration of each step of the latest run, from Dagster's event log."""
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        runs = instance.get_runs(limit=1)
        if not runs:
            return {}
        started: dict[str, float] = {}
        seconds: dict[str, float] = {}
        for record in instance.all_logs(runs[0].run_id):
            event = record.dagster_event
            if event is None or event.step_key is None:
                continue
            if event.event_type_value == "STEP_START":
                started[event.step_key] = record.timestamp
            elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in started:
                seconds[event.step_key] = record.timestamp - started[event.step_key]
        return seconds


def _add_dbt_timing(run: PipelineRun, log: Path) -> None:
    """dbt's own time per node, read from this run's log (dbt's `[OK in 0.12s]` lines).

    The log rather than run_results.json: the project's target folder is shared with every other dbt
    invocation on the machine, so the file may already hold another run's results.
    """
    nodes = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        found = _NODE_LINE.search(_ANSI.sub("", line))
        if found:
            nodes.append((found.group("name"), found.group("kind"), float(found.group("seconds"))))
    if not nodes:
        return
    run.dbt_models_s = sum(s for _, kind, s in nodes if kind.startswith("OK created"))
    run.dbt_unit_tests_s = sum(s for name, kind, s in nodes if not kind.startswith("OK") and "::" in name)
    run.dbt_tests_s = sum(s for name, kind, s in nodes if not kind.startswith("OK") and "::" not in name)
    run.dbt_slowest = [(name, s) for name, _, s in sorted(nodes, key=lambda n: -n[2])[:5]]
