"""Month discovery takes only valid YYYY-MM folders and names the other folders once as ignored."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.landed_months import landed_months

REPO = Path(__file__).resolve().parents[1]


def landing_with_strays(root: Path) -> Path:
    for name in ("2026-10", "2026-09", "2026-13", "notes", "2026-1"):
        (root / name).mkdir(parents=True)
    (root / "2026-11").write_text("a file, not a month folder")
    return root


def test_only_valid_month_folders_are_months_and_the_rest_is_named_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    landing = landing_with_strays(tmp_path / "landing")
    with caplog.at_level(logging.WARNING, logger="pipelines.landed_months"):
        assert landed_months(landing) == ["2026-09", "2026-10"]
        assert landed_months(landing) == ["2026-09", "2026-10"]
    assert caplog.messages == [f"ignored in {landing}, not YYYY-MM month folders: '2026-1', '2026-13', 'notes'"]


def test_a_missing_landing_root_has_no_months(tmp_path: Path) -> None:
    assert landed_months(tmp_path / "absent") == []


def test_the_command_prints_the_partition_range_and_names_the_strays(tmp_path: Path) -> None:
    landing = landing_with_strays(tmp_path / "landing")
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.landed_months", str(landing)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "2026-09...2026-10\n"
    assert done.stderr == f"ignored in {landing}, not YYYY-MM month folders: '2026-1', '2026-13', 'notes'\n"


def test_the_command_fails_without_months(tmp_path: Path) -> None:
    (tmp_path / "2026-13").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.landed_months", str(tmp_path)], cwd=REPO, capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.endswith(f"no YYYY-MM month folders in {tmp_path}\n")


def test_make_materialize_takes_its_range_from_the_command() -> None:
    recipe = re.search(r"^materialize:.*?(?=^\S)", (REPO / "Makefile").read_text(), re.M | re.S).group(0)
    assert "python -m pipelines.landed_months $(SALES_LANDING_DIR)" in recipe
    assert "ls $(SALES_LANDING_DIR)" not in recipe
