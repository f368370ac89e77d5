"""One ephemeral GX context per process, with one pandas batch definition per entity."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from data_checks.gx_import import great_expectations

if TYPE_CHECKING:
    from great_expectations.core.batch_definition import BatchDefinition
    from great_expectations.data_context import AbstractDataContext

DATASOURCE_NAME = "extract_frames"


@functools.cache
def ephemeral_context() -> AbstractDataContext:
    """Created once: building a context and its datasource each call would dominate small checks."""
    gx = great_expectations()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # Progress bars would print to the orchestrator's logs for every entity of every month.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.data_sources.add_pandas(DATASOURCE_NAME)
    return context


@functools.cache
def whole_frame_batch_definition(entity_name: str) -> BatchDefinition:
    datasource = ephemeral_context().data_sources.get(DATASOURCE_NAME)
    asset = datasource.add_dataframe_asset(name=entity_name)
    return asset.add_batch_definition_whole_dataframe(f"{entity_name}_frame")
