from __future__ import annotations

from pathlib import Path

import duckdb
import pytest


@pytest.fixture
def con(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield connection
    connection.close()
