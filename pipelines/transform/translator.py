"""How dbt models appear in Dagster: keyed and grouped by the schema (layer) they build into."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtProject

from pipelines.transform.check_descriptions import describe_test

# Month M's marts compare with M-1 and M-12: they read those months' raw data.
COMPARISON_MONTHS_BACK = 12


class SalesDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_asset_key(dbt_resource_props)  # meta.dagster.asset_key: raw/<entity>
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_asset_check_spec(
        self, asset_spec: dg.AssetSpec, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None
    ) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        return spec._replace(description=describe_test(manifest["nodes"][unique_id]))

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["schema"]

    def get_partition_mapping(
        self, dbt_resource_props: Mapping[str, Any], dbt_parent_resource_props: Mapping[str, Any]
    ) -> dg.PartitionMapping | None:
        """A re-delivered raw month makes the models of that month and the 12 after it stale."""
        if dbt_parent_resource_props["resource_type"] == "source":
            return dg.TimeWindowPartitionMapping(
                start_offset=-COMPARISON_MONTHS_BACK, end_offset=0, allow_nonexistent_upstream_partitions=True
            )
        return None
