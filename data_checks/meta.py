"""The `meta` every expectation carries so its result maps back to a contract rule."""

from __future__ import annotations

ERROR = "error"
ORPHAN = "orphan"  # a foreign key not found in the month folder; ingest decides error or warning


def rule_meta(column: str | None, rule: str, severity: str, description: str) -> dict:
    return {"column": column, "rule": rule, "severity": severity, "description": description}
