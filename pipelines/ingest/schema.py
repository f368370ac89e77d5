"""DDL of the raw, quarantine and ops tables (created once, idempotently)."""

from __future__ import annotations

import duckdb

from pipelines.contract import ENTITIES, LINEAGE_COLUMNS, Entity

EXTRACT_FILES_COLUMNS = (
    ("batch_month", "DATE"),
    ("entity", "VARCHAR"),
    ("provided", "BOOLEAN"),
    ("source_file", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("row_count", "BIGINT"),
    ("loaded_at", "TIMESTAMP"),
    ("run_id", "VARCHAR"),
)
NOTES_COLUMNS = (
    ("batch_month", "DATE"),
    ("section", "VARCHAR"),
    ("body", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("loaded_at", "TIMESTAMP"),
    ("run_id", "VARCHAR"),
)
LOAD_LOG_COLUMNS = (
    ("run_id", "VARCHAR"),
    ("batch_month", "DATE"),
    ("entity", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("status", "VARCHAR"),
    ("rows_loaded", "BIGINT"),
    ("errors", "BIGINT"),
    ("warnings", "BIGINT"),
    ("message", "VARCHAR"),
    ("logged_at", "TIMESTAMP"),
)
CHECK_RESULTS_COLUMNS = (
    ("run_id", "VARCHAR"),
    ("batch_month", "DATE"),
    ("entity", "VARCHAR"),
    ("check_name", "VARCHAR"),
    ("rule", "VARCHAR"),
    ("severity", "VARCHAR"),
    ("passed", "BOOLEAN"),
    ("failing_count", "BIGINT"),
    ("sample_lines", "VARCHAR"),
    ("message", "VARCHAR"),
    ("checked_at", "TIMESTAMP"),
    ("reason_code", "VARCHAR"),
    ("reason_values", "VARCHAR"),
)
ACTIONS_TABLE = "ops.report_actions"
# Written by the report step (pipelines/report/actions.py); created here with the other tables, so that
# dbt's source exists before the first report.
ACTIONS_COLUMNS = (
    ("month", "DATE"),
    ("position", "INTEGER"),  # the action's rank; the channels of one grouped finding share it
    ("rule", "VARCHAR"),
    ("subject", "VARCHAR"),
    ("owner", "VARCHAR"),
    ("owner_role", "VARCHAR"),
    ("due", "DATE"),
    ("shown", "BOOLEAN"),  # among the actions the report shows (the rest are in its appendix)
    ("tracked_metric", "VARCHAR"),
    ("tracked_key", "VARCHAR"),
    ("tracked_value", "DECIMAL(24, 6)"),
    ("run_id", "VARCHAR"),
    ("recorded_at", "TIMESTAMP"),
)
RESTATEMENTS_TABLE = "ops.restatements"
PUBLISHED_FIGURES_TABLE = "ops.published_figures"
# Written after dbt (pipelines/transform/restatements.py); created here with the other tables, so
# that dbt's source exists before the first build. Values are exact decimals, compared as such.
PUBLISHED_FIGURES_COLUMNS = (
    ("month", "DATE"),
    ("grain", "VARCHAR"),
    ("grain_value", "VARCHAR"),
    ("metric", "VARCHAR"),
    ("metric_value", "DECIMAL(38, 9)"),
    ("run_id", "VARCHAR"),
    ("published_at", "TIMESTAMP"),
)
RESTATEMENTS_COLUMNS = (
    ("month", "DATE"),
    ("grain", "VARCHAR"),
    ("grain_value", "VARCHAR"),
    ("metric", "VARCHAR"),
    ("old_value", "DECIMAL(38, 9)"),
    ("new_value", "DECIMAL(38, 9)"),
    ("run_id", "VARCHAR"),
    ("restated_at", "TIMESTAMP"),
)
QUARANTINE_EXTRA_COLUMNS = (("reason", "VARCHAR"), ("reason_code", "VARCHAR"), ("reason_values", "VARCHAR"))


def raw_columns(entity: Entity) -> tuple[tuple[str, str], ...]:
    return tuple((c.name, c.sql_type) for c in entity.columns) + LINEAGE_COLUMNS


def _create(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[tuple[str, str], ...]) -> None:
    body = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
    con.execute(f"create table if not exists {table} ({body})")
    # A warehouse made by an earlier release gains the columns added since; its rows read them as null.
    schema, name = table.split(".")
    present = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = current_database() and table_schema = ? and table_name = ?",
            (schema, name),
        ).fetchall()
    }
    for column, sql_type in columns:
        if column not in present:
            con.execute(f"alter table {table} add column {column} {sql_type}")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for schema in ("raw", "quarantine", "ops"):
        con.execute(f"create schema if not exists {schema}")
    for entity in ENTITIES:
        _create(con, f"raw.{entity.name}", raw_columns(entity))
        _create(con, f"quarantine.{entity.name}", raw_columns(entity) + QUARANTINE_EXTRA_COLUMNS)
    _create(con, "raw.extract_files", EXTRACT_FILES_COLUMNS)
    _create(con, "raw.notes", NOTES_COLUMNS)
    _create(con, "ops.load_log", LOAD_LOG_COLUMNS)
    _create(con, "ops.check_results", CHECK_RESULTS_COLUMNS)
    _create(con, ACTIONS_TABLE, ACTIONS_COLUMNS)
    _create(con, PUBLISHED_FIGURES_TABLE, PUBLISHED_FIGURES_COLUMNS)
    _create(con, RESTATEMENTS_TABLE, RESTATEMENTS_COLUMNS)
