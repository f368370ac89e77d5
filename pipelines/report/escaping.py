"""Markdown escaping of database text, so CRM strings and notes show literally.

HTML output relies on Jinja autoescaping instead.
"""

from __future__ import annotations

import re

from pipelines.report.model import CrmText

# Characters that start Markdown (or inline HTML) constructs anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&!{}])")
# Block markers that only act at the start of a line: lists, headings, rules, quotes.
_LINE_START = re.compile(r"^(\s*\d*)([-+=.)])")


class MarkdownSafe(str):
    """Text already escaped (or written by the templates) for Markdown."""


def md_inline(text: str) -> MarkdownSafe:
    """One-line escaped text for sentences and table cells."""
    flat = " ".join(str(text).split())
    return MarkdownSafe(_INLINE_SPECIAL.sub(r"\\\1", flat))


def md_block(text: str) -> MarkdownSafe:
    """Multi-line text (a notes.md section) as an escaped Markdown blockquote."""
    lines = []
    for line in str(text).strip("\n").splitlines():
        escaped = _INLINE_SPECIAL.sub(r"\\\1", line.rstrip())
        lines.append("> " + _LINE_START.sub(r"\1\\\2", escaped) if escaped else ">")
    return MarkdownSafe("\n".join(lines))


def md_finalize(value: object) -> object:
    """Jinja `finalize` for Markdown: escapes every database string printed by a template."""
    if isinstance(value, CrmText):
        return md_inline(value)
    return "" if value is None else value


def html_finalize(value: object) -> object:
    """Jinja `finalize` for HTML: a null prints as nothing (autoescape does the escaping)."""
    return "" if value is None else value
