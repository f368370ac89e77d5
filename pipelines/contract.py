"""The CRM extract contract (v1) as data: one place that ingest, the data checks,
the demo generator and the docs read, so they cannot drift apart.

The prose version for users is docs/extract-contract.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Contract type -> DuckDB type. Money is DECIMAL so reported sums are never
# float-rounded; four decimals accept "2+ decimals" without rounding prices.
SQL_TYPES = {
    "str": "VARCHAR",
    "int": "BIGINT",
    "decimal": "DECIMAL(18,4)",
    "fraction": "DECIMAL(9,6)",
    "date": "DATE",
    "bool": "BOOLEAN",
    "month": "VARCHAR",  # targets.month is a `YYYY-MM` text key
    "currency": "VARCHAR",  # an ISO 4217 code
    # Exchange rates need more places than money: 10 keep a converted amount exact to the cent.
    "rate": "DECIMAL(18,10)",
}


@dataclass(frozen=True)
class TextForm:
    """How a value of a contract type is written as text (a CSV field or a Parquet text column)."""

    pattern: str  # a regular expression the whole value must match
    hint: str  # the same in words, for messages: "write <hint>"


def _decimal_form(scale: int) -> TextForm:
    return TextForm(
        rf"-?[0-9]+(\.[0-9]{{1,{scale}}})?",
        f"digits with an optional leading '-' and at most {scale} decimals after a '.'",
    )


# DuckDB's casts alone would take 1e3, 0x10 and 2.6 (rounded) as ints, round 12.34567 to four
# decimals and read 2026-11-1 as a date; the contract accepts only these forms. A value that fits
# its form may still not cast (2023-02-30, an int beyond BIGINT): it is refused the same way.
TEXT_FORMS = {
    "int": TextForm("-?[0-9]+", "digits with an optional leading '-'"),
    "decimal": _decimal_form(4),
    "fraction": _decimal_form(6),
    "rate": _decimal_form(10),
    "currency": TextForm("[A-Z]{3}", "a three-letter ISO 4217 code in capitals, such as EUR"),
    "date": TextForm("[0-9]{4}-[0-9]{2}-[0-9]{2}", "a calendar date as YYYY-MM-DD"),
    "bool": TextForm("(?i)true|false", "true or false"),
}


@dataclass(frozen=True)
class ScopedReference:
    """A key whose parent entity is chosen by another column of the same row.

    targets.scope_id is a team_id when scope = team and a rep_id when scope = rep; for any other
    scope it references nothing (the notes rule has it null for company).
    """

    selector: str  # the column whose value picks the parent
    parents: tuple[tuple[str, str], ...]  # (selector value, entity)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool = False
    allowed: tuple[str, ...] | None = None
    min_value: float | None = None
    max_value: float | None = None
    strict_min: bool = False  # True: value > min_value instead of >=
    strict_max: bool = False  # True: value < max_value instead of <=
    in_month: bool = False  # a date that must fall inside the folder's month
    not_after_month_end: bool = False
    references: str | None = None  # entity whose primary key this column must match
    scoped_reference: ScopedReference | None = None
    optional: bool = False  # the file may leave the column out; it is then read as null
    needs_rate: bool = False  # a currency whose amounts need a rate in the month's fx_rates

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]

    @property
    def parents(self) -> tuple[tuple[str | None, str], ...]:
        """(selector value, entity) of each entity this column's value must be a key of; the value is
        None for a plain reference, which applies to every row."""
        if self.scoped_reference is not None:
            return self.scoped_reference.parents
        return ((None, self.references),) if self.references else ()


@dataclass(frozen=True)
class Entity:
    name: str
    kind: str  # transactional | snapshot | plan
    required: bool
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


CHANNELS = ("online", "offline", "agent")
ORDER_STATUSES = ("completed", "cancelled", "returned")
OPPORTUNITY_STAGES = ("open", "won", "lost")
LOST_REASONS = ("competitor", "price", "no_budget", "no_decision", "timing", "other")
TARGET_SCOPES = ("company", "team", "rep")
TARGET_METRICS = ("revenue", "orders", "new_customers", "market_share")
CAMPAIGN_TYPES = ("promotion", "advertising", "event", "email", "other")


def _currency_column() -> Column:
    """The optional currency of a row's amounts; absent or empty means the reporting currency."""
    return Column("currency", "currency", optional=True, needs_rate=True)


ENTITIES: tuple[Entity, ...] = (
    Entity(
        "orders",
        "transactional",
        True,
        ("order_id",),
        (
            Column("order_id", "str", not_null=True),
            Column("order_date", "date", not_null=True, in_month=True),
            Column("customer_id", "str", not_null=True, references="customers"),
            Column("rep_id", "str", not_null=True, references="sales_reps"),
            Column("channel", "str", not_null=True, allowed=CHANNELS),
            Column("campaign_id", "str", references="campaigns"),
            Column("status", "str", not_null=True, allowed=ORDER_STATUSES),
            _currency_column(),
        ),
    ),
    Entity(
        "order_lines",
        "transactional",
        True,
        ("order_id", "line_no"),
        (
            Column("order_id", "str", not_null=True, references="orders"),
            Column("line_no", "int", not_null=True, min_value=1),
            Column("product_id", "str", not_null=True, references="products"),
            Column("quantity", "int", not_null=True, min_value=0, strict_min=True),
            Column("unit_price", "decimal", not_null=True, min_value=0),
            Column("discount", "fraction", not_null=True, min_value=0, max_value=1, strict_max=True),
        ),
    ),
    Entity(
        "opportunities",
        "transactional",
        False,
        ("opportunity_id",),
        (
            Column("opportunity_id", "str", not_null=True),
            Column("customer_id", "str", references="customers"),
            Column("rep_id", "str", references="sales_reps"),
            Column("created_date", "date", not_null=True, not_after_month_end=True),
            Column("expected_close_date", "date"),
            Column("close_date", "date", not_after_month_end=True),
            Column("stage", "str", not_null=True, allowed=OPPORTUNITY_STAGES),
            Column("amount", "decimal", not_null=True, min_value=0),
            Column("lost_reason", "str", allowed=LOST_REASONS),
            Column("competitor", "str"),
            _currency_column(),
        ),
        notes=("close_date is null exactly when stage = open",),
    ),
    Entity(
        "customers",
        "snapshot",
        True,
        ("customer_id",),
        (
            Column("customer_id", "str", not_null=True),
            Column("name", "str"),
            Column("segment", "str"),
            Column("region", "str"),
            Column("created_date", "date"),
        ),
    ),
    Entity(
        "products",
        "snapshot",
        True,
        ("product_id",),
        (
            Column("product_id", "str", not_null=True),
            Column("name", "str"),
            Column("category", "str"),
            Column("list_price", "decimal", min_value=0),
        ),
    ),
    Entity(
        "sales_reps",
        "snapshot",
        True,
        ("rep_id",),
        (
            Column("rep_id", "str", not_null=True),
            Column("name", "str"),
            Column("team_id", "str", references="teams"),
            Column("region", "str"),
            Column("hire_date", "date"),
            Column("is_active", "bool"),
        ),
    ),
    Entity(
        "teams",
        "snapshot",
        True,
        ("team_id",),
        (
            Column("team_id", "str", not_null=True),
            Column("name", "str"),
            Column("manager_name", "str"),
        ),
    ),
    Entity(
        "targets",
        "plan",
        False,
        ("month", "scope", "scope_id", "metric"),
        (
            Column("month", "month", not_null=True),
            Column("scope", "str", not_null=True, allowed=TARGET_SCOPES),
            Column(
                "scope_id",
                "str",
                scoped_reference=ScopedReference("scope", (("team", "teams"), ("rep", "sales_reps"))),
            ),
            Column("metric", "str", not_null=True, allowed=TARGET_METRICS),
            Column("target_value", "decimal", not_null=True, min_value=0, strict_min=True),
            _currency_column(),
        ),
        notes=(
            "month is the folder's month or the next one",
            "scope_id is null exactly when scope = company",
        ),
    ),
    Entity(
        "campaigns",
        "plan",
        False,
        ("campaign_id",),
        (
            Column("campaign_id", "str", not_null=True),
            Column("name", "str"),
            Column("type", "str", allowed=CAMPAIGN_TYPES),
            Column("channel", "str"),
            Column("start_date", "date"),
            Column("end_date", "date"),
            Column("spend", "decimal", not_null=True, min_value=0),
            _currency_column(),
        ),
        notes=("end_date >= start_date",),
    ),
    Entity(
        "fx_rates",
        "plan",
        False,
        ("currency", "month", "rate_date"),
        (
            Column("currency", "currency", not_null=True),
            Column("month", "month"),
            Column("rate_date", "date", in_month=True),
            Column("rate_to_reporting", "rate", not_null=True, min_value=0, strict_min=True),
        ),
        notes=(
            "exactly one of month and rate_date is set",
            "month is the folder's month",
        ),
    ),
    Entity(
        "surveys",
        "transactional",
        False,
        ("response_id",),
        (
            Column("response_id", "str", not_null=True),
            Column("customer_id", "str", not_null=True, references="customers"),
            Column("response_date", "date", not_null=True, in_month=True),
            Column("score", "int", not_null=True, min_value=0, max_value=10),
            Column("csat", "int", min_value=1, max_value=5),
            Column("comment", "str"),
        ),
    ),
    Entity(
        "market",
        "plan",
        False,
        ("region",),
        (
            Column("region", "str", not_null=True),
            Column("market_size", "decimal", not_null=True, min_value=0, strict_min=True),
        ),
    ),
)

ENTITY_BY_NAME = {e.name: e for e in ENTITIES}
NOTES_FILE = "notes.md"
FILE_FORMATS = ("csv", "parquet")

# Lineage columns every raw table carries after the contract's columns.
LINEAGE_COLUMNS = (
    ("batch_month", "DATE"),
    ("source_file", "VARCHAR"),
    ("source_line", "BIGINT"),
    ("file_sha256", "VARCHAR"),
    ("loaded_at", "TIMESTAMP"),
    ("run_id", "VARCHAR"),
)
