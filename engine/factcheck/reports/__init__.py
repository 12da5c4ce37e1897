"""Renderers: one small module per output format, loaded only when asked for."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ..checking.findings import Report
from ..reading.archives import valid_unicode

FORMATS = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown",
    "html": "html",
}


def render(report: Report, fmt: str, **options: Any) -> str:
    """The report in one format, as text ready to print or write."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    module = import_module(f".{FORMATS[fmt]}", __name__)
    # a lone surrogate (a text given through the API, say) cannot be written as UTF-8: U+FFFD in its place
    return valid_unicode(module.render(report, **options))
