"""What can be wrong with an extract, said so a person can fix the file."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pipelines.ingest.reasons import REASON_CODES


@dataclass(frozen=True)
class CheckRecord:
    """One rule applied to one entity of one month: what ops.check_results stores."""

    month: str
    entity: str
    file: str
    rule: str
    message: str
    column: str | None = None
    failing_count: int = 0
    sample_lines: tuple[int, ...] = ()
    severity: str = "error"  # error | warning | orphan | info
    check_name: str = "file"  # file | contract | references | volume
    passed: bool = False
    reason_code: str | None = None  # when finer than the rule (pipelines/ingest/reasons.py)
    reason_values: tuple[tuple[str, int | float | str], ...] = ()

    def __post_init__(self) -> None:
        if self.reason is not None and self.reason not in REASON_CODES:
            raise ValueError(f"unknown reason code {self.reason!r}: add it to pipelines/ingest/reasons.py")

    @property
    def reason(self) -> str | None:
        """Why the check did not pass, as a code the report words in its language; None when it passed."""
        return None if self.passed else (self.reason_code or self.rule)

    @property
    def reason_values_json(self) -> str | None:
        """The figures the reason's sentence needs, and the column it concerns."""
        values = dict(self.reason_values) | ({"column": self.column} if self.column else {})
        return json.dumps(values, sort_keys=True) if values and not self.passed else None

    @property
    def blocks(self) -> bool:
        return not self.passed and self.severity == "error"

    def describe(self) -> str:
        where = f"{self.month}/{self.file}"
        if self.column:
            where += f", column {self.column}"
        text = f"{where}: {self.message}"
        if self.sample_lines:
            text += f" (line{'s' if len(self.sample_lines) > 1 else ''} "
            text += ", ".join(str(n) for n in self.sample_lines) + ")"
        return text


class ExtractRejected(Exception):
    """A month's extract breaks the contract: nothing of it was published."""

    def __init__(self, problems: list[CheckRecord]):
        self.problems = problems
        lines = [p.describe() for p in problems]
        super().__init__(f"{len(problems)} contract violation(s); nothing was published:\n  - " + "\n  - ".join(lines))
