"""The library interface: check a text or some paths from Python (notebooks, other programs)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from .catalog import Catalog, default_catalog
from .documents import Document, ReadError, read_inputs
from .engine import analyse
from .findings import Finding, Report


def check(text: str, lang: str | None = "vi", published: dt.date | str | None = None,
          rules: Catalog | None = None, path: str = "<text>") -> list[Finding]:
    """Findings for one text. ``lang=None`` detects the language; ``rules`` defaults to the shipped catalog."""
    doc = Document(path, text, lang, _date(published))
    return analyse(doc, rules or default_catalog()).findings


def check_paths(paths: Iterable[str], lang: str | None = None, published: dt.date | str | None = None,
                rules: Catalog | None = None) -> Report:
    """Findings for files, folders, globs or ``-``; unreadable inputs are listed in ``errors``."""
    catalog = rules or default_catalog()
    report = Report()
    when = _date(published)
    for item in read_inputs(paths):
        if isinstance(item, ReadError):
            report.errors.append(item)
            continue
        item.lang = lang or item.lang
        item.published = when or item.published
        if item.lang is not None and item.lang not in catalog.languages:
            report.errors.append(ReadError(item.path, f"no language pack for {item.lang!r}"))
            continue
        findings = analyse(item, catalog).findings
        report.files += 1
        if findings:
            report.findings.extend(findings)
            report.texts[item.path] = item.text
    report.findings.sort(key=Finding.sort_key)
    return report


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
