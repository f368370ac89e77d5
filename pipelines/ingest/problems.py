"""What can be wrong with an extract, said so a person can fix the file."""

from __future__ import annotations

from dataclasses import dataclass


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
