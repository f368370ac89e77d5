"""The one place that imports great-expectations."""

from __future__ import annotations

import sys
from types import ModuleType


def great_expectations() -> ModuleType:
    """Import GX on first use: the import costs seconds, so callers that never validate anything
    (e.g. Dagster loading definitions) never pay it.

    great-expectations 1.24 has no analytics client left to switch off (its package holds no code that
    reads GX_ANALYTICS_ENABLED); the Makefile still exports GX_ANALYTICS_ENABLED=false for older pins.
    """
    # GX imports pyspark when it is installed (the Spark engine's dependency), down to the Spark Connect
    # client, which no engine here uses. That client exits the process (SystemExit 0) when its own extra
    # dependencies are missing and the main module has no file, as under `python -c` and pytest-xdist
    # workers; a None entry makes its import a plain ImportError, which GX handles.
    sys.modules.setdefault("pyspark.sql.connect", None)
    import great_expectations as gx
    import great_expectations.expectations  # noqa: F401  (makes gx.expectations available)

    return gx
