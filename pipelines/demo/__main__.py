"""python -m pipelines.demo: write demo CRM extracts, one folder per month."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pipelines.contract import FILE_FORMATS
from pipelines.demo.currencies import Currencies
from pipelines.demo.generator import MonthSummary, generate
from pipelines.demo.months import parse_month
from pipelines.demo.scales import SCALES
from pipelines.months import last_closed_month


def _month(value: str) -> str:
    try:
        parse_month(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return value


def _currencies(value: str) -> Currencies:
    try:
        return Currencies(tuple(code.strip() for code in value.split(",") if code.strip()))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pipelines.demo", description=__doc__)
    parser.add_argument("--months", type=int, default=36, help="number of month folders (default 36)")
    parser.add_argument(
        "--end-month",
        type=_month,
        default=last_closed_month(date.today()),
        help="last month written, YYYY-MM (default: the last closed month)",
    )
    parser.add_argument(
        "--scale",
        choices=sorted(SCALES),
        default="medium",
        help="small: tests, medium: demo (default), large: 10M+ order lines",
    )
    parser.add_argument("--seed", type=int, default=7, help="same seed, same bytes (default 7)")
    parser.add_argument("--format", dest="fmt", choices=FILE_FORMATS, default="csv", help="file format (default csv)")
    parser.add_argument("--out", type=Path, default=Path("data/landing"), help="landing root (default data/landing)")
    parser.add_argument(
        "--currencies",
        type=_currencies,
        default=Currencies(),
        help="comma list, the reporting currency first, e.g. USD,EUR,CNY: regions sell in them in turn "
        "and every folder gets its fx_rates (default USD alone: no currency columns)",
    )
    parser.add_argument(
        "--fiscal-year-start-month",
        type=int,
        choices=range(1, 13),
        default=1,
        metavar="1-12",
        help="managers write notes at each fiscal quarter's end (default 1); run with the same "
        "SALES_FISCAL_YEAR_START_MONTH",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def report(month: MonthSummary) -> None:
        print(
            f"{month.month}: {month.orders:,} orders, {month.order_lines:,} order lines"
            + (", notes.md" if month.has_notes else ""),
            flush=True,
        )

    summary = generate(
        args.out,
        args.months,
        args.end_month,
        args.scale,
        args.seed,
        args.fmt,
        on_month=report,
        currencies=args.currencies,
        fiscal_year_start_month=args.fiscal_year_start_month,
    )
    print(
        f"wrote {len(summary.months)} months ({summary.months[0].month}..{summary.months[-1].month}) "
        f"to {summary.out}: {summary.orders:,} orders, {summary.order_lines:,} order lines "
        f"in {summary.seconds:.1f} s"
    )
    if args.currencies.several:
        print(f"run with SALES_REPORTING_CURRENCY={args.currencies.reporting}")
    if args.fiscal_year_start_month != 1:
        print(f"run with SALES_FISCAL_YEAR_START_MONTH={args.fiscal_year_start_month}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
