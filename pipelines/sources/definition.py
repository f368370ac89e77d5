"""A source as data: the vendor files it reads, their columns and value maps, and the contract
entities its SQL files build, read from `pipelines/sources/<source>/source.yml`.

Adding a source is adding such a folder; nothing here names one. A definition is checked when
it is loaded (at settings validation), so a misspelt key fails before any month is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipelines.contract import ENTITIES, ENTITY_BY_NAME

SOURCES_DIR = Path(__file__).parent
VENDOR_TYPES = ("str", "int", "decimal", "date", "timestamp", "bool")


class SourceError(ValueError):
    pass


@dataclass(frozen=True)
class ValueMap:
    name: str
    values: dict[str, str]  # vendor value, lower case -> contract value
    default: str | None  # for a value not listed; None: such a value is an error
    defined_in: str  # where a user extends it, for the unmapped-value message


@dataclass(frozen=True)
class VendorColumn:
    name: str  # what the entity SQL calls it
    header: str  # the vendor's spelling
    type: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    # strptime format of a date or timestamp, or the formats it may be written in (the first that reads)
    format: str | tuple[str, ...] | None = None
    map: str | None = None  # a ValueMap name
    default: str | None = None  # the value when the file has no such column or leaves it blank
    percent: bool = False  # a percentage, read as a fraction

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class VendorFile:
    key: str  # the entity SQL reads it as src_<key>
    names: tuple[str, ...]  # file names the vendor writes, matched case-insensitively
    required: bool
    columns: tuple[VendorColumn, ...]


@dataclass(frozen=True)
class SourceDefinition:
    name: str
    folder: Path
    files: dict[str, VendorFile]
    maps: dict[str, ValueMap]
    # entity -> the files its rows come from, first present one first: the file its errors name
    entities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # steps several entities share, created as temp views <name> from <name>.sql before them
    views: tuple[str, ...] = ()
    # entity -> contract column -> the vendor column it is read from, when not of the same name
    columns_from: dict[str, dict[str, str]] = field(default_factory=dict)
    # entity -> the files among its `from` that do not hold it but name its ids (an order's rep id):
    # built from those alone, its rows are derived and their names unknown, which the report says
    derived_from: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sql(self, name: str) -> str:
        return (self.folder / f"{name}.sql").read_text(encoding="utf-8")


def available_sources() -> tuple[str, ...]:
    return tuple(sorted(p.parent.name for p in SOURCES_DIR.glob("*/source.yml")))


def load_source(name: str) -> SourceDefinition:
    folder = SOURCES_DIR / name
    path = folder / "source.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return build_definition(name, folder, raw, f"pipelines/sources/{name}/source.yml")


def build_definition(name: str, folder: Path, raw: dict[str, Any], where: str) -> SourceDefinition:
    """A definition from its YAML form; `where` names the file in messages."""
    maps = {
        map_name: ValueMap(
            map_name,
            {str(k).strip().lower(): str(v) for k, v in (spec.get("values") or {}).items()},
            None if spec.get("default") is None else str(spec["default"]),
            str(spec.get("defined_in", where)),
        )
        for map_name, spec in (raw.get("maps") or {}).items()
    }
    files = {key: _vendor_file(key, spec, maps, where) for key, spec in (raw.get("files") or {}).items()}
    entity_specs = raw.get("entities") or {}
    entities = {entity: tuple(spec["from"]) for entity, spec in entity_specs.items()}
    columns_from = {entity: dict(spec.get("columns") or {}) for entity, spec in entity_specs.items()}
    derived_from = {entity: tuple(spec.get("derived") or ()) for entity, spec in entity_specs.items()}
    definition = SourceDefinition(
        name, folder, files, maps, entities, tuple(raw.get("views") or ()), columns_from, derived_from
    )
    _check(definition, where)
    return definition


def _vendor_file(key: str, spec: dict[str, Any], maps: dict[str, ValueMap], where: str) -> VendorFile:
    columns = []
    for column_name, col in (spec.get("columns") or {}).items():
        column = VendorColumn(
            name=column_name,
            header=str(col.get("header", column_name)),
            type=col.get("type", "str"),
            required=bool(col.get("required", False)),
            aliases=tuple(str(a) for a in col.get("aliases", ())),
            format=tuple(col["format"]) if isinstance(col.get("format"), list) else col.get("format"),
            map=col.get("map"),
            default=None if col.get("default") is None else str(col["default"]),
            percent=bool(col.get("percent", False)),
        )
        if column.type not in VENDOR_TYPES:
            raise SourceError(f"{where}: {key}.{column_name} has type {column.type!r}; use one of {VENDOR_TYPES}")
        if column.map is not None and column.map not in maps:
            raise SourceError(f"{where}: {key}.{column_name} uses the value map {column.map!r}, which is not defined")
        # A map gives text and a percentage is a number: on any other type they would be lost unseen.
        if column.map is not None and column.type != "str":
            raise SourceError(f"{where}: {key}.{column_name} has a value map, so its type must be str")
        # Timestamps are read in UTC unless every format gives the offset: one list cannot have both.
        forms = (column.format,) if isinstance(column.format, str) else column.format or ()
        if len({"%z" in form for form in forms}) > 1:
            raise SourceError(f"{where}: {key}.{column_name} lists formats with and without %z; give one kind")
        if column.percent and column.type != "decimal":
            raise SourceError(f"{where}: {key}.{column_name} is a percentage, so its type must be decimal")
        columns.append(column)
    return VendorFile(key, tuple(spec.get("names", (f"{key}.csv",))), bool(spec.get("required", False)), tuple(columns))


def _check(definition: SourceDefinition, where: str) -> None:
    for view in definition.views:
        if not (definition.folder / f"{view}.sql").is_file():
            raise SourceError(f"{where}: view {view} has no {view}.sql in {definition.folder}")
    for entity, files in definition.entities.items():
        if entity not in ENTITY_BY_NAME:
            raise SourceError(f"{where}: {entity!r} is not a contract entity")
        unknown = [f for f in files if f not in definition.files]
        if unknown or not files:
            raise SourceError(f"{where}: entity {entity} reads from undeclared file(s) {unknown}")
        not_read = [f for f in definition.derived_from.get(entity, ()) if f not in files]
        if not_read:
            raise SourceError(f"{where}: entity {entity} is derived from file(s) {not_read} it does not read from")
        unread = [
            f"{column} <- {vendor}"
            for column, vendor in definition.columns_from[entity].items()
            if column not in ENTITY_BY_NAME[entity].column_names
            or all(vendor not in {c.name for c in definition.files[f].columns} for f in files)
        ]
        if unread:
            raise SourceError(f"{where}: entity {entity} names columns it cannot have: {', '.join(unread)}")
        if not (definition.folder / f"{entity}.sql").is_file():
            raise SourceError(f"{where}: entity {entity} has no {entity}.sql in {definition.folder}")
    missing = [e.name for e in ENTITIES if e.required and e.name not in definition.entities]
    if missing:
        raise SourceError(f"{where}: builds no {', '.join(missing)}, which the contract requires")
