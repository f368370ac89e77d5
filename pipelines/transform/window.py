"""What one dbt invocation is told: its month window and the rules file's thresholds, as `--vars`.

The pipeline runs dbt on a manifest it parsed once (pipelines/transform/runner.py), so vars that
change with every run cost no re-parse. The macros fall back to SALES_MONTH_FROM / SALES_MONTH_TO
for dbt run by hand, where env vars keep dbt's partial parsing (dbt_project/macros/month_window.sql).
"""

from __future__ import annotations

import json

from pipelines.months import validate_month_key
from pipelines.report.rules import RuleConfig


def dbt_window_vars(month_from: str, month_to: str) -> dict[str, str]:
    return {
        "sales_month_from": validate_month_key(month_from, "month_from"),
        "sales_month_to": validate_month_key(month_to, "month_to"),
    }


def dbt_vars_args(rules: RuleConfig, window: dict[str, str] | None = None) -> list[str]:
    """`--vars` for every dbt command that builds or tests the marts."""
    return ["--vars", json.dumps({**rules.dbt_vars(), **(window or {})}, sort_keys=True)]
