"""python -m pipelines.demo: write demo CRM extracts, one folder per month."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pipelines.contract import FILE_FORMATS
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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def report(month: MonthSummary) -> None:
        print(
            f"{month.month}: {month.orders:,} orders, {month.order_lines:,} order lines"
            + (", notes.md" if month.has_notes else ""),
            flush=True,
        )

    summary = generate(args.out, args.months, args.end_month, args.scale, args.seed, args.fmt, on_month=report)
    print(
        f"wrote {len(summary.months)} months ({summary.months[0].month}..{summary.months[-1].month}) "
        f"to {summary.out}: {summary.orders:,} orders, {summary.order_lines:,} order lines "
        f"in {summary.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
