"""python -m bench.run --scale small|medium|large [--months 36]

Generates the demo extracts, then measures in one run: the ingest against bare DuckDB, the
single-run backfill of every month through Dagster against bare ingest plus the compiled models as
plain SQL, one new month on top of 12, 24 and 36 loaded months, the per-run overhead, and the
pandas peer (time and KPIs against the marts). Results: bench/results/bench-<scale>-<N>m.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import psutil

from bench import results
from bench.bare import bare_ingest, compile_models, connect, run_models
from bench.compare import mart_kpis, mismatches
from bench.monitor import run_measured
from bench.pandas_peer import month_kpis
from bench.pipeline import QUIET, REPO, PipelineRun, Project, materialize, time_pipeline_ingest
from bench.plan import Plan, plan_for
from pipelines.demo.generator import generate
from pipelines.demo.months import month_label, parse_month
from pipelines.months import last_closed_month

RESULTS = REPO / "bench" / "results"


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def landing_for(work: Path, scale: str, months: int, seed: int) -> tuple[Path, Plan, int]:
    """Month folders generated once per (scale, months, seed, end month) and reused by later runs."""
    end = last_closed_month(datetime.now().date())
    first = month_label(parse_month(end) - months)
    landing = work / f"landing-{scale}-{months + 1}m-{seed}-{end}"
    marker = landing / ".complete.json"
    if not marker.is_file():
        shutil.rmtree(landing, ignore_errors=True)
        log(f"generating {months + 1} months ({first}..{end}), scale {scale}")
        summary = generate(landing, months + 1, end, scale, seed)
        marker.write_text(json.dumps({"order_lines": summary.order_lines}), encoding="utf-8")
    order_lines = json.loads(marker.read_text(encoding="utf-8"))["order_lines"]
    return landing, plan_for(first, end), order_lines


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def measure_ingest(landing: Path, work: Path, plan: Plan) -> tuple[dict, dict]:
    bare_db = fresh(work / "bare") / "warehouse.duckdb"
    log(f"pipeline ingest of {len(plan.history)} months")
    pipeline_s = time_pipeline_ingest(landing, fresh(work / "ingest") / "warehouse.duckdb", plan.history)
    log("bare DuckDB ingest")
    with connect(bare_db) as con:
        bare_s = bare_ingest(con, landing, plan.history)
    log("dbt compile, then the compiled models as plain SQL")
    models = compile_models(bare_db, plan.history[0], plan.history[-1], work / "bare" / "target")
    with connect(bare_db) as con:
        timings = run_models(con, models)
    slowest = sorted(timings.items(), key=lambda t: -t[1])[:5]
    return (
        {"pipeline_s": pipeline_s, "bare_s": bare_s},
        {"models_s": sum(timings.values()), "count": len(timings), "slowest": slowest},
    )


def run_summary(run: PipelineRun, **extra) -> dict:
    return {
        **asdict(run),
        "window": f"{run.first}..{run.last}",
        "overhead_s": run.overhead_s,
        **extra,
    }


def measure_backfill(landing: Path, work: Path, plan: Plan) -> dict:
    project = Project(landing, fresh(work / "backfill"), plan.history[0])
    project.create()
    log(f"backfill {plan.history[0]}..{plan.history[-1]} through Dagster")
    run = materialize(project, plan.history[0], plan.history[-1], work / "logs" / "backfill.log")
    return run_summary(run)


def measure_history(landing: Path, work: Path, plan: Plan) -> tuple[list[dict], Path]:
    project = Project(landing, fresh(work / "history"), plan.all_months[0])
    project.create()
    runs = []
    for first, last, month in plan.history_segments():
        log(f"history: backfill {first}..{last}, then time {month}")
        materialize(project, first, last, work / "logs" / f"history-{first}-{last}.log")
        run = materialize(project, month, month, work / "logs" / f"month-{month}.log")
        loaded = plan.all_months.index(month)
        runs.append(run_summary(run, history_months=loaded))
        log(f"  {month} on {loaded} months: {run.wall_s:.1f} s ({'ok' if run.ok else 'FAILED'})")
    return runs, project.warehouse


def measure_peer(landing: Path, work: Path, month: str, warehouse: Path) -> dict:
    log(f"pandas peer for {month}")
    out = work / "peer-kpis.json"
    command = [
        sys.executable,
        "-m",
        "bench.pandas_peer",
        "--landing",
        str(landing),
        "--month",
        month,
        "--out",
        str(out),
    ]
    measured = run_measured(command, {**os.environ, **QUIET, "PYTHONPATH": str(REPO)}, REPO, work / "logs" / "peer.log")
    if measured.returncode != 0:
        raise RuntimeError(f"the pandas peer failed: see {work / 'logs' / 'peer.log'}")
    peer = json.loads(out.read_text(encoding="utf-8"))
    try:
        found = mismatches(peer, mart_kpis(warehouse, month))
    except Exception as error:  # the marts of a failed run: report it rather than lose the timings
        found = [f"marts not readable: {error}"]
    return {
        "month": month,
        "wall_s": measured.wall_s,
        "peak_rss_bytes": measured.peak_rss_bytes,
        "kpis": peer,
        "mismatches": found,
    }


def check_other_months(landing: Path, months: list[str], warehouse: Path) -> list[str]:
    """The peer against the marts for the other timed months too (untimed): more months, more evidence."""
    found = []
    for month in months:
        try:
            found += [f"{month} {m}" for m in mismatches(month_kpis(landing, month), mart_kpis(warehouse, month))]
        except LookupError as error:
            found.append(f"{month} marts not readable: {error}")
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--scale", choices=("small", "medium", "large"), default="small")
    parser.add_argument("--months", type=int, default=36, help="months of history (default 36)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=RESULTS / "work", help="generated data and warehouses")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the table and JSON go")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.months < 12:
        raise SystemExit("--months must be at least 12: one month is timed on top of 12 months of history")
    for name, value in QUIET.items():
        os.environ.setdefault(name, value)
    landing, plan, order_lines = landing_for(args.work, args.scale, args.months, args.seed)
    run_dir = args.work / f"run-{args.scale}-{args.months}m"
    ingest, plain_sql = measure_ingest(landing, run_dir, plan)
    backfill = measure_backfill(landing, run_dir, plan)
    history, warehouse = measure_history(landing, run_dir, plan)
    peer = measure_peer(landing, run_dir, plan.all_months[-1], warehouse)
    timed = [month for _, _, month in plan.history_segments()]
    peer["mismatches"] += check_other_months(landing, timed[:-1], warehouse)
    peer["months_compared"] = timed
    report = {
        "scale": args.scale,
        "months": args.months,
        "order_lines": order_lines,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{psutil.cpu_count()} cores, {psutil.virtual_memory().total / results.GIB:.0f} GiB, "
        f"{platform.system()} {platform.release()}, load average {os.getloadavg()[0]:.1f}",
        "ingest": ingest,
        "plain_sql": plain_sql,
        "backfill": backfill,
        "history": history,
        "peer": peer,
    }
    json_path, md_path = results.write(report, args.out)
    print(md_path.read_text(encoding="utf-8"))
    log(f"wrote {md_path} and {json_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
