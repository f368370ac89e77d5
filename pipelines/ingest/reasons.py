"""Why a check did not pass, or why a row was set aside: a stable code per reason.

Ingest stores the code (`reason_code`) and the figures its sentence needs (`reason_values`, a JSON
object) next to the English `message` in ops.check_results and in every quarantine table. The
report words each code in the reader's language from these two columns; the English message stays
for engineers and logs. A file-level problem's rule is its own reason; the other codes say more
than their rule does.
"""

from __future__ import annotations

REASON_CODES = {
    # the rule is the reason
    "missing_folder": "the month's folder is missing",
    "missing_file": "a required file is missing",
    "ambiguous_file": "both a CSV and a Parquet file of the entity exist",
    "outside_landing_root": "a link leads outside the landing root",
    "encoding": "the file is not UTF-8",
    "unreadable": "the file cannot be read",
    "empty_file": "the file has no header row",
    "missing_column": "a required column is missing",
    "column_type": "a Parquet column's type does not hold the contract's values",
    "malformed": "a record is not well formed",
    "unparseable": "values do not cast to the contract's type",
    # finer than the rule
    "rule_violated": "rows break a contract rule",
    "unknown_reference": "rows refer to a key that is not in the month's file of its entity (values: parents)",
    "no_rows": "the file has a header but no rows",
    "volume_outside_tolerance": (
        "the row count is far from the previous months' (values: rows, median, months, tolerance)"
    ),
}
