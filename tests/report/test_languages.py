"""A language is one folder plus one registry entry: a made-up one renders a whole report."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.report import render_monthly_report
from pipelines.report.languages import LanguageError, load_language, registered_languages
from pipelines.settings import Settings, SettingsError
from tests.report.conftest import GENERATED_AT
from tests.report.fixture_marts import MART_NAMES, MONTH

FIXTURE = Path(__file__).with_name("fixtures") / "languages" / "xx"


def settings_with_xx(reports_dir: Path) -> Settings:
    languages = {**registered_languages(), "xx": load_language(FIXTURE)}
    env = {"SALES_START_MONTH": "2024-01", "SALES_REPORTS_DIR": str(reports_dir), "SALES_REPORT_LANGUAGES": "xx"}
    return Settings.from_env(env, languages=languages)


def test_a_registered_fixture_language_renders_with_its_formats_and_falls_back_for_the_rest(con, tmp_path):
    out = render_monthly_report(
        con, MONTH, settings_with_xx(tmp_path), mart_names=MART_NAMES, run_id="r", generated_at=GENERATED_AT
    )
    assert sorted(p.name for p in out.paths) == ["report.xx.html", "report.xx.md"]
    md = (tmp_path / "2025-02" / "report.xx.md").read_text(encoding="utf-8")
    html = (tmp_path / "2025-02" / "report.xx.html").read_text(encoding="utf-8")
    # its own title, month name and German money (12,345.50 USD -> 12.345,50 $)
    assert md.startswith("# Monatsbericht Februar 2025\n")
    assert "12.345,50" in md and "12,345.50" not in md
    # English text where the language has none yet
    assert "## 1. Data analysis" in md
    assert '<html lang="x-test">' in html


def test_an_unregistered_language_is_refused_by_the_settings():
    with pytest.raises(SettingsError, match="xx"):
        Settings.from_env({"SALES_START_MONTH": "2024-01", "SALES_REPORT_LANGUAGES": "xx"})


def test_a_folder_without_its_definition_is_not_a_language(tmp_path):
    (tmp_path / "yy").mkdir()
    with pytest.raises(LanguageError, match="language.toml"):
        load_language(tmp_path / "yy")


def test_a_fallback_must_be_registered():
    with pytest.raises(SettingsError, match="falls back"):
        Settings.from_env({"SALES_START_MONTH": "2024-01"}, languages={"xx": load_language(FIXTURE)})
