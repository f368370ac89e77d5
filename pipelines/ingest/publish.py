"""Swap validated months into the raw tables, and keep the record of every load, in single transactions."""

from __future__ import annotations

from datetime import datetime

import duckdb

from pipelines.contract import ENTITIES, LINEAGE_COLUMNS
from pipelines.faults import FaultPlan, pause_point
from pipelines.ingest.month_load import MonthLoad
from pipelines.ingest.problems import CheckRecord
from pipelines.ingest.run_tables import quarantine_table, run_table, temp_table_exists
from pipelines.ingest.schema import CHECK_RESULTS_COLUMNS
from pipelines.ingest.stage import quote_ident


def publish(
    con: duckdb.DuckDBPyConnection,
    loads: list[MonthLoad],
    run_id: str,
    now: datetime,
    faults: FaultPlan | None = None,
) -> None:
    """Replace exactly the loaded months everywhere in raw/quarantine, all or nothing.

    The validated rows go from the run tables straight into raw (and quarantine), each with
    its file's lineage: one copy of the data, inside the transaction.
    """
    months = [load.batch_month for load in loads]
    _create_lineage_table(con, loads)
    lineage = {"loaded_at": now, "run_id": run_id}
    con.execute("begin transaction")
    try:
        for entity in ENTITIES:
            for table in (f"raw.{entity.name}", f"quarantine.{entity.name}"):
                con.execute(f"delete from {table} where batch_month = any($months)", {"months": months})
            columns = ", ".join(f"r.{quote_ident(c)}" for c in entity.column_names)
            # By name: a warehouse of an earlier release has the columns added since after the lineage.
            names = ", ".join(quote_ident(c) for c in (*entity.column_names, *(name for name, _ in LINEAGE_COLUMNS)))
            select = f"select {columns}, r.batch_month, l.source_file, r.source_line, l.sha256, $loaded_at, $run_id"
            join = "join run_lineage l on l.entity = $entity and l.batch_month = r.batch_month"
            params = lineage | {"entity": entity.name}
            if temp_table_exists(con, run_table(entity)):
                con.execute(
                    f"insert into raw.{entity.name} ({names}) {select} from {run_table(entity)} r {join}", params
                )
            if temp_table_exists(con, quarantine_table(entity)):
                con.execute(
                    f"insert into quarantine.{entity.name} ({names}, reason, reason_code, reason_values) "
                    f"{select}, r.reason, r.reason_code, r.reason_values "
                    f"from {quarantine_table(entity)} r {join}",
                    params,
                )
        for table in ("raw.extract_files", "raw.notes"):
            con.execute(f"delete from {table} where batch_month = any($months)", {"months": months})
        for load in loads:
            _insert_extract_files(con, load, run_id, now)
            _insert_notes(con, load, run_id, now)
        _insert_log(con, loads, run_id, now, failed=False)
        pause_point(faults, "ingest_commit")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _create_lineage_table(con: duckdb.DuckDBPyConnection, loads: list[MonthLoad]) -> None:
    """Temp table run_lineage: the file each entity's rows of each month came from."""
    con.execute(
        "create or replace temp table run_lineage "
        "(entity varchar, batch_month date, source_file varchar, sha256 varchar)"
    )
    rows = [
        (name, load.batch_month, extract.source_name, extract.sha256)
        for load in loads
        for name, extract in load.files.items()
    ]
    if rows:
        con.executemany("insert into run_lineage values (?, ?, ?, ?)", rows)


def record_failure(con: duckdb.DuckDBPyConnection, loads: list[MonthLoad], run_id: str, now: datetime) -> None:
    """A failed run publishes nothing but leaves a record a person can read in the ops tables."""
    con.execute("begin transaction")
    _insert_log(con, loads, run_id, now, failed=True)
    con.execute("commit")


def _insert_extract_files(con: duckdb.DuckDBPyConnection, load: MonthLoad, run_id: str, now: datetime) -> None:
    rows = []
    for entity in ENTITIES:
        extract = load.files.get(entity.name)
        rows.append(
            (
                load.batch_month,
                entity.name,
                extract is not None,
                extract.source_name if extract else None,
                extract.sha256 if extract else None,
                load.row_counts.get(entity.name, 0),
                now,
                run_id,
            )
        )
    con.executemany("insert into raw.extract_files values (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _insert_notes(con: duckdb.DuckDBPyConnection, load: MonthLoad, run_id: str, now: datetime) -> None:
    if not load.notes_file:
        return
    rows = [
        (load.batch_month, section, body, load.notes_file.source_name, load.notes_file.sha256, now, run_id)
        for section, body in load.notes
    ]
    if rows:
        con.executemany("insert into raw.notes values (?, ?, ?, ?, ?, ?, ?)", rows)


def _insert_log(
    con: duckdb.DuckDBPyConnection, loads: list[MonthLoad], run_id: str, now: datetime, *, failed: bool
) -> None:
    log_rows, check_rows = [], []
    for load in loads:
        by_entity: dict[str, list[CheckRecord]] = {}
        for record in load.records:
            by_entity.setdefault(record.entity, []).append(record)
            check_rows.append(
                (
                    run_id,
                    load.batch_month,
                    record.entity,
                    record.check_name,
                    record.rule,
                    record.severity,
                    record.passed,
                    record.failing_count,
                    ",".join(str(n) for n in record.sample_lines),
                    record.describe(),
                    now,
                    record.reason,
                    record.reason_values_json,
                )
            )
        for entity, records in by_entity.items():
            errors = sum(r.blocks for r in records)
            warnings = sum(not r.passed and r.severity == "warning" for r in records)
            extract = load.files.get(entity)
            if errors or (failed and entity == "*"):
                status = "failed"
            elif extract is None:
                status = "absent"
            elif failed:
                status = "rejected"
            else:
                status = "derived" if entity in load.derived else "loaded"
            message = "; ".join(r.describe() for r in records if not r.passed) or None
            log_rows.append(
                (
                    run_id,
                    load.batch_month,
                    entity,
                    extract.source_name if extract else None,
                    status,
                    0 if failed else load.row_counts.get(entity, 0),
                    errors,
                    warnings,
                    message,
                    now,
                )
            )
    if log_rows:
        con.executemany("insert into ops.load_log values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", log_rows)
    if check_rows:
        names = ", ".join(name for name, _ in CHECK_RESULTS_COLUMNS)
        marks = ", ".join("?" for _ in CHECK_RESULTS_COLUMNS)
        con.executemany(f"insert into ops.check_results ({names}) values ({marks})", check_rows)
