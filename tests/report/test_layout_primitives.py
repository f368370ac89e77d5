"""The single layout draws both formats: the Markdown and HTML primitives are the same macros."""

from __future__ import annotations

from jinja2.runtime import Macro

from pipelines.report.languages import registered_languages
from pipelines.report.render import FORMATS, _environment


def _primitives(kind: str) -> dict[str, tuple]:
    env = _environment((registered_languages()["en"],), "USD", kind)
    module = env.get_template(f"layout/{kind}.j2").make_module({"t": None, "charts": {}})
    macros = {name: getattr(module, name) for name in dir(module) if isinstance(getattr(module, name), Macro)}
    return {name: (m.arguments, m.catch_varargs, m.caller) for name, m in macros.items()}


def test_every_format_has_the_same_primitives_with_the_same_arguments():
    md, html = (_primitives(kind) for kind in FORMATS)
    assert {"heading", "paragraph", "table", "row", "bullets", "item", "cards", "notes"} <= set(md)
    assert md == html
