"""The copy of ingest's frame that the suite is run on."""

from __future__ import annotations

import pandas as pd
from pandas.errors import OutOfBoundsDatetime

from data_checks.column_rules import BATCH_MONTH, NEXT_MONTH
from data_checks.note_rules import rules_for
from pipelines.contract import Entity

SOURCE_LINE = "source_line"


def prepare_frame(entity: Entity, frame: pd.DataFrame) -> pd.DataFrame:
    """Give every contract type the one representation GX compares fast and reliably, and add
    the per-row month bound and the derived rule columns.

    Ingest may hand dates as datetime64 or python dates and decimals as floats or Decimals. GX's
    range check raises on some mixes of value and bound types and only vectorises float64 and
    datetime64[ns] columns (anything else, Int64 included, is compared row by row in Python).
    Hence dates -> datetime64[ns] and numbers -> float64, which is exact for the contract's
    BIGINT counts and DECIMAL(18,4)/(9,6) values at the precision of the contract's bounds.
    Rows are ordered by month, then source line, and the index is the row position: the runner
    maps GX's unexpected row positions back to each row's month and line.
    """
    prepared = frame.sort_values([BATCH_MONTH, SOURCE_LINE], kind="stable").reset_index(drop=True)
    prepared[BATCH_MONTH] = _as_datetime(prepared[BATCH_MONTH])
    month_starts = prepared[BATCH_MONTH].to_numpy().astype("datetime64[M]")
    prepared[NEXT_MONTH] = pd.Series(month_starts + 1, index=prepared.index).astype("datetime64[ns]")
    for column in entity.columns:
        if column.name not in prepared.columns:
            continue  # reported by the column_exists expectation
        if column.type == "date":
            prepared[column.name] = _as_datetime(prepared[column.name])
        elif column.type in ("int", "decimal", "fraction"):
            prepared[column.name] = pd.to_numeric(prepared[column.name]).astype("float64")
    for rule in rules_for(entity):
        if rule.derive is not None and set(rule.source_columns) <= set(prepared.columns):
            prepared[rule.derived_column] = rule.derive(prepared)
    return prepared


def _as_datetime(values: pd.Series) -> pd.Series:
    dates = pd.to_datetime(values)
    try:
        return dates.astype("datetime64[ns]")
    except OutOfBoundsDatetime:
        # e.g. a 9999-12-31 "no end" sentinel: GX still compares it correctly, only row by row.
        return dates
