"""Stage one month of a vendor's export as the contract's entities, in the tables ingest reads.

Each vendor file of the source is read into src_<key>, then each entity's SQL turns those into
stage_<entity> with the contract's columns and types: the same table the contract path stages a
file into, so the contract checks, the orphan policy and publication follow unchanged. Each
entity's rows keep the vendor file and physical line they came from, so every message and every
quarantined row names the vendor's file and line. Nothing in the landing folder is written.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.contract import ENTITY_BY_NAME
from pipelines.ingest.boundary import outside_root, refused_file
from pipelines.ingest.files import ExtractFile, inspect_file
from pipelines.ingest.month_load import MonthLoad
from pipelines.ingest.problems import CheckRecord
from pipelines.ingest.stage import quote_ident, quote_literal, stage_table
from pipelines.sources.definition import SourceDefinition, VendorFile
from pipelines.sources.read import SQL_TYPES, read_vendor_file, src_table


@dataclass(frozen=True)
class SourceRun:
    """A source and the values its SQL reads as DuckDB variables (getvariable('timezone'), ...)."""

    definition: SourceDefinition
    variables: dict[str, str]


def stage_source_month(con: duckdb.DuckDBPyConnection, run: SourceRun, load: MonthLoad, landing_dir: Path) -> None:
    """Fill stage_<entity> for every entity the source builds and record its files in `load`."""
    definition = run.definition
    month_dir = landing_dir / load.month
    extracts: dict[str, ExtractFile] = {}
    for spec in definition.files.values():
        entity = _first_entity(definition, spec.key)
        located = locate_vendor_file(month_dir, spec, load.month, entity)
        if isinstance(located, CheckRecord):
            load.records.append(located)
            continue
        if located is None:
            _empty_table(con, spec)
            continue
        real = outside_root(located, landing_dir)
        if real is not None:
            load.records.append(refused_file(load.month, entity, located, real, landing_dir))
            continue
        extract = inspect_file(located, load.month, entity)
        if isinstance(extract, CheckRecord):
            load.records.append(extract)
            continue
        problems = read_vendor_file(con, spec, extract, definition.maps, load.month, entity)
        load.records.extend(problems)
        if not problems:
            extracts[spec.key] = extract
    if load.blocking:
        return
    for key in definition.files:
        con.execute(f"set variable {quote_ident('present_' + key)} = {str(key in extracts).lower()}")
    # The month being loaded, YYYY-MM: an export that spans more (a CRM's deals, Salesforce's Data
    # Export of the whole org) is cut to the month in its SQL.
    con.execute(f"set variable month = {quote_literal(load.month)}")
    for name, value in run.variables.items():
        con.execute(f"set variable {quote_ident(name)} = {quote_literal(value)}")
    for view in definition.views:
        con.execute(f"create or replace temp view {quote_ident(view)} as {definition.sql(view)}")
    for entity_name, files in definition.entities.items():
        present = [key for key in files if key in extracts]
        if present:
            _build_entity(con, definition, entity_name, extracts[present[0]], load)
            derived_from = definition.derived_from.get(entity_name, ())
            if derived_from and set(present) <= set(derived_from):
                load.derived.add(entity_name)
        elif ENTITY_BY_NAME[entity_name].required:
            # Each of these files is optional alone (Odoo: sale.order or sale.order.line), not all of them.
            names = [name for key in files for name in definition.files[key].names]
            load.records.append(
                CheckRecord(
                    load.month,
                    entity_name,
                    names[0],
                    "missing_file",
                    f"none of {' or '.join(names)} is there: {entity_name} is built from one of them",
                )
            )


def locate_vendor_file(month_dir: Path, spec: VendorFile, month: str, entity: str) -> Path | CheckRecord | None:
    """The month's file of `spec`, its name matched case-insensitively; None when an optional one is absent."""
    patterns = [n.lower() for n in spec.names]
    found = sorted(
        p for p in month_dir.iterdir() if p.is_file() and any(fnmatch.fnmatchcase(p.name.lower(), x) for x in patterns)
    )
    if len(found) > 1:
        return CheckRecord(
            month,
            entity,
            found[0].name,
            "ambiguous_file",
            f"{', '.join(p.name for p in found)} all match {' or '.join(spec.names)}: "
            "the month is read from exactly one such file",
        )
    if found:
        return found[0]
    if spec.required:
        return CheckRecord(
            month, entity, spec.names[0], "missing_file", f"required file {' or '.join(spec.names)} is missing"
        )
    return None


def _first_entity(definition: SourceDefinition, key: str) -> str:
    """The entity a file's own problems are filed under: the first one built from it."""
    return next((e for e, files in definition.entities.items() if key in files), "*")


def _empty_table(con: duckdb.DuckDBPyConnection, spec: VendorFile) -> None:
    """An absent optional file reads as no rows, so an entity's SQL can always name it."""
    columns = ", ".join(f"cast(null as {SQL_TYPES[c.type]}) as {quote_ident(c.name)}" for c in spec.columns)
    con.execute(
        f"create or replace temp table {src_table(spec.key)} as "
        f"select {columns}, cast(null as bigint) as source_line limit 0"
    )


def _build_entity(
    con: duckdb.DuckDBPyConnection,
    definition: SourceDefinition,
    entity_name: str,
    extract: ExtractFile,
    load: MonthLoad,
) -> None:
    entity = ENTITY_BY_NAME[entity_name]
    sql_file = f"pipelines/sources/{definition.name}/{entity_name}.sql"
    try:
        built = {row[0] for row in con.execute(f"describe {definition.sql(entity_name)}").fetchall()}
        # An optional contract column the source does not build (its system has no such field) is null.
        columns = ", ".join(
            f"cast({quote_ident(c.name) if c.name in built or not c.optional else 'null'} as {c.sql_type}) "
            f"as {quote_ident(c.name)}"
            for c in entity.columns
        )
        con.execute(
            f"create or replace temp table {stage_table(entity)} as "
            f"select {columns}, cast(source_line as bigint) as source_line from ({definition.sql(entity_name)})"
        )
    except duckdb.Error as err:
        load.records.append(
            CheckRecord(
                load.month,
                entity_name,
                extract.path.name,
                "unreadable",
                f"{sql_file} could not convert it: {str(err).strip().splitlines()[0]}",
            )
        )
        return
    load.files[entity_name] = extract
    load.records.append(
        CheckRecord(
            load.month,
            entity_name,
            extract.path.name,
            "readable",
            f"{entity_name} built from {extract.path.name} by {sql_file}",
            passed=True,
        )
    )
