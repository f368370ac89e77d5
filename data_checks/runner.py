"""Run an entity's suite on one month's frame and turn GX's results into RuleOutcomes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd

from data_checks.context import whole_frame_batch_definition
from data_checks.frame import SOURCE_LINE, prepare_frame
from data_checks.outcome import SAMPLE_SIZE, RuleOutcome
from data_checks.suites import build_suite
from pipelines.contract import CHANNELS, Entity

if TYPE_CHECKING:
    from great_expectations.core import ExpectationValidationResult

# SUMMARY keeps GX from materialising every unexpected value of a large frame; the frame is
# sorted by source line, so GX's first SAMPLE_SIZE unexpected rows are the earliest lines.
RESULT_FORMAT = {
    "result_format": "SUMMARY",
    "unexpected_index_column_names": [SOURCE_LINE],
    "partial_unexpected_count": SAMPLE_SIZE,
}


def validate_month(
    entity: Entity, frame: pd.DataFrame, month: dt.date, *, channels: tuple[str, ...] = CHANNELS
) -> list[RuleOutcome]:
    """One outcome per expectation of `build_suite(entity, month)`, in suite order."""
    suite = build_suite(entity, month, channels=channels)
    batch = whole_frame_batch_definition(entity.name).get_batch(
        batch_parameters={"dataframe": prepare_frame(entity, frame)}
    )
    results = batch.validate(suite, result_format=RESULT_FORMAT).results
    # GX returns results grouped by its metric plan, not in suite order.
    position = {_rule_key(e.meta): i for i, e in enumerate(suite.expectations)}
    ordered = sorted(results, key=lambda r: position[_rule_key(r.expectation_config.meta)])
    return [_outcome(entity.name, result) for result in ordered]


def _rule_key(meta: dict) -> tuple[str | None, str]:
    return meta["column"], meta["rule"]


def _outcome(entity_name: str, result: ExpectationValidationResult) -> RuleOutcome:
    meta = result.expectation_config.meta
    error = _exception_message(result)
    sampled = result.result.get("partial_unexpected_index_list") or []
    return RuleOutcome(
        entity=entity_name,
        column=meta["column"],
        rule=meta["rule"],
        severity=meta["severity"],
        passed=bool(result.success),
        failing_count=int(result.result.get("unexpected_count") or 0),
        sample_lines=tuple(sorted(int(row[SOURCE_LINE]) for row in sampled))[:SAMPLE_SIZE],
        description=meta["description"] if error is None else f"{meta['description']} (not checked: {error})",
    )


def _exception_message(result: ExpectationValidationResult) -> str | None:
    """GX reports an exception either flat or nested per failed metric; return its first message."""
    info = result.exception_info or {}
    candidates = [info] if "raised_exception" in info else list(info.values())
    for candidate in candidates:
        if candidate.get("raised_exception"):
            return candidate.get("exception_message") or "unknown error"
    return None
