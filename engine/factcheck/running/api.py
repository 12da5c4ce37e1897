"""The library interface: check a text or some paths from Python (notebooks, other programs)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable, Collection, Iterable

from ..checking.findings import Finding, Report
from ..reading.documents import DEFAULT_MAX_BYTES
from ..reading.sources import Source, sources_from_paths
from .work import Result, check_source

if TYPE_CHECKING:
    from ..loading.catalog import Catalog
    from ..reading.archives import RecordFields
    from ..reading.selection import FileFilter
    from .resultcache import ResultCache
    from .runner import RuleSupply


def check(text: str, lang: str | None = "vi", published: dt.date | str | None = None,
          rules: Catalog | None = None, path: str = "<text>") -> list[Finding]:
    """Findings for one text (less those its suppression comments silence).

    ``lang=None`` detects the language; ``rules`` defaults to the shipped catalog.
    """
    from ..loading.catalog import default_catalog

    source = Source(path, text=text, lang=lang, published=_date(published))
    result = check_source(source, rules or default_catalog())
    if result.error is not None:
        raise ValueError(result.error.message)
    return result.findings


def check_paths(paths: Iterable[str], lang: str | None = None, published: dt.date | str | None = None,
                rules: Catalog | RuleSupply | None = None, *, files: FileFilter | None = None,
                notes: list[str] | None = None, known_rules: Collection[str] | None = None,
                jobs: int = 1, cache: ResultCache | None = None, fields: RecordFields | None = None,
                engine: str = "local", scheduler: str | None = None,
                on_result: Callable[[Result], None] | None = None, keep_paths: bool = True,
                max_document_bytes: int | None = DEFAULT_MAX_BYTES) -> Report:
    """Findings for files, folders, globs, ``-`` or JSON Lines archives; unreadable inputs are listed in ``errors``.

    ``files`` drops some files (the configuration's include/exclude, ``--diff-base``).
    Suppression comments in the documents silence findings; a note for each unknown
    rule they name is appended to ``notes``; ``known_rules`` lists every rule name that
    exists (default: the catalog's), so naming a rule this run leaves out is no mistake.
    ``jobs`` worker processes check the files (1: this process); ``cache`` reuses the
    results of files checked before; ``fields`` says which fields of an archive's
    records to read; ``engine="dask"`` runs on the cluster at ``scheduler``;
    ``on_result`` sees each result as it comes (for a progress display);
    ``keep_paths=False`` leaves ``Report.paths`` empty (only JUnit needs every path,
    and on a large archive the list is most of the memory a run keeps);
    ``max_document_bytes`` is the per-document budget: a larger document (or archive
    record) is one error, the rest still checked (None: no limit).
    """
    from .runner import Plan, RuleSupply, run

    if isinstance(rules, RuleSupply):
        supply = rules
    else:
        given = rules

        def load() -> tuple[Catalog, Collection[str] | None]:
            from ..loading.catalog import default_catalog

            return given or default_catalog(), known_rules

        supply = RuleSupply(load)
    inputs = files.select(paths) if files and files.active else paths
    # worker processes parse an archive's records themselves (the parent only finds the lines)
    sources = sources_from_paths(inputs, lang, _date(published), fields, lazy_records=jobs > 1 and engine == "local",
                                 limit=max_document_bytes)
    plan = Plan(supply, jobs=jobs, cache=cache, engine=engine, scheduler=scheduler)
    return collect(run(sources, plan), notes, on_result, keep_paths)


def collect(results: Iterable[Result], notes: list[str] | None = None,
            on_result: Callable[[Result], None] | None = None, keep_paths: bool = True) -> Report:
    """A report of results: texts kept only for files with findings, findings sorted."""
    report = Report()
    for result in results:
        if on_result is not None:
            on_result(result)
        if result.error is not None:
            report.errors.append(result.error)
        if notes is not None:
            notes.extend(result.notes)
        if not result.counted:
            continue
        report.files += 1
        if keep_paths:
            report.paths.append(result.path)
        if result.findings:
            report.findings.extend(result.findings)
            assert isinstance(report.texts, dict)
            report.texts[result.origin or result.path] = result.text or ""
    report.findings.sort(key=Finding.sort_key)
    return report


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
