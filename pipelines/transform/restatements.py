"""Record which published headline figures a run changed (ops.restatements).

After dbt has built a window, mart_headline_figures holds its months' figures. Each is compared,
exactly (both sides DECIMAL(38, 9)), with the value last published for the same month, grain, grain
value and metric (ops.published_figures): a difference is a restatement. A month published for the
first time records nothing. The window's published figures are then replaced by the new ones, in the
same transaction, so a run that fails half-way leaves both tables as they were.

A re-delivered month M changes M's figures and the comparisons of the later months of the window
(M+1's revenue_prev and revenue_mom_pct, M+12's revenue_ly and revenue_yoy_pct):
pipelines/ingest/redelivery.py makes the window reach the latest loaded month, so they are recorded
by the same run.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from pipelines.ingest.schema import PUBLISHED_FIGURES_TABLE, RESTATEMENTS_TABLE

FIGURES_MODEL = "marts.mart_headline_figures"
KEY = ("month", "grain", "grain_value", "metric")


def record_restatements(con: duckdb.DuckDBPyConnection, run_id: str, months: list[date]) -> int:
    """Insert the window's changed figures into ops.restatements, publish the new ones; returns rows inserted."""
    window = {"months": months}
    recorded = {"run_id": run_id, "at": datetime.now()}
    # Null grain values (the company) and null figures compare equal.
    same_key = " and ".join(f"new.{column} is not distinct from old.{column}" for column in KEY)
    con.execute("begin transaction")
    try:
        con.execute(
            f"create temp table window_figures as select month, grain, grain_value, metric, metric_value "
            f"from {FIGURES_MODEL} where month = any($months::date[])",
            window,
        )
        (inserted,) = con.execute(
            f"""
            insert into {RESTATEMENTS_TABLE}
            select
                coalesce(new.month, old.month),
                coalesce(new.grain, old.grain),
                coalesce(new.grain_value, old.grain_value),
                coalesce(new.metric, old.metric),
                old.metric_value,
                new.metric_value,
                $run_id,
                $at
            from window_figures as new
            full outer join (
                select * from {PUBLISHED_FIGURES_TABLE} where month = any($months::date[])
            ) as old
                on {same_key}
            -- A month never published has no old figures: its first publication records nothing.
            where coalesce(new.month, old.month) in (
                select month from {PUBLISHED_FIGURES_TABLE} where month = any($months::date[])
            )
            and new.metric_value is distinct from old.metric_value
            """,
            window | recorded,
        ).fetchone()
        con.execute(f"delete from {PUBLISHED_FIGURES_TABLE} where month = any($months::date[])", window)
        con.execute(f"insert into {PUBLISHED_FIGURES_TABLE} select *, $run_id, $at from window_figures", recorded)
        con.execute("drop table window_figures")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return inserted
