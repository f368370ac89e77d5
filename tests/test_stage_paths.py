"""Staging's one-pass typed read and its text path stage the same rows, lines included."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.contract import ENTITY_BY_NAME
from pipelines.ingest import stage
from pipelines.ingest.files import inspect_file
from tests.fixture_month import write_month


def staged(path: Path, entity_name: str, *, typed: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, list]:
    """(whether the typed pass staged it, the staged rows)."""
    used = []
    original = stage._staged_typed

    def spy(*args):
        used.append(typed and original(*args))
        return used[-1]

    monkeypatch.setattr(stage, "_staged_typed", spy)
    extract = inspect_file(path, "2026-10", entity_name)
    with duckdb.connect() as con:
        assert stage.stage_file(con, ENTITY_BY_NAME[entity_name], extract, "2026-10") == []
        return used[0], con.execute(f"select * from stage_{entity_name} order by source_line").fetchall()


@pytest.mark.parametrize("entity_name", ["orders", "order_lines", "customers", "products", "teams"])
def test_typed_and_text_paths_stage_the_same_rows(tmp_path: Path, entity_name: str, monkeypatch) -> None:
    path = write_month(tmp_path) / f"{entity_name}.csv"
    typed_used, typed_rows = staged(path, entity_name, typed=True, monkeypatch=monkeypatch)
    text_used, text_rows = staged(path, entity_name, typed=False, monkeypatch=monkeypatch)
    assert (typed_used, text_used) == (True, False)
    assert typed_rows == text_rows
    assert [row[-1] for row in typed_rows] == list(range(2, len(typed_rows) + 2))


def test_a_quoted_newline_or_a_bad_value_leaves_the_typed_pass(tmp_path: Path, monkeypatch) -> None:
    folder = write_month(tmp_path)
    lines = (folder / "orders.csv").read_text(encoding="utf-8").splitlines()
    multi_line = folder / "multi_line.csv"
    multi_line.write_text("\n".join([lines[0], lines[1].replace("O1", '"O\n1"', 1), *lines[2:]]) + "\n")
    used, rows = staged(multi_line, "orders", typed=True, monkeypatch=monkeypatch)
    assert not used
    assert rows[0][0] == "O\n1" and [row[-1] for row in rows][:2] == [2, 4]  # record 1 spans lines 2-3
    bad = folder / "bad_lines.csv"
    text = (folder / "order_lines.csv").read_text(encoding="utf-8").splitlines()
    header, first, *rest = text
    cells = first.split(",")
    cells[header.split(",").index("quantity")] = "two"
    bad.write_text("\n".join([header, ",".join(cells), *rest]) + "\n")
    extract = inspect_file(bad, "2026-10", "order_lines")
    with duckdb.connect() as con:
        [problem] = stage.stage_file(con, ENTITY_BY_NAME["order_lines"], extract, "2026-10")
    assert (problem.rule, problem.column, problem.sample_lines) == ("unparseable", "quantity", (2,))
