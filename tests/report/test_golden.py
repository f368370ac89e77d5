"""The Markdown and HTML reports compared with stored golden files, section by section.

Regenerate the goldens after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_golden.py
then review the diff of tests/report/golden/ before committing. The HTML holds the charts'
SVG as matplotlib draws it (fixed hash salt, no date), so a matplotlib upgrade may move it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden")
HEADING = {"md": r"^(#{1,4} .*)$", "html": r"^(<h[1-4]>.*)$"}


def _sections(text: str, kind: str) -> dict[str, str]:
    """Text under each heading, keyed by the heading (numbered when repeated)."""
    sections: dict[str, str] = {}
    key = "(top)"
    for chunk in re.split(HEADING[kind], text, flags=re.MULTILINE):
        if re.match(HEADING[kind], chunk):
            key = chunk if chunk not in sections else f"{chunk} ({len(sections)})"
        else:
            sections[key] = sections.get(key, "") + chunk
    return sections


@pytest.mark.parametrize("kind", ["md", "html"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_report_matches_golden(reports, language, kind):
    path = GOLDEN / f"report.{language}.{kind}"
    actual = reports[f"{language}.{kind}"]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    expected = _sections(path.read_text(encoding="utf-8"), kind)
    got = _sections(actual, kind)
    assert list(got) == list(expected), "headings differ from the golden file"
    for heading, text in expected.items():
        assert got[heading] == text, f"section {heading!r} differs from {path.name}"
