"""Re-delivering an older month alone is refused before anything is written; the README's range works.

The built project has its first two fixture months materialized. The first is re-delivered with
order O3 completed instead of cancelled (1 x 10.00): its revenue becomes 100.00 + 10.00 = 110.00,
and C3 becomes an active customer of that month, which moves the second month's customer base.
"""

from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from tests.fixture_month import month_rows, write_month
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.conftest import BuiltProject
from tests.robustness.projects import copy_project, published_fingerprint

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def redelivered(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = copy_project(built_project.root, tmp_path_factory.mktemp("redelivery") / "project")
    first, second = built_project.months[:2]
    rows = month_rows(first)
    rows["orders"][2]["status"] = "completed"
    write_month(root / "landing", first, rows)
    before = published_fingerprint(root)
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        ops_before = con.execute("select count(*) from ops.load_log").fetchone()
    defs = definitions_for(project_env(root, first))
    instance = dg.DagsterInstance.ephemeral()
    alone = run_months(defs, first, first, instance, raise_on_error=False)
    after_alone = published_fingerprint(root)
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as con:
        ops_after_alone = con.execute("select count(*) from ops.load_log").fetchone()
    ranged = run_months(defs, first, second, instance, raise_on_error=False)
    return {
        "root": root,
        "months": (first, second),
        "before": before,
        "alone": alone,
        "after_alone": after_alone,
        "ops": (ops_before, ops_after_alone),
        "ranged": ranged,
    }


def test_the_month_alone_is_refused_in_ingest_with_the_readme_command(redelivered: dict) -> None:
    first, second = redelivered["months"]
    alone = redelivered["alone"]
    assert not alone.success
    assert [e.step_key for e in alone.all_events if e.event_type_value == "STEP_START"] == ["raw_crm_extracts"]
    (failure,) = alone.get_step_failure_events()
    assert failure.step_failure_data.user_failure_data.description == (
        f"{first} was delivered with files that differ from the loaded ones, but {second} is not in this run: "
        f"the marts of {second} compare with {first} (month over month, year over year, customer base) and "
        f"would keep the old figures. Nothing was written. Re-deliver {first} through the latest month as one run:\n"
        f"  dagster asset materialize -m pipelines.definitions --select '*' --partition-range '{first}...{second}'\n"
        f"(in the UI: Materialize all, partition range {first}...{second})"
    )


def test_the_refused_run_wrote_nothing(redelivered: dict) -> None:
    assert redelivered["after_alone"] == redelivered["before"]
    ops_before, ops_after = redelivered["ops"]
    assert ops_after == ops_before


def test_the_readme_range_publishes_the_corrected_month(redelivered: dict) -> None:
    ranged = redelivered["ranged"]
    assert ranged.success, [e.message for e in ranged.get_step_failure_events()]
    first, _ = redelivered["months"]
    with duckdb.connect(str(redelivered["root"] / "analytics.duckdb"), read_only=True) as con:
        revenue = con.execute(
            "select revenue::varchar from marts.mart_sales_monthly where grain = 'company' and month = $m",
            {"m": f"{first}-01"},
        ).fetchone()
    assert revenue == ("110.00",)
