"""Small demo extracts generated once per test session: generation is deterministic, so sharing is safe."""

from __future__ import annotations

import pytest

from pipelines.demo import GenerationSummary, generate
from pipelines.demo.currencies import Currencies

END_MONTH = "2026-10"
MONTHS = 15  # spans one full Q4 peak and every staff event of the roster


@pytest.fixture(scope="session")
def small_csv(tmp_path_factory) -> GenerationSummary:
    return generate(tmp_path_factory.mktemp("landing_csv"), MONTHS, END_MONTH, "small", 7, "csv")


@pytest.fixture(scope="session")
def small_parquet(tmp_path_factory) -> GenerationSummary:
    return generate(tmp_path_factory.mktemp("landing_parquet"), 3, END_MONTH, "small", 7, "parquet")


@pytest.fixture(scope="session")
def small_fx_csv(tmp_path_factory) -> GenerationSummary:
    """Three currencies (EUR with month rates, CNY with daily ones) and a fiscal year from April."""
    return generate(
        tmp_path_factory.mktemp("landing_fx"),
        3,
        END_MONTH,
        "small",
        7,
        "csv",
        currencies=Currencies(("USD", "EUR", "CNY")),
        fiscal_year_start_month=4,
    )
