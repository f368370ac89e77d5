"""The manager's notes.md: the sections the report places verbatim."""

from __future__ import annotations

import re

SECTIONS = {"strategy": "strategy", "team": "team", "actions": "actions"}
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")


def parse_notes(text: str) -> list[tuple[str, str]]:
    """(section, body) for each `## Strategy|Team|Actions` section; other text is ignored."""
    sections: list[tuple[str, str]] = []
    current: str | None = None
    body: list[str] = []
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            if current:
                sections.append((current, "\n".join(body).strip()))
            current, body = SECTIONS.get(heading.group(1).strip().lower()), []
        elif current:
            body.append(line)
    if current:
        sections.append((current, "\n".join(body).strip()))
    return [(name, text) for name, text in sections if text]
