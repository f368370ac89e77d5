"""The primary-key rule: a key is unique within each month folder (a snapshot repeats its keys every month).

GX's SQL uniqueness expectations cannot serve: ExpectCompoundColumnsToBeUnique returns no line
numbers for the offending rows, and its join never matches a null inside a compound key, so two
company targets (scope_id null) for the same metric would pass. Instead, the checked table counts
each row's key within its month (a window partition puts nulls together) and GX expects 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from data_checks.column_rules import BATCH_MONTH
from data_checks.gx_import import great_expectations
from data_checks.meta import ERROR, rule_meta
from pipelines.contract import Entity

if TYPE_CHECKING:
    from great_expectations.expectations import Expectation

KEY_ROWS = "__key_rows"


def key_rows_sql(entity: Entity) -> str:
    """Rows of the row's month sharing its key; null for a null single-column key (not_null reports it)."""
    partition = ", ".join([*entity.primary_key, BATCH_MONTH])
    count = f"count(*) over (partition by {partition})"
    if len(entity.primary_key) == 1:
        return f"case when {entity.primary_key[0]} is null then null else {count} end"
    return count


def primary_key_expectation(entity: Entity) -> Expectation:
    if len(entity.primary_key) == 1:
        (key,) = entity.primary_key
        meta = rule_meta(key, "unique", ERROR, f"{key} must be unique")
    else:
        meta = rule_meta(None, "unique", ERROR, f"({', '.join(entity.primary_key)}) must be unique")
    return great_expectations().expectations.ExpectColumnValuesToBeInSet(column=KEY_ROWS, value_set=[1], meta=meta)
