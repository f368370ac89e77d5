"""Contract checks name contract columns; a vendor's user looks for their own. This adds the
vendor's header to each check record of an entity a source built: `column Created at (order_date)`."""

from __future__ import annotations

import fnmatch
from dataclasses import replace

from pipelines.ingest.problems import CheckRecord
from pipelines.sources.definition import SourceDefinition


def vendor_header(definition: SourceDefinition, entity: str, file_name: str, column: str) -> str | None:
    """The header, in the vendor file named `file_name`, that `entity`'s `column` was read from; pure."""
    for key in definition.entities.get(entity, ()):
        spec = definition.files[key]
        if not any(fnmatch.fnmatchcase(file_name.lower(), name.lower()) for name in spec.names):
            continue
        # The declared vendor column when this file has it, else the file's column of the same name.
        names = (definition.columns_from.get(entity, {}).get(column), column)
        return next((c.header for name in names for c in spec.columns if c.name == name), None)
    return None


def with_vendor_column(record: CheckRecord, definition: SourceDefinition) -> CheckRecord:
    if record.column is None or record.check_name not in ("contract", "references"):
        return record
    header = vendor_header(definition, record.entity, record.file, record.column)
    if header is None or header == record.column:
        return record
    return replace(record, column=f"{header} ({record.column})")
