"""One ephemeral GX context per process; a SQL datasource per validation, over the caller's connection."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import duckdb

from data_checks.connection import CONNECTION_STRING, engine_kwargs
from data_checks.gx_import import great_expectations

if TYPE_CHECKING:
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.data_context import AbstractDataContext


@functools.cache
def ephemeral_context() -> AbstractDataContext:
    """Created once: building a context each call would dominate small checks."""
    gx = great_expectations()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # Progress bars would print to the orchestrator's logs for every entity of every run.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


@contextmanager
def table_batch_definition(con: duckdb.DuckDBPyConnection, table: str) -> Iterator[BatchDefinition]:
    """The whole temp table `table` of `con` as a GX batch; GX computes its metrics as SQL in DuckDB.

    The datasource is removed afterwards: it holds the connection, which the caller owns.
    """
    context = ephemeral_context()
    name = f"run_{uuid.uuid4().hex}"
    datasource = context.data_sources.add_sql(name, connection_string=CONNECTION_STRING, kwargs=engine_kwargs(con))
    try:
        asset = datasource.add_table_asset(name=table, table_name=table, schema_name="temp")
        yield asset.add_batch_definition_whole_table(table)
    finally:
        context.data_sources.delete(name)
