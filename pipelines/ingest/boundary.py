"""The landing root is a boundary: nothing is read from a path whose real location is outside it.

A month folder or file may be a symbolic link; one that leads elsewhere in the landing root is
followed, one that leads out of it (a system file, another project's folder) is refused before
it is opened, so none of its bytes can reach a message, an ops row or a raw table.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.ingest.problems import CheckRecord


def outside_root(path: Path, landing_dir: Path) -> Path | None:
    """The real path of `path` when it is outside the real landing root, else None."""
    real = path.resolve()
    return None if real.is_relative_to(landing_dir.resolve()) else real


def refused_folder(month: str, real: Path, landing_dir: Path) -> CheckRecord:
    return CheckRecord(
        month,
        "*",
        "",
        "outside_landing_root",
        f"the month folder is a link to {real}, outside the landing root {landing_dir.resolve()}: "
        "refused, nothing in it was read",
    )


def refused_file(month: str, entity: str, path: Path, real: Path, landing_dir: Path) -> CheckRecord:
    return CheckRecord(
        month,
        entity,
        path.name,
        "outside_landing_root",
        f"is a link to {real}, outside the landing root {landing_dir.resolve()}: refused, nothing of it was read",
    )
