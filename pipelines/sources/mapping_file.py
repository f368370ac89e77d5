"""The user's mapping file (SALES_MAPPING_FILE) laid over the mapping source's own source.yml.

For each contract entity it names the file to read and which of its columns holds each contract
column, with a value map, a date format, a default or `percent` where needed:

    orders:
      file: Sales.csv
      columns:
        order_id: Invoice
        order_date: {column: Date, format: "%d/%m/%Y"}
        status: {column: Stage, map: {Won: completed, Lost: cancelled}}

An entity the file does not name is not read (the source derives it from the ids it sees); a
column it does not name is looked for under the contract's own name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipelines.sources.definition import SOURCES_DIR, SourceDefinition, SourceError, build_definition

OPTIONS = ("column", "format", "map", "default", "percent")


def load_mapping(path: Path) -> SourceDefinition:
    try:
        user = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SourceError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(user, dict):
        raise SourceError(f"{path}: write one section per entity (orders:, order_lines:, ...)")
    folder = SOURCES_DIR / "mapping"
    base = yaml.safe_load((folder / "source.yml").read_text(encoding="utf-8"))
    return build_definition("mapping", folder, overlay(base, user, str(path)), str(path))


def overlay(base: dict[str, Any], user: dict[str, Any], where: str) -> dict[str, Any]:
    """The mapping source's YAML with the user's files, headers, formats, defaults and maps; pure."""
    files = base["files"]
    unknown = sorted(set(user) - set(files))
    if unknown:
        raise SourceError(f"{where}: {', '.join(unknown)} cannot be mapped; map any of {', '.join(files)}")
    if "orders" not in user:
        raise SourceError(f"{where}: name the orders file (orders: file: ...); it is the one the month needs")
    merged_files, maps = {}, {}
    for key, spec in files.items():
        section = user.get(key)
        if section is None:
            merged_files[key] = spec | {"names": []}  # not delivered: derived where it can be
            continue
        if not isinstance(section, dict) or "file" not in section:
            raise SourceError(f"{where}: {key} needs `file:` (the file name in each month folder)")
        columns = {name: dict(column) for name, column in spec["columns"].items()}
        for name, mapped in (section.get("columns") or {}).items():
            if name not in columns:
                raise SourceError(f"{where}: {key} has no column {name!r}; map any of {', '.join(columns)}")
            columns[name] |= _column_options(mapped, f"{where}: {key}.{name}")
            if "map" in columns[name]:
                map_name = f"{key}.{name}"
                maps[map_name] = {
                    "values": columns[name].pop("map"),
                    "defined_in": f"{where} ({key}: columns: {name}: map)",
                }
                columns[name]["map"] = map_name
            if "default" in columns[name]:
                columns[name]["required"] = False  # a stated default stands in for the column
        merged_files[key] = {"names": [section["file"]], "required": key == "orders", "columns": columns}
    return base | {"files": merged_files, "maps": maps}


def _column_options(mapped: Any, where: str) -> dict[str, Any]:
    if isinstance(mapped, str):
        return {"header": mapped}
    if not isinstance(mapped, dict) or set(mapped) - set(OPTIONS):
        raise SourceError(f"{where}: write a column name, or a mapping with any of {', '.join(OPTIONS)}")
    options = {k: v for k, v in mapped.items() if k != "column"}
    if "column" in mapped:
        options["header"] = mapped["column"]
    if "map" in options and not isinstance(options["map"], dict):
        raise SourceError(f"{where}: map: write one `file value: contract value` per line")
    return options
