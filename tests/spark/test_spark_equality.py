"""Spark in local mode builds the same marts as DuckDB from the same months (issue 16, docs/scale.md).

13 months of the small generated fixture (M-12 .. M, so every comparison has its months) go through
the DuckDB pipeline (contract, checks, dbt), are written month by month into a Spark lake, and the
same dbt project is built there. Then the latest month is re-delivered (more of every line, no
campaigns file) and rebuilt on both engines, for that month only.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import build_definitions
from pipelines.demo.generator import generate
from pipelines.months import month_start
from pipelines.settings import Settings
from pipelines.spark.compare import canonical, compare_mart, compare_marts, duckdb_rows, mart_names, spark_rows
from pipelines.spark.resources import SparkLake
from pipelines.transform.project import sales_dbt_project
from tests.pipeline_runs import LINEAGE_OF_THE_RUN, project_env, run_months

pytestmark = pytest.mark.slow
FIRST, LAST = "2025-10", "2026-10"
INGEST_AND_DBT = "group:raw or group:ops or group:quarantine or group:staging or group:intermediate or group:marts"


@dataclass
class Lake:
    root: Path
    settings: Settings
    defs: dg.Definitions
    instance: dg.DagsterInstance
    lake: SparkLake
    marts: list[str]
    seconds: dict[str, float]

    @property
    def spark(self):
        return self.lake.session()

    def duckdb(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.settings.duckdb_path), read_only=True)

    def load(self, first: str, last: str) -> None:
        """The months through the DuckDB pipeline, then into the lake; times both builds."""
        started = time.monotonic()
        assert run_months(self.defs, first, last, self.instance, selection=INGEST_AND_DBT).success
        self.seconds[f"duckdb {first}..{last}"] = time.monotonic() - started
        self.lake.write_months(first, last)
        started = time.monotonic()
        window = None if (first, last) == (FIRST, LAST) else (first, last)
        assert self.lake.build(window).success
        self.seconds[f"spark {first}..{last}"] = time.monotonic() - started


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("spark")
    env = {
        **project_env(root, FIRST),
        "SALES_SPARK_MASTER": "local[2]",
        "SALES_SPARK_WAREHOUSE": str(root / "lake"),
        "SALES_SPARK_METASTORE": str(root / "metastore"),
        "SALES_SPARK_SCRATCH_DIR": str(root / "spark-scratch"),
    }
    generate(root / "landing", months=13, end_month=LAST, scale="small", seed=11)
    settings = Settings.from_env(env)
    lake = SparkLake(settings)
    # The module's one session, started with the lake's settings: dbt-spark takes it too.
    session = lake.session()
    built = Lake(
        root,
        settings,
        build_definitions(settings),
        dg.DagsterInstance.ephemeral(),
        lake,
        mart_names(sales_dbt_project()),
        {},
    )
    built.load(FIRST, LAST)
    yield built
    print("\n" + "\n".join(f"{step}: {seconds:.1f} s" for step, seconds in built.seconds.items()))
    session.stop()


def test_every_mart_is_equal_row_for_row(lake: Lake) -> None:
    with lake.duckdb() as con:
        comparisons = compare_marts(con, lake.spark, lake.marts)
    assert [c.line() for c in comparisons if not c.equal] == []
    rows = {c.mart: c.spark_rows for c in comparisons}
    # Equal because both are full, not because both are empty: 13 months of company rows at least.
    assert rows["mart_sales_monthly"] >= 13 and rows["fct_order_lines"] > 1000 and rows["mart_campaign_performance"] > 0


def month_of(columns: list[str], rows: list[tuple]) -> list[tuple[date | None, tuple]]:
    at = columns.index("month")
    return [(row[at], row) for row in rows]


def rewrite(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, [change(row) for row in reader]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def redelivered(lake: Lake) -> dict[str, dict[str, list[tuple]]]:
    """Each mart's Spark rows of the other months and of LAST, before and after LAST is re-delivered
    with one more of every order line and without its campaigns."""
    before = {mart: spark_rows(lake.spark, f"marts.{mart}") for mart in lake.marts}
    folder = lake.root / "landing" / LAST
    # The campaigns file is optional: without it the orders name no campaign.
    (folder / "campaigns.csv").unlink()
    rewrite(folder / "orders.csv", lambda order: order | {"campaign_id": ""})
    rewrite(folder / "order_lines.csv", lambda line: line | {"quantity": str(int(line["quantity"]) + 1)})
    lake.load(LAST, LAST)
    after = {mart: spark_rows(lake.spark, f"marts.{mart}") for mart in lake.marts}
    last = month_start(LAST)
    split = {}
    for mart in lake.marts:
        if "month" not in before[mart][0]:
            continue
        for when, (columns, rows) in (("before", before[mart]), ("after", after[mart])):
            dated = month_of(columns, rows)
            split.setdefault(mart, {})[f"others {when}"] = canonical(columns, [r for m, r in dated if m != last])
            split[mart][f"last {when}"] = canonical(columns, [r for m, r in dated if m == last])
    return split


def test_after_a_redelivery_the_engines_still_agree(lake: Lake, redelivered) -> None:
    with lake.duckdb() as con:
        comparisons = compare_marts(con, lake.spark, lake.marts)
    assert [c.line() for c in comparisons if not c.equal] == []


def test_a_redelivery_changes_only_its_month(redelivered) -> None:
    changed_elsewhere = [m for m, rows in redelivered.items() if rows["others before"] != rows["others after"]]
    assert changed_elsewhere == []
    # The month itself did change: more revenue, and no campaign rows left once its file is gone.
    assert redelivered["mart_sales_monthly"]["last before"] != redelivered["mart_sales_monthly"]["last after"]
    assert redelivered["mart_campaign_performance"]["last before"] != []
    assert redelivered["mart_campaign_performance"]["last after"] == []


def test_the_lake_holds_the_warehouse_raw_rows_of_every_month(lake: Lake, redelivered) -> None:
    """After the re-delivery too: the month's partitions replaced, its campaigns partition gone."""
    with lake.duckdb() as con:
        tables = con.execute("select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()
        compared = []
        for (table,) in tables:
            columns = [c for c in lake.spark.table(f"raw.{table}").columns if c not in LINEAGE_OF_THE_RUN]
            query = f"select {', '.join(columns)} from raw.{table}"
            frame = lake.spark.sql(query)
            in_spark = (frame.columns, [tuple(row) for row in frame.collect()])
            compared.append(compare_mart(table, duckdb_rows(con, f"({query})"), in_spark))
    assert [c.line() for c in compared if not c.equal] == []
    partitions = [row[0] for row in lake.spark.sql("show partitions raw.campaigns").collect()]
    assert len(partitions) == 12 and f"batch_month={LAST}-01" not in partitions
