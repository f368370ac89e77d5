"""The fixture month's HTML report in a real headless chromium: it loads without console
errors or network requests, every piece of text is drawn with the CJK font, and printing
it gives a multi-page PDF whose text layer holds each part's heading at the top of its page."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from tests.browser.chromium import CHROMIUM, Page, PageLoad, chromium_page
from tests.report.conftest import render
from tests.report.fixture_marts import build_fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: run `make system-deps`"),
]

LANGUAGES = ("en", "zh")
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
REPORT_FONT = "Noto Sans CJK SC"
# Prose and numbers; code samples (mart names, SQL) are meant to be drawn in the monospace font.
TEXT_ELEMENTS = "h1, h2, h3, h4, th, td, li:not(:has(code)), p, .card div, figure text"
SCREEN = (1280, 2400)
# Table cells of a few characters (a label, a status, a number) that chromium laid out on
# more than one line: Chinese can break between any two characters, so a squeezed column
# shows 错/误 one character per line.
BROKEN_SHORT_CELLS = """[...document.querySelectorAll("th, td")].filter(cell => {
  const text = cell.textContent.trim();
  if (!text || text.length > 8) return false;
  const range = document.createRange();
  range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].map(line => Math.round(line.top))).size > 1;
}).map(cell => cell.textContent.trim())"""


@dataclass(frozen=True)
class BrowserRun:
    load: PageLoad
    fonts: dict[str, set[str]]  # font family -> a few of the elements drawn with it
    broken_cells: list[str]
    pdf_pages: list[str]
    screenshot: Path


def _fonts_used(page: Page) -> dict[str, set[str]]:
    """The fonts chromium really drew each text element with (fallbacks included)."""
    page.send("DOM.enable")
    page.send("CSS.enable")
    root = page.send("DOM.getDocument")["root"]["nodeId"]
    used: dict[str, set[str]] = {}
    for node in page.send("DOM.querySelectorAll", {"nodeId": root, "selector": TEXT_ELEMENTS})["nodeIds"]:
        for font in page.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            examples = used.setdefault(font["familyName"], set())
            if len(examples) < 3:
                examples.add(page.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"][:120])
    return used


def _pdf_pages(pdf: Path) -> list[str]:
    command = ["pdftotext", "-layout", str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page, the last one too, with a form feed


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, BrowserRun]:
    """Both languages rendered from the report tests' fixture marts, then loaded, printed and
    photographed by one chromium."""
    out = tmp_path_factory.mktemp("browser")
    connection = duckdb.connect()
    build_fixture(connection)
    html = {p.name.split(".")[1]: p for p in render(connection, out).paths if p.suffix == ".html"}
    connection.close()
    results = {}
    with chromium_page(out / "chromium-profile") as page:
        for language in LANGUAGES:
            load = page.load(html[language])
            fonts = _fonts_used(page)
            pdf = page.print_pdf(out / f"report.{language}.pdf")
            shot = page.screenshot(out / f"report.{language}.png", *SCREEN)
            broken = page.evaluate(BROKEN_SHORT_CELLS)  # laid out at the screenshot's width
            results[language] = BrowserRun(load, fonts, broken, _pdf_pages(pdf), shot)
    return results


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_logs_no_console_errors(runs, language):
    assert runs[language].load.console_errors == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_fetches_nothing_beyond_its_own_file(runs, language):
    assert runs[language].load.requests == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_all_text_is_drawn_with_the_cjk_font(runs, language):
    """A fallback font here would mean glyphs the report's font lacks (tofu, or a mismatched face)."""
    fonts = runs[language].fonts
    assert REPORT_FONT in fonts
    assert {family: examples for family, examples in fonts.items() if family != REPORT_FONT} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_table_cells_stay_on_one_line(runs, language):
    assert runs[language].broken_cells == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_part_starts_a_new_pdf_page(runs, language):
    pages = runs[language].pdf_pages
    assert len(pages) > len(PART_HEADINGS[language])
    starts = []
    for heading in PART_HEADINGS[language]:
        found = [i for i, page in enumerate(pages) if heading in page]
        assert found, f"{heading!r} is not in the PDF's text layer"
        first_line = next(line for line in pages[found[0]].splitlines() if line.strip())
        assert heading in first_line, f"page {found[0] + 1} starts with {first_line.strip()!r}"
        starts.append(found[0])
    assert starts == sorted(set(starts)), f"parts start on pages {starts}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshot_shows_the_page(runs, language):
    with Image.open(runs[language].screenshot) as image:
        assert image.size == SCREEN
        # A blank or failed page is one or two colours; text, cards and charts give hundreds.
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 200
