"""Atomic file writes: readers see either the old file or the complete new one, never half of it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

# Strings are always quoted (RFC 4180 allows it); nulls stay empty and unquoted, so "" never means null.
_CSV_OPTIONS = pa_csv.WriteOptions(quoting_style="needed", quoting_header="none")


def write_entity(table: pa.Table, folder: Path, entity: str, fmt: str) -> Path:
    target = folder / f"{entity}.{fmt}"
    # A folder re-generated in the other format must not keep the old file: two files for one entity
    # would be ambiguous to the loader.
    other = folder / f"{entity}.{'parquet' if fmt == 'csv' else 'csv'}"
    with _atomic(target) as temporary:
        if fmt == "csv":
            pa_csv.write_csv(table, temporary, write_options=_CSV_OPTIONS)
        else:
            pq.write_table(table, temporary, compression="zstd")
    other.unlink(missing_ok=True)
    return target


def write_text(text: str, target: Path) -> Path:
    with _atomic(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return target


@contextmanager
def _atomic(target: Path) -> Iterator[Path]:
    """Yields a temporary path next to the target, renamed over the target when the block succeeds."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
