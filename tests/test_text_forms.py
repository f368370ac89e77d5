"""The contract's text forms accept and refuse exactly the examples of docs/extract-contract.md."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.contract import Column
from pipelines.ingest.stage import _cast

CASES = {
    Column("v", "int"): (["12", "-3", "007"], ["1e3", "0x10", "2.6", "+5", "1,000", "12 "]),
    Column("v", "decimal"): (
        ["12", "12.5", "-0.25", "9.9999"],
        ["12.34567", "12,50", "1,000.00", "1e3", "0x10", ".5", "5."],
    ),
    Column("v", "fraction"): (["0.123456"], ["0.1234567"]),
    Column("v", "date"): (["2026-11-01"], ["2026-11-1", "2026/11/01", "2026-02-30", "2026-11-01 00:00"]),
    Column("v", "bool"): (["true", "FALSE"], ["yes", "1", "t"]),
}


@pytest.mark.parametrize("column", list(CASES), ids=[c.type for c in CASES])
def test_only_values_of_the_contract_form_cast(column: Column) -> None:
    accepted, refused = CASES[column]
    with duckdb.connect() as con:
        cast = con.execute(
            f"select v, {_cast(column, 'VARCHAR')} is not null from unnest($values::varchar[]) t(v)",
            {"values": accepted + refused},
        ).fetchall()
    assert cast == [(v, True) for v in accepted] + [(v, False) for v in refused]
