"""Turn generated columns into Arrow tables with exactly the contract's columns, order and types."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from pipelines.contract import ENTITY_BY_NAME

# Files carry 2 decimals (money 12.30, discount 0.05); ingest widens them to the raw table types.
_ARROW_TYPES = {
    "str": pa.string(),
    "int": pa.int64(),
    "decimal": pa.decimal128(18, 2),
    "fraction": pa.decimal128(9, 2),
    "date": pa.date32(),
    "bool": pa.bool_(),
    "month": pa.string(),
    "currency": pa.string(),
    "rate": pa.decimal128(18, 8),
}


def contract_table(entity: str, columns: dict) -> pa.Table:
    """Decimal and fraction columns are given as whole hundredths (int64 cents), so no value is ever
    float-rounded on its way to the file; rates as Decimals. An optional column may be left out."""
    spec = ENTITY_BY_NAME[entity]
    required = {c.name for c in spec.columns if not c.optional}
    if not required <= set(columns) <= set(spec.column_names):
        raise ValueError(f"{entity}: columns {sorted(columns)} do not match the contract {spec.column_names}")
    present = [c for c in spec.columns if c.name in columns]
    arrays = []
    for column in present:
        arrow_type = _ARROW_TYPES[column.type]
        values = columns[column.name]
        if pa.types.is_decimal(arrow_type) and column.type != "rate" and not isinstance(values, pa.Array):
            arrays.append(hundredths_to_decimal(np.asarray(values, dtype=np.int64), arrow_type))
        else:
            arrays.append(
                pa.array(values, type=arrow_type) if not isinstance(values, pa.Array) else values.cast(arrow_type)
            )
    return pa.Table.from_arrays(arrays, names=[c.name for c in present])


def hundredths_to_decimal(values: np.ndarray, arrow_type: pa.Decimal128Type) -> pa.Array:
    """Build the decimal array from its 128-bit little-endian integers directly: exact and vectorised."""
    words = np.empty((len(values), 2), dtype=np.int64)
    words[:, 0] = values
    words[:, 1] = np.where(values < 0, -1, 0)  # sign extension of the high word
    return pa.Array.from_buffers(arrow_type, len(values), [None, pa.py_buffer(words.tobytes())])
