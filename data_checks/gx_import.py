"""The one place that imports great-expectations."""

from __future__ import annotations

from types import ModuleType


def great_expectations() -> ModuleType:
    """Import GX on first use: the import costs seconds, so callers that never validate anything
    (e.g. Dagster loading definitions) never pay it.

    great-expectations 1.24 has no analytics client left to switch off (its package holds no code that
    reads GX_ANALYTICS_ENABLED); the Makefile still exports GX_ANALYTICS_ENABLED=false for older pins.
    """
    import great_expectations as gx
    import great_expectations.expectations  # noqa: F401  (makes gx.expectations available)

    return gx
