"""The month folders delivered under a landing root, for every caller that lists it (settings,
`make materialize`, the bench).

Only folders named as a valid month (`months.MONTH_KEY`) are months; another folder (`2026-13`,
`notes`, `old`) is left alone and named once as ignored, so it can neither become a partition
nor be taken silently for a month. Files at the root are not folders and are skipped.

`python -m pipelines.landed_months DIR` prints the partition range `first...last`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pipelines.months import MONTH_KEY

log = logging.getLogger(__name__)
_reported: set[tuple[Path, tuple[str, ...]]] = set()  # each (root, ignored folders) is named once per process


def landed_months(landing_dir: Path) -> list[str]:
    """The `YYYY-MM` folders of `landing_dir`, oldest first; none when it does not exist."""
    if not landing_dir.is_dir():
        return []
    folders = sorted(p.name for p in landing_dir.iterdir() if p.is_dir())
    months = [name for name in folders if MONTH_KEY.match(name)]
    ignored = tuple(name for name in folders if not MONTH_KEY.match(name))
    if ignored and (landing_dir, ignored) not in _reported:
        _reported.add((landing_dir, ignored))
        log.warning("ignored in %s, not YYYY-MM month folders: %s", landing_dir, ", ".join(map(repr, ignored)))
    return months


def main(argv: list[str]) -> int:
    logging.basicConfig(format="%(message)s")
    (landing,) = argv
    months = landed_months(Path(landing))
    if not months:
        print(f"no YYYY-MM month folders in {landing}", file=sys.stderr)
        return 1
    print(f"{months[0]}...{months[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
