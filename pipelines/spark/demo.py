"""`make demo-spark`: the demo's small scale built by both engines, and their marts compared.

The months go through the DuckDB pipeline (contract, checks, dbt), are written into the Spark lake,
and the same dbt project is built there; each mart is then compared row for row, and both build
times printed. Paths come from the settings (SALES_LANDING_DIR, SALES_DUCKDB_PATH, SALES_SPARK_*).
"""

from __future__ import annotations

import argparse
import sys
import time

import dagster as dg
import duckdb

from pipelines.definitions import build_definitions
from pipelines.demo.generator import generate
from pipelines.landed_months import landed_months
from pipelines.schedules import MONTHLY_JOB
from pipelines.settings import Settings
from pipelines.spark.compare import compare_marts, mart_names
from pipelines.spark.resources import SparkLake
from pipelines.transform.project import sales_dbt_project

INGEST_AND_DBT = "group:raw or group:ops or group:quarantine or group:staging or group:intermediate or group:marts"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.spark.demo", description=__doc__)
    parser.add_argument("--months", type=int, default=13, help="month folders to generate when none are (default 13)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if not landed_months(settings.landing_dir):
        generate(settings.landing_dir, months=args.months, scale="small", seed=args.seed)
        settings = Settings.from_env()  # partitions start at the first month just generated
    months = landed_months(settings.landing_dir)
    first, last = months[0], months[-1]

    started = time.monotonic()
    defs = build_definitions(settings)
    selection = dg.AssetSelection.from_coercible(INGEST_AND_DBT).resolve(defs.resolve_asset_graph())
    result = defs.resolve_job_def(MONTHLY_JOB).execute_in_process(
        instance=dg.DagsterInstance.get(),
        tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
        asset_selection=sorted(selection),
        raise_on_error=False,
    )
    if not result.success:
        print(f"the DuckDB run of {first}..{last} failed: see the Dagster log", file=sys.stderr)
        return 1
    duckdb_seconds = time.monotonic() - started

    lake = SparkLake(settings)
    started = time.monotonic()
    lake.write_months(first, last)
    write_seconds = time.monotonic() - started
    started = time.monotonic()
    if not lake.build().success:
        print(f"dbt on Spark failed: see {lake.target_path}/dbt.log", file=sys.stderr)
        return 1
    spark_seconds = time.monotonic() - started

    with duckdb.connect(str(settings.duckdb_path), read_only=True) as con:
        comparisons = compare_marts(con, lake.session(), mart_names(sales_dbt_project()))
    print(f"\n{len(months)} months {first}..{last}, every mart on both engines:")
    for comparison in comparisons:
        print("  " + comparison.line())
    print(
        f"\nDuckDB pipeline (ingest, checks, dbt build): {duckdb_seconds:.0f} s\n"
        f"Writing the months into the lake: {write_seconds:.0f} s\n"
        f"dbt build on Spark ({settings.spark.master}): {spark_seconds:.0f} s\n"
        f"Lake: {settings.spark.warehouse}; metastore: {settings.spark.metastore}"
    )
    unequal = [c.mart for c in comparisons if not c.equal]
    if unequal:
        print(f"DIFFERENT: {', '.join(unequal)}")
        return 1
    print("Every mart is equal on both engines.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
