"""The baseline: the same files and the same model SQL in a bare DuckDB, no framework around them.

Ingest is one `insert ... select * from read_csv(...)` per entity over all month files, with the
contract's column types and the raw tables' DDL (so the compiled models can read them). The
transforms are dbt's own compiled SQL, run as `create view`/`create table ... as` statements in
dependency order: the same queries dbt runs, minus dbt.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from pipelines.contract import ENTITIES, Entity
from pipelines.ingest.schema import ensure_schema
from pipelines.months import month_start
from pipelines.report.rules import load_config
from pipelines.transform.build_log import ensure_builds_table
from pipelines.transform.project import DBT_EXECUTABLE, DBT_PROJECT_DIR
from pipelines.transform.window import dbt_vars_args, dbt_window_vars

# The month is the folder name: .../YYYY-MM/<entity>.csv
_MONTH_OF_FILE = r"regexp_extract(filename, '(\d{4}-\d{2})[/\\][^/\\]*$', 1)"


@dataclass(frozen=True)
class CompiledModel:
    unique_id: str
    relation: str
    materialized: str
    sql: str


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})


def _entity_files(landing: Path, months: list[str], entity: Entity) -> list[str]:
    return [str(p) for m in months if (p := landing / m / f"{entity.name}.csv").is_file()]


def bare_ingest(con: duckdb.DuckDBPyConnection, landing: Path, months: list[str]) -> float:
    """Load every month's CSV files into the raw tables; seconds spent in DuckDB."""
    ensure_schema(con)
    # The models read the transform's build log too (the report's restated-figures list).
    ensure_builds_table(con)
    started = time.perf_counter()
    for entity in ENTITIES:
        files = _entity_files(landing, months, entity)
        if not files:
            continue
        # A file may leave out optional columns (a single-currency demo writes no currency): by name.
        with open(files[0], encoding="utf-8") as handle:
            header = handle.readline().strip().split(",")
        types = {c.name: c.sql_type for c in entity.columns if c.name in header}
        con.execute(
            f"insert into raw.{entity.name} by name select * exclude (filename), "
            f"cast({_MONTH_OF_FILE} || '-01' as date) as batch_month, filename as source_file "
            "from read_csv($files, header = true, columns = $types, filename = true)",
            {"files": files, "types": types},
        )
    _record_extract_files(con, landing, months)
    return time.perf_counter() - started


def _record_extract_files(con: duckdb.DuckDBPyConnection, landing: Path, months: list[str]) -> None:
    """raw.extract_files says which files each month delivered: the marts build only loaded months."""
    for entity in ENTITIES:
        counts = dict(con.execute(f"select batch_month, count(*) from raw.{entity.name} group by all").fetchall())
        rows = [
            (
                month_start(m),
                entity.name,
                (landing / m / f"{entity.name}.csv").is_file(),
                counts.get(month_start(m), 0),
            )
            for m in months
        ]
        con.executemany("insert into raw.extract_files values (?, ?, ?, null, null, ?, null, null)", rows)


def compile_models(duckdb_path: Path, first: str, last: str, target_path: Path) -> list[CompiledModel]:
    """`dbt compile` for the month window against the bare warehouse; the models in dependency order."""
    env = {
        "SALES_DUCKDB_PATH": str(duckdb_path),
        "SALES_DUCKDB_MEMORY_LIMIT": "1GB",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "PATH": str(Path(DBT_EXECUTABLE).parent),
    }
    subprocess.run(
        [
            DBT_EXECUTABLE,
            "--quiet",
            "compile",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target_path),
            *dbt_vars_args(load_config(), dbt_window_vars(first, last)),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    manifest = json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))
    nodes = {uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    graph = {uid: [d for d in n["depends_on"]["nodes"] if d in nodes] for uid, n in nodes.items()}
    return [
        CompiledModel(
            uid,
            f'"{nodes[uid]["schema"]}"."{nodes[uid]["alias"]}"',
            nodes[uid]["config"]["materialized"],
            nodes[uid]["compiled_code"],
        )
        for uid in TopologicalSorter(graph).static_order()
    ]


def run_models(con: duckdb.DuckDBPyConnection, models: list[CompiledModel]) -> dict[str, float]:
    """Create every model (views as views, the rest as tables); seconds per model."""
    timings = {}
    for model in models:
        schema = model.relation.split(".")[0]
        con.execute(f"create schema if not exists {schema}")
        kind = "view" if model.materialized == "view" else "table"
        started = time.perf_counter()
        con.execute(f"create or replace {kind} {model.relation} as {model.sql}")
        timings[model.unique_id] = time.perf_counter() - started
    return timings
