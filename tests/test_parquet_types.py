"""Which Parquet column types hold a contract type exactly."""

from __future__ import annotations

import pytest

from pipelines.ingest.parquet_types import fits


@pytest.mark.parametrize(
    ("contract_type", "accepted", "refused"),
    [
        ("int", ["BIGINT", "INTEGER", "UTINYINT", "VARCHAR"], ["DOUBLE", "FLOAT", "DECIMAL(18,0)", "BOOLEAN"]),
        ("decimal", ["DECIMAL(18,2)", "DECIMAL(38,4)", "BIGINT", "VARCHAR"], ["DECIMAL(18,5)", "DOUBLE"]),
        ("fraction", ["DECIMAL(9,6)", "DECIMAL(9,2)", "VARCHAR"], ["DECIMAL(18,7)", "FLOAT"]),
        ("date", ["DATE", "VARCHAR"], ["TIMESTAMP", "BIGINT"]),
        ("bool", ["BOOLEAN", "VARCHAR"], ["INTEGER"]),
        ("str", ["VARCHAR", "BIGINT"], ["DOUBLE", "DATE"]),
        ("month", ["VARCHAR"], ["DATE"]),
    ],
)
def test_types_that_hold_the_contract_type_exactly(contract_type, accepted, refused) -> None:
    assert [fits(contract_type, t) for t in accepted + refused] == [True] * len(accepted) + [False] * len(refused)
