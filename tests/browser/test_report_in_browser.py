"""The fixture month's HTML report in a real headless chromium: it loads without console
errors or network requests, every piece of text is drawn with the CJK font, and short cells
stay on one line (the report's PDFs have their own test, test_report_pdf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from pipelines.report.chromium import CHROMIUM, Page, PageLoad, chromium_page
from tests.report.conftest import render
from tests.report.fixture_marts import build_fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: run `make system-deps`"),
]

LANGUAGES = ("en", "zh")
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


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, BrowserRun]:
    """Both languages rendered from the report tests' fixture marts, then loaded, measured and
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
            shot = page.screenshot(out / f"report.{language}.png", *SCREEN)
            broken = page.evaluate(BROKEN_SHORT_CELLS)  # laid out at the screenshot's width
            results[language] = BrowserRun(load, fonts, broken, shot)
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
def test_screenshot_shows_the_page(runs, language):
    with Image.open(runs[language].screenshot) as image:
        assert image.size == SCREEN
        # A blank or failed page is one or two colours; text, cards and charts give hundreds.
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 200
