"""What one dbt invocation is told: its month window and warehouse as environment variables, and the
rules file's thresholds as `--vars`.

The window goes in environment variables rather than `--vars`: dbt re-parses the whole project
whenever `--vars` change, but only the files that read a changed env var. The thresholds are the
same on every run, so as `--vars` they cost no re-parse.
"""

from __future__ import annotations

import json

from pipelines.months import validate_month_key
from pipelines.report.rules import RuleConfig


def dbt_window_env(duckdb_path: str, month_from: str, month_to: str, memory_limit: str) -> dict[str, str]:
    return {
        "SALES_DUCKDB_PATH": duckdb_path,
        "SALES_DUCKDB_MEMORY_LIMIT": memory_limit,
        "SALES_MONTH_FROM": validate_month_key(month_from, "month_from"),
        "SALES_MONTH_TO": validate_month_key(month_to, "month_to"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def dbt_vars_args(rules: RuleConfig) -> list[str]:
    """`--vars` for every dbt command that builds or tests the marts."""
    return ["--vars", json.dumps(rules.dbt_vars(), sort_keys=True)]
