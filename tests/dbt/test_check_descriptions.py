"""Every dbt data test reaches Dagster's UI as an asset check that says what it checks."""

from __future__ import annotations

import json

import pytest

from pipelines.transform.check_descriptions import describe_test
from pipelines.transform.project import sales_dbt_project
from tests.settings_for import settings_for


def generic(name: str, **kwargs) -> dict:
    return {"name": "t", "description": "", "test_metadata": {"name": name, "kwargs": {"model": "m", **kwargs}}}


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (generic("unique", column_name="month"), "`month` is unique."),
        (generic("unique_combination", columns=["month", "rep_id"]), "One row per month, rep_id."),
        (generic("column_rules", not_null=["month"]), "`month` is never null."),
        (
            generic(
                "column_rules",
                not_null=["month", "orders"],
                accepted_range={"orders": {"min_value": 0}, "share": {"min_value": 0, "max_value": 1}},
                accepted_values={"scope": ["company", "team"]},
            ),
            "`month`, `orders` are never null. `orders` is at least 0. `share` is between 0 and 1. "
            "`scope` is one of: company, team.",
        ),
        (generic("column_rules", accepted_range={"rate": {"max_value": 1}}), "`rate` is at most 1."),
        (
            generic("relationship_in_month", column_name="customer_id", to="ref('stg_crm__customers')", field="id"),
            "Every `customer_id` exists in `stg_crm__customers.id` of the same month.",
        ),
        (
            {"name": "assert_x", "description": "", "raw_code": "-- Orders add up\n-- per month.\nselect 1"},
            "Orders add up per month.",
        ),
        ({**generic("unique", column_name="x"), "description": "Written in YAML."}, "Written in YAML."),
    ],
)
def test_a_test_is_described_in_words(node, expected):
    assert describe_test(node) == expected


def test_every_asset_check_of_the_code_location_has_a_description():
    from pipelines.definitions import build_definitions

    graph = build_definitions(settings_for()).resolve_asset_graph()
    specs = [graph.get_check_spec(key) for key in graph.asset_check_keys]
    generic_tests = [
        node
        for node in json.loads(sales_dbt_project().manifest_path.read_text())["nodes"].values()
        if node.get("test_metadata")
    ]
    assert {node["name"] for node in generic_tests} <= {spec.name for spec in specs}
    assert all(spec.description for spec in specs)
