"""What one dbt invocation is told: its month window, the rules file's thresholds and the settings
the models read (fiscal year start, reporting currency, month rates), as `--vars`.

The pipeline runs dbt on a manifest it parsed once (pipelines/transform/runner.py), so vars that
change with every run cost no re-parse. The macros fall back to SALES_MONTH_FROM / SALES_MONTH_TO
for dbt run by hand, where env vars keep dbt's partial parsing (dbt_project/macros/month_window.sql).
"""

from __future__ import annotations

import json
from dataclasses import asdict

from pipelines.months import validate_month_key
from pipelines.report.rules import RuleConfig
from pipelines.settings import ModelVars


def dbt_window_vars(month_from: str, month_to: str) -> dict[str, str]:
    return {
        "sales_month_from": validate_month_key(month_from, "month_from"),
        "sales_month_to": validate_month_key(month_to, "month_to"),
    }


def dbt_parse_vars(rules: RuleConfig, model_vars: ModelVars) -> dict[str, float | int | str]:
    """The vars that are the same on every run, so part of the parse."""
    return {**rules.dbt_vars(), **asdict(model_vars)}


def dbt_vars_args(
    rules: RuleConfig,
    window: dict[str, str] | None = None,
    model_vars: ModelVars | None = None,
) -> list[str]:
    """`--vars` for every dbt command that builds or tests the marts (default settings without `model_vars`)."""
    parse_vars = dbt_parse_vars(rules, model_vars or ModelVars())
    return ["--vars", json.dumps({**parse_vars, **(window or {})}, sort_keys=True)]
