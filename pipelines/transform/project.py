"""The dbt project handle, with its manifest prepared when missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

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


def published_marts(project: DbtProject) -> list[str]:
    """The marts built as tables, which the analysts' file holds: fct_ first, then mart_, by name."""
    nodes = json.loads(project.manifest_path.read_text(encoding="utf-8"))["nodes"].values()
    names = [
        node["name"]
        for node in nodes
        if node["resource_type"] == "model"
        and node["schema"] == "marts"
        and node["config"]["materialized"] in ("table", "incremental")
    ]
    return sorted(names, key=lambda name: (not name.startswith("fct_"), name))
