"""Months are validated together up to a row budget, never splitting a month."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.ingest import validate
from pipelines.ingest.validate import validation_batches

FILES = {"2026-01": "orders.csv", "2026-03": "orders.csv", "2026-02": "orders.csv"}
JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


@pytest.mark.parametrize(
    ("budget", "rows", "expected"),
    [
        (100, {JAN: 10, FEB: 20, MAR: 30}, [[JAN, FEB, MAR]]),
        (30, {JAN: 10, FEB: 20, MAR: 30}, [[JAN, FEB], [MAR]]),
        (25, {JAN: 10, FEB: 20, MAR: 30}, [[JAN], [FEB], [MAR]]),
        (5, {JAN: 10, FEB: 0, MAR: 30}, [[JAN], [FEB], [MAR]]),
        (10, {JAN: 10, MAR: 0}, [[JAN, FEB, MAR]]),
    ],
)
def test_validation_batches(monkeypatch, budget: int, rows: dict[date, int], expected: list[list[date]]) -> None:
    monkeypatch.setattr(validate, "ROWS_PER_VALIDATION", budget)
    assert validation_batches(FILES, rows) == expected
