"""The dbt project handle, with its manifest prepared when missing."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from dbt.version import __version__ as DBT_CORE_VERSION
from packaging import version

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"
# The dbt of this interpreter's environment, whether or not the venv is on PATH.
DBT_EXECUTABLE = str(Path(sys.executable).with_name("dbt"))


def sales_dbt_project() -> DbtProject:
    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    if not project.manifest_path.exists():
        # A fresh clone has no manifest; `make` targets parse first, this covers direct imports.
        subprocess.run(
            [
                DBT_EXECUTABLE,
                "parse",
                "--quiet",
                "--project-dir",
                str(DBT_PROJECT_DIR),
                "--profiles-dir",
                str(DBT_PROJECT_DIR),
            ],
            check=True,
            env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
        )
    return project


class InstalledDbtCliResource(DbtCliResource):
    """dagster-dbt asks `dbt --version` in a subprocess once per run (~3 s of Python start-up, 7 s on a
    busy 2-core machine, and a version check that reaches for the network). The dbt it runs is the
    dbt-core installed next to it, whose version is known without a process."""

    @functools.cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(DBT_CORE_VERSION)
