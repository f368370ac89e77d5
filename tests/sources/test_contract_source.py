"""SALES_SOURCE=contract, the default, loads the contract's files exactly as before sources existed."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.contract import ENTITIES
from pipelines.ingest.load import load_months
from tests.fixture_month import write_month
from tests.settings_for import settings_for

TABLES = [f"raw.{e.name}" for e in ENTITIES] + ["raw.extract_files", "raw.notes", "ops.check_results"]


def _dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {
        table: con.execute(f"select * exclude (run_id, {_at_columns(con, table)}) from {table} order by all").fetchall()
        for table in TABLES
    }


def _at_columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    schema, name = table.split(".")
    query = (
        "select column_name from duckdb_columns() "
        "where schema_name = $s and table_name = $t and column_name like '%_at'"
    )
    return ", ".join(row[0] for row in con.execute(query, {"s": schema, "t": name}).fetchall())


def test_the_contract_source_is_the_default_and_loads_the_same_rows(tmp_path: Path) -> None:
    write_month(tmp_path / "landing", "2026-10")
    dumps = []
    for index, env in enumerate(({}, {"SALES_SOURCE": "contract"})):
        settings = settings_for(tmp_path / "landing", **env)
        assert settings.source_definition is None  # the contract: no vendor files to convert
        with duckdb.connect(str(tmp_path / f"w{index}.duckdb")) as con:
            load_months(con, settings, ["2026-10"], "run-1")
            dumps.append(_dump(con))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["raw.orders"]) == 5  # the fixture month's, as tests/test_ingest.py counts them
