"""The Markdown report compared with stored golden files, section by section.

Regenerate the goldens after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_golden.py
then review the diff of tests/report/golden/ before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden")


def _sections(markdown: str) -> dict[str, str]:
    """Text under each heading, keyed by the heading (numbered when repeated)."""
    sections: dict[str, str] = {}
    key = "(top)"
    for chunk in re.split(r"^(#{1,4} .*)$", markdown, flags=re.MULTILINE):
        if re.match(r"#{1,4} ", chunk):
            key = chunk if chunk not in sections else f"{chunk} ({len(sections)})"
        else:
            sections[key] = sections.get(key, "") + chunk
    return sections


@pytest.mark.parametrize("language", ["en", "zh"])
def test_markdown_matches_golden(reports, language):
    path = GOLDEN / f"report.{language}.md"
    actual = reports[f"{language}.md"]
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    expected = _sections(path.read_text(encoding="utf-8"))
    got = _sections(actual)
    assert list(got) == list(expected), "headings differ from the golden file"
    for heading, text in expected.items():
        assert got[heading] == text, f"section {heading!r} differs from {path.name}"
