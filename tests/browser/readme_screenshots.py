"""Regenerate docs/report-<lang>.png and docs/report-<lang>-pdf.png, the README's screenshots of
the HTML report and of the first printed page, and print each PDF's page count.

    .venv/bin/python -m tests.browser.readme_screenshots            # demo data + pipeline, ~3 min
    .venv/bin/python -m tests.browser.readme_screenshots REPORTS    # reuse a run's reports directory

A realistic page needs a realistic month, so this generates a small 14-month demo,
runs the real pipeline over it in process, and photographs the last month's report.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from pipelines.report.chromium import chromium_page

DOCS = Path(__file__).resolve().parents[2] / "docs"
FIRST_MONTH, LAST_MONTH, MONTHS = "2024-10", "2026-10", 25
# Wide enough to read, tall enough for the header, the KPI cards and the first charts.
WIDTH, HEIGHT = 1200, 2000


def run_demo(root: Path) -> Path:
    """Generate the demo extracts under root, run every month, return the reports directory."""
    for name, value in {
        "DAGSTER_DISABLE_TELEMETRY": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
    }.items():
        os.environ.setdefault(name, value)
    import dagster as dg

    from pipelines.demo.generator import generate
    from tests.pipeline_runs import definitions_for, project_env, run_months

    generate(root / "landing", months=MONTHS, end_month=LAST_MONTH, scale="small")
    env = project_env(root, start_month=FIRST_MONTH, pdf=True)
    with dg.DagsterInstance.ephemeral() as instance:
        run_months(definitions_for(env), FIRST_MONTH, LAST_MONTH, instance)
    return Path(env["SALES_REPORTS_DIR"])


def screenshot_reports(reports: Path, docs: Path, scratch: Path) -> list[Path]:
    """Photograph the top of the last month's report in each language into docs/report-<lang>.png."""
    written = []
    with chromium_page(scratch / "chromium-profile") as page:
        for language in ("en", "zh"):
            load = page.load(reports / LAST_MONTH / f"report.{language}.html")
            if load.console_errors or load.requests:
                problems = f"console errors {load.console_errors}, requests {load.requests}"
                raise RuntimeError(f"{load.url}: {problems}")
            raw = page.screenshot(scratch / f"report-{language}.raw.png", WIDTH, HEIGHT)
            out = docs / f"report-{language}.png"
            with Image.open(raw) as image:
                # Lossless: a palette (quantize) muddied the red of falling KPI deltas.
                image.convert("RGB").save(out, optimize=True)
            written.append(out)
    return written


def print_first_pages(reports: Path, docs: Path) -> list[Path]:
    """The first page of the last month's PDF in each language, as poppler draws it."""
    written = []
    for language in ("en", "zh"):
        pdf = reports / LAST_MONTH / f"report.{language}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)
        print(f"{pdf}: {pages} pages")
        out = docs / f"report-{language}-pdf"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)], check=True
        )
        written.append(out.with_suffix(".png"))
    return written


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="readme-screenshots-") as scratch:
        reports = Path(argv[0]) if argv else run_demo(Path(scratch) / "project")
        for path in screenshot_reports(reports, DOCS, Path(scratch)) + print_first_pages(reports, DOCS):
            print(f"{path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1:])
