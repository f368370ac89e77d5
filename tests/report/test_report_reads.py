"""The report reads dbt models only, and its asset depends on every one of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import dagster as dg

from pipelines.definitions import build_definitions
from pipelines.report import query
from pipelines.report.query import REPORT_READS
from pipelines.transform.project import sales_dbt_project
from tests.settings_for import settings_for

RELATION = re.compile(r"\b(\w+)\.(\w+)\b")
LAYERS = {"staging", "intermediate", "marts"}


def read_relations() -> set[tuple[str, str]]:
    folder = Path(query.__file__).parent
    text = "".join((folder / name).read_text(encoding="utf-8") for name in ("query.py", "reconcile.py"))
    return {
        (schema, name)
        for schema, name in RELATION.findall(text)
        if schema in LAYERS | {"raw", "ops", "quarantine", "information_schema"}
    }


def test_the_report_names_only_dbt_layers_and_lists_every_model_it_reads():
    relations = read_relations()
    assert {schema for schema, _ in relations} <= LAYERS
    assert {name for _, name in relations} <= set(REPORT_READS)


def test_every_model_the_report_reads_is_a_dbt_model_in_its_layer():
    manifest = json.loads(sales_dbt_project().manifest_path.read_text(encoding="utf-8"))
    models = {n["name"]: n["schema"] for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    assert set(REPORT_READS) <= set(models)
    assert all(models[name] == schema for schema, name in read_relations())


def test_the_report_asset_depends_on_every_model_it_reads():
    defs = build_definitions(settings_for())
    report = defs.resolve_assets_def(dg.AssetKey("monthly_sales_report"))
    upstream = {key.path[-1] for dep in report.specs for key in [d.asset_key for d in dep.deps]}
    assert set(REPORT_READS) <= upstream
