"""The report's own PDFs, as the pipeline prints them with chromium: no near-empty page, page numbers
and the title with the month on every page, and the five parts in the text layer."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.report import render_monthly_report
from pipelines.report.chromium import CHROMIUM
from pipelines.report.pdf import pdf_printer
from tests.pdf_pages import LEAST_FILL, PdfPage, pdf_pages
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
# The table of contents names the parts too: look for them after it, from the summary on.
SUMMARY_HEADING = {"en": "Executive summary", "zh": "摘要"}


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
    after_contents = text.find(SUMMARY_HEADING[language])
    assert after_contents != -1
    positions = [text.find(heading, after_contents) for heading in PART_HEADINGS[language]]
    assert -1 not in positions and positions == sorted(positions), positions


def test_chromium_missing_writes_markdown_and_html_with_one_line(tmp_path, monkeypatch):
    import pipelines.report.pdf as pdf

    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    said: list[str] = []
    with pdf.pdf_printer(True, said.append) as printer:
        assert printer is None
    assert len(said) == 1 and "no-chromium is missing" in said[0] and "Markdown and HTML are" in said[0]
