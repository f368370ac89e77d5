"""The relation a suite runs on: the run's rows plus the derived columns some rules compare."""

from __future__ import annotations

import duckdb

from data_checks.column_rules import BATCH_MONTH, NEXT_MONTH
from data_checks.keys import KEY_ROWS, key_rows_sql
from data_checks.note_rules import rules_for
from pipelines.contract import Entity


def create_checked_table(con: duckdb.DuckDBPyConnection, entity: Entity, source: str) -> str:
    """A temp table of `source`'s rows with NEXT_MONTH, the key count and each note rule's derived column.

    Materialised once: GX runs a query per expectation (and more for the offending rows), and
    the key count is a window over the whole table that a view would recompute in each of them.
    Returns the table's name.
    """
    present = {row[0] for row in con.execute(f"describe {source}").fetchall()}
    derived = [f"cast({BATCH_MONTH} + interval 1 month as date) as {NEXT_MONTH}"]
    if set(entity.primary_key) <= present:
        derived.append(f"{key_rows_sql(entity)} as {KEY_ROWS}")
    derived += [
        f"{rule.derive} as {rule.derived_column}"
        for rule in rules_for(entity)
        if rule.derive is not None and set(rule.source_columns) <= present
    ]
    table = f"checked_{entity.name}"
    con.execute(f"create or replace temp table {table} as select *, {', '.join(derived)} from {source}")
    return table
