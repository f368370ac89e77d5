"""Which Parquet column types can hold a contract type without a lossy cast.

DuckDB would cast a DOUBLE 2.6 to a BIGINT 3 or a DECIMAL(18,6) to four decimals without a word;
such a column is refused with the type found. Text columns are accepted for every type and
checked value by value against the contract's text form, as a CSV is.
"""

from __future__ import annotations

import re

INTEGER_TYPES = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
)
TEXT = "VARCHAR"
_DECIMAL = re.compile(r"DECIMAL\((\d+),(\d+)\)")
_MAX_SCALE = {"decimal": 4, "fraction": 6, "rate": 10}  # the scales of contract.SQL_TYPES

# What a message advises, per contract type.
ACCEPTED = {
    "str": "a text or integer column",
    "month": "a text column",
    "int": "an integer or text column",
    "decimal": "a decimal column with at most 4 decimals, an integer or a text column",
    "fraction": "a decimal column with at most 6 decimals, an integer or a text column",
    "rate": "a decimal column with at most 10 decimals, an integer or a text column",
    "currency": "a text column",
    "date": "a date or text column",
    "bool": "a boolean or text column",
}


def fits(contract_type: str, duckdb_type: str) -> bool:
    """Whether a Parquet column DuckDB reads as `duckdb_type` holds `contract_type` values exactly."""
    if duckdb_type == TEXT:
        return True
    if contract_type in ("str", "int"):
        return duckdb_type in INTEGER_TYPES
    if contract_type in _MAX_SCALE:
        decimal = _DECIMAL.fullmatch(duckdb_type)
        return duckdb_type in INTEGER_TYPES or (decimal is not None and int(decimal[2]) <= _MAX_SCALE[contract_type])
    return (contract_type, duckdb_type) in {("date", "DATE"), ("bool", "BOOLEAN")}
