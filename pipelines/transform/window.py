"""The month window a dbt invocation builds, handed over as environment variables.

Environment variables rather than `--vars`: dbt re-parses the whole project
whenever `--vars` change, but only the files that read a changed env var.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from pipelines.months import validate_month_key


def dbt_window_env(duckdb_path: str, month_from: str, month_to: str, memory_limit: str = "1GB") -> dict[str, str]:
    return {
        "SALES_DUCKDB_PATH": duckdb_path,
        "SALES_DUCKDB_MEMORY_LIMIT": memory_limit,
        "SALES_MONTH_FROM": validate_month_key(month_from, "month_from"),
        "SALES_MONTH_TO": validate_month_key(month_to, "month_to"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set variables for the dbt subprocess (dagster-dbt passes os.environ through), then restore."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
