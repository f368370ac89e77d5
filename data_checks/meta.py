"""The `meta` every expectation carries so its result maps back to a contract rule."""

from __future__ import annotations

import datetime as dt

from pipelines.months import add_months, month_end

ERROR = "error"
ORPHAN = "orphan"  # a foreign key not found in the month folder; ingest decides error or warning


def rule_meta(column: str | None, rule: str, severity: str, description: str, *, per_month: bool = False) -> dict:
    """`per_month`: `description` is a str.format template of `month`, `month_end` and `next_month`,
    since one suite checks every month of a run but each month's outcome names its own month."""
    return {
        "column": column,
        "rule": rule,
        "severity": severity,
        "description": description,
        "per_month": per_month,
    }


def month_description(meta: dict, month: dt.date) -> str:
    """The rule in words for the month folder `month`."""
    if not meta["per_month"]:
        return meta["description"]
    return meta["description"].format(month=month, month_end=month_end(month), next_month=add_months(month, 1))
