"""A mart that breaks a column rule fails its check in Dagster, which names the broken rules and
how many rows break each (tests/generic/column_rules.sql, pipelines/transform/runner.py)."""

from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from pipelines.months import month_start
from tests.pipeline_runs import definitions_for, project_env, run_months
from tests.robustness.conftest import BuiltProject
from tests.robustness.projects import copy_project

pytestmark = pytest.mark.slow

DBT_MODELS = "group:staging or group:intermediate or group:marts"


@pytest.fixture(scope="module")
def broken_rule_run(built_project: BuiltProject, tmp_path_factory: pytest.TempPathFactory):
    """Line 1 of order O1 (2 x 10.00) given a discount of 1.5 in raw, where ingest would have refused it:
    its line revenue becomes 2 x 10.00 x (1 - 1.5) = -10.00."""
    root = copy_project(built_project.root, tmp_path_factory.mktemp("broken_rule") / "project")
    month = built_project.months[1]
    with duckdb.connect(str(root / "warehouse.duckdb")) as con:
        con.execute(
            "update raw.order_lines set discount = 1.5 where batch_month = $m and order_id = 'O1' and line_no = 1",
            {"m": month_start(month)},
        )
    defs = definitions_for(project_env(root, built_project.months[0]))
    return run_months(defs, month, month, dg.DagsterInstance.ephemeral(), selection=DBT_MODELS, raise_on_error=False)


def evaluations(result: dg.ExecuteInProcessResult) -> dict[tuple[str, str], dg.AssetCheckEvaluation]:
    return {(e.asset_key.to_user_string(), e.check_name): e for e in result.get_asset_check_evaluations()}


def test_the_dbt_step_fails(broken_rule_run) -> None:
    assert not broken_rule_run.success
    assert broken_rule_run.get_failed_step_keys() == {"sales_dbt_models"}


def test_the_rule_checks_of_the_broken_models_fail_and_say_which_rules(broken_rule_run) -> None:
    checks = evaluations(broken_rule_run)
    lines = checks[("marts/fct_order_lines", "column_rules_fct_order_lines")]
    assert lines.passed is False and lines.severity == dg.AssetCheckSeverity.ERROR
    # the line's amount is negative in its own currency, converted, and at both comparison months' rates
    assert lines.metadata["dagster_dbt/failed_row_count"].value == 5
    assert lines.metadata["failing rows"].value.splitlines() == [
        "| column_name | rule | failing_rows |",
        "| --- | --- | --- |",
        "| discount | accepted_range | 1 |",
        "| line_revenue_transaction | accepted_range | 1 |",
        "| line_revenue | accepted_range | 1 |",
        "| line_revenue_at_prev_month_rates | accepted_range | 1 |",
        "| line_revenue_at_ly_rates | accepted_range | 1 |",
    ]


def test_checks_of_unbroken_models_pass_without_sample_rows(broken_rule_run) -> None:
    check = evaluations(broken_rule_run)[("staging/stg_crm__customers", "column_rules_stg_crm__customers")]
    assert check.passed is True and "failing rows" not in check.metadata


def test_nothing_downstream_of_the_broken_model_is_built(broken_rule_run) -> None:
    built = {m.asset_key.to_user_string() for m in broken_rule_run.get_asset_materialization_events()}
    assert "staging/stg_crm__order_lines" in built and "marts/fct_order_lines" in built
    assert not {"marts/fct_orders", "marts/mart_sales_monthly"} & built
