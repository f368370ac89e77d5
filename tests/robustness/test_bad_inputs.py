"""Every class of bad input of the contract's table, made from the good fixture month.

Each case breaks one file of 2026-10 and expects one blocking problem whose
message names the file, the column, the rule, the count and the first
offending physical lines. The line numbers are counted by hand from how the
case writes its file: the header is line 1 and `write_csv` ends lines with
`\\n`, so record k starts on line k + 1 plus the newlines quoted inside the
records before it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipelines.ingest.load import load_months
from pipelines.ingest.problems import ExtractRejected
from tests.fixture_month import month_rows, write_month
from tests.robustness.extracts import edit_line, schema_dump, write_csv, write_parquet
from tests.settings_for import settings_for

MONTH = "2026-10"
BAD_RUN = "bad-run"
ORPHAN_ORDER = "orphan order_id: no orders row with this order_id in the month folder"


def rows_with(entity: str, index: int, **values: object) -> dict[str, list[dict[str, object]]]:
    rows = month_rows(MONTH)
    rows[entity][index] = {**rows[entity][index], **values}
    return rows


def customers_with_multiline_name() -> list[dict[str, object]]:
    """C1's name spans lines 2-4, so C2 starts on line 5 and C3 on line 6 (records 2 and 3)."""
    customers = month_rows(MONTH)["customers"]
    customers[0]["name"] = "Acme\nNorth\nBranch"
    return customers


@dataclass(frozen=True)
class Case:
    name: str
    break_month: Callable[[Path], None]  # receives the month folder, already holding a good month
    entity: str
    rule: str
    describe: str  # what the user reads, exactly
    failing_count: int = 0
    sample_lines: tuple[int, ...] = ()


def _remove_orders(folder: Path) -> None:
    (folder / "orders.csv").unlink()


def _latin1_name(folder: Path) -> None:
    rows = month_rows(MONTH)["customers"]
    rows[1]["name"] = "Café"  # C2, line 3
    path = write_csv(folder, "customers", rows)
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))


def _latin1_notes(folder: Path) -> None:
    # "## Strategy\n" is 12 bytes, "Keep going.\n" 12 more: the é of line 3 is byte 24 + 3 = 27.
    (folder / "notes.md").write_bytes("## Strategy\nKeep going.\nCafé corner first.\n".encode("latin-1"))


def targets_with_unknown_scopes() -> list[dict[str, object]]:
    """Lines 2-4 name real scopes; line 5 is a team target for R1, a rep's id, and line 6 a rep target
    for R9, who is in no roster: both are orphans, each of the entity its scope names."""
    target = {"month": MONTH, "metric": "revenue", "target_value": "100.00"}
    return [
        {**target, "scope": "company", "scope_id": ""},
        {**target, "scope": "team", "scope_id": "T1"},
        {**target, "scope": "rep", "scope_id": "R2"},
        {**target, "scope": "team", "scope_id": "R1"},
        {**target, "scope": "rep", "scope_id": "R9", "target_value": "3000000.00"},
    ]


def _targets_with_unknown_scopes(folder: Path) -> None:
    write_csv(folder, "targets", targets_with_unknown_scopes())


def _drop_channel(folder: Path) -> None:
    columns = ["order_id", "order_date", "customer_id", "rep_id", "campaign_id", "status"]
    write_csv(folder, "orders", month_rows(MONTH)["orders"], columns)


def _rename_status(folder: Path) -> None:
    rows = [{**r, "order_status": r["status"]} for r in month_rows(MONTH)["orders"]]
    columns = ["order_id", "order_date", "customer_id", "rep_id", "channel", "campaign_id", "order_status"]
    write_csv(folder, "orders", rows, columns)


def _write(entity: str, rows_of: Callable[[], dict[str, list[dict[str, object]]]]) -> Callable[[Path], None]:
    return lambda folder: write_csv(folder, entity, rows_of()[entity])


def _unparseable_decimals() -> dict[str, list[dict[str, object]]]:
    rows = rows_with("order_lines", 0, unit_price="12,50")  # line 2
    rows["order_lines"][4]["unit_price"] = "ten"  # O4, line 6
    return rows


def _unparseable_date_after_multiline(folder: Path) -> None:
    customers = customers_with_multiline_name()
    customers[2]["created_date"] = "2023-02-30"  # C3: record 3, physical line 6
    write_csv(folder, "customers", customers)


def _unterminated_quote(folder: Path) -> None:
    path = write_csv(folder, "orders", month_rows(MONTH)["orders"])
    edit_line(path, 4, lambda line: line.replace("O3,", 'O3,"', 1))  # O3 opens a quote it never closes


def _extra_field_after_multiline(folder: Path) -> None:
    path = write_csv(folder, "customers", customers_with_multiline_name())
    edit_line(path, 5, lambda line: line + ",extra")  # C2: record 2, physical line 5


def _duplicate_key_after_multiline(folder: Path) -> None:
    customers = customers_with_multiline_name()
    write_csv(folder, "customers", [*customers, dict(customers[1])])  # C2 on lines 5 and 7


def _two_bad_channels() -> dict[str, list[dict[str, object]]]:
    rows = rows_with("orders", 1, channel="web")  # O2, line 3
    rows["orders"][4]["channel"] = "web"  # O5, line 6
    return rows


def _orders_also_as_parquet(folder: Path) -> None:
    write_parquet(folder, "orders", month_rows(MONTH)["orders"])


def _float_quantity_parquet(folder: Path) -> None:
    """order_lines as Parquet whose quantity column is a float (2.6 on O2's line, row 3)."""
    (folder / "order_lines.csv").unlink()
    records = month_rows(MONTH)["order_lines"]
    path = write_parquet(folder, "order_lines", records)
    table = pq.read_table(path)
    quantity = pa.array([2.6 if i == 2 else float(r["quantity"]) for i, r in enumerate(records)], type=pa.float64())
    pq.write_table(table.set_column(table.schema.get_field_index("quantity"), "quantity", quantity), path)


INT_HINT = "write digits with an optional leading '-'"
MONEY_HINT = "write digits with an optional leading '-' and at most 4 decimals after a '.'"
DATE_HINT = "write a calendar date as YYYY-MM-DD"


CASES = (
    Case(
        "required file missing",
        _remove_orders,
        "orders",
        "missing_file",
        "2026-10/orders.csv: required file orders.csv or orders.parquet is missing",
    ),
    Case(
        "wrong encoding",
        _latin1_name,
        "customers",
        "encoding",
        "2026-10/customers.csv: not valid UTF-8 (byte 0xe9 at byte offset 80); save the file as UTF-8 (line 3)",
        1,
        (3,),
    ),
    Case(
        "notes.md in latin-1",
        _latin1_notes,
        "notes",
        "encoding",
        "2026-10/notes.md: not valid UTF-8 (byte 0xe9 at byte offset 27); save the file as UTF-8 (line 3)",
        1,
        (3,),
    ),
    Case(
        "missing column",
        _drop_channel,
        "orders",
        "missing_column",
        "2026-10/orders.csv, column channel: missing required column channel (line 1)",
        0,
        (1,),
    ),
    Case(
        "renamed column",
        _rename_status,
        "orders",
        "missing_column",
        "2026-10/orders.csv, column status: missing required column status; "
        "unexpected column(s) order_status — renamed? (line 1)",
        0,
        (1,),
    ),
    Case(
        "unparseable int",
        _write("order_lines", lambda: rows_with("order_lines", 2, quantity="two")),  # O2 line 1: line 4
        "order_lines",
        "unparseable",
        f"2026-10/order_lines.csv, column quantity: 1 value(s) are not a valid int ('two'): {INT_HINT} (line 4)",
        1,
        (4,),
    ),
    Case(
        "unparseable decimal",
        _write("order_lines", _unparseable_decimals),
        "order_lines",
        "unparseable",
        "2026-10/order_lines.csv, column unit_price: 2 value(s) are not a valid decimal ('12,50', 'ten'): "
        f"{MONEY_HINT} (lines 2, 6)",
        2,
        (2, 6),
    ),
    Case(
        "unparseable date after a quoted newline",
        _unparseable_date_after_multiline,
        "customers",
        "unparseable",
        "2026-10/customers.csv, column created_date: 1 value(s) are not a valid date ('2023-02-30'): "
        f"{DATE_HINT} (line 6)",
        1,
        (6,),
    ),
    Case(
        "int with an exponent",
        _write("order_lines", lambda: rows_with("order_lines", 2, quantity="1e3")),  # O2 line 1: line 4
        "order_lines",
        "unparseable",
        f"2026-10/order_lines.csv, column quantity: 1 value(s) are not a valid int ('1e3'): {INT_HINT} (line 4)",
        1,
        (4,),
    ),
    Case(
        "int in hex",
        _write("order_lines", lambda: rows_with("order_lines", 4, quantity="0x10")),  # O4 line 1: line 6
        "order_lines",
        "unparseable",
        f"2026-10/order_lines.csv, column quantity: 1 value(s) are not a valid int ('0x10'): {INT_HINT} (line 6)",
        1,
        (6,),
    ),
    Case(
        "int with decimals",
        _write("order_lines", lambda: rows_with("order_lines", 0, quantity="2.6")),  # O1 line 1: line 2
        "order_lines",
        "unparseable",
        f"2026-10/order_lines.csv, column quantity: 1 value(s) are not a valid int ('2.6'): {INT_HINT} (line 2)",
        1,
        (2,),
    ),
    Case(
        "money with five decimals",
        _write("order_lines", lambda: rows_with("order_lines", 1, unit_price="12.34567")),  # O1 line 2: line 3
        "order_lines",
        "unparseable",
        "2026-10/order_lines.csv, column unit_price: 1 value(s) are not a valid decimal ('12.34567'): "
        f"{MONEY_HINT} (line 3)",
        1,
        (3,),
    ),
    Case(
        "date with a one-digit day",
        _write("orders", lambda: rows_with("orders", 4, order_date="2026-10-1")),  # O5, line 6
        "orders",
        "unparseable",
        f"2026-10/orders.csv, column order_date: 1 value(s) are not a valid date ('2026-10-1'): {DATE_HINT} (line 6)",
        1,
        (6,),
    ),
    Case(
        "Parquet float in an int column",
        _float_quantity_parquet,
        "order_lines",
        "column_type",
        "2026-10/order_lines.parquet, column quantity: Parquet type DOUBLE does not fit the contract's int "
        "(use an integer or text column)",
    ),
    Case(
        "unparseable bool",
        _write("sales_reps", lambda: rows_with("sales_reps", 1, is_active="yes")),  # R2, line 3
        "sales_reps",
        "unparseable",
        "2026-10/sales_reps.csv, column is_active: 1 value(s) are not a valid bool ('yes'): "
        "write true or false (line 3)",
        1,
        (3,),
    ),
    Case(
        "unterminated quote",
        _unterminated_quote,
        "orders",
        "malformed",
        "2026-10/orders.csv: is not well-formed CSV (unexpected end of data) (line 4)",
        1,
        (4,),
    ),
    Case(
        "wrong number of fields after a quoted newline",
        _extra_field_after_multiline,
        "customers",
        "malformed",
        "2026-10/customers.csv: is not well-formed CSV: 6 fields where the header has 5 (line 5)",
        1,
        (5,),
    ),
    Case(
        "duplicate primary key after a quoted newline",
        _duplicate_key_after_multiline,
        "customers",
        "unique",
        "2026-10/customers.csv, column customer_id: 2 rows violate 'customer_id must be unique' (lines 5, 7)",
        2,
        (5, 7),
    ),
    Case(
        "null in a not-null column",
        _write("orders", lambda: rows_with("orders", 3, customer_id="")),  # O4, line 5
        "orders",
        "not_null",
        "2026-10/orders.csv, column customer_id: 1 row violates 'customer_id must not be empty' (line 5)",
        1,
        (5,),
    ),
    Case(
        "value outside the allowed set",
        _write("orders", _two_bad_channels),
        "orders",
        "allowed_values",
        "2026-10/orders.csv, column channel: 2 rows violate "
        "'channel must be one of online, offline, agent' (lines 3, 6)",
        2,
        (3, 6),
    ),
    Case(
        "discount of 1.0",
        _write("order_lines", lambda: rows_with("order_lines", 0, discount="1.0")),  # O1 line 1: line 2
        "order_lines",
        "range",
        "2026-10/order_lines.csv, column discount: 1 row violates 'discount must be >= 0 and < 1' (line 2)",
        1,
        (2,),
    ),
    Case(
        "quantity of 0",
        _write("order_lines", lambda: rows_with("order_lines", 5, quantity="0")),  # O5 line 1: line 7
        "order_lines",
        "range",
        "2026-10/order_lines.csv, column quantity: 1 row violates 'quantity must be > 0' (line 7)",
        1,
        (7,),
    ),
    Case(
        "date outside the month",
        _write("orders", lambda: rows_with("orders", 4, order_date="2026-11-01")),  # O5, line 6
        "orders",
        "in_month",
        "2026-10/orders.csv, column order_date: 1 row violates 'order_date must be inside 2026-10' (line 6)",
        1,
        (6,),
    ),
    Case(
        "orphan foreign key",
        _write("orders", lambda: rows_with("orders", 2, rep_id="R9")),  # O3, line 4
        "orders",
        "reference",
        "2026-10/orders.csv, column rep_id: 1 row violates 'rep_id must exist in sales_reps.rep_id' (line 4)",
        1,
        (4,),
    ),
    Case(
        "target for a scope not in the roster",
        _targets_with_unknown_scopes,
        "targets",
        "reference",
        "2026-10/targets.csv, column scope_id: 2 rows violate 'scope_id must exist in teams.team_id when scope is "
        "team or sales_reps.rep_id when scope is rep' (lines 5, 6)",
        2,
        (5, 6),
    ),
    Case(
        "both orders.csv and orders.parquet",
        _orders_also_as_parquet,
        "orders",
        "ambiguous_file",
        "2026-10/orders.csv: both orders.csv and orders.parquet exist; keep one",
    ),
)


@pytest.fixture(scope="module")
def loaded_september(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse that already holds a good 2026-09, which no failed load may touch."""
    root = tmp_path_factory.mktemp("september")
    write_month(root / "landing", "2026-09", month_rows("2026-09"))
    path = root / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        load_months(con, settings_for(root / "landing"), ["2026-09"], "good-run")
    return path


@pytest.fixture
def warehouse(loaded_september: Path, tmp_path: Path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(loaded_september, path)
    with duckdb.connect(str(path)) as con:
        yield con


def _params(cases: tuple[Case, ...]) -> list:
    return [pytest.param(c, id=c.name) for c in cases]


@pytest.mark.parametrize("case", _params(CASES))
def test_bad_input_is_rejected_with_a_message_that_locates_it(
    case: Case, tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    folder = write_month(tmp_path / "landing", MONTH)
    case.break_month(folder)
    before = {s: schema_dump(warehouse, s) for s in ("raw", "quarantine")}

    with pytest.raises(ExtractRejected) as rejected:
        load_months(warehouse, settings_for(tmp_path / "landing"), [MONTH], BAD_RUN)

    problems = rejected.value.problems
    assert [p.describe() for p in problems] == [case.describe]
    (problem,) = problems
    assert (problem.entity, problem.rule, problem.failing_count, problem.sample_lines) == (
        case.entity,
        case.rule,
        case.failing_count,
        case.sample_lines,
    )
    assert case.describe in str(rejected.value)
    assert {s: schema_dump(warehouse, s) for s in ("raw", "quarantine")} == before
    log = warehouse.execute(
        "select status, errors, rows_loaded, message from ops.load_log where run_id = 'bad-run' and entity = $e",
        {"e": case.entity},
    ).fetchall()
    assert log == [("failed", 1, 0, case.describe)]
    check = warehouse.execute(
        "select severity, passed, failing_count, sample_lines, message from ops.check_results "
        "where run_id = 'bad-run' and entity = $e and rule = $r and not passed",
        {"e": case.entity, "r": case.rule},
    ).fetchall()
    assert check == [("error", False, case.failing_count, ",".join(map(str, case.sample_lines)), case.describe)]


def test_header_only_transactional_file_loads_with_a_warning(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    rows = month_rows(MONTH)
    rows["orders"], rows["order_lines"] = [], []
    write_month(tmp_path / "landing", MONTH, rows)

    load_months(warehouse, settings_for(tmp_path / "landing"), [MONTH], BAD_RUN)

    by_month = warehouse.execute("select batch_month::varchar, count(*) from raw.orders group by all").fetchall()
    assert by_month == [("2026-09-01", 5)]
    warnings = warehouse.execute(
        "select entity, check_name, message from ops.check_results "
        "where run_id = 'bad-run' and severity = 'warning' and not passed order by entity"
    ).fetchall()
    no_rows = "has a header but no rows: the month loads with none"
    assert warnings == [
        ("order_lines", "volume", f"2026-10/order_lines.csv: {no_rows}"),
        ("orders", "volume", f"2026-10/orders.csv: {no_rows}"),
    ]
    assert warehouse.execute(
        "select distinct reason_code, reason_values from ops.check_results where run_id = 'bad-run' and not passed"
    ).fetchall() == [("no_rows", None)]
    assert warehouse.execute(
        "select status, rows_loaded, warnings from ops.load_log where run_id = 'bad-run' and entity = 'orders'"
    ).fetchall() == [("loaded", 0, 1)]
    assert warehouse.execute(
        "select provided, row_count from raw.extract_files where batch_month = '2026-10-01' and entity = 'orders'"
    ).fetchall() == [(True, 0)]


def test_absent_optional_file_is_information_and_recorded_as_not_provided(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    # The fixture month has no surveys, market, targets or opportunities.
    write_month(tmp_path / "landing", MONTH)

    load_months(warehouse, settings_for(tmp_path / "landing"), [MONTH], BAD_RUN)

    files = warehouse.execute(
        "select entity, provided, source_file, file_sha256, row_count from raw.extract_files "
        "where batch_month = '2026-10-01' and entity in ('surveys', 'orders') order by entity"
    ).fetchall()
    assert files[0][:2] == ("orders", True) and files[0][2:3] == ("2026-10/orders.csv",)
    assert files[1] == ("surveys", False, None, None, 0)
    assert warehouse.execute(
        "select severity, passed, message from ops.check_results where run_id = 'bad-run' and entity = 'surveys'"
    ).fetchall() == [("info", True, "2026-10/surveys.csv: optional file not provided")]
    assert warehouse.execute(
        "select status, errors, warnings from ops.load_log where run_id = 'bad-run' and entity = 'surveys'"
    ).fetchall() == [("absent", 0, 0)]


def test_a_month_far_from_the_previous_volume_warns_with_its_figures(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    rows = month_rows(MONTH)
    extra = [dict(order, order_id=f"X{n}{order['order_id']}") for n in range(3) for order in rows["orders"]]
    rows["orders"] = rows["orders"] + extra  # 20 orders against September's 5
    write_month(tmp_path / "landing", MONTH, rows)

    load_months(warehouse, settings_for(tmp_path / "landing"), [MONTH], BAD_RUN)

    assert warehouse.execute(
        "select entity, severity, reason_code, reason_values from ops.check_results "
        "where run_id = 'bad-run' and rule = 'volume' and not passed"
    ).fetchall() == [
        ("orders", "warning", "volume_outside_tolerance", '{"median": 5, "months": 1, "rows": 20, "tolerance": 0.5}')
    ]


def test_orphans_under_warn_policy_are_quarantined_with_their_children(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    write_month(tmp_path / "landing", MONTH, rows_with("orders", 3, customer_id="C9"))  # O4, line 5

    load_months(warehouse, settings_for(tmp_path / "landing", SALES_ORPHAN_POLICY="warn"), [MONTH], "warn-run")

    quarantined_orders = warehouse.execute(
        "select order_id, customer_id, source_file, source_line, run_id, reason from quarantine.orders"
    ).fetchall()
    assert quarantined_orders == [
        (
            "O4",
            "C9",
            "2026-10/orders.csv",
            5,
            "warn-run",
            "orphan customer_id: no customers row with this customer_id in the month folder",
        )
    ]
    # O4's only line (line 6 of order_lines.csv) has no order left to belong to.
    assert warehouse.execute(
        "select order_id, line_no, source_line, run_id, reason from quarantine.order_lines"
    ).fetchall() == [("O4", 1, 6, "warn-run", ORPHAN_ORDER)]
    published = warehouse.execute(
        "select order_id from raw.orders where batch_month = '2026-10-01' order by 1"
    ).fetchall()
    assert published == [("O1",), ("O2",), ("O3",), ("O5",)]
    assert warehouse.execute(
        "select count(*) from raw.order_lines where batch_month = '2026-10-01' and order_id = 'O4'"
    ).fetchone() == (0,)
    assert warehouse.execute(
        "select entity, severity, failing_count, sample_lines from ops.check_results "
        "where run_id = 'warn-run' and rule = 'reference' and not passed order by entity"
    ).fetchall() == [("order_lines", "warning", 1, "6"), ("orders", "warning", 1, "5")]
    # The report words these codes and values in its language.
    assert warehouse.execute(
        "select entity, reason_code, reason_values from ops.check_results "
        "where run_id = 'warn-run' and not passed order by entity"
    ).fetchall() == [
        ("order_lines", "unknown_reference", '{"column": "order_id", "parents": "orders"}'),
        ("orders", "unknown_reference", '{"column": "customer_id", "parents": "customers"}'),
    ]
    assert warehouse.execute(
        "select 'orders', reason_code, reason_values from quarantine.orders union all "
        "select 'order_lines', reason_code, reason_values from quarantine.order_lines order by 1"
    ).fetchall() == [
        ("order_lines", "unknown_reference", '{"parents": "orders"}'),
        ("orders", "unknown_reference", '{"parents": "customers"}'),
    ]
    assert warehouse.execute(
        "select count(*) from ops.check_results where run_id = 'warn-run' and passed and reason_code is not null"
    ).fetchone() == (0,)


def test_targets_for_unknown_scopes_under_warn_policy_are_quarantined(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    folder = write_month(tmp_path / "landing", MONTH)
    _targets_with_unknown_scopes(folder)

    load_months(warehouse, settings_for(tmp_path / "landing", SALES_ORPHAN_POLICY="warn"), [MONTH], "warn-run")

    assert warehouse.execute(
        "select scope, scope_id, target_value::varchar, source_line, reason from quarantine.targets "
        "order by source_line"
    ).fetchall() == [
        (
            "team",
            "R1",
            "100.0000",
            5,
            "orphan scope_id: no teams row with this team_id in the month folder (scope team)",
        ),
        (
            "rep",
            "R9",
            "3000000.0000",
            6,
            "orphan scope_id: no sales_reps row with this rep_id in the month folder (scope rep)",
        ),
    ]
    assert warehouse.execute(
        "select scope, scope_id from raw.targets where batch_month = '2026-10-01' order by source_line"
    ).fetchall() == [("company", None), ("team", "T1"), ("rep", "R2")]
    assert warehouse.execute(
        "select status, rows_loaded, warnings from ops.load_log where run_id = 'warn-run' and entity = 'targets'"
    ).fetchall() == [("loaded", 3, 1)]
