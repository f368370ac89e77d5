"""Settings come from the environment, with working defaults, and bad values are refused at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import ModelVars, Settings, SettingsError


def test_defaults_without_any_variable(tmp_path: Path) -> None:
    (tmp_path / "landing" / "2024-03").mkdir(parents=True)
    (tmp_path / "landing" / "2024-05").mkdir()
    settings = Settings.from_env({"SALES_LANDING_DIR": str(tmp_path / "landing")})
    assert settings.start_month == "2024-03"  # the oldest delivered month folder
    assert settings.duckdb_path.name == "warehouse.duckdb"
    assert settings.analyst_duckdb_path.name == "analytics.duckdb"
    assert settings.report_languages == ("en", "zh")
    assert settings.channels == ("online", "offline", "agent")
    assert (settings.orphan_policy, settings.volume_tolerance, settings.duckdb_memory_limit) == ("error", 0.5, "1GB")
    assert (settings.schedule_hour, settings.schedule_timezone) == (6, "UTC")
    assert settings.run_lock_timeout_seconds == 3600
    assert settings.fiscal_year_start_month == 1
    assert (settings.reporting_currency, settings.fx_month_rate) == ("USD", "average")


def test_variables_override_the_defaults() -> None:
    settings = Settings.from_env(
        {
            "SALES_START_MONTH": "2022-01",
            "SALES_REPORT_LANGUAGES": "zh",
            "SALES_CHANNELS": "web, store",
            "SALES_ORPHAN_POLICY": "warn",
            "SALES_SCHEDULE_HOUR": "23",
            "SALES_DUCKDB_MEMORY_LIMIT": "4GB",
            "SALES_RUN_LOCK_TIMEOUT_SECONDS": "2.5",
            "SALES_FISCAL_YEAR_START_MONTH": "4",
            "SALES_REPORTING_CURRENCY": "EUR",
            "SALES_FX_MONTH_RATE": "month_end",
        }
    )
    assert settings.fiscal_year_start_month == 4
    assert settings.model_vars == ModelVars(4, "EUR", "month_end")  # what dbt is told
    assert settings.run_lock_timeout_seconds == 2.5
    assert settings.start_month == "2022-01"
    assert settings.report_languages == ("zh",)
    assert settings.channels == ("web", "store")
    assert (settings.orphan_policy, settings.schedule_hour, settings.duckdb_memory_limit) == ("warn", 23, "4GB")


@pytest.mark.parametrize(
    "env",
    [
        {"SALES_START_MONTH": "2022-13"},
        {"SALES_START_MONTH": "22-01"},
        {"SALES_REPORT_LANGUAGES": "en,fr"},
        {"SALES_REPORT_LANGUAGES": ""},
        {"SALES_ORPHAN_POLICY": "ignore"},
        {"SALES_SCHEDULE_HOUR": "24"},
        {"SALES_RUN_LOCK_TIMEOUT_SECONDS": "-1"},
        {"SALES_RUN_LOCK_TIMEOUT_SECONDS": "ten"},
        {"SALES_RUN_LOCK_TIMEOUT_SECONDS": "nan"},
        {"SALES_FISCAL_YEAR_START_MONTH": "0"},
        {"SALES_FISCAL_YEAR_START_MONTH": "13"},
        {"SALES_FISCAL_YEAR_START_MONTH": "April"},
        {"SALES_REPORTING_CURRENCY": "eur"},
        {"SALES_REPORTING_CURRENCY": "EURO"},
        {"SALES_FX_MONTH_RATE": "daily"},
    ],
)
def test_bad_values_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({"SALES_START_MONTH": "2024-01", **env})


def test_mail_delivery_needs_a_sender_and_a_server_and_hides_the_password() -> None:
    base = {"SALES_START_MONTH": "2024-01", "SALES_REPORT_EMAIL_TO": "a@example.com, b@example.com"}
    with pytest.raises(SettingsError, match="SALES_REPORT_EMAIL_FROM and SALES_SMTP_HOST"):
        Settings.from_env(base)
    settings = Settings.from_env(
        {**base, "SALES_REPORT_EMAIL_FROM": "r@example.com", "SALES_SMTP_HOST": "smtp", "SALES_SMTP_PASSWORD": "s3"}
    )
    assert (settings.email.to, settings.email.port, settings.email.password) == (
        ("a@example.com", "b@example.com"),
        587,
        "s3",
    )
    assert "s3" not in repr(settings)
    assert Settings.from_env({"SALES_START_MONTH": "2024-01"}).email is None
    with pytest.raises(SettingsError, match="SALES_REPORT_PDF"):
        Settings.from_env({"SALES_START_MONTH": "2024-01", "SALES_REPORT_PDF": "maybe"})


def test_the_old_currency_setting_is_refused_with_its_new_name() -> None:
    with pytest.raises(SettingsError, match="SALES_CURRENCY is now SALES_REPORTING_CURRENCY"):
        Settings.from_env({"SALES_START_MONTH": "2024-01", "SALES_CURRENCY": "EUR"})
