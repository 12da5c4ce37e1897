"""The library interface: check a text or some paths from Python (notebooks, other programs)."""

from __future__ import annotations

import datetime as dt
from typing import Collection, Iterable

from .catalog import Catalog, default_catalog
from .documents import Document, ReadError, read_inputs
from .engine import analyse
from .findings import Finding, Report
from .selection import FileFilter
from .suppressions import apply_suppressions, rule_names


def check(text: str, lang: str | None = "vi", published: dt.date | str | None = None,
          rules: Catalog | None = None, path: str = "<text>") -> list[Finding]:
    """Findings for one text (less those its suppression comments silence).

    ``lang=None`` detects the language; ``rules`` defaults to the shipped catalog.
    """
    catalog = rules or default_catalog()
    doc = Document(path, text, lang, _date(published))
    return apply_suppressions(text, analyse(doc, catalog).findings, rule_names(catalog.rules))[0]


def check_paths(paths: Iterable[str], lang: str | None = None, published: dt.date | str | None = None,
                rules: Catalog | None = None, *, files: FileFilter | None = None,
                notes: list[str] | None = None, known_rules: Collection[str] | None = None) -> Report:
    """Findings for files, folders, globs or ``-``; unreadable inputs are listed in ``errors``.

    ``files`` drops some files (the configuration's include/exclude, ``--diff-base``).
    Suppression comments in the documents silence findings; a note for each unknown
    rule they name is appended to ``notes``; ``known_rules`` lists every rule name that
    exists (default: the catalog's), so naming a rule this run leaves out is no mistake.
    """
    catalog = rules or default_catalog()
    names = rule_names(catalog.rules)
    report = Report()
    when = _date(published)
    for item in read_inputs(files.select(paths) if files and files.active else paths):
        if isinstance(item, ReadError):
            report.errors.append(item)
            continue
        item.lang = lang or item.lang
        item.published = when or item.published
        if item.lang is not None and item.lang not in catalog.languages:
            report.errors.append(ReadError(item.path, f"no language pack for {item.lang!r}"))
            continue
        findings, unknown = apply_suppressions(item.text, analyse(item, catalog).findings, names,
                                               known_rules, item.path)
        if notes is not None:
            notes.extend(unknown)
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
