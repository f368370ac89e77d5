"""Read one vendor file into a temp table src_<key>: its declared columns, typed and value-mapped,
with the physical line of each record.

Headers match the declared spelling or an alias, ignoring case and surrounding blanks. A missing
optional column becomes a typed null (or its stated default); a missing required one, a value that
does not read as its type and a value its map does not know are problems naming the vendor file,
the vendor's column and the lines, so the month stops before anything is converted.
"""

from __future__ import annotations

import duckdb

from pipelines.ingest.files import ExtractFile
from pipelines.ingest.problems import CheckRecord
from pipelines.ingest.stage import first_malformed_record, quote_ident, quote_literal
from pipelines.sources.definition import ValueMap, VendorColumn, VendorFile

SAMPLE = 5
_CSV_DIALECT = "header = true, delim = ',', quote = '\"', escape = '\"', strict_mode = true, null_padding = false"
SQL_TYPES = {
    "str": "varchar",
    "int": "bigint",
    "decimal": "decimal(18,4)",
    "date": "date",
    "timestamp": "timestamptz",
    "bool": "boolean",
}
DEFAULT_FORMATS = {"date": "%Y-%m-%d", "timestamp": "%Y-%m-%d %H:%M:%S %z"}
_BOOLS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def src_table(key: str) -> str:
    return f"src_{key}"


def match_headers(spec: VendorFile, header: tuple[str, ...]) -> dict[str, str | None]:
    """Declared column -> the file's header that holds it (None when absent); pure."""
    by_lower: dict[str, str] = {}
    for name in header:
        by_lower.setdefault(name.strip().lower(), name)
    return {
        column.name: next((by_lower[s.lower()] for s in column.spellings if s.lower() in by_lower), None)
        for column in spec.columns
    }


def read_vendor_file(
    con: duckdb.DuckDBPyConnection,
    spec: VendorFile,
    extract: ExtractFile,
    maps: dict[str, ValueMap],
    month: str,
    entity: str,
) -> list[CheckRecord]:
    """Create src_<key>; return the problems that stop the month."""
    name = extract.path.name
    text = f"{src_table(spec.key)}_text"
    try:
        con.execute(
            f"create or replace temp table {text} as select row_number() over () as record_no, * "
            f"from read_csv($path, {_CSV_DIALECT}, all_varchar = true)",
            {"path": str(extract.path)},
        )
    except duckdb.Error as err:
        located = first_malformed_record(extract.path, len(extract.header or ()))
        line, why = located or (None, f"is not well-formed CSV: {_first_line(err)}")
        return [CheckRecord(month, entity, name, "malformed", why, sample_lines=(line,) if line else ())]
    # DuckDB's names for the columns (it renames a blank or repeated header), in file order.
    header = tuple(row[0] for row in con.execute(f"describe {text}").fetchall())[1:]
    found = match_headers(spec, header)
    missing = [c for c in spec.columns if c.required and found[c.name] is None]
    if missing:
        con.execute(f"drop table {text}")
        return [
            CheckRecord(
                month,
                entity,
                name,
                "missing_column",
                f"missing required column {c.header!r}"
                + (f" (or {', '.join(map(repr, c.aliases))})" if c.aliases else ""),
                column=c.header,
                sample_lines=(1,),
            )
            for c in missing
        ]
    typed = ", ".join(f"{_typed(c, found[c.name], maps)} as {quote_ident(c.name)}" for c in spec.columns)
    raw = ", ".join(f"{_raw(found[c.name])} as {quote_ident(c.name + '__raw')}" for c in spec.columns)
    con.execute(
        f"create or replace temp table {src_table(spec.key)} as "
        f"select {typed}, {raw}, {_line_expression(con, text, header, extract)} as source_line from {text}"
    )
    con.execute(f"drop table {text}")
    problems = [
        p
        for c in spec.columns
        if found[c.name]
        for p in _bad_values(con, spec, c, found[c.name], maps, month, entity, name)
    ]
    _drop_raw(con, spec)
    # Only now, so that a value which did not read is reported rather than defaulted.
    for column in spec.columns:
        if found[column.name] and column.default is not None:
            col = quote_ident(column.name)
            con.execute(f"update {src_table(spec.key)} set {col} = {_default(column)} where {col} is null")
    return problems


def _raw(header: str | None) -> str:
    return f"nullif(trim({quote_ident(header)}), '')" if header else "cast(null as varchar)"


def _default(column: VendorColumn) -> str:
    return f"cast({'null' if column.default is None else quote_literal(column.default)} as {SQL_TYPES[column.type]})"


def _typed(column: VendorColumn, header: str | None, maps: dict[str, ValueMap]) -> str:
    """SQL: the column's value in its type; null when it does not read (which _bad_values reports)."""
    if header is None:
        return _default(column)
    value = _raw(header)
    if column.map is not None:
        return _mapped(value, maps[column.map])
    if column.type == "str":
        return value
    if column.type == "int":
        # Odoo and spreadsheets write a whole number as 2.0; a real fraction stays unreadable.
        whole = f"regexp_replace({value}, '\\.0+$', '')"
        return f"case when regexp_full_match({value}, '-?[0-9]+(\\.0+)?') then try_cast({whole} as bigint) end"
    if column.type == "decimal":
        of_form = f"regexp_full_match({value}, '-?[0-9]+(\\.[0-9]{{1,4}})?')"
        number = f"case when {of_form} then try_cast({value} as decimal(18,4)) end"
        return f"cast({number} / 100 as decimal(18,6))" if column.percent else number
    if column.type == "bool":
        cases = " ".join(f"when {quote_literal(k)} then {str(v).lower()}" for k, v in _BOOLS.items())
        return f"case lower({value}) {cases} end"
    formats = _formats(column)
    parsed = f"try_strptime({value}, [{', '.join(map(quote_literal, formats))}])"
    if column.type == "timestamp" and not any("%z" in f for f in formats):
        # A timestamp written without an offset (Odoo's date_order) is UTC, whatever the session's zone.
        parsed = f"timezone('UTC', {parsed})"
    return f"cast({parsed} as date)" if column.type == "date" else f"cast({parsed} as timestamptz)"


def _formats(column: VendorColumn) -> tuple[str, ...]:
    form = column.format or DEFAULT_FORMATS[column.type]
    return (form,) if isinstance(form, str) else form


def _mapped(value: str, value_map: ValueMap) -> str:
    cases = " ".join(
        f"when lower({value}) = {quote_literal(k)} then {quote_literal(v)}" for k, v in value_map.values.items()
    )
    fallback = quote_literal(value_map.default) if value_map.default is not None else "null"
    # A blank stays blank: a default stands for values the map does not list, not for no value.
    return f"case when {value} is null then null {cases} else {fallback} end"


def _bad_values(
    con: duckdb.DuckDBPyConnection,
    spec: VendorFile,
    column: VendorColumn,
    header: str,
    maps: dict[str, ValueMap],
    month: str,
    entity: str,
    name: str,
) -> list[CheckRecord]:
    """Values present in the file that did not read as the column's type or are not in its map."""
    table = src_table(spec.key)
    col, raw = quote_ident(column.name), quote_ident(column.name + "__raw")
    bad = f"filter (where {raw} is not null and {col} is null)"
    count, lines, values = con.execute(
        f"select count(*) {bad}, list(source_line order by source_line) {bad}[1:{SAMPLE}], "
        f"list(distinct {raw}) {bad} from {table}"
    ).fetchone()
    if not count:
        return []
    shown = ", ".join(repr(v) for v in sorted(values)[:SAMPLE])
    if column.map is not None:
        value_map = maps[column.map]
        return [
            CheckRecord(
                month,
                entity,
                name,
                "unmapped_value",
                f"{count} value(s) not in the value map {value_map.name!r} ({shown}): "
                f"extend that map in {value_map.defined_in}",
                column=header,
                failing_count=count,
                sample_lines=tuple(lines),
                reason_code="rule_violated",
            )
        ]
    if column.type in ("date", "timestamp"):
        hint = f"write it as {' or '.join(_formats(column))}"
    elif column.type == "bool":
        hint = "write true/false, 1/0 or yes/no"
    elif column.type == "int":
        hint = "write a whole number: digits with an optional leading '-' (a zero fraction, 2.0, reads as 2)"
    else:
        hint = "write digits with an optional leading '-' and a '.' before at most 4 decimals"
    return [
        CheckRecord(
            month,
            entity,
            name,
            "unparseable",
            f"{count} value(s) are not a valid {column.type} ({shown}): {hint}",
            column=header,
            failing_count=count,
            sample_lines=tuple(lines),
        )
    ]


def _drop_raw(con: duckdb.DuckDBPyConnection, spec: VendorFile) -> None:
    """The untyped copies were kept only to name bad values."""
    for column in spec.columns:
        con.execute(f"alter table {src_table(spec.key)} drop column {quote_ident(column.name + '__raw')}")


def _line_expression(con: duckdb.DuckDBPyConnection, text: str, header: tuple[str, ...], extract: ExtractFile) -> str:
    """Physical line of each record: header line + records before + newlines quoted inside them.

    The running sum over every value is only taken when the file has more line breaks than a
    header plus one line per record (an address or a note written over several lines).
    """
    (records,) = con.execute(f"select count(*) from {text}").fetchone()
    if extract.line_breaks <= records + 1:
        return "1 + record_no"
    newlines = " + ".join(
        f"coalesce(length({quote_ident(h)}) - length(replace({quote_ident(h)}, chr(10), '')), 0)" for h in header
    )
    return (
        f"1 + record_no + coalesce(sum({newlines}) over "
        "(order by record_no rows between unbounded preceding and 1 preceding), 0)"
    )


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0]
