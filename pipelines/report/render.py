"""Render the monthly report: reconcile, build the model, render every language and
format in memory, then write the files atomically (nothing is replaced on failure)."""

from __future__ import annotations

import datetime as dt
import functools
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipelines.report.escaping import html_finalize, md_block, md_finalize
from pipelines.report.formatting import LOCALES, Formatter
from pipelines.report.model import GapDriver, LostGroup, ReportModel
from pipelines.report.query import load_model
from pipelines.report.reconcile import reconcile
from pipelines.report.rules import RuleConfig, evaluate, load_config, top_performers
from pipelines.report.summary import markdown_summary

TEMPLATES = Path(__file__).with_name("templates")
FORMATS = ("md", "html")
MAX_GAP_DRIVERS = 5
MAX_COMPETITORS = 3
MAX_SHARE_FALLS = 3
MAX_LAGGING_REPS = 5
LAGGING_ATTAINMENT = 0.8  # report.md 2.3: "reps below 80 %"
MART_NAMES = (
    "fct_orders",
    "mart_sales_monthly",
    "mart_customers_monthly",
    "mart_satisfaction_monthly",
    "mart_target_attainment",
    "mart_gap_drivers",
    "mart_market_share",
    "mart_pipeline_monthly",
    "mart_lost_reasons_monthly",
    "mart_campaign_performance",
    "mart_rep_performance",
    "mart_team_performance",
    "mart_next_month_plan",
)
SAMPLE_SQL = """select month, revenue, orders, aov, active_customers,
       revenue_mom_pct, revenue_yoy_pct
from marts.mart_sales_monthly
where grain = 'company' and month = date '{month}';"""


@dataclass(frozen=True)
class ReportOutput:
    paths: list[Path]
    markdown_summary: str


@functools.cache
def _environment(language: str, currency: str, kind: str) -> Environment:
    """One environment per language, currency and format: it keeps its compiled templates
    between months (compiling them took half of a report's time)."""
    markdown = kind == "md"
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=not markdown,
        finalize=md_finalize if markdown else html_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(Formatter(language, currency).filters())
    env.filters["md_block"] = md_block
    return env


def _below_target(model: ReportModel) -> tuple[GapDriver, ...]:
    """Dimension values under their own revenue target, largest gap first."""
    below = [d for d in model.gap_drivers if d.gap_vs_target is not None and d.gap_vs_target < 0]
    return tuple(sorted(below, key=lambda d: d.gap_vs_target))[:MAX_GAP_DRIVERS]


def _context(model: ReportModel, config: RuleConfig) -> dict:
    """What the layouts show beyond the model itself: selections and rankings of its rows."""
    competitors = model.lost_to_competitors
    lagging = [r for r in model.reps if r.revenue_attainment is not None and r.revenue_attainment < LAGGING_ATTAINMENT]
    return {
        "r": model,
        "top": top_performers(model, config),
        "support": tuple(f for f in model.findings if f.rule == "rep_needs_support"),
        "missed": tuple(x for x in model.company_targets if x.attainment is not None and x.attainment < 1),
        # model.gap_drivers is ordered by delta_vs_ly, largest fall first
        "drivers": tuple(d for d in model.gap_drivers if d.delta_vs_ly is not None and d.delta_vs_ly < 0)[
            :MAX_GAP_DRIVERS
        ],
        "below_target": _below_target(model),
        # model.market: company row first, then regions by share change, largest fall first
        "share_falls": tuple(
            x
            for x in model.market
            if x.region is not None and x.market_share_change is not None and x.market_share_change < 0
        )[:MAX_SHARE_FALLS],
        "lagging_reps": tuple(sorted(lagging, key=lambda r: r.revenue_attainment))[:MAX_LAGGING_REPS],
        "competitor_total": LostGroup(
            None,
            sum(c.lost_count or 0 for c in competitors),
            sum(c.lost_amount or 0 for c in competitors),
        ),
        "top_competitors": competitors[:MAX_COMPETITORS],
        "mart_names": MART_NAMES,
        "sample_sql": SAMPLE_SQL.format(month=model.header.month.isoformat()),
    }


def render_language(model: ReportModel, language: str, config: RuleConfig) -> dict[str, str]:
    """The report in one language, keyed by format ('md', 'html')."""
    context = _context(model, config)
    # matplotlib takes ~0.35 s to import: load it when a report is drawn, not when
    # Dagster loads the code location.
    from pipelines.report.charts import build_charts

    rendered = {}
    for kind in FORMATS:
        env = _environment(language, model.header.currency, kind)
        text = env.get_template(f"{language}/text.j2").module
        extra = {"charts": build_charts(model, text.CHART_LABELS)} if kind == "html" else {}
        rendered[kind] = env.get_template(f"layout/report.{kind}.j2").render(
            {**context, **extra, "t": text, "lang": language}
        )
    return rendered


def _write_atomically(files: dict[Path, str]) -> list[Path]:
    """Write every file to a temp file beside it, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.chmod(temp, 0o644)
            staged.append((Path(temp), path))
        for temp, path in staged:
            os.replace(temp, path)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return [path for _, path in staged]


def render_monthly_report(
    con: duckdb.DuckDBPyConnection,
    month: dt.date,
    out_dir: Path,
    *,
    languages: Sequence[str] = ("en", "zh"),
    currency: str = "USD",
    company_name: str = "Demo Co",
    run_id: str = "",
    generated_at: dt.datetime,
    rules_config: RuleConfig | None = None,
) -> ReportOutput:
    """Write out_dir/YYYY-MM/report.<lang>.md and .html for `month` (first day of month).

    Raises ReportRefused (nothing written) when reconcile() rejects the month.
    """
    unknown = [lang for lang in languages if lang not in LOCALES]
    if unknown:
        raise ValueError(f"unsupported report languages {unknown}; supported: {sorted(LOCALES)}")
    month = month.replace(day=1)
    reconcile(con, month)
    config = rules_config or load_config()
    model = evaluate(
        load_model(con, month, company_name=company_name, currency=currency, generated_at=generated_at, run_id=run_id),
        config,
    )
    folder = Path(out_dir) / f"{month:%Y-%m}"
    files = {}
    for language in languages:
        for kind, text in render_language(model, language, config).items():
            files[folder / f"report.{language}.{kind}"] = text
    return ReportOutput(_write_atomically(files), markdown_summary(model, currency))
