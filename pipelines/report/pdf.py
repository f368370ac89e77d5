"""The report as PDF: its HTML printed by Debian's headless chromium on A4, with the report's title
(company and month) in the running header and page numbers in the footer."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipelines.report.chromium import CHROMIUM, Page, chromium_page

# CDP fills the spans per page; the templates see none of the page's CSS, so they carry their own.
_BOX = "font-family: 'Noto Sans CJK SC', sans-serif; font-size: 8px; color: #5a6672; width: 100%; margin: 0 14mm;"
HEADER = f'<div style="{_BOX}"><span class="title"></span></div>'
FOOTER = (
    f'<div style="{_BOX} text-align: right;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class PdfPrinter:
    """One browser for every PDF of a run: starting chromium costs more than printing a report."""

    def __init__(self, page: Page, work_dir: Path) -> None:
        self._page, self._work_dir = page, work_dir

    def pdf(self, html: str, name: str) -> bytes:
        """The PDF of a self-contained HTML page (`name` only names its temporary file)."""
        source = self._work_dir / f"{name}.html"
        source.write_text(html, encoding="utf-8")
        try:
            self._page.load(source)
            return self._page.print_pdf(header=HEADER, footer=FOOTER)
        finally:
            source.unlink()


@contextmanager
def pdf_printer(enabled: bool, warn: Callable[[str], None]) -> Iterator[PdfPrinter | None]:
    """A printer, or None (with one line saying why) when PDFs are off or chromium is missing."""
    if not enabled:
        yield None
        return
    if not CHROMIUM.exists():
        warn(f"PDF reports not written: {CHROMIUM} is missing (`make system-deps` installs it); Markdown and HTML are.")
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="sales-report-pdf-") as work, chromium_page(Path(work) / "profile") as page:
        yield PdfPrinter(page, Path(work))
