"""What each dbt data test checks, in words, for its asset check in Dagster's UI (dbt gives most
tests no description, and their generated names such as
`accepted_range_mart_sales_monthly_active_customers__0` say little)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

REF = re.compile(r"ref\('(\w+)'\)")


def describe_test(node: Mapping[str, Any]) -> str:
    if node.get("description"):
        return node["description"]
    metadata = node.get("test_metadata") or {}
    if not metadata:
        return _singular(node)
    kwargs = {k: v for k, v in metadata["kwargs"].items() if k != "model"}
    column = f"`{kwargs.get('column_name')}`"
    name = metadata["name"]
    if name == "not_null":
        return f"{column} is never null."
    if name == "unique":
        return f"{column} is unique."
    if name == "unique_combination":
        return f"One row per {', '.join(kwargs['columns'])}."
    if name == "accepted_values":
        return f"{column} is one of: {', '.join(map(str, kwargs['values']))}."
    if name == "accepted_range":
        return f"{column} {_range(kwargs.get('min_value'), kwargs.get('max_value'))}."
    if name == "relationship_in_month":
        parent = REF.search(kwargs["to"])
        target = parent.group(1) if parent else kwargs["to"]
        return f"Every {column} exists in `{target}.{kwargs['field']}` of the same month."
    return f"{name} on {column}: {kwargs}."


def _range(low: object, high: object) -> str:
    if low is not None and high is not None:
        return f"is between {low} and {high}"
    return f"is at least {low}" if low is not None else f"is at most {high}"


def _singular(node: Mapping[str, Any]) -> str:
    """A singular test's leading comment, which says what it asserts (dbt_project/tests/)."""
    lines = []
    for line in node.get("raw_code", "").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return " ".join(lines) or node["name"].replace("_", " ")
