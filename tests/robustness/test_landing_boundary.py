"""The landing root is a boundary: a link that leads out of it is refused and nothing behind it is read."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.load import load_months
from pipelines.ingest.problems import ExtractRejected
from tests.fixture_month import write_month
from tests.robustness.extracts import schema_dump
from tests.settings_for import settings_for

MONTH = "2026-10"
RUN_ID = "boundary-run"
MARKER = "OUTSIDE-THE-ROOT-7f3a9c"


@pytest.fixture
def con(tmp_path: Path):
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as connection:
        yield connection


def outside_file(tmp_path: Path) -> Path:
    """A file outside the landing root whose every line carries the marker, as a system file might."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"{MARKER}:x:0:0\nsecond {MARKER}\n", encoding="utf-8")
    return path


def recorded_text(con: duckdb.DuckDBPyConnection) -> str:
    return repr(schema_dump(con, "ops"))


@pytest.mark.parametrize(("file", "entity"), [("orders.csv", "orders"), ("notes.md", "notes")])
def test_a_file_linked_outside_the_root_is_refused_unread(
    tmp_path: Path, con: duckdb.DuckDBPyConnection, file: str, entity: str
) -> None:
    landing = tmp_path / "landing"
    folder = write_month(landing, MONTH)
    (folder / file).unlink(missing_ok=True)
    target = outside_file(tmp_path)
    (folder / file).symlink_to(target)

    with pytest.raises(ExtractRejected) as rejected:
        load_months(con, settings_for(landing), [MONTH], RUN_ID)

    assert [p.describe() for p in rejected.value.problems] == [
        f"2026-10/{file}: is a link to {target.resolve()}, outside the landing root {landing.resolve()}: "
        "refused, nothing of it was read"
    ]
    assert MARKER not in str(rejected.value)
    assert MARKER not in recorded_text(con)
    assert con.execute("select status, errors from ops.load_log where entity = $e", {"e": entity}).fetchall() == [
        ("failed", 1)
    ]


def test_a_month_folder_linked_outside_the_root_is_refused(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    elsewhere = write_month(tmp_path / "elsewhere", MONTH)
    (landing / MONTH).symlink_to(elsewhere, target_is_directory=True)

    with pytest.raises(ExtractRejected) as rejected:
        load_months(con, settings_for(landing), [MONTH], RUN_ID)

    assert [p.describe() for p in rejected.value.problems] == [
        f"2026-10/: the month folder is a link to {elsewhere.resolve()}, outside the landing root {landing.resolve()}: "
        "refused, nothing in it was read"
    ]
    assert con.execute("select count(*) from raw.orders").fetchone() == (0,)
    assert con.execute("select entity, status from ops.load_log").fetchall() == [("*", "failed")]


def test_a_link_that_stays_inside_the_root_is_followed(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    landing = tmp_path / "landing"
    folder = write_month(landing, MONTH)
    shared = landing / "shared"
    shared.mkdir()
    (folder / "orders.csv").rename(shared / "orders.csv")
    (folder / "orders.csv").symlink_to(shared / "orders.csv")

    load_months(con, settings_for(landing), [MONTH], RUN_ID)

    assert con.execute("select count(*), min(source_file) from raw.orders").fetchone() == (5, "2026-10/orders.csv")


def test_a_month_folder_that_links_to_itself_is_no_folder(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / MONTH).symlink_to(landing / MONTH)

    with pytest.raises(ExtractRejected) as rejected:
        load_months(con, settings_for(landing), [MONTH], RUN_ID)

    assert [p.rule for p in rejected.value.problems] == ["missing_folder"]
