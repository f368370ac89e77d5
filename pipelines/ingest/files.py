"""Finding a month's files and reading what must be known before DuckDB sees them."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from pipelines.contract import FILE_FORMATS, Entity
from pipelines.ingest.problems import CheckRecord

CHUNK = 1 << 20


@dataclass(frozen=True)
class ExtractFile:
    path: Path
    format: str  # csv | parquet
    sha256: str
    header: tuple[str, ...] | None  # CSV only
    line_breaks: int = 0  # CSV only: line terminators in the file, the last line's included if it has one

    @property
    def source_name(self) -> str:
        """`YYYY-MM/<file>`: lineage that stays true when the landing root moves."""
        return f"{self.path.parent.name}/{self.path.name}"


def locate(month_dir: Path, entity: Entity, month: str) -> Path | CheckRecord | None:
    """The entity's file in the month folder; None when an optional file is absent."""
    found = [
        month_dir / f"{entity.name}.{fmt}" for fmt in FILE_FORMATS if (month_dir / f"{entity.name}.{fmt}").is_file()
    ]
    if len(found) > 1:
        return CheckRecord(
            month,
            entity.name,
            found[0].name,
            "ambiguous_file",
            f"both {entity.name}.csv and {entity.name}.parquet exist; keep one",
        )
    if found:
        return found[0]
    if entity.required:
        return CheckRecord(
            month,
            entity.name,
            f"{entity.name}.csv",
            "missing_file",
            f"required file {entity.name}.csv or {entity.name}.parquet is missing",
        )
    return None


def inspect_file(path: Path, month: str, entity: str) -> ExtractFile | CheckRecord:
    """Hash the file and, for text (CSV, notes.md), prove it is UTF-8; read a CSV's header; in one pass."""
    digest = hashlib.sha256()
    is_csv = path.suffix == ".csv"
    is_text = path.suffix != ".parquet"
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    offset = 0  # bytes before the chunk
    head = bytearray()
    last_byte = b""
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                if not is_text:
                    continue
                if is_csv and len(head) < 65536:
                    head.extend(chunk[: 65536 - len(head)])
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as err:
                    bad_line = line + chunk[: err.start].count(b"\n")
                    return CheckRecord(
                        month,
                        entity,
                        path.name,
                        "encoding",
                        f"not valid UTF-8 (byte 0x{chunk[err.start]:02x} at byte offset {offset + err.start}); "
                        "save the file as UTF-8",
                        failing_count=1,
                        sample_lines=(bad_line,),
                    )
                line += chunk.count(b"\n")
                offset += len(chunk)
                last_byte = chunk[-1:]
            if is_text:
                decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return CheckRecord(month, entity, path.name, "encoding", "not valid UTF-8 (truncated character at the end)")
    except OSError as err:
        return CheckRecord(month, entity, path.name, "unreadable", f"cannot be read: {err.strerror}")
    header = None
    if is_csv:
        text = bytes(head).decode("utf-8", errors="ignore").lstrip("\ufeff")
        header = tuple(next(csv.reader(io.StringIO(text)), []))
        if not header:
            return CheckRecord(month, entity, path.name, "empty_file", "has no header row", sample_lines=(1,))
    # A last line without a terminator still counts: records + header then match the lines.
    line_breaks = line - 1 + (1 if last_byte not in (b"", b"\n") else 0)
    return ExtractFile(path, "csv" if is_csv else "parquet", digest.hexdigest(), header, line_breaks)
