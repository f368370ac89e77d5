"""Load one extract file into a DuckDB temp table with the contract's types.

The file is read with DuckDB's own readers. A well-formed CSV goes straight
into the contract types in one pass; anything else (or a file that pass
refuses) is read as text, so that an unparseable value can be reported with
its value, column and line instead of a bare cast error, then cast. Text is
cast only when it has the contract's form (`contract.TEXT_FORMS`): DuckDB's
casts alone accept exponents, hex and extra decimals. Temp tables live
outside the database file, so staging never touches published data.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

from pipelines.contract import TEXT_FORMS, Column, Entity
from pipelines.ingest import parquet_types
from pipelines.ingest.files import ExtractFile
from pipelines.ingest.problems import CheckRecord

SAMPLE = 5
_QUOTED_VALUE_LENGTH = 40  # longer values are cut in messages
_LINE_IN_ERROR = re.compile(r"[Ll]ine:? (\d+)")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    """A SQL string literal, for statements that take no bound parameters (ATTACH, SET VARIABLE)."""
    return "'" + value.replace("'", "''") + "'"


def stage_table(entity: Entity) -> str:
    return f"stage_{entity.name}"


def _text_table(entity: Entity) -> str:
    return f"stage_{entity.name}_text"


def _file_columns(con: duckdb.DuckDBPyConnection, extract: ExtractFile) -> dict[str, str]:
    """Column name -> the type DuckDB reads it as (a CSV's columns are all read as text)."""
    if extract.header is not None:
        return dict.fromkeys(extract.header, parquet_types.TEXT)
    described = con.execute("describe select * from read_parquet($path)", {"path": str(extract.path)}).fetchall()
    return {row[0]: row[1] for row in described}


# Explicit dialect: a sniffer could be fooled by hostile text fields.
_CSV_DIALECT = "header = true, delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = false"


def _staged_typed(
    con: duckdb.DuckDBPyConnection, entity: Entity, extract: ExtractFile, columns: tuple[str, ...]
) -> bool:
    """The common case in one pass: the CSV read straight into the contract types; False if not done.

    Not for files with a boolean column (the contract's true/false is stricter than the reader's)
    nor for files whose records span several lines. A value the reader refuses sends the file down
    the text path, which says which value, column and line.
    """
    if extract.format != "csv" or any(c.type == "bool" for c in entity.columns):
        return False
    # Columns with a text form are read as text and cast here, where a value not of that form raises.
    types = {
        name: entity.column(name).sql_type
        if name in entity.column_names and entity.column(name).type not in TEXT_FORMS
        else "VARCHAR"
        for name in columns
    }
    selected = ", ".join(
        f"{_cast(c, parquet_types.TEXT, strict=True) if c.name in columns else _absent(c)} as {quote_ident(c.name)}"
        for c in entity.columns
    )
    try:
        con.execute(
            f"create or replace temp table {stage_table(entity)} as "
            f"select {selected}, 1 + row_number() over () as source_line "
            f"from read_csv($path, {_CSV_DIALECT}, columns = $types)",
            {"path": str(extract.path), "types": types},
        )
    except duckdb.Error:
        return False
    return _one_line_per_record(con, stage_table(entity), extract)


def _one_line_per_record(con: duckdb.DuckDBPyConnection, table: str, extract: ExtractFile) -> bool:
    """No record of the file spans lines: it has no more line breaks than a header plus its records."""
    (records,) = con.execute(f"select count(*) from {table}").fetchone()
    return extract.line_breaks <= records + 1


def _read_as_text(con: duckdb.DuckDBPyConnection, entity: Entity, extract: ExtractFile) -> None:
    table = _text_table(entity)
    if extract.format == "csv":
        reader = f"read_csv($path, {_CSV_DIALECT}, all_varchar = true)"
    else:
        reader = "read_parquet($path)"
    con.execute(
        f"create or replace temp table {table} as select row_number() over () as record_no, * from {reader}",
        {"path": str(extract.path)},
    )


def _line_expression(
    con: duckdb.DuckDBPyConnection, entity: Entity, extract: ExtractFile, columns: Iterable[str]
) -> str:
    """Physical line of each record: header line + records before + newlines quoted inside them.

    Counting the quoted newlines takes a running sum over every text value, so it is only done
    when the file has more lines than a header plus one line per record.
    """
    if extract.format != "csv":
        return "record_no"
    if _one_line_per_record(con, _text_table(entity), extract):
        return "1 + record_no"
    text_columns = [quote_ident(c.name) for c in _present(entity, columns)]
    newlines = " + ".join(f"coalesce(length({col}) - length(replace({col}, chr(10), '')), 0)" for col in text_columns)
    return (
        f"1 + record_no + coalesce(sum({newlines}) over "
        "(order by record_no rows between unbounded preceding and 1 preceding), 0)"
    )


def _present(entity: Entity, columns: Iterable[str]) -> list[Column]:
    """The contract columns the file has (an optional column may be absent)."""
    names = set(columns)
    return [c for c in entity.columns if c.name in names]


def _absent(column: Column) -> str:
    """An optional column the file leaves out: null of its type."""
    return f"cast(null as {column.sql_type})"


def _cast(column: Column, source_type: str, *, strict: bool = False) -> str:
    """SQL casting `column` from a file column read as `source_type` to the contract type.

    Text must have the contract's form first. A value that cannot be cast becomes null, which
    `_unparseable` reports; `strict` (the one-pass read) raises instead, sending the file down
    the text path.
    """
    col = quote_ident(column.name)
    cast = "cast" if strict else "try_cast"
    form = TEXT_FORMS.get(column.type)
    if form is None or source_type != parquet_types.TEXT:
        return f"{cast}({col} as {column.sql_type})"
    value = f"lower({col}) = 'true'" if column.type == "bool" else f"{cast}({col} as {column.sql_type})"
    not_of_form = "error('not of the contract form')" if strict else "null"
    of_form = f"regexp_full_match({col}, '{form.pattern}')"
    return f"case when {of_form} then {value} when {col} is not null then {not_of_form} end"


def stage_file(con: duckdb.DuckDBPyConnection, entity: Entity, extract: ExtractFile, month: str) -> list[CheckRecord]:
    """Create temp table stage_<entity>; return the problems that stop the month."""
    name = extract.path.name
    try:
        columns = _file_columns(con, extract)
    except duckdb.Error as err:
        return [CheckRecord(month, entity.name, name, "unreadable", f"cannot be read: {_first_line(err)}")]
    file_types, columns = columns, tuple(columns)
    missing = [c.name for c in entity.columns if c.name not in columns and not c.optional]
    if missing:
        unknown = [c for c in columns if c not in entity.column_names]
        hint = f"; unexpected column(s) {', '.join(unknown)} — renamed?" if unknown else ""
        return [
            CheckRecord(
                month,
                entity.name,
                name,
                "missing_column",
                f"missing required column {col}{hint}",
                column=col,
                sample_lines=(1,),
            )
            for col in missing
        ]
    refused = _unfit_parquet_types(entity, file_types, month, name)
    if refused:
        return refused
    if _staged_typed(con, entity, extract, columns):
        return []
    try:
        _read_as_text(con, entity, extract)
    except duckdb.Error as err:
        located = first_malformed_record(extract.path, len(columns)) if extract.format == "csv" else None
        if located:
            line, why = located
            return [CheckRecord(month, entity.name, name, "malformed", why, failing_count=1, sample_lines=(line,))]
        found = _LINE_IN_ERROR.search(str(err))
        return [
            CheckRecord(
                month,
                entity.name,
                name,
                "malformed",
                f"is not a well-formed file: {_first_line(err)}",
                sample_lines=(int(found.group(1)),) if found else (),
            )
        ]
    text = _text_table(entity)
    typed = ", ".join(
        f"{_cast(c, file_types[c.name]) if c.name in file_types else _absent(c)} as {quote_ident(c.name)}"
        for c in entity.columns
    )
    con.execute(
        f"create or replace temp table {stage_table(entity)} as "
        f"select {typed}, {_line_expression(con, entity, extract, file_types)} as source_line from {text}"
    )
    problems = _unparseable(con, entity, month, name, file_types)
    con.execute(f"drop table {text}")
    return problems


def _unfit_parquet_types(entity: Entity, file_types: dict[str, str], month: str, name: str) -> list[CheckRecord]:
    """Contract columns of a Parquet file whose type would not hold the contract's values exactly."""
    return [
        CheckRecord(
            month,
            entity.name,
            name,
            "column_type",
            f"Parquet type {file_types[c.name]} does not fit the contract's {c.type} "
            f"(use {parquet_types.ACCEPTED[c.type]})",
            column=c.name,
        )
        for c in _present(entity, file_types)
        if not parquet_types.fits(c.type, file_types[c.name])
    ]


def _unparseable(
    con: duckdb.DuckDBPyConnection, entity: Entity, month: str, name: str, file_types: dict[str, str]
) -> list[CheckRecord]:
    """Values present in the file that did not cast to the contract type: count, first values and lines."""
    checked = [c for c in _present(entity, file_types) if c.type in TEXT_FORMS]
    if not checked:
        return []
    text, staged = _text_table(entity), stage_table(entity)
    selects = []
    for c in checked:
        col = quote_ident(c.name)
        bad = f"filter (where t.{col} is not null and s.{col} is null)"
        selects.append(
            f"count(*) {bad}, list(s.source_line order by s.source_line) {bad}[1:{SAMPLE}], "
            f"list(t.{col}::varchar order by s.source_line) {bad}[1:{SAMPLE}]"
        )
    # Rows of both tables are in file order: positional join pairs each record with its cast.
    row = con.execute(f"select {', '.join(selects)} from {text} t positional join {staged} s").fetchone()
    problems = []
    for index, column in enumerate(checked):
        count, lines, values = row[3 * index : 3 * index + 3]
        if count:
            quoted = ", ".join(_quoted(v) for v in values)
            problems.append(
                CheckRecord(
                    month,
                    entity.name,
                    name,
                    "unparseable",
                    f"{count} value(s) are not a valid {column.type} ({quoted}): write {TEXT_FORMS[column.type].hint}",
                    column=column.name,
                    failing_count=count,
                    sample_lines=tuple(lines),
                )
            )
    return problems


def _quoted(value: str) -> str:
    """A file's value in a message: quoted and escaped (repr), and cut when long."""
    if len(value) > _QUOTED_VALUE_LENGTH:
        value = value[:_QUOTED_VALUE_LENGTH] + "…"
    return repr(value)


def first_malformed_record(path: Path, width: int) -> tuple[int, str] | None:
    """Where DuckDB's CSV error points: the physical line the first bad record starts on, and why.

    DuckDB's reader reports no line when its sniffer fails, and counts records, not physical
    lines, when it does; Python's csv module tracks physical lines through quoted newlines.
    """
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        start = 1
        try:
            for record in reader:
                if record and len(record) != width:
                    return start, f"is not well-formed CSV: {len(record)} fields where the header has {width}"
                start = reader.line_num + 1
        except csv.Error as err:
            return start, f"is not well-formed CSV ({err})"
    return None


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0]
