"""A run that reloads a changed month must reach the latest loaded month, or later marts go stale.

The marts of month M compare with M-1 and M-12 and carry M's customer base forward, so a run
that reloads a changed month C of F..T while a month after T is loaded would rebuild F..T only:
dbt's window tests then fail (assert_customer_base_identity) after raw and marts have already
changed. The run is refused instead, before anything is written, with the command that
re-delivers C..latest. Rerunning an unchanged month alone stays allowed: it rebuilds the same rows.
"""

from __future__ import annotations

import duckdb

from pipelines.ingest.month_load import MonthLoad
from pipelines.months import month_key


class PartialRedelivery(Exception):
    """The run would reload a changed month that later loaded months depend on; nothing was written."""


def refuse_partial_redelivery(con: duckdb.DuckDBPyConnection, loads: list[MonthLoad]) -> None:
    changed = [load.month for load in loads if _files(load) != _loaded_files(con, load)]
    if not changed:
        return
    later = [
        month_key(batch_month)
        for (batch_month,) in con.execute(
            "select distinct batch_month from raw.extract_files where provided and batch_month > $m order by 1",
            {"m": loads[-1].batch_month},
        ).fetchall()
    ]
    if not later:
        return
    first, latest = changed[0], later[-1]
    loaded, verb = (later[0], "is") if len(later) == 1 else (f"{later[0]} … {latest}", "are")
    raise PartialRedelivery(
        f"{first} was delivered with files that differ from the loaded ones, but {loaded} {verb} not in this run: "
        f"the marts of {loaded} compare with {first} (month over month, year over year, customer base) and "
        f"would keep the old figures. Nothing was written. Re-deliver {first} through the latest month as one run:\n"
        f"  dagster asset materialize -m pipelines.definitions --select '*' --partition-range '{first}...{latest}'\n"
        f"(in the UI: Materialize all, partition range {first}...{latest})"
    )


def _files(load: MonthLoad) -> dict[str, str]:
    return {entity: extract.sha256 for entity, extract in load.files.items()}


def _loaded_files(con: duckdb.DuckDBPyConnection, load: MonthLoad) -> dict[str, str]:
    rows = con.execute(
        "select entity, file_sha256 from raw.extract_files where provided and batch_month = $m",
        {"m": load.batch_month},
    ).fetchall()
    return dict(rows)
