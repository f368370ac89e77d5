"""The report's languages: one folder each under templates/, registered by one line below.

A language folder holds `language.toml` (its Babel locale, HTML language tag, month pattern, the
suffix of percentage points, how it writes an undefined value, and, where amounts are written with
the currency's name in units such as 万 and 亿, those units) and `text.j2` (every heading, label
and sentence of the report).
A folder may name a `fallback` language whose text fills in whatever its own `text.j2` does not
define yet, so a translation can be added a part at a time.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TEMPLATES = Path(__file__).with_name("templates")
# To add a language: a folder templates/<code>/ with language.toml and text.j2, and its code here.
REGISTERED = ("en", "zh")


@dataclass(frozen=True)
class Language:
    code: str
    folder: Path
    locale: str
    html_lang: str
    month_pattern: str
    points_suffix: str
    undefined: str = "—"
    undefined_in_prose: str = "—"
    # (size, unit) from the largest, for amounts written with the currency's name after them (万, 亿)
    compact_units: tuple[tuple[int, str], ...] = ()
    currency_names: tuple[tuple[str, str], ...] = ()  # the language's own name for a currency (CNY: 元)
    fallback: str | None = None


class LanguageError(ValueError):
    pass


def load_language(folder: Path) -> Language:
    """The language defined by `folder` (its name is the language code)."""
    path = folder / "language.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        language = Language(
            code=folder.name,
            folder=folder,
            locale=data["locale"],
            html_lang=data["html_lang"],
            month_pattern=data["month_pattern"],
            points_suffix=data["points_suffix"],
            undefined=data.get("undefined", "—"),
            undefined_in_prose=data.get("undefined_in_prose", data.get("undefined", "—")),
            compact_units=tuple((int(size), unit) for size, unit in data.get("compact_units", [])),
            currency_names=tuple(data.get("currency_names", {}).items()),
            fallback=data.get("fallback"),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError) as error:
        raise LanguageError(f"{path}: not a report language ({error!r})") from None
    if not (folder / "text.j2").is_file():
        raise LanguageError(f"{folder}: a report language needs text.j2")
    return language


def registered_languages(root: Path = TEMPLATES, codes: tuple[str, ...] = REGISTERED) -> dict[str, Language]:
    return check_fallbacks({code: load_language(root / code) for code in codes})


def check_fallbacks(languages: Mapping[str, Language]) -> dict[str, Language]:
    for language in languages.values():
        if language.fallback is not None and language.fallback not in languages:
            raise LanguageError(f"language {language.code!r} falls back to unregistered {language.fallback!r}")
    return dict(languages)
