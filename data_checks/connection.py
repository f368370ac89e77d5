"""Lets GX's SQL execution engine read the temp tables of the connection that staged them.

The run's rows live in temp tables, which only the staging connection can see, so GX must query
through that same DuckDB connection. GX and SQLAlchemy treat a connection as theirs: they begin,
roll back and close it. On DuckDB that is wrong twice over. A rollback (SQLAlchemy ends its
implicit transaction when GX's `with engine.connect()` block exits, before GX fetches the rows)
discards the pending result, which is why GX over duckdb-engine reports every metric as failed
with `list index out of range`; and it would end ingest's own transaction. GX only reads, so the
wrapper below hands it the connection with transaction control and close turned into no-ops.
"""

from __future__ import annotations

from typing import Any

import duckdb
from duckdb_engine import ConnectionWrapper
from sqlalchemy.pool import StaticPool

# Any DuckDB URL selects the duckdb-engine dialect; the creator decides which connection is used.
CONNECTION_STRING = "duckdb:///:memory:"


class BorrowedConnection(ConnectionWrapper):
    """A DB-API view of a DuckDB connection owned by someone else: queries only."""

    def begin(self) -> None:
        pass

    def commit(self) -> None:
        pass

    def rollback(self) -> None:
        pass

    def close(self) -> None:
        pass


def engine_kwargs(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """`create_engine` arguments under which every SQLAlchemy connection is `con`, borrowed."""
    return {"creator": lambda: BorrowedConnection(con), "poolclass": StaticPool}
