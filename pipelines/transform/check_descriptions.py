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
    if name == "unique":
        return f"{column} is unique."
    if name == "unique_combination":
        return f"One row per {', '.join(kwargs['columns'])}."
    if name == "column_rules":
        return _column_rules(kwargs)
    if name == "relationship_in_month":
        parent = REF.search(kwargs["to"])
        target = parent.group(1) if parent else kwargs["to"]
        return f"Every {column} exists in `{target}.{kwargs['field']}` of the same month."
    return f"{name} on {column}: {kwargs}."


def _column_rules(kwargs: Mapping[str, Any]) -> str:
    """One sentence per rule, as the folded tests had them: "`a`, `b` are never null. `c` is at least 0."."""
    sentences = []
    if kwargs.get("not_null"):
        columns = ", ".join(f"`{column}`" for column in kwargs["not_null"])
        sentences.append(f"{columns} {'is' if len(kwargs['not_null']) == 1 else 'are'} never null.")
    for column, bounds in (kwargs.get("accepted_range") or {}).items():
        sentences.append(f"`{column}` {_range(bounds.get('min_value'), bounds.get('max_value'))}.")
    for column, values in (kwargs.get("accepted_values") or {}).items():
        sentences.append(f"`{column}` is one of: {', '.join(map(str, values))}.")
    return " ".join(sentences)


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
