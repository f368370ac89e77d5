"""The generator's API and CLI: reproducible bytes, atomic writes, arguments."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import numpy as np
import pyarrow as pa
import pytest

from pipelines.demo import generate
from pipelines.demo.__main__ import main
from pipelines.demo.months import month_label, parse_month
from pipelines.demo.tables import hundredths_to_decimal
from pipelines.months import last_closed_month


def _files(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path, fmt):
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        generate(tmp_path / name, 2, "2026-03", "small", seed, fmt)
    first = _files(tmp_path / "a")
    assert len(first) == 2 * 11 + 1  # eleven entities per month, notes.md in March only
    assert first == _files(tmp_path / "b")
    other = _files(tmp_path / "c")
    assert other.keys() == first.keys() and other["2026-03/orders." + fmt] != first["2026-03/orders." + fmt]


def test_regenerating_in_the_other_format_replaces_files_and_keeps_everything_else(tmp_path):
    keep = tmp_path / "2025-01" / "readme.txt"
    keep.parent.mkdir()
    keep.write_text("mine")
    generate(tmp_path, 1, "2026-01", "small", 7, "csv")
    generate(tmp_path, 1, "2026-01", "small", 7, "parquet")
    names = {p.name for p in (tmp_path / "2026-01").iterdir()}
    assert names == {
        f"{e}.parquet"
        for e in (
            "orders",
            "order_lines",
            "opportunities",
            "customers",
            "products",
            "sales_reps",
            "teams",
            "targets",
            "campaigns",
            "surveys",
            "market",
        )
    }
    assert keep.read_text() == "mine"


def test_cli_help_lists_the_options():
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.demo", "--help"], capture_output=True, text=True, check=True
    )
    for option in ("--months", "--end-month", "--scale", "--seed", "--format", "--out"):
        assert option in result.stdout


def test_cli_writes_the_months_and_prints_a_summary(tmp_path, capsys):
    assert main(["--months", "2", "--end-month", "2026-01", "--scale", "small", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert [line[:8] for line in printed[:2]] == ["2025-12:", "2026-01:"]
    assert printed[-1].startswith("wrote 2 months (2025-12..2026-01)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025-12", "2026-01"]


@pytest.mark.parametrize("arguments", [{"months": 0}, {"scale": "huge"}, {"fmt": "xlsx"}, {"end_month": "2026-13"}])
def test_bad_arguments_are_refused(tmp_path, arguments):
    with pytest.raises(ValueError):
        generate(tmp_path, **{"months": 1, "end_month": "2026-01", "scale": "small", "fmt": "csv", **arguments})


@pytest.mark.parametrize(("label", "serial"), [("2026-01", 2026 * 12), ("2025-12", 2025 * 12 + 11)])
def test_month_labels_round_trip(label, serial):
    assert parse_month(label) == serial
    assert month_label(serial) == label


@pytest.mark.parametrize(("today", "expected"), [("2026-01-15", "2025-12"), ("2026-11-01", "2026-10")])
def test_last_closed_month_is_the_month_before_today(today, expected):
    assert last_closed_month(np.datetime64(today).astype(object)) == expected


def test_hundredths_become_exact_two_decimal_values():
    values = hundredths_to_decimal(np.array([1230, 5, -1, 0]), pa.decimal128(18, 2)).to_pylist()
    assert values == [Decimal("12.30"), Decimal("0.05"), Decimal("-0.01"), Decimal("0.00")]
