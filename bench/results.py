"""The benchmark's results as JSON and as a Markdown table with the targets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

GIB = 1 << 30


@dataclass(frozen=True)
class Row:
    measure: str
    value: str
    target: str
    met: bool | None  # None: not measurable in this run


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _verdict(value: float | None, limit: float, *, at_most: bool = True) -> bool | None:
    if value is None:
        return None
    return value <= limit if at_most else value >= limit


def target_rows(r: dict) -> list[Row]:
    """The issue's targets, each against the numbers measured in this run."""
    ingest = _ratio(r["ingest"]["pipeline_s"], r["ingest"]["bare_s"])
    bare_total = r["ingest"]["bare_s"] + r["plain_sql"]["models_s"]
    backfill = _ratio(r["backfill"]["wall_s"], bare_total)
    month_runs = {m["history_months"]: m for m in r["history"]}
    first, last = month_runs.get(12), month_runs.get(max(month_runs, default=0))
    growth = _ratio(last["wall_s"], first["wall_s"]) if first and last and last is not first else None
    overheads = [m["overhead_s"] for m in r["history"] if m["overhead_s"] is not None]
    peak = r["backfill"]["peak_rss_bytes"] / GIB
    peer = r["peer"]
    vs_peer = _ratio(last["wall_s"], peer["wall_s"]) if last else None
    return [
        Row("ingest: pipeline / bare DuckDB", _fmt(ingest, "×"), "≤ 1.3×", _verdict(ingest, 1.3)),
        Row(
            f"backfill {r['months']} months: wall / (bare ingest + plain SQL)",
            _fmt(backfill, "×"),
            "≤ 1.5×",
            _verdict(backfill, 1.5),
        ),
        Row(
            f"one month on {max(month_runs, default=0)} / on 12 months of history",
            _fmt(growth, "×"),
            "≤ 1.2×",
            _verdict(growth, 1.2),
        ),
        Row(
            "overhead per month run (worst)",
            _fmt(max(overheads, default=None), " s"),
            "≤ 10 s",
            _verdict(max(overheads, default=None), 10),
        ),
        Row("peak memory of the backfill", f"{peak:.2f} GiB", "≤ 2 GiB (large)", _verdict(peak, 2)),
        Row("month run / pandas peer", _fmt(vs_peer, "×"), "< 1× (large)", _verdict(vs_peer, 1.0)),
        Row(
            "peer KPIs equal the marts",
            "yes" if not peer["mismatches"] else f"{len(peer['mismatches'])} mismatches",
            "equal",
            not peer["mismatches"],
        ),
    ]


def _fmt(value: float | None, unit: str) -> str:
    return "n/a" if value is None else f"{value:.2f}{unit}"


def _mark(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "n/a"}[met]


def markdown(r: dict) -> str:
    lines = [
        f"# Benchmark, scale {r['scale']}: {r['months']} months, {r['order_lines']:,} order lines",
        "",
        f"Measured {r['measured_at']} on {r['machine']}.",
        "",
        "| measure | value | target | verdict |",
        "|---|---|---|---|",
        *(f"| {row.measure} | {row.value} | {row.target} | {_mark(row.met)} |" for row in target_rows(r)),
        "",
        "| run | wall s | peak GiB | ingest step s | dbt step s | dbt models s | dbt tests s | dbt unit tests s "
        "| overhead s | ok |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    runs = [("backfill " + r["backfill"]["window"], r["backfill"])]
    runs += [(f"month {m['window']} on {m['history_months']}", m) for m in r["history"]]
    for name, run in runs:
        lines.append(
            f"| {name} | {run['wall_s']:.1f} | {run['peak_rss_bytes'] / GIB:.2f} | "
            f"{_fmt(run['steps_s'].get('raw_crm_extracts'), '')} | "
            f"{_fmt(run['steps_s'].get('sales_dbt_models'), '')} | "
            f"{_fmt(run['dbt_models_s'], '')} | {_fmt(run['dbt_tests_s'], '')} | "
            f"{_fmt(run['dbt_unit_tests_s'], '')} | {_fmt(run['overhead_s'], '')} | "
            f"{'yes' if run['ok'] else 'FAILED'} |"
        )
    lines += [
        "",
        f"Ingest of {r['months']} months: pipeline {r['ingest']['pipeline_s']:.1f} s, "
        f"bare DuckDB {r['ingest']['bare_s']:.1f} s. Plain SQL of the compiled models: "
        f"{r['plain_sql']['models_s']:.1f} s ({r['plain_sql']['count']} models).",
        f"pandas peer for {r['peer']['month']}: {r['peer']['wall_s']:.1f} s, "
        f"peak {r['peer']['peak_rss_bytes'] / GIB:.2f} GiB. "
        f"KPIs compared with the marts for {', '.join(r['peer'].get('months_compared', [r['peer']['month']]))}.",
    ]
    if r["peer"]["mismatches"]:
        lines += ["", "Peer vs marts mismatches:", "", *(f"- {m}" for m in r["peer"]["mismatches"])]
    return "\n".join(lines) + "\n"


def write(r: dict, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{r['scale']}-{r['months']}m"
    json_path, md_path = out / f"{stem}.json", out / f"{stem}.md"
    json_path.write_text(json.dumps(r, indent=2, default=str), encoding="utf-8")
    md_path.write_text(markdown(r), encoding="utf-8")
    return json_path, md_path
