"""Run-time settings: environment variables with working defaults, validated once.

Read when a run (or the code location) starts, never at import, so tests and
tools can set the environment first. The README's configuration table lists
the same names.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipelines.contract import CHANNELS, TEXT_FORMS
from pipelines.faults import POINTS, FaultPlan
from pipelines.landed_months import landed_months
from pipelines.months import MonthKeyError, last_closed_month, validate_month_key
from pipelines.report.languages import Language, LanguageError, check_fallbacks, registered_languages
from pipelines.report.rules import RULES_PATH, RuleConfig, load_config
from pipelines.sources.definition import SourceDefinition, SourceError, available_sources, load_source
from pipelines.sources.mapping_file import load_mapping

ORPHAN_POLICIES = ("error", "warn")
CONTRACT_SOURCE = "contract"
# What an fx_rates `month` row is, and how a month rate is made from daily rates when none is given.
FX_MONTH_RATES = ("average", "month_end")


class SettingsError(ValueError):
    pass


# Where the marts are built (docs/scale.md): DuckDB on this machine, or Spark.
ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class SparkSettings:
    """Spark's connection settings, read with the others though used only when SALES_ENGINE=spark."""

    master: str  # local[*], or a cluster's master URL
    warehouse: str  # the lake: a local folder, or an object-store URL on a cluster
    metastore: str  # a local Derby folder, or thrift://host:port of a Hive metastore
    scratch: str  # the driver's local temp folders (Derby's log, Hive's session files)
    shuffle_partitions: int


@dataclass(frozen=True)
class EmailSettings:
    """Where the monthly report is mailed, and through which SMTP server (STARTTLS when offered)."""

    to: tuple[str, ...]
    sender: str
    host: str
    port: int
    user: str | None
    password: str | None = field(default=None, repr=False)  # from the environment only, never shown


@dataclass(frozen=True)
class ModelVars:
    """The settings the dbt models read, as vars: the same on every run, so part of the parse."""

    fiscal_year_start_month: int = 1  # calendar year = fiscal year unless set
    reporting_currency: str = "USD"
    fx_month_rate: str = FX_MONTH_RATES[0]


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    duckdb_path: Path
    analyst_duckdb_path: Path
    reports_dir: Path
    start_month: str
    schedule_hour: int
    schedule_timezone: str
    report_languages: tuple[str, ...]
    languages: Mapping[str, Language]
    report_pdf: bool
    reporting_currency: str
    fx_month_rate: str
    company_name: str
    channels: tuple[str, ...]
    orphan_policy: str
    volume_tolerance: float
    duckdb_memory_limit: str
    run_lock_timeout_seconds: float
    rules_file: Path
    rules: RuleConfig
    faults: FaultPlan | None
    email: EmailSettings | None
    # None for the contract's own files; else the vendor's files and how they become the contract's
    source_definition: SourceDefinition | None
    timezone: str
    house_rep: str
    house_team: str
    fiscal_year_start_month: int
    engine: str
    spark: SparkSettings

    @property
    def model_vars(self) -> ModelVars:
        return ModelVars(self.fiscal_year_start_month, self.reporting_currency, self.fx_month_rate)

    @property
    def source_variables(self) -> dict[str, str]:
        """What a source's SQL reads with getvariable()."""
        return {"timezone": self.timezone, "house_rep": self.house_rep, "house_team": self.house_team}

    @property
    def report_language_defs(self) -> tuple[Language, ...]:
        return tuple(self.languages[code] for code in self.report_languages)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, languages: Mapping[str, Language] | None = None
    ) -> Settings:
        """`languages` replaces the registry (pipelines/report/languages.py), e.g. to add one in a test."""
        env = os.environ if env is None else env
        try:
            languages = registered_languages() if languages is None else check_fallbacks(languages)
        except LanguageError as error:
            raise SettingsError(str(error)) from None
        report_languages = tuple(
            x.strip() for x in env.get("SALES_REPORT_LANGUAGES", ",".join(languages)).split(",") if x.strip()
        )
        unknown = sorted(set(report_languages) - set(languages))
        if unknown or not report_languages:
            raise SettingsError(f"SALES_REPORT_LANGUAGES: use a comma list of {tuple(languages)}, got {unknown}")
        orphan_policy = env.get("SALES_ORPHAN_POLICY", "error")
        if orphan_policy not in ORPHAN_POLICIES:
            raise SettingsError(f"SALES_ORPHAN_POLICY must be one of {ORPHAN_POLICIES}, got {orphan_policy!r}")
        hour = int(env.get("SALES_SCHEDULE_HOUR", "6"))
        if not 0 <= hour <= 23:
            raise SettingsError(f"SALES_SCHEDULE_HOUR must be 0-23, got {hour}")
        fiscal_start = env.get("SALES_FISCAL_YEAR_START_MONTH", str(ModelVars.fiscal_year_start_month)).strip()
        if not (fiscal_start.isascii() and fiscal_start.isdigit() and 1 <= int(fiscal_start) <= 12):
            raise SettingsError(f"SALES_FISCAL_YEAR_START_MONTH must be a month number 1-12, got {fiscal_start!r}")
        fx_month_rate = env.get("SALES_FX_MONTH_RATE", ModelVars.fx_month_rate).strip()
        if fx_month_rate not in FX_MONTH_RATES:
            raise SettingsError(f"SALES_FX_MONTH_RATE must be one of {FX_MONTH_RATES}, got {fx_month_rate!r}")
        channels = tuple(x.strip() for x in env.get("SALES_CHANNELS", ",".join(CHANNELS)).split(",") if x.strip())
        landing_dir = Path(env.get("SALES_LANDING_DIR", "data/landing")).resolve()
        try:
            start_month = validate_month_key(
                env.get("SALES_START_MONTH") or _first_landed_month(landing_dir), "SALES_START_MONTH"
            )
        except MonthKeyError as error:
            raise SettingsError(str(error)) from None
        rules_file = Path(env.get("SALES_RULES_FILE", str(RULES_PATH))).resolve()
        lock_timeout = _seconds(env.get("SALES_RUN_LOCK_TIMEOUT_SECONDS", "3600"), "SALES_RUN_LOCK_TIMEOUT_SECONDS")
        return cls(
            landing_dir=landing_dir,
            duckdb_path=Path(env.get("SALES_DUCKDB_PATH", "data/warehouse.duckdb")).resolve(),
            analyst_duckdb_path=Path(env.get("SALES_ANALYST_DUCKDB_PATH", "data/analytics.duckdb")).resolve(),
            reports_dir=Path(env.get("SALES_REPORTS_DIR", "reports")).resolve(),
            start_month=start_month,
            schedule_hour=hour,
            schedule_timezone=env.get("SALES_SCHEDULE_TIMEZONE", "UTC"),
            report_languages=report_languages,
            languages=languages,
            report_pdf=_flag(env, "SALES_REPORT_PDF", True),
            reporting_currency=_reporting_currency(env),
            fx_month_rate=fx_month_rate,
            company_name=env.get("SALES_COMPANY_NAME", "Demo Co"),
            channels=channels,
            orphan_policy=orphan_policy,
            volume_tolerance=float(env.get("SALES_VOLUME_TOLERANCE", "0.5")),
            duckdb_memory_limit=env.get("SALES_DUCKDB_MEMORY_LIMIT", "1GB"),
            run_lock_timeout_seconds=lock_timeout,
            rules_file=rules_file,
            rules=_rules(rules_file),
            faults=_faults(env),
            email=_email(env),
            source_definition=_source(env),
            timezone=_timezone(env.get("SALES_TIMEZONE", "UTC")),
            house_rep=env.get("SALES_HOUSE_REP", "house").strip() or "house",
            house_team=env.get("SALES_HOUSE_TEAM", "house").strip() or "house",
            fiscal_year_start_month=int(fiscal_start),
            engine=_engine(env),
            spark=_spark(env),
        )


def _reporting_currency(env: Mapping[str, str]) -> str:
    if "SALES_CURRENCY" in env:
        # Renamed when amounts gained their own currencies; a silently ignored old name would mislabel them.
        raise SettingsError("SALES_CURRENCY is now SALES_REPORTING_CURRENCY: rename it in your environment")
    code = env.get("SALES_REPORTING_CURRENCY", ModelVars.reporting_currency).strip()
    if not re.fullmatch(TEXT_FORMS["currency"].pattern, code):
        raise SettingsError(f"SALES_REPORTING_CURRENCY must be {TEXT_FORMS['currency'].hint}, got {code!r}")
    return code


def _engine(env: Mapping[str, str]) -> str:
    engine = env.get("SALES_ENGINE", "duckdb").strip().lower() or "duckdb"
    if engine not in ENGINES:
        raise SettingsError(f"SALES_ENGINE must be one of {ENGINES}, got {engine!r}")
    return engine


def _spark(env: Mapping[str, str]) -> SparkSettings:
    partitions = env.get("SALES_SPARK_SHUFFLE_PARTITIONS", "4").strip()
    if not (partitions.isascii() and partitions.isdigit() and int(partitions) > 0):
        raise SettingsError(f"SALES_SPARK_SHUFFLE_PARTITIONS must be a whole number > 0, got {partitions!r}")
    metastore = env.get("SALES_SPARK_METASTORE", "data/spark-metastore")
    return SparkSettings(
        master=env.get("SALES_SPARK_MASTER", "local[*]"),
        warehouse=_location(env.get("SALES_SPARK_WAREHOUSE", "data/lake")),
        metastore=metastore if metastore.startswith("thrift://") else str(Path(metastore).resolve()),
        scratch=str(Path(env.get("SALES_SPARK_SCRATCH_DIR", "data/spark-scratch")).resolve()),
        shuffle_partitions=int(partitions),
    )


def _location(value: str) -> str:
    """A URL (s3a://, abfss://, hdfs://) as given; a local folder made absolute."""
    return value if "://" in value else str(Path(value).resolve())


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise SettingsError(f"{name} must be true or false, got {value!r}")
    return value in ("true", "1", "yes")


def _seconds(value: str, name: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise SettingsError(f"{name} must be a number of seconds >= 0, got {value!r}")
    return seconds


def _rules(path: Path) -> RuleConfig:
    try:
        return load_config(path)
    except (OSError, ValueError, KeyError) as error:
        raise SettingsError(f"SALES_RULES_FILE {path}: {error}") from None


def _email(env: Mapping[str, str]) -> EmailSettings | None:
    """Mail delivery is on when SALES_REPORT_EMAIL_TO names someone; it then needs a sender and a server."""
    to = tuple(x.strip() for x in env.get("SALES_REPORT_EMAIL_TO", "").split(",") if x.strip())
    if not to:
        return None
    missing = [name for name in ("SALES_REPORT_EMAIL_FROM", "SALES_SMTP_HOST") if not env.get(name, "").strip()]
    if missing:
        raise SettingsError(f"SALES_REPORT_EMAIL_TO is set, so {' and '.join(missing)} must be too")
    port = env.get("SALES_SMTP_PORT", "587")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise SettingsError(f"SALES_SMTP_PORT must be a port number, got {port!r}")
    return EmailSettings(
        to=to,
        sender=env["SALES_REPORT_EMAIL_FROM"].strip(),
        host=env["SALES_SMTP_HOST"].strip(),
        port=int(port),
        user=env.get("SALES_SMTP_USER") or None,
        password=env.get("SALES_SMTP_PASSWORD") or None,
    )


def _source(env: Mapping[str, str]) -> SourceDefinition | None:
    """The vendor export SALES_SOURCE names, checked now so a bad mapping file fails before any month."""
    source = env.get("SALES_SOURCE", CONTRACT_SOURCE)
    mapping_file = env.get("SALES_MAPPING_FILE", "").strip()
    if source != CONTRACT_SOURCE and source not in available_sources():
        raise SettingsError(f"SALES_SOURCE must be one of {(CONTRACT_SOURCE, *available_sources())}, got {source!r}")
    if mapping_file and source != "mapping":
        raise SettingsError(f"SALES_MAPPING_FILE is read only with SALES_SOURCE=mapping, not {source}")
    if source == CONTRACT_SOURCE:
        return None
    try:
        if source == "mapping":
            if not mapping_file:
                raise SettingsError("SALES_SOURCE=mapping needs SALES_MAPPING_FILE, the YAML naming your files")
            return load_mapping(Path(mapping_file).resolve())
        return load_source(source)
    except (OSError, SourceError) as error:
        raise SettingsError(f"SALES_SOURCE={source}: {error}") from None


def _timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"SALES_TIMEZONE must be an IANA time zone such as Europe/Berlin, got {name!r}") from None
    return name


def _faults(env: Mapping[str, str]) -> FaultPlan | None:
    """Only the kill-safety tests set these: pause at a named point until killed."""
    point = env.get("SALES_FAULT_PAUSE_AT")
    if not point:
        return None
    if point not in POINTS or not env.get("SALES_FAULT_MARKER"):
        raise SettingsError(f"SALES_FAULT_PAUSE_AT must be one of {POINTS}, with SALES_FAULT_MARKER set")
    return FaultPlan(point, Path(env["SALES_FAULT_MARKER"]))


def _first_landed_month(landing_dir: Path) -> str:
    """Partitions start at the oldest month folder delivered, or last month when none is."""
    landed = landed_months(landing_dir)
    return landed[0] if landed else last_closed_month(date.today())
