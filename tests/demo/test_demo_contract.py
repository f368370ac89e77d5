"""Every generated file follows the extract contract; the rules are read from pipelines/contract.py."""

from __future__ import annotations

import re

import duckdb
import pytest

from pipelines.contract import ENTITIES, ENTITY_BY_NAME, NOTES_FILE


def _file_columns(path, fmt: str) -> list[str]:
    if fmt == "csv":
        return path.read_text(encoding="utf-8").splitlines()[0].split(",")
    return [row[0] for row in duckdb.sql(f"describe select * from read_parquet('{path}')").fetchall()]


def _load(con: duckdb.DuckDBPyConnection, folder, fmt: str) -> None:
    """One table per entity with the contract's types, so a badly formatted value fails to load. An
    optional column the files leave out is null; an absent fx_rates file is an empty table."""
    for entity in ENTITIES:
        path = folder / f"{entity.name}.{fmt}"
        present = _file_columns(path, fmt) if path.exists() else []
        if not present:
            columns = ", ".join(f"cast(null as {c.sql_type}) as {c.name}" for c in entity.columns)
            source = f"(select {columns} limit 0)"
        elif fmt == "csv":
            types = ", ".join(f"'{c.name}': '{c.sql_type}'" for c in entity.columns if c.name in present)
            source = f"read_csv('{path}', header = true, columns = {{{types}}}, auto_detect = false)"
        else:
            source = f"read_parquet('{path}')"
        filled = ", ".join(
            c.name if c.name in present else f"cast(null as {c.sql_type}) as {c.name}" for c in entity.columns
        )
        con.execute(f"create or replace table {entity.name} as select {filled} from {source}")


def _violations(con: duckdb.DuckDBPyConnection, month: str) -> dict[str, int]:
    """Count rows breaking each column rule of the contract, keyed by 'entity.column rule'."""
    first, last = f"date '{month}-01'", f"last_day(date '{month}-01')"
    found = {}
    for entity in ENTITIES:
        table = entity.name
        key = ", ".join(entity.primary_key)
        found[f"{table} primary key"] = con.sql(f"select count(*) - count(distinct ({key})) from {table}").fetchone()[0]
        for c in entity.columns:
            rules = []
            if c.not_null:
                rules.append(("not null", f"{c.name} is null"))
            if c.allowed:
                rules.append(("allowed", f"{c.name} not in ({', '.join(repr(v) for v in c.allowed)})"))
            if c.min_value is not None:
                rules.append(("min", f"{c.name} {'<=' if c.strict_min else '<'} {c.min_value}"))
            if c.max_value is not None:
                rules.append(("max", f"{c.name} {'>=' if c.strict_max else '>'} {c.max_value}"))
            if c.in_month:
                rules.append(("in month", f"{c.name} not between {first} and {last}"))
            if c.not_after_month_end:
                rules.append(("month end", f"{c.name} > {last}"))
            if c.references:
                target = ENTITY_BY_NAME[c.references]
                rules.append(("foreign key", f"{c.name} not in (select {target.primary_key[0]} from {target.name})"))
            if c.needs_rate:
                # the reporting currency (USD in these worlds) or one with a rate in the folder
                rules.append(("rate", f"{c.name} <> 'USD' and {c.name} not in (select currency from fx_rates)"))
            for rule, condition in rules:
                found[f"{table}.{c.name} {rule}"] = con.sql(
                    f"select count(*) from {table} where {condition}"
                ).fetchone()[0]
    found["opportunities close_date null iff open"] = con.sql(
        "select count(*) from opportunities where (close_date is null) <> (stage = 'open')"
    ).fetchone()[0]
    found["targets scope_id null iff company"] = con.sql(
        "select count(*) from targets where (scope_id is null) <> (scope = 'company')"
    ).fetchone()[0]
    found["targets month"] = con.sql(
        f"select count(*) from targets where month not in ('{month}', strftime({first} + interval 1 month, '%Y-%m'))"
    ).fetchone()[0]
    found["targets scope_id known"] = con.sql(
        "select count(*) from targets where (scope = 'team' and scope_id not in (select team_id from teams))"
        " or (scope = 'rep' and scope_id not in (select rep_id from sales_reps))"
    ).fetchone()[0]
    found["fx_rates one of month and rate_date"] = con.sql(
        "select count(*) from fx_rates where (month is null) = (rate_date is null)"
    ).fetchone()[0]
    found["fx_rates month"] = con.sql(f"select count(*) from fx_rates where month <> '{month}'").fetchone()[0]
    found["campaigns end before start"] = con.sql(
        "select count(*) from campaigns where end_date < start_date"
    ).fetchone()[0]
    found["market regions differ from customers"] = con.sql(
        "select count(*) from (select region from market) full join (select distinct region from customers)"
        " using (region) where region is null or region not in (select region from market)"
        " or region not in (select region from customers)"
    ).fetchone()[0]
    found["customers created after month"] = con.sql(
        f"select count(*) from customers where created_date > {last}"
    ).fetchone()[0]
    found["reps hired after month"] = con.sql(f"select count(*) from sales_reps where hire_date > {last}").fetchone()[0]
    return found


@pytest.mark.parametrize("fixture", ["small_csv", "small_parquet", "small_fx_csv"])
def test_every_contract_rule_holds_in_every_month(fixture, request):
    summary = request.getfixturevalue(fixture)
    con = duckdb.connect()
    for month in summary.months:
        _load(con, summary.out / month.month, summary.fmt)
        broken = {rule: count for rule, count in _violations(con, month.month).items() if count}
        assert broken == {}, month.month
        assert con.sql("select count(*) from orders").fetchone()[0] == month.orders
        assert con.sql("select count(*) from order_lines").fetchone()[0] == month.order_lines


def test_rule_checker_catches_a_broken_file(small_csv, tmp_path):
    """Guard for the test above: a duplicated order and an order dated outside the month are reported."""
    folder = small_csv.out / small_csv.months[-1].month
    con = duckdb.connect()
    _load(con, folder, "csv")
    con.execute("insert into orders select * replace (date '2020-01-01' as order_date) from orders limit 1")
    broken = {rule for rule, count in _violations(con, small_csv.months[-1].month).items() if count}
    assert broken == {"orders primary key", "orders.order_date in month"}


@pytest.mark.parametrize("fixture", ["small_csv", "small_parquet"])
def test_files_carry_the_contract_columns_in_order(fixture, request):
    summary = request.getfixturevalue(fixture)
    folder = summary.out / summary.months[0].month
    for entity in ENTITIES:
        if entity.name == "fx_rates":
            assert not (folder / f"{entity.name}.{summary.fmt}").exists()  # one currency, no rates
            continue
        columns = duckdb.sql(f"describe select * from '{folder / f'{entity.name}.{summary.fmt}'}'").fetchall()
        # a single-currency world writes no currency columns, as a CRM without them would
        assert tuple(c[0] for c in columns) == tuple(c.name for c in entity.columns if not c.optional)


def test_a_three_currency_world_writes_each_region_in_its_currency_with_its_rates(small_fx_csv):
    folder = small_fx_csv.out / small_fx_csv.months[-1].month
    con = duckdb.connect()
    _load(con, folder, "csv")
    by_region = con.sql(
        "select c.region, string_agg(distinct o.currency, ',') from orders o join customers c using (customer_id) "
        "group by c.region order by c.region"
    ).fetchall()
    # regions take the currencies in turn (North, South, East, West)
    assert by_region == [("East", "CNY"), ("North", "USD"), ("South", "EUR"), ("West", "USD")]
    kinds = con.sql(
        "select currency, count(month), count(rate_date) from fx_rates group by currency order by currency"
    ).fetchall()
    assert kinds == [("CNY", 0, 22), ("EUR", 1, 0)]  # October 2026 has 22 weekdays
    plans = con.sql("select distinct currency from targets union select distinct currency from campaigns")
    assert plans.fetchall() == [("USD",)]


def test_csv_text_follows_the_formatting_rules(small_csv):
    folder = small_csv.out / small_csv.months[0].month
    lines = (folder / "order_lines.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "order_id,line_no,product_id,quantity,unit_price,discount"
    row = re.compile(r'^"SO-\d{6}-\d{6}",\d+,"P\d{4}",\d+,\d+\.\d{2},0\.\d{2}$')
    assert all(row.match(line) for line in lines[1:])
    last_folder = small_csv.out / small_csv.months[-1].month  # after one rep has left
    reps = (last_folder / "sales_reps.csv").read_text(encoding="utf-8").splitlines()
    assert {line.rsplit(",", 1)[1] for line in reps[1:]} == {"true", "false"}
    orders = (folder / "orders.csv").read_text(encoding="utf-8").splitlines()
    assert any(',,"completed"' in line for line in orders)  # a null campaign is an empty, unquoted field


def test_targets_cover_this_and_next_month_at_every_scope(small_csv):
    month = small_csv.months[-1].month
    rows = duckdb.sql(
        f"select month, scope, metric, count(*) from '{small_csv.out / month / 'targets.csv'}' group by all"
    ).fetchall()
    combos = {(m, s, metric) for m, s, metric, _ in rows}
    for target_month in (month, "2026-11"):
        assert {(target_month, "company", m) for m in ("revenue", "orders", "new_customers", "market_share")} <= combos
        assert {(target_month, scope, m) for scope in ("team", "rep") for m in ("revenue", "orders")} <= combos


def test_quarter_end_months_carry_notes_with_the_three_sections(small_csv):
    with_notes = [m.month for m in small_csv.months if (small_csv.out / m.month / NOTES_FILE).exists()]
    assert with_notes == ["2025-09", "2025-12", "2026-03", "2026-06", "2026-09"]
    for month in with_notes:
        text = (small_csv.out / month / NOTES_FILE).read_text(encoding="utf-8")
        assert [line for line in text.splitlines() if line.startswith("## ")] == [
            "## Strategy",
            "## Team",
            "## Actions",
        ]
    assert "华东区" in (small_csv.out / "2026-06" / NOTES_FILE).read_text(encoding="utf-8")
