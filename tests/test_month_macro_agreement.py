"""The dbt month macros (dbt_project/macros/month_window.sql, dates.sql) accept exactly the
month keys pipelines/months.py accepts and compute the same months from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dbt.cli.main import dbtRunner

from pipelines.months import MonthKeyError, add_months, month_index, month_start, validate_month_key

PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
WINDOW_VARS = ("SALES_MONTH_FROM", "SALES_MONTH_TO")
# The bound of the other env var in the agreement test, a month no case uses.
OTHER_BOUND = "2030-06"

KEYS = [
    ("2026-01", True),
    ("2025-12", True),
    ("0001-01", True),
    ("2024-02", True),
    ("2026-13", False),
    ("2026-00", False),
    ("2026-1", False),
    (" 2026-01", False),
    ("2026-01 ", False),
    ("2026-01\n", False),
    ("２０２６-01", False),
    ("2026/01", False),
    ("abcd-01", False),
    ("2026-01-01", False),
]


@dataclass
class Compiled:
    sql: str | None
    errors: str


@pytest.fixture(scope="module")
def compile_inline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Compiled]]:
    """Compiles inline SQL with the environment of the moment, against a manifest parsed once."""
    workdir = tmp_path_factory.mktemp("month_macro")
    args = ["--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR), "--quiet"]
    args += ["--target-path", str(workdir / "target"), "--log-path", str(workdir / "logs")]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SALES_DUCKDB_PATH", str(workdir / "warehouse.duckdb"))
        for name in WINDOW_VARS:
            patch.delenv(name, raising=False)
        parsed = dbtRunner().invoke(["parse", *args])
        assert parsed.success, parsed.exception

        def compile_(sql: str) -> Compiled:
            errors: list[str] = []
            # A preloaded manifest skips parsing, so a compile takes a fraction of a second. A
            # copy each time: an inline query that fails after parsing stays in the manifest.
            runner = dbtRunner(
                manifest=parsed.result.deepcopy(),
                callbacks=[lambda event: errors.append(event.info.msg) if event.info.level == "error" else None],
            )
            result = runner.invoke(["compile", "--inline", sql, *args])
            compiled = result.result.results[0].node.compiled_code if result.success else None
            return Compiled(compiled, "\n".join(errors))

        yield compile_


def python_accepts(key: str) -> bool:
    try:
        validate_month_key(key)
    except MonthKeyError:
        return False
    return True


def month_indexes(sql: str) -> tuple[int | None, ...]:
    """Each column's month index (pipelines.months.month_index), None unless a first of month.

    Indexes rather than dates: 0001-01 less 13 months falls before year 1, which DuckDB
    holds and Python's date cannot."""
    index = "case when day(columns(*)) = 1 then year(columns(*)) * 12 + month(columns(*)) - 1 end"
    return duckdb.sql(f"select {index} from ({sql})").fetchone()


@pytest.mark.parametrize("env_name", WINDOW_VARS)
@pytest.mark.parametrize(("key", "valid"), KEYS)
def test_window_bounds_accept_the_keys_python_accepts(compile_inline, monkeypatch, env_name, key, valid):
    assert python_accepts(key) is valid
    keys = {name: OTHER_BOUND for name in WINDOW_VARS} | {env_name: key}
    for name, value in keys.items():
        monkeypatch.setenv(name, value)

    compiled = compile_inline(
        "select {{ sales_month_from() }} as month_from, {{ sales_month_from(13) }} as month_from_back_13,"
        " {{ sales_month_to() }} as month_to"
    )

    if valid:
        month_from, month_to = (month_index(month_start(keys[name])) for name in WINDOW_VARS)
        assert month_indexes(compiled.sql) == (month_from, month_from - 13, month_to)
    else:
        assert compiled.sql is None
        assert f"{env_name} must be a month 'YYYY-MM'" in compiled.errors


@pytest.mark.parametrize(("key", "valid"), KEYS)
def test_data_test_filter_accepts_the_keys_python_accepts(compile_inline, monkeypatch, key, valid):
    for name in WINDOW_VARS:
        monkeypatch.setenv(name, key)

    compiled = compile_inline("{{ sales_window_test_filter('month') }}")

    if valid:
        bound = f"cast('{month_start(key)}' as date)"
        assert compiled.sql == f"(month >= {bound} and month <= {bound} or month is null)"
    else:
        assert compiled.sql is None
        assert "SALES_MONTH_FROM must be a month 'YYYY-MM'" in compiled.errors


@pytest.mark.parametrize(
    ("key", "months_back", "expected"),
    [
        ("2026-01", 1, dt.date(2025, 12, 1)),
        ("2026-01", 12, dt.date(2025, 1, 1)),
        ("2026-01", 13, dt.date(2024, 12, 1)),
        ("2025-12", 11, dt.date(2025, 1, 1)),
    ],
)
def test_months_back_crosses_years_like_python(compile_inline, monkeypatch, key, months_back, expected):
    monkeypatch.setenv("SALES_MONTH_FROM", key)

    compiled = compile_inline(f"select {{{{ sales_month_from({months_back}) }}}}")

    assert duckdb.sql(compiled.sql).fetchone() == (expected,)
    assert add_months(month_start(key), -months_back) == expected


def test_unset_or_empty_bounds_read_the_loaded_months(compile_inline, monkeypatch):
    monkeypatch.setenv("SALES_MONTH_FROM", "")
    monkeypatch.delenv("SALES_MONTH_TO", raising=False)

    compiled = compile_inline("{{ sales_month_from() }} / {{ sales_month_to() }}")

    month_from, month_to = compiled.sql.split(" / ")
    assert month_from.startswith("(select min(month) from ") and "int_sales__loaded_months" in month_from
    assert month_to.startswith("(select max(month) from ") and "int_sales__loaded_months" in month_to
