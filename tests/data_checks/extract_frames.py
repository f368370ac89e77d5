"""Small hand-made extract frames that obey the contract for the folder 2026-01.

`extract_frame` builds the rows as a frame with `batch_month`, `source_line` (row i -> line
i + 2, after the header), the `<fk>__ref_found` and `currency__rate_found` columns, in reverse file order, so tests
also prove lines come back sorted. `validate_frame` loads frames into a DuckDB temp table with
the contract's column types, as ingest stages them, and validates that table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb
import pandas as pd

from data_checks.runner import MonthOutcomes, validate_months
from pipelines.contract import CHANNELS, ENTITY_BY_NAME

MONTH = dt.date(2026, 1, 1)
D = dt.date

# One tuple per row, in the contract's column order; a tuple may stop before trailing optional
# columns (a file without them).
GOOD_ROWS: dict[str, list[tuple]] = {
    "orders": [
        ("o1", D(2026, 1, 1), "c1", "r1", "online", None, "completed"),
        ("o2", D(2026, 1, 15), "c2", "r1", "offline", "k1", "cancelled"),
        ("o3", D(2026, 1, 31), "c1", "r2", "agent", None, "returned"),
        ("o4", D(2026, 1, 20), "c3", "r2", "online", "k1", "completed", "EUR"),
    ],
    "order_lines": [
        ("o1", 1, "p1", 1, 0, 0),
        ("o1", 2, "p2", 3, 9.99, 0.999999),
        ("o2", 1, "p1", 2, 100.5, 0.1),
        ("o3", 1, "p3", 1, 5.25, 0.5),
    ],
    "opportunities": [
        ("op1", "c1", "r1", D(2025, 11, 3), D(2026, 2, 15), None, "open", 1000, None, None),
        ("op2", "c2", "r1", D(2026, 1, 31), None, D(2026, 1, 31), "won", 0, None, None),
        ("op3", None, None, D(2025, 6, 1), D(2025, 12, 1), D(2025, 12, 20), "lost", 250.5, "price", "Acme"),
        ("op4", "c3", "r2", D(2026, 1, 5), None, D(2026, 1, 10), "lost", 10, None, None),
    ],
    "customers": [
        ("c1", "Alpha", "smb", "north", D(2020, 5, 1)),
        ("c2", None, None, None, None),
        ("c3", "Gamma", "enterprise", "south", D(2026, 1, 31)),
    ],
    "products": [
        ("p1", "Widget", "tools", 0),
        ("p2", "Gadget", None, None),
        ("p3", "Gizmo", "tools", 19.99),
    ],
    "sales_reps": [
        ("r1", "Ann", "t1", "north", D(2019, 3, 1), True),
        ("r2", "Bo", None, None, None, None),
        ("r3", "Cy", "t2", "south", D(2025, 12, 1), False),
    ],
    "teams": [
        ("t1", "North", "Dee"),
        ("t2", "South", None),
    ],
    "targets": [
        ("2026-01", "company", None, "revenue", 100000),
        ("2026-01", "company", None, "orders", 500),
        ("2026-02", "team", "t1", "revenue", 5000),
        ("2026-01", "rep", "r1", "market_share", 0.12),
    ],
    "campaigns": [
        ("k1", "Spring", "promotion", "online", D(2026, 1, 1), D(2026, 1, 31), 1000),
        ("k2", "Fair", "event", None, D(2026, 1, 10), D(2026, 1, 10), 0),
        ("k3", "Mail", None, "offline", None, None, 50),
    ],
    "surveys": [
        ("s1", "c1", D(2026, 1, 1), 0, 1, None),
        ("s2", "c2", D(2026, 1, 31), 10, 5, "great"),
        ("s3", "c1", D(2026, 1, 15), 7, None, None),
    ],
    "market": [
        ("north", 1000000),
        ("south", 0.01),
    ],
    "fx_rates": [
        ("EUR", "2026-01", None, 1.0825),
        ("CNY", None, D(2026, 1, 2), 0.1381234567),
        ("CNY", None, D(2026, 1, 5), 0.138),
    ],
}


def good_rows(entity_name: str) -> list[dict]:
    names = ENTITY_BY_NAME[entity_name].column_names
    return [dict(zip(names, (*row, *(None,) * (len(names) - len(row))), strict=True)) for row in GOOD_ROWS[entity_name]]


def extract_frame(entity_name: str, rows: list[dict], month: dt.date = MONTH) -> pd.DataFrame:
    """Rows of the folder `month` -> typed frame as ingest builds it; a row may override `<fk>__ref_found`."""
    entity = ENTITY_BY_NAME[entity_name]
    data = {}
    for column in entity.columns:
        values = [row[column.name] for row in rows if column.name in row]
        if len(values) < len(rows):
            continue  # a test removed the column
        data[column.name] = _typed(column.type, values)
    frame = pd.DataFrame(data)
    frame["source_line"] = range(2, len(rows) + 2)
    frame["batch_month"] = _typed("date", [month] * len(rows))
    for column in entity.columns:
        if column.parents and column.name in frame:
            flag = f"{column.name}__ref_found"
            found = [row.get(flag, None if row[column.name] is None else True) for row in rows]
            frame[flag] = pd.array(found, dtype="boolean")
        if column.needs_rate and column.name in frame:
            # A rate is there unless a test says otherwise; the reporting currency (null here) needs none.
            flag = f"{column.name}__rate_found"
            found = [row.get(flag, None if row[column.name] is None else True) for row in rows]
            frame[flag] = pd.array(found, dtype="boolean")
    return frame.iloc[::-1]


def _typed(contract_type: str, values: list) -> pd.Series | pd.arrays.ExtensionArray:
    if contract_type in ("str", "month", "currency"):
        return pd.Series(values, dtype=object)
    if contract_type == "int":
        return pd.array(values, dtype="Int64")
    if contract_type == "bool":
        return pd.array(values, dtype="boolean")
    if contract_type in ("decimal", "fraction", "rate", "date"):
        # As text, cast to the contract type by validate_frame, as ingest casts a CSV's text.
        return pd.Series([None if v is None else str(v) for v in values], dtype=object)
    raise ValueError(contract_type)


def validate_frame(
    entity_name: str, frame: pd.DataFrame, months: Sequence[dt.date], *, channels: tuple[str, ...] = CHANNELS
) -> MonthOutcomes:
    """Validate `frame` as ingest would, staged in a DuckDB temp table with the contract's types."""
    entity = ENTITY_BY_NAME[entity_name]
    types = {c.name: c.sql_type for c in entity.columns} | {"source_line": "BIGINT", "batch_month": "DATE"}
    columns = ", ".join(f'"{name}" {types.get(name, "BOOLEAN")}' for name in frame.columns)
    values = frame.astype(object).where(frame.notna(), None).itertuples(index=False)
    with duckdb.connect() as con:
        con.execute(f"create temp table staged ({columns})")
        if len(frame):
            con.executemany(f"insert into staged values ({', '.join('?' * len(frame.columns))})", list(values))
        return validate_months(entity, con, "staged", months, channels=channels)
