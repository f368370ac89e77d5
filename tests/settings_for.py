"""Settings for tests, read from a mapping as a run reads them from the environment."""

from __future__ import annotations

from pathlib import Path

from pipelines.settings import Settings


def settings_for(landing_dir: Path | None = None, reports_dir: Path | None = None, **env: str) -> Settings:
    """The packaged defaults, with the given folders and SALES_* variables."""
    values = {"SALES_START_MONTH": "2024-01", **env}
    if landing_dir is not None:
        values["SALES_LANDING_DIR"] = str(landing_dir)
    if reports_dir is not None:
        values["SALES_REPORTS_DIR"] = str(reports_dir)
    return Settings.from_env(values)
