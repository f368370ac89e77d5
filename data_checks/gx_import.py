"""The one place that imports great-expectations."""

from __future__ import annotations

import os
from types import ModuleType


def great_expectations() -> ModuleType:
    """Import GX on first use, with analytics off.

    GX reads GX_ANALYTICS_ENABLED at import time and the import costs seconds, so
    callers that never validate anything (e.g. Dagster loading definitions) never pay it.
    """
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    import great_expectations.expectations  # noqa: F401  (makes gx.expectations available)

    return gx
