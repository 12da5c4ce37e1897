"""The library interface: check a text or some paths from Python (notebooks, other programs).

Both functions are thin wrappers over a :class:`~factcheck.running.session.Linter`; a
program that checks many texts with the same rules and settings keeps one Linter.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

from ..checking.findings import Finding, Report
from ..reading.documents import DEFAULT_MAX_BYTES
from .session import Linter, as_date
from .settings import RunSettings

if TYPE_CHECKING:
    from ..loading.catalog import Catalog


def check(text: str, lang: str | None = "vi", published: dt.date | str | None = None,
          rules: Catalog | None = None, path: str = "<text>") -> list[Finding]:
    """Findings for one text (less those its suppression comments silence).

    ``lang=None`` detects the language; ``rules`` defaults to the shipped catalog.
    """
    return Linter(rules).check(text, lang, published, path)


def check_paths(paths: Iterable[str], lang: str | None = None, published: dt.date | str | None = None,
                rules: Catalog | None = None, *, jobs: int = 1,
                max_document_bytes: int | None = DEFAULT_MAX_BYTES) -> Report:
    """Findings for files, folders, globs, ``-`` or JSON Lines archives; unreadable inputs are listed in ``errors``.

    ``lang`` and ``published`` apply to every input (default: detected per document);
    ``rules`` defaults to the shipped catalog; ``jobs`` worker processes check the files
    (1: this process); ``max_document_bytes`` is the per-document budget: a larger
    document (or archive record) is one error, the rest still checked (None: no limit).
    Warnings about suppression comments that silence nothing are in ``Report.notes``.
    For a cache, archive fields, include/exclude or a Dask cluster, use a
    :class:`~factcheck.running.session.Linter`.
    """
    settings = RunSettings(lang=lang, published=as_date(published), jobs=jobs, max_document_bytes=max_document_bytes)
    return Linter(rules, settings).check_paths(paths)
