"""generate(): simulate month by month and write one folder per month, streaming so memory stays bounded."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipelines.contract import ENTITIES, FILE_FORMATS, NOTES_FILE
from pipelines.demo.actuals import MonthActuals, month_actuals
from pipelines.demo.currencies import SINGLE_CURRENCY, Currencies
from pipelines.demo.month_tables import month_tables
from pipelines.demo.months import month_label, parse_month
from pipelines.demo.notes import has_notes, render_notes
from pipelines.demo.notes_facts import notes_facts
from pipelines.demo.opportunities import plan_opportunities
from pipelines.demo.sales import SalesSimulator
from pipelines.demo.scales import SCALES
from pipelines.demo.world import build_world
from pipelines.demo.writer import write_entity, write_text
from pipelines.months import last_closed_month


@dataclass(frozen=True)
class MonthSummary:
    month: str
    orders: int
    order_lines: int
    has_notes: bool


@dataclass(frozen=True)
class GenerationSummary:
    out: Path
    scale: str
    seed: int
    fmt: str
    months: tuple[MonthSummary, ...] = field(default_factory=tuple)
    seconds: float = 0.0

    @property
    def orders(self) -> int:
        return sum(m.orders for m in self.months)

    @property
    def order_lines(self) -> int:
        return sum(m.order_lines for m in self.months)


def generate(
    out: Path,
    months: int = 36,
    end_month: str | None = None,
    scale: str = "medium",
    seed: int = 7,
    fmt: str = "csv",
    on_month: Callable[[MonthSummary], None] | None = None,
    currencies: Currencies = SINGLE_CURRENCY,
    fiscal_year_start_month: int = 1,
) -> GenerationSummary:
    """Write `months` month folders ending at `end_month` (default: the last closed month) under `out`.
    The same arguments always produce byte-identical files. With several `currencies` (the reporting
    one first) each region sells in one of them and every folder gives its fx_rates."""
    if months < 1:
        raise ValueError("months must be at least 1")
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {sorted(SCALES)}, got {scale!r}")
    if fmt not in FILE_FORMATS:
        raise ValueError(f"format must be one of {FILE_FORMATS}, got {fmt!r}")
    if not 1 <= fiscal_year_start_month <= 12:
        raise ValueError(f"fiscal_year_start_month must be 1-12, got {fiscal_year_start_month}")
    started = time.perf_counter()
    end = parse_month(end_month or last_closed_month(date.today()))
    world = build_world(seed, SCALES[scale], end - months + 1, end, currencies, fiscal_year_start_month)
    pipeline = plan_opportunities(world)
    simulator = SalesSimulator(world)
    sales = simulator.simulate(world.start)
    actuals = month_actuals(world, sales)
    previous: MonthActuals | None = None
    written = []
    for month in range(world.start, world.end + 1):
        # The next month is simulated before this folder is written: its targets go in this folder.
        next_sales = simulator.simulate(month + 1)
        next_actuals = month_actuals(world, next_sales)
        summary = _write_month(Path(out), world, sales, actuals, next_actuals, previous, pipeline, fmt)
        written.append(summary)
        if on_month:
            on_month(summary)
        sales, previous, actuals = next_sales, actuals, next_actuals
    return GenerationSummary(Path(out), scale, seed, fmt, tuple(written), time.perf_counter() - started)


def _write_month(out, world, sales, actuals, next_actuals, previous, pipeline, fmt) -> MonthSummary:
    folder = out / month_label(sales.month)
    folder.mkdir(parents=True, exist_ok=True)
    tables = month_tables(world, sales, actuals, next_actuals, pipeline)
    for entity in ENTITIES:
        if entity.name in tables:
            write_entity(tables[entity.name], folder, entity.name, fmt)
        else:  # a single-currency world has no fx_rates: none may be left from an earlier generation
            for other in FILE_FORMATS:
                (folder / f"{entity.name}.{other}").unlink(missing_ok=True)
    notes = has_notes(sales.month, world.fiscal_year_start_month)
    if notes:
        write_text(render_notes(notes_facts(world, sales, actuals, previous), world.seed), folder / NOTES_FILE)
    return MonthSummary(month_label(sales.month), len(sales.customer), len(sales.line_order), notes)
