"""The report's own PDFs, as the pipeline prints them with chromium: no near-empty page, page numbers
and the title with the month on every page, and the five parts in the text layer."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines.report import render_monthly_report
from pipelines.report.chromium import CHROMIUM
from pipelines.report.pdf import pdf_printer
from tests.report.conftest import GENERATED_AT
from tests.report.fixture_marts import MART_NAMES, MONTH, build_fixture
from tests.settings_for import settings_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: run `make system-deps`"),
]

# Written out here rather than read from the templates, so a changed heading is noticed.
PART_HEADINGS = {
    "en": (
        "1. Data analysis",
        "2. Target attainment",
        "3. Strategy evaluation",
        "4. Team performance",
        "5. Next-month plan",
    ),
    "zh": ("数据分析", "目标达成情况", "策略评估", "团队表现", "未来规划"),
}
MONTH_IN_TITLE = {"en": "February 2025", "zh": "2025年2月"}
# The table of contents names the parts too: look for them after it, from the report details on.
DETAILS_HEADING = {"en": "Report details", "zh": "报告信息"}
# The running header and footer sit in the top and bottom 0.6 inch (43.2 pt) of an A4 page.
MARGIN_PT = 43.2
LEAST_FILL = 0.2  # "no page under a fifth full"


@dataclass(frozen=True)
class PdfPage:
    text: str
    fill: float  # how far down the page body the lowest word reaches, 0..1


def pdf_pages(pdf: Path) -> list[PdfPage]:
    """Each page's text (pdftotext -layout) and fill (from the word boxes of pdftotext -bbox)."""
    layout = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    texts = layout.stdout.split("\f")[:-1]  # every page, the last one too, ends with a form feed
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    fills = []
    for page in boxes.stdout.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        body = [y for y in bottoms if MARGIN_PT < y < height - MARGIN_PT]
        fills.append((max(body) - MARGIN_PT) / (height - 2 * MARGIN_PT) if body else 0.0)
    assert len(texts) == len(fills)
    return [PdfPage(text, fill) for text, fill in zip(texts, fills, strict=True)]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, list[PdfPage]]:
    out = tmp_path_factory.mktemp("pdf")
    connection = duckdb.connect()
    build_fixture(connection)
    with pdf_printer(True, pytest.fail) as printer:
        output = render_monthly_report(
            connection,
            MONTH,
            settings_for(reports_dir=out),
            mart_names=MART_NAMES,
            run_id="run-1",
            generated_at=GENERATED_AT,
            printer=printer,
        )
    connection.close()
    return {p.name.split(".")[1]: pdf_pages(p) for p in output.paths if p.suffix == ".pdf"}


def test_a_pdf_is_written_per_language(pdfs):
    assert sorted(pdfs) == ["en", "zh"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_page_is_under_a_fifth_full(pdfs, language):
    fills = [round(page.fill, 2) for page in pdfs[language]]
    assert len(fills) > 3 and min(fills) >= LEAST_FILL, fills


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_page_has_its_number_and_the_month_in_the_header(pdfs, language):
    pages = pdfs[language]
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.text.splitlines() if line.strip()]
        assert MONTH_IN_TITLE[language] in lines[0], lines[0]
        assert lines[-1].replace(" ", "").endswith(f"{number}/{len(pages)}"), lines[-1]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_five_parts_are_in_the_text_layer_in_order(pdfs, language):
    text = "\f".join(page.text for page in pdfs[language])
    after_contents = text.find(DETAILS_HEADING[language])
    positions = [text.find(heading, after_contents) for heading in PART_HEADINGS[language]]
    assert -1 not in positions and positions == sorted(positions), positions


def test_chromium_missing_writes_markdown_and_html_with_one_line(tmp_path, monkeypatch):
    import pipelines.report.pdf as pdf

    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    said: list[str] = []
    with pdf.pdf_printer(True, said.append) as printer:
        assert printer is None
    assert len(said) == 1 and "no-chromium is missing" in said[0] and "Markdown and HTML are" in said[0]
