"""Render the monthly report: reconcile, build the model, render every language and
format in memory, then write the files atomically (nothing is replaced on failure)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipelines.report.escaping import html_finalize, md_block, md_finalize
from pipelines.report.formatting import Formatter
from pipelines.report.languages import TEMPLATES, Language
from pipelines.report.model import BridgeStep, Finding, GapDriver, ReportModel
from pipelines.report.pdf import PdfPrinter
from pipelines.report.query import load_model
from pipelines.report.reconcile import reconcile
from pipelines.report.rules import RuleConfig, evaluate, seasonal_falls, top_performers
from pipelines.report.summary import headline_figures, markdown_summary

if TYPE_CHECKING:  # settings imports the report's rules and languages
    from pipelines.settings import Settings

FORMATS = ("md", "html")
MAX_GAP_DRIVERS = 5
MAX_COMPETITORS = 3
MAX_SHARE_FALLS = 3
MAX_LAGGING_REPS = 5
SAMPLE_SQL = """select month, revenue, orders, aov, active_customers,
       revenue_mom_pct, revenue_yoy_pct
from marts.mart_sales_monthly
where grain = 'company' and month = date '{month}';"""


@dataclass(frozen=True)
class ReportOutput:
    paths: list[Path]
    markdown_summary: str
    figures: dict[str, float | int | str | None]
    content_version: str  # equal for two runs whose reports say the same, whatever their run id and time
    findings: tuple[Finding, ...]  # ranked; the report asset records them (pipelines/report/actions.py)


@functools.cache
def _environment(chain: tuple[Language, ...], currency: str, kind: str, prose: bool = False) -> Environment:
    """One environment per language (with its fallbacks), currency, format and register: it keeps its
    compiled templates between months (compiling them took half of a report's time). The text
    macros are compiled in the prose register (compact amounts, the language's word for undefined),
    the layouts in the table register (full amounts)."""
    markdown = kind == "md"
    # The layouts, then the folders holding the languages (a language may live outside templates/).
    search_path = [TEMPLATES, *dict.fromkeys(language.folder.parent for language in chain)]
    env = Environment(
        loader=FileSystemLoader(search_path),
        autoescape=not markdown,
        finalize=md_finalize if markdown else html_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    formatter = Formatter(chain[0], currency, prose=prose)
    env.filters.update(formatter.filters())
    env.filters["cmoney"] = formatter.compact_money
    env.filters["md_block"] = md_block
    env.globals["NA"] = formatter.undefined
    return env


def _below_target(model: ReportModel) -> tuple[GapDriver, ...]:
    """Dimension values under their own revenue target, largest gap first."""
    below = [d for d in model.gap_drivers if d.gap_vs_target is not None and d.gap_vs_target < 0]
    return tuple(sorted(below, key=lambda d: d.gap_vs_target))[:MAX_GAP_DRIVERS]


def _main_cause(model: ReportModel) -> BridgeStep | None:
    """The part of the bridge that adds most to a missed revenue target."""
    steps = [b for b in model.bridge if b.shortfall is not None and b.shortfall > 0]
    if not steps or not model.bridge[0].company_shortfall or model.bridge[0].company_shortfall <= 0:
        return None
    return max(steps, key=lambda b: b.shortfall)


def _context(model: ReportModel, config: RuleConfig, mart_names: Sequence[str]) -> dict:
    """What the layouts show beyond the model itself: selections and rankings of its rows."""
    # the threshold the marts' bands used, so the list agrees with their counts
    threshold = model.bands.lagging_attainment
    lagging = [
        r
        for r in model.roster
        if threshold is not None and r.revenue_attainment is not None and r.revenue_attainment < threshold
    ]
    kpi_targets = {t.metric: t for t in model.company_targets}
    seasonal = seasonal_falls(model, config)
    return {
        "r": model,
        "shown": model.findings[: config.max_shown],
        "more": model.findings[config.max_shown :],
        "seasonal": seasonal,
        # the summary says one: revenue's when revenue is among them
        "seasonal_headline": next((e for e in seasonal if e.metric == "revenue"), seasonal[0] if seasonal else None),
        "main_cause": _main_cause(model),
        "kpi_targets": kpi_targets,
        "revenue_target": kpi_targets.get("revenue"),
        "period_spans": model.period_to_date is not None and model.period_to_date.known,
        # attainment sentences need reps with a revenue target; without, they would count zeros
        "rep_targets_known": any(r.revenue_target is not None for r in model.roster),
        "target_flags": {
            "teams_differ": sorted(
                {x.scope_id for x in model.target_flags if x.flag == "reps_targets_differ_from_team"}
            )
        },
        "scope_names": {
            **{("team", x.team_id): x.team_name for x in model.teams},
            **{("rep", x.rep_id): x.rep_name for x in model.reps},
        },
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
        # the reason 'competitor' carries the totals over its competitors (mart_lost_reasons_monthly)
        "competitor_total": next((x for x in model.lost_by_reason if x.name == "competitor"), None),
        "top_competitors": model.lost_to_competitors[:MAX_COMPETITORS],
        "mart_names": tuple(mart_names),
        "sample_sql": SAMPLE_SQL.format(month=model.header.month.isoformat()),
    }


class _TextWithFallback:
    """A language's text macros, falling back to another language's for those it lacks."""

    def __init__(self, text, fallback) -> None:
        self._text, self._fallback = text, fallback

    def __getattr__(self, name: str):
        try:
            return getattr(self._text, name)
        except AttributeError:
            return getattr(self._fallback, name)


def _chain(language: Language, languages: Mapping[str, Language]) -> tuple[Language, ...]:
    """The language, then the languages it falls back to, in order."""
    chain = [language]
    while chain[-1].fallback is not None and languages[chain[-1].fallback] not in chain:
        chain.append(languages[chain[-1].fallback])
    return tuple(chain)


def _text(env: Environment, chain: tuple[Language, ...]):
    """The text macros of chain[0]; every fallback is rendered with chain[0]'s number formats."""
    text = env.get_template(f"{chain[0].folder.name}/text.j2").module
    return text if len(chain) == 1 else _TextWithFallback(text, _text(env, chain[1:]))


def render_language(
    model: ReportModel,
    chain: tuple[Language, ...],
    config: RuleConfig,
    mart_names: Sequence[str],
) -> dict[str, str]:
    """The report in chain[0]'s language (falling back along the chain), keyed by format ('md', 'html')."""
    context = _context(model, config, mart_names)
    # matplotlib takes ~0.35 s to import: load it when a report is drawn, not when
    # Dagster loads the code location.
    from pipelines.report.charts import build_charts

    rendered = {}
    for kind in FORMATS:
        env = _environment(chain, model.header.currency, kind)
        text = _text(_environment(chain, model.header.currency, kind, prose=True), chain)
        extra = {"charts": build_charts(model, text.CHART_LABELS)} if kind == "html" else {}
        rendered[kind] = env.get_template(f"layout/report.{kind}.j2").render(
            {**context, **extra, "t": text, "language": chain[0]}
        )
    return rendered


def _write_atomically(files: dict[Path, str | bytes]) -> list[Path]:
    """Write every file to a temp file beside it, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(temp, 0o644)
            staged.append((Path(temp), path))
        for temp, path in staged:
            os.replace(temp, path)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return [path for _, path in staged]


def _without_run(text: str, run_id: str, generated_at: str) -> bytes:
    """The report's text without what only says which run wrote it."""
    for stamp in (run_id, generated_at):
        if stamp:
            text = text.replace(stamp, "")
    return text.encode("utf-8")


def render_monthly_report(
    con: duckdb.DuckDBPyConnection,
    month: dt.date,
    settings: Settings,
    *,
    mart_names: Sequence[str],
    run_id: str = "",
    generated_at: dt.datetime,
    printer: PdfPrinter | None = None,
) -> ReportOutput:
    """Write <reports dir>/YYYY-MM/report.<lang>.md and .html for `month` (first day of month), in
    every report language of the settings, and .pdf when given a printer; `mart_names` are the
    marts the appendix lists.

    Raises ReportRefused (nothing written) when reconcile() rejects the month.
    """
    month = month.replace(day=1)
    reconcile(con, month)
    config = settings.rules
    model = evaluate(
        load_model(
            con,
            month,
            company_name=settings.company_name,
            currency=settings.reporting_currency,
            generated_at=generated_at,
            run_id=run_id,
        ),
        config,
    )
    folder = settings.reports_dir / f"{month:%Y-%m}"
    files: dict[Path, str | bytes] = {}
    version = hashlib.sha256()
    for language in settings.report_language_defs:
        chain = _chain(language, settings.languages)
        rendered = render_language(model, chain, config, mart_names)
        stamp = Formatter(language, settings.reporting_currency).datetime(generated_at)
        version.update(_without_run(rendered["md"], run_id, stamp))
        for kind, text in rendered.items():
            files[folder / f"report.{language.code}.{kind}"] = text
        if printer is not None:
            files[folder / f"report.{language.code}.pdf"] = printer.pdf(
                rendered["html"], f"{month:%Y-%m}.{language.code}"
            )
    return ReportOutput(
        _write_atomically(files),
        markdown_summary(model, Formatter(settings.languages["en"], settings.reporting_currency)),
        headline_figures(model),
        version.hexdigest(),
        model.findings,
    )
