"""One month of a load: its files, row counts and check records, as staging and validation fill them in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipelines.ingest.files import ExtractFile
from pipelines.ingest.problems import CheckRecord
from pipelines.months import month_start


@dataclass
class MonthLoad:
    month: str
    files: dict[str, ExtractFile] = field(default_factory=dict)
    # entities a vendor source built from the ids another file names, not from a file of their own
    derived: set[str] = field(default_factory=set)
    row_counts: dict[str, int] = field(default_factory=dict)
    records: list[CheckRecord] = field(default_factory=list)
    quarantined: dict[str, int] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)
    notes_file: ExtractFile | None = None

    @property
    def batch_month(self) -> date:
        return month_start(self.month)

    @property
    def blocking(self) -> list[CheckRecord]:
        return [r for r in self.records if r.blocks]
