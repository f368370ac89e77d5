"""dbt on Spark (SALES_ENGINE=spark): the same project, target `spark`, run in this process so that
dbt-spark's `session` method takes the session this process already runs (pipelines/spark/session.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from dbt.cli.main import dbtRunner, dbtRunnerResult

from pipelines.settings import Settings
from pipelines.spark.session import spark_conf
from pipelines.transform.project import DBT_PROJECT_DIR
from pipelines.transform.runner import PROFILE_NAME, QUIET_FLAGS
from pipelines.transform.window import dbt_parse_vars, dbt_window_vars

SPARK_TARGET = "spark"


def write_spark_profile(project_profiles_dir: Path, settings: Settings, target_path: Path) -> Path:
    """The project's profiles.yml with the `spark` target selected and this lake's session settings."""
    profile = yaml.safe_load((project_profiles_dir / "profiles.yml").read_text(encoding="utf-8"))
    profile[PROFILE_NAME]["target"] = SPARK_TARGET
    profile[PROFILE_NAME]["outputs"][SPARK_TARGET]["server_side_parameters"] = spark_conf(settings.spark)
    profiles_dir = target_path / "profile"
    profiles_dir.mkdir(parents=True, exist_ok=True)
    (profiles_dir / "profiles.yml").write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    return profiles_dir


def spark_build(settings: Settings, target_path: Path, window: tuple[str, str] | None = None) -> dbtRunnerResult:
    """`dbt build` of every model and data test on Spark, for the month window (else every loaded month)."""
    variables: dict[str, Any] = dbt_parse_vars(settings.rules, settings.model_vars)
    if window is not None:
        variables |= dbt_window_vars(*window)
    profiles_dir = write_spark_profile(DBT_PROJECT_DIR, settings, target_path)
    return dbtRunner().invoke(
        [
            "build",
            "--exclude-resource-type",
            "unit_test",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(profiles_dir),
            "--target-path",
            str(target_path),
            "--log-path",
            str(target_path),
            *QUIET_FLAGS,
            "--vars",
            json.dumps(variables, sort_keys=True),
        ]
    )
