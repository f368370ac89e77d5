"""A printed report's pages as pdftotext reads them: each page's text and how full it is."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

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
