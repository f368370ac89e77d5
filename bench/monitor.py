"""Run a command and measure its wall time and the peak memory of its whole process tree."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class Measured:
    wall_s: float
    peak_rss_bytes: int
    returncode: int


def _tree_rss(root: psutil.Process) -> int:
    """Resident memory of a process and all its descendants (dbt runs as a child of Dagster)."""
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
        except psutil.Error:  # exited between listing and reading
            continue
    return total


def run_measured(command: list[str], env: dict[str, str], cwd: Path, log_path: Path) -> Measured:
    """Run `command` to completion with stdout and stderr in `log_path`, sampling memory every 0.1 s."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    peak = 0
    done = threading.Event()
    with log_path.open("wb") as log:
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        root = psutil.Process(child.pid)

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                try:
                    peak = max(peak, _tree_rss(root))
                except psutil.Error:
                    return
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = child.wait()
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
    return Measured(wall, peak, returncode)
