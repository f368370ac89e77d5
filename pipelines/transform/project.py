"""The dbt project handle, with its manifest prepared when missing."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from dagster_dbt import DbtCliInvocation, DbtCliResource, DbtProject
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


class InstalledDbtCliResource(DbtCliResource):
    """dagster-dbt asks `dbt --version` in a subprocess once per run (~3 s of Python start-up, 7 s on a
    busy 2-core machine, and a version check that reaches for the network). The dbt it runs is the
    dbt-core installed next to it, whose version is known without a process."""

    @functools.cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(DBT_CORE_VERSION)

    def cli_with_env(self, args: Sequence[str], env: Mapping[str, str], **kwargs) -> DbtCliInvocation:
        """`cli()` with `env` added to the dbt process's environment.

        dagster-dbt 0.29 takes no environment argument: `cli()` copies os.environ and starts the dbt
        process before it returns. So `env` is set for that call only and restored at once.
        """
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        try:
            return self.cli(list(args), **kwargs)
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
