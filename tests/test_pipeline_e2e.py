"""End to end, in process: 14 generated months through ingest, checks, dbt and the report.

The expected numbers are computed here straight from the extract files, with
Python's csv and Decimal, independently of DuckDB and dbt.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.demo.generator import generate
from pipelines.months import months_between
from pipelines.report.rules import load_config
from pipelines.transform.project import DBT_EXECUTABLE, DBT_PROJECT_DIR
from pipelines.transform.window import dbt_vars_args
from tests.pdf_pages import LEAST_FILL, pdf_pages
from tests.pipeline_runs import definitions_for, project_env, run_months, schema_checksums, table_digest

FIRST, LAST = "2025-09", "2026-10"
pytestmark = pytest.mark.slow
E2E_GOLDEN = Path(__file__).parent / "golden" / "e2e"
# The appendix rows "Generated at" and "Run id" (生成时间, 运行编号).
RUN_METADATA_LINE = re.compile(r"^\| (Generated at|Run id|生成时间|运行编号) \|")


def month_figures(folder: Path) -> dict[str, Decimal | int]:
    """Company revenue, orders and aov of a month folder, by the metric definitions."""
    with (folder / "orders.csv").open(encoding="utf-8") as handle:
        completed = {
            row["order_id"]: row["customer_id"] for row in csv.DictReader(handle) if row["status"] == "completed"
        }
    revenue = Decimal(0)
    with (folder / "order_lines.csv").open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            if line["order_id"] in completed:
                revenue += int(line["quantity"]) * Decimal(line["unit_price"]) * (1 - Decimal(line["discount"]))
    orders = len(completed)
    return {
        "revenue": revenue,
        "orders": orders,
        "aov": revenue / orders,
        "active_customers": len(set(completed.values())),
    }


def pct(value: Decimal, base: Decimal) -> Decimal:
    return (value - base) / base


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("e2e")
    env = project_env(root, FIRST, pdf=True)
    generate(root / "landing", months=14, end_month=LAST, scale="small", seed=11)
    defs = definitions_for(env)
    instance = dg.DagsterInstance.ephemeral()
    result = run_months(defs, FIRST, LAST, instance)
    assert result.success
    return {"root": root, "env": env, "defs": defs, "instance": instance, "run_id": result.run_id}


def company_row(duckdb_path: str, month: str) -> dict:
    with duckdb.connect(duckdb_path, read_only=True) as con:
        cursor = con.execute(
            "select * from marts.mart_sales_monthly where grain = 'company' and month = $m",
            {"m": f"{month}-01"},
        )
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_the_run_reports_each_stage_as_it_moves(pipeline) -> None:
    messages = [
        entry.user_message
        for entry in pipeline["instance"].all_logs(pipeline["run_id"])
        if not entry.is_dagster_event and entry.user_message
    ]
    months = months_between(FIRST, LAST)
    staged = [f"staged {month} ({i} of 14 months)" for i, month in enumerate(months, start=1)]
    assert [m for m in messages if m.startswith("staged ")] == staged
    assert "checked 14 months against the contract" in messages
    assert "published 14 months" in messages
    dbt = [re.fullmatch(r"dbt: (\d+) of (\d+) nodes done", m) for m in messages if m.startswith("dbt: ")]
    done, totals = [int(m[1]) for m in dbt], {int(m[2]) for m in dbt}
    (total,) = totals
    assert len(done) == 10 and done == sorted(done) and done[-1] == total
    written = [f"wrote the report of {month} ({i} of 14 months)" for i, month in enumerate(months, start=1)]
    assert [m for m in messages if m.startswith("wrote the report")] == written


def test_month_kpis_match_the_extract_files(pipeline) -> None:
    landing = pipeline["root"] / "landing"
    now, prev, last_year = (month_figures(landing / m) for m in ("2026-10", "2026-09", "2025-10"))
    row = company_row(pipeline["env"]["SALES_DUCKDB_PATH"], "2026-10")

    cents = Decimal("0.01")
    assert Decimal(str(row["revenue"])) == now["revenue"].quantize(cents, ROUND_HALF_UP)
    assert row["orders"] == now["orders"]
    assert row["active_customers"] == now["active_customers"]
    assert Decimal(str(row["aov"])) == now["aov"].quantize(cents, ROUND_HALF_UP)
    assert Decimal(str(row["revenue_prev"])) == prev["revenue"].quantize(cents, ROUND_HALF_UP)
    assert Decimal(str(row["revenue_ly"])) == last_year["revenue"].quantize(cents, ROUND_HALF_UP)
    # Percentages are fractions compared to 1e-6 (a ten-thousandth of a percentage point).
    expected = {
        "revenue_mom_pct": pct(now["revenue"], prev["revenue"]),
        "revenue_yoy_pct": pct(now["revenue"], last_year["revenue"]),
        "orders_mom_pct": pct(Decimal(now["orders"]), Decimal(prev["orders"])),
        "orders_yoy_pct": pct(Decimal(now["orders"]), Decimal(last_year["orders"])),
        "aov_mom_pct": pct(now["aov"], prev["aov"]),
        "aov_yoy_pct": pct(now["aov"], last_year["aov"]),
    }
    for column, value in expected.items():
        assert float(row[column]) == pytest.approx(float(value), abs=1e-6), column


def test_first_month_has_no_comparison(pipeline) -> None:
    row = company_row(pipeline["env"]["SALES_DUCKDB_PATH"], FIRST)
    assert row["revenue_prev"] is None and row["revenue_mom_pct"] is None and row["revenue_yoy_pct"] is None


def test_every_month_has_reports_in_both_languages(pipeline) -> None:
    reports = pipeline["root"] / "reports"
    months = sorted(p.name for p in reports.iterdir() if p.is_dir())
    assert months[0] == FIRST and months[-1] == LAST and len(months) == 14
    names = sorted(p.name for p in (reports / LAST).iterdir())
    assert names == [f"report.{lang}.{kind}" for lang in ("en", "zh") for kind in ("html", "md", "pdf")]


def test_each_months_actions_are_recorded_and_followed_up_the_month_after(pipeline) -> None:
    """One range run: the report of M records its actions before the report of M+1 reads them."""
    with duckdb.connect(pipeline["env"]["SALES_DUCKDB_PATH"], read_only=True) as con:
        recorded = dict(
            con.execute("select month, count(distinct position) from ops.report_actions group by month").fetchall()
        )
        shown = dict(
            con.execute(
                "select action_month, count(distinct position) from marts.mart_action_follow_up where shown "
                "group by action_month"
            ).fetchall()
        )
        plan_months = con.execute("select count(distinct month) from marts.mart_plan_accuracy").fetchone()[0]
    reports = pipeline["root"] / "reports"
    with_findings = {
        dt.date.fromisoformat(f"{folder.name}-01")
        for folder in reports.iterdir()
        if "No rule's threshold was crossed" not in (folder / "report.en.md").read_text(encoding="utf-8")
    }
    assert set(recorded) == with_findings and len(with_findings) >= 12
    # every month's shown actions are followed up (the last month's a month the run has not loaded yet)
    assert set(shown) == set(recorded)
    assert all(1 <= n <= 5 for n in shown.values())
    assert plan_months == 13  # the first month had no plan before it


def test_no_printed_page_of_any_month_is_under_a_fifth_full(pipeline) -> None:
    """Demo-size months: a 30-rep table, a long appendix. Kept whole, the rep table once left a page
    17% full before it, and the list of marts a page 2% full after it."""
    reports = pipeline["root"] / "reports"
    fills = {
        pdf.relative_to(reports).as_posix(): [round(page.fill, 2) for page in pdf_pages(pdf)]
        for pdf in sorted(reports.glob("*/report.*.pdf"))
    }
    assert len(fills) == 2 * 14
    thin = {name: pages for name, pages in fills.items() if min(pages) < LEAST_FILL}
    assert not thin, thin


def test_each_months_report_materialization_shows_that_month(pipeline) -> None:
    """One range run: each month's latest materialization carries its own summary, files and figures."""
    for month in ("2025-09", "2026-09", LAST):
        records = (
            pipeline["instance"]
            .fetch_materializations(
                dg.AssetRecordsFilter(asset_key=dg.AssetKey("monthly_sales_report"), asset_partitions=[month]), limit=1
            )
            .records
        )
        metadata = records[0].asset_materialization.metadata
        assert metadata["summary"].value.startswith(f"**{month}**")
        assert all(f"/{month}/report." in path for path in metadata["files"].value)
        revenue = company_row(pipeline["env"]["SALES_DUCKDB_PATH"], month)["revenue"]
        assert metadata["revenue"].value == pytest.approx(float(revenue))
        assert metadata["data_quality"].value in ("passed", "warnings")


def test_each_month_of_a_range_run_has_its_own_row_counts_and_check_outcomes(pipeline) -> None:
    instance, db = pipeline["instance"], pipeline["env"]["SALES_DUCKDB_PATH"]
    orders = dg.AssetKey(["raw", "orders"])
    for month in (FIRST, "2026-03", LAST):
        records = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=orders, asset_partitions=[month]), limit=1
        ).records
        with duckdb.connect(db, read_only=True) as con:
            (loaded,) = con.execute(
                "select count(*) from raw.orders where batch_month = $m", {"m": f"{month}-01"}
            ).fetchone()
        assert records[0].asset_materialization.metadata["rows"].value == loaded
    history = instance.event_log_storage.get_asset_check_execution_history(
        dg.AssetCheckKey(orders, "contract"), limit=100
    )
    by_month = {r.event.dagster_event.event_specific_data.partition for r in history if r.event}
    assert set(months_between(FIRST, LAST)) <= by_month


def test_marts_and_reports_equal_the_checked_in_baseline(pipeline) -> None:
    """The proof that a refactoring changed nothing: every baseline mart column and both reports of
    the last month, as checked in under tests/golden/e2e/.

    New tables and new columns are allowed; a changed or missing one is not. After an intended
    change, regenerate with UPDATE_GOLDEN=1 and review the diff.
    """
    path = pipeline["env"]["SALES_DUCKDB_PATH"]
    stored = E2E_GOLDEN / "marts.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        stored.write_text(json.dumps(mart_baseline(path), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    baseline = json.loads(stored.read_text(encoding="utf-8"))
    with duckdb.connect(path, read_only=True) as con:
        for table, expected in baseline.items():
            assert table_digest(con, f"marts.{table}", expected["columns"]) == expected["sha256"], table
    for language in ("en", "zh"):
        report = pipeline["root"] / "reports" / LAST / f"report.{language}.md"
        text = without_run_metadata(report.read_text(encoding="utf-8"), pipeline["root"])
        golden = E2E_GOLDEN / f"report.{language}.md"
        if os.environ.get("UPDATE_GOLDEN") == "1":
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{report.name} differs from {golden}"


def mart_baseline(duckdb_path: str) -> dict[str, dict]:
    with duckdb.connect(duckdb_path, read_only=True) as con:
        columns: dict[str, list[str]] = {}
        for table, column in con.execute(
            "select table_name, column_name from information_schema.columns where table_schema = 'marts' "
            "order by table_name, ordinal_position"
        ).fetchall():
            # which run wrote a row, and when, differ from run to run
            if column != "run_id" and not column.endswith("_at"):
                columns.setdefault(table, []).append(column)
        return {
            table: {"columns": cols, "sha256": table_digest(con, f"marts.{table}", cols)}
            for table, cols in columns.items()
        }


def without_run_metadata(markdown: str, root: Path) -> str:
    """The report less what differs between runs: its run id, its time and the tmp folder."""
    kept = [line for line in markdown.splitlines(keepends=True) if not RUN_METADATA_LINE.match(line)]
    return "".join(kept).replace(str(root), "<root>")


def test_month_by_month_and_full_rebuild_equal_the_single_run_backfill(pipeline) -> None:
    path = pipeline["env"]["SALES_DUCKDB_PATH"]
    backfill = {s: schema_checksums(path, s) for s in ("raw", "marts")}
    for month in ("2026-09", LAST):
        assert run_months(pipeline["defs"], month, month, pipeline["instance"]).success
    assert {s: schema_checksums(path, s) for s in ("raw", "marts")} == backfill

    subprocess.run(
        [
            DBT_EXECUTABLE,
            "run",
            "--full-refresh",
            "--quiet",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(pipeline["root"] / "dbt_target"),
            *dbt_vars_args(load_config()),
        ],
        check=True,
        env={**os.environ, "SALES_DUCKDB_PATH": path},
    )
    assert schema_checksums(path, "marts") == backfill["marts"]


def test_a_raw_month_feeds_the_marts_of_the_twelve_months_after_it(pipeline) -> None:
    graph = pipeline["defs"].resolve_asset_graph()
    children = graph.get_child_partition_keys_of_parent(
        "2025-10", dg.AssetKey(["raw", "orders"]), dg.AssetKey(["staging", "stg_crm__orders"])
    )
    assert list(children) == months_between("2025-10", LAST)


def test_redelivering_a_month_refreshes_the_comparisons_after_it(pipeline) -> None:
    """The README's re-delivery command: the corrected month through the latest one, as one run."""
    lines_file = pipeline["root"] / "landing" / "2026-09" / "order_lines.csv"
    with lines_file.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, lines = reader.fieldnames, list(reader)
    for line in lines:
        line["quantity"] = str(int(line["quantity"]) + 1)
    with lines_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(lines)
    corrected = month_figures(lines_file.parent)
    path = pipeline["env"]["SALES_DUCKDB_PATH"]
    october_before = company_row(path, LAST)

    assert run_months(pipeline["defs"], "2026-09", LAST, pipeline["instance"]).success

    cents = Decimal("0.01")
    assert Decimal(str(company_row(path, "2026-09")["revenue"])) == corrected["revenue"].quantize(cents, ROUND_HALF_UP)
    october = company_row(path, LAST)
    assert Decimal(str(october["revenue_prev"])) == corrected["revenue"].quantize(cents, ROUND_HALF_UP)
    assert october["revenue_prev"] != october_before["revenue_prev"]
    assert october["revenue"] == october_before["revenue"]
    with duckdb.connect(pipeline["env"]["SALES_ANALYST_DUCKDB_PATH"], read_only=True) as con:
        published = con.execute(
            "select revenue_prev from marts.mart_sales_monthly where grain = 'company' and month = $m",
            {"m": f"{LAST}-01"},
        ).fetchone()[0]
    assert published == october["revenue_prev"]
