"""The result of one rule on one month's extract, independent of GX's result objects."""

from __future__ import annotations

from dataclasses import dataclass

SAMPLE_SIZE = 5  # offending lines quoted in a message


@dataclass(frozen=True)
class RuleOutcome:
    entity: str
    column: str | None  # None for rules over several columns or the whole table
    rule: str  # stable id, e.g. 'not_null', 'unique', 'reference'
    severity: str  # 'error' | 'orphan' | 'warning'
    passed: bool
    failing_count: int
    sample_lines: tuple[int, ...]  # smallest offending source lines, at most SAMPLE_SIZE
    description: str  # the rule in words, e.g. "channel must be one of online, offline, agent"

    def message(self, source_file: str) -> str:
        """One readable line, e.g. "orders.csv: column channel: 3 rows violate '...' (lines 4, 17, 22)"."""
        where = f"{source_file}: column {self.column}" if self.column else source_file
        if self.passed:
            return f"{where}: passed '{self.description}'"
        if self.failing_count == 0:
            return f"{where}: failed '{self.description}'"
        rows = "1 row violates" if self.failing_count == 1 else f"{self.failing_count} rows violate"
        return f"{where}: {rows} '{self.description}'{self._lines_suffix()}"

    def _lines_suffix(self) -> str:
        if not self.sample_lines:
            return ""
        label = "line" if len(self.sample_lines) == 1 else "lines"
        if self.failing_count > len(self.sample_lines):
            label = f"first {label}"
        return f" ({label} {', '.join(str(line) for line in self.sample_lines)})"
