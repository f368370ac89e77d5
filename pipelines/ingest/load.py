"""Load months of extracts: stage every month, validate them all at once, then publish all in one transaction.

Nothing is written to the raw tables unless every month of the request passed
its blocking checks, so a failed run leaves published data exactly as it was
and only adds its record to the ops tables. Each entity's checks run once over
all months of the run (their cost is mostly per validation, not per row) and
are still reported per month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from statistics import median

import duckdb

from data_checks.volume import volume_outcome
from pipelines.contract import ENTITIES, ENTITY_BY_NAME, NOTES_FILE, Entity
from pipelines.ingest.boundary import outside_root, refused_file, refused_folder
from pipelines.ingest.files import inspect_file, locate
from pipelines.ingest.month_load import MonthLoad
from pipelines.ingest.notes import parse_notes
from pipelines.ingest.problems import CheckRecord, ExtractRejected
from pipelines.ingest.publish import publish, record_failure
from pipelines.ingest.redelivery import refuse_partial_redelivery
from pipelines.ingest.run_tables import (
    append_staged_month,
    reset_run_tables,
    rows_by_month,
    run_table,
)
from pipelines.ingest.schema import ensure_schema
from pipelines.ingest.stage import stage_file
from pipelines.ingest.validate import validate_run
from pipelines.months import add_months, month_key, month_start
from pipelines.settings import Settings
from pipelines.sources.lineage import with_vendor_column
from pipelines.sources.stage import SourceRun, stage_source_month

VOLUME_HISTORY = 3


def load_months(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    months: list[str],
    run_id: str,
    progress: Callable[[str], None] = lambda _: None,
) -> list[MonthLoad]:
    """Stage, validate and publish `months` from the settings' landing folder under `run_id`;
    raise ExtractRejected (publishing nothing) if any fails, PartialRedelivery (writing nothing)
    if a changed month has loaded months after the run. `progress` hears each stage as it ends."""
    landing_dir = settings.landing_dir
    ensure_schema(con)
    now = datetime.now().replace(microsecond=0)
    reset_run_tables(con)
    try:
        loads = []
        for month in months:
            loads.append(_stage_month(con, settings, month))
            progress(f"staged {month} ({len(loads)} of {len(months)} months)")
        # A month with a structural problem (missing file or column, unreadable) is not validated.
        staged = [load for load in loads if not load.blocking]
        _validate(con, staged, settings)
        if settings.source_definition is not None:
            for load in staged:
                load.records[:] = [with_vendor_column(r, settings.source_definition) for r in load.records]
        progress(f"checked {len(staged)} months against the contract")
        known_counts: dict[tuple[str, str], int] = {}
        for load in staged:
            load.records.extend(_volume_records(con, load, settings.volume_tolerance, known_counts))
            _read_notes(load, landing_dir)
            if not load.blocking:
                known_counts.update({(load.month, e): n for e, n in load.row_counts.items()})
        failing = [r for load in loads for r in load.blocking]
        if failing:
            record_failure(con, loads, run_id, now)
            raise ExtractRejected(failing)
        refuse_partial_redelivery(con, loads)
        publish(con, loads, run_id, now, settings.faults)
        progress(f"published {len(loads)} months")
    finally:
        reset_run_tables(con)  # frees the run's rows
    return loads


def _stage_month(con: duckdb.DuckDBPyConnection, settings: Settings, month: str) -> MonthLoad:
    """Stage each file of the month; unless one has a structural problem, add them to run_<entity>.

    With a vendor source (SALES_SOURCE), the entities it builds are staged from the vendor's files;
    the others are still read from contract files in the folder, when there are any.
    """
    landing_dir = settings.landing_dir
    load = MonthLoad(month)
    month_dir = landing_dir / month
    if not month_dir.is_dir():
        load.records.append(
            CheckRecord(
                month,
                "*",
                f"{month}/",
                "missing_folder",
                f"no extract folder {month_dir} (freshness: the month has not been delivered)",
            )
        )
        return load
    # After is_dir: a link loop is no folder, and resolving one would raise.
    real = outside_root(month_dir, landing_dir)
    if real is not None:
        load.records.append(refused_folder(month, real, landing_dir))
        return load
    built: tuple[str, ...] = ()
    if settings.source_definition is not None:
        stage_source_month(con, SourceRun(settings.source_definition, settings.source_variables), load, landing_dir)
        built = tuple(settings.source_definition.entities)
    for entity in ENTITIES:
        if entity.name not in built:
            _stage_entity(con, load, landing_dir, entity)
    if not load.blocking:
        for name in load.files:
            append_staged_month(con, ENTITY_BY_NAME[name], load.batch_month)
    return load


def _validate(con: duckdb.DuckDBPyConnection, loads: list[MonthLoad], settings: Settings) -> None:
    """Content checks of every staged month at once; then each month's row counts after quarantine."""
    checks = validate_run(
        con,
        {load.month: {name: f.path.name for name, f in load.files.items()} for load in loads},
        channels=settings.channels,
        orphan_policy=settings.orphan_policy,
        reporting_currency=settings.reporting_currency,
    )
    counts = {name: rows_by_month(con, run_table(ENTITY_BY_NAME[name])) for name in {n for x in loads for n in x.files}}
    for load in loads:
        load.records.extend(checks[load.month].records)
        load.quarantined = checks[load.month].quarantined
        load.row_counts = {name: counts[name].get(load.batch_month, 0) for name in load.files}


def _read_notes(load: MonthLoad, landing_dir: Path) -> None:
    notes_path = landing_dir / load.month / NOTES_FILE
    if not notes_path.is_file():
        return
    real = outside_root(notes_path, landing_dir)
    if real is not None:
        load.records.append(refused_file(load.month, "notes", notes_path, real, landing_dir))
        return
    notes = inspect_file(notes_path, load.month, "notes")
    if isinstance(notes, CheckRecord):
        load.records.append(notes)
    else:
        load.notes_file = notes
        load.notes = parse_notes(notes_path.read_text(encoding="utf-8"))


def _stage_entity(con: duckdb.DuckDBPyConnection, load: MonthLoad, landing_dir: Path, entity: Entity) -> None:
    located = locate(landing_dir / load.month, entity, load.month)
    if located is None:
        load.records.append(
            CheckRecord(
                load.month,
                entity.name,
                f"{entity.name}.csv",
                "optional_file",
                "optional file not provided",
                severity="info",
                passed=True,
            )
        )
        return
    if isinstance(located, CheckRecord):
        load.records.append(located)
        return
    real = outside_root(located, landing_dir)
    if real is not None:
        load.records.append(refused_file(load.month, entity.name, located, real, landing_dir))
        return
    extract = inspect_file(located, load.month, entity.name)
    if isinstance(extract, CheckRecord):
        load.records.append(extract)
        return
    problems = stage_file(con, entity, extract, load.month)
    if problems:
        load.records.extend(problems)
        return
    load.files[entity.name] = extract
    load.records.append(
        CheckRecord(
            load.month,
            entity.name,
            extract.path.name,
            "readable",
            "file read with the contract's columns and types",
            passed=True,
        )
    )


def _volume_records(
    con: duckdb.DuckDBPyConnection,
    load: MonthLoad,
    tolerance: float,
    known_counts: dict[tuple[str, str], int],
) -> list[CheckRecord]:
    records = []
    for entity in ENTITIES:
        if entity.kind != "transactional" or entity.name not in load.files:
            continue
        count = load.row_counts[entity.name]
        file = load.files[entity.name].path.name
        if count == 0:
            records.append(
                CheckRecord(
                    load.month,
                    entity.name,
                    file,
                    "empty_file",
                    "has a header but no rows: the month loads with none",
                    severity="warning",
                    check_name="volume",
                    reason_code="no_rows",
                )
            )
            continue
        previous = _previous_counts(con, load.batch_month, entity.name, known_counts)
        outcome = volume_outcome(entity.name, count, previous, tolerance)
        detail = (
            f"{count} rows vs median {median(previous):g} of the {len(previous)} months before"
            if previous
            else (f"{count} rows; no earlier month to compare")
        )
        records.append(
            CheckRecord(
                load.month,
                entity.name,
                file,
                "volume",
                f"{detail} (tolerance ±{tolerance:.0%})",
                severity=outcome.severity,
                check_name="volume",
                passed=outcome.passed,
                reason_code="volume_outside_tolerance",
                reason_values=(
                    (("rows", count), ("median", median(previous)), ("months", len(previous)), ("tolerance", tolerance))
                    if previous
                    else ()
                ),
            )
        )
    return records


def _previous_counts(
    con: duckdb.DuckDBPyConnection, batch_month: date, entity: str, known_counts: dict[tuple[str, str], int]
) -> list[int]:
    counts = []  # oldest first, as volume_outcome reads them
    for back in range(VOLUME_HISTORY, 0, -1):
        key = month_key(add_months(batch_month, -back))
        if (key, entity) in known_counts:
            counts.append(known_counts[(key, entity)])
            continue
        row = con.execute(
            "select row_count from raw.extract_files where batch_month = $m and entity = $e and provided",
            {"m": month_start(key), "e": entity},
        ).fetchone()
        if row:
            counts.append(row[0])
    return counts
