"""One unit of work: read one input and check it.

Whatever runs a check (this process, a pool of processes, a Dask cluster) goes
through :func:`check_source`, so a report is the same whoever computed it. A
:class:`~factcheck.reading.sources.Source` says what to read and how; a
:class:`Result` is everything a report needs from it. Both pickle, and neither holds
a text longer than needed: a result keeps the stored text only when it has findings
(renderers compute lines and columns from it), and, when the run writes html, the
paragraphs with claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Collection, Union

from ..checking.findings import Finding, Reading
from ..reading.documents import ReadError
from ..reading.sources import Source, as_document, content, digest, stored_text

if TYPE_CHECKING:
    from ..loading.catalog import Catalog

#: A catalog, or a function that loads it when first needed (a run whose inputs are all
#: cached, or unreadable, never loads the rules).
CatalogLike = Union["Catalog", Callable[[], "Catalog"]]
#: Every rule name that exists (run or not), or a function giving it, or None (the catalog's).
KnownLike = Union[Collection[str], Callable[[], Union[Collection[str], None]], None]


@dataclass(slots=True)
class Result:
    """What checking one source gave: its findings (sorted), or the reason it could not be read.

    ``counted`` says whether it counts as a file checked; ``digest`` is the SHA-256 of
    the bytes read (the result cache's key), None when nothing could be read; ``docs``
    holds the documentation of each rule with a finding (SARIF describes the rules of
    the run, a user's included, even when every result came from the cache).
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: ReadError | None = None
    text: str | None = None  # kept only when there are findings
    notes: list[str] = field(default_factory=list)
    counted: bool = False
    digest: str | None = None
    origin: str | None = None
    size: int = 0  # bytes read, for progress
    reading: Reading | None = None  # only when the run writes html (the catalog's keep_checked)
    docs: dict[str, str] = field(default_factory=dict)


def check_source(source: Source, rules: CatalogLike, known: KnownLike = None,
                 data: bytes | None = None) -> Result:
    """Read one source and check it: findings less those its suppression comments silence.

    ``rules`` is the catalog (or a function giving it, called only when a text is
    checked); ``known`` is every rule name that exists, run or not (see
    ``apply_suppressions``; it too may be a function); ``data`` is the source's bytes
    when the caller has read them already.
    """
    read = content(source) if data is None else data
    if isinstance(read, ReadError):
        return Result(source.path, error=read, origin=source.origin)
    if source.record is not None:  # an archive record's line: its text, id, language and date
        from ..reading.archives import parse_record

        parsed = parse_record(read, source)
        if isinstance(parsed, ReadError):
            return Result(source.path, error=parsed, origin=source.origin, size=len(read))
        return check_source(parsed, rules, known, read)
    result = Result(source.path, digest=digest(read), origin=source.origin, size=len(read))
    text = stored_text(source, read)
    if isinstance(text, ReadError):
        result.error = text
        return result
    catalog = rules if not callable(rules) else rules()
    if source.lang is not None and source.lang not in catalog.languages:
        result.error = ReadError(source.path, f"no language pack for {source.lang!r}")
        return result
    names = known() if callable(known) else known
    try:
        findings, notes, reading = _checked(source, text, catalog, names)
    except MemoryError:  # this document alone is lost, not the run
        del text
        result.error = ReadError(source.path, f"ran out of memory checking it ({result.size / 1e6:.1f} MB); "
                                              "a smaller --max-document-mb turns such documents away sooner")
        return result
    for finding in findings:
        finding.origin = source.origin  # two archive records may share an id: the origin tells them apart
    result.findings, result.notes, result.counted = findings, notes, True
    if findings:
        result.text = text
        result.docs = rule_docs(catalog, {f.rule for f in findings})
    if reading is not None:
        reading.origin = source.origin
        result.reading = reading
    return result


def _checked(source: Source, text: str, catalog: Catalog,
             names: Collection[str] | None) -> tuple[list[Finding], list[str], Reading | None]:
    """The findings of a text less those its suppression comments silence, the warnings (the rules'
    faults, then the suppressions'), and, when the run writes html, what the report shows of it."""
    from ..checking.analysis import analyse
    from ..checking.suppressions import apply_suppressions

    analysis = analyse(as_document(source, text), catalog)
    findings, notes = apply_suppressions(text, analysis.findings, catalog.rule_names, names, source.path)
    reading = None
    if catalog.keep_checked:
        from ..checking.readings import reading_of

        reading = reading_of(analysis, findings)
    return findings, analysis.warnings + notes, reading


def rule_docs(catalog: Catalog, rule_ids: Collection[str]) -> dict[str, str]:
    """The documentation of some rules of a catalog (those that have one)."""
    return {r.id: r.spec.doc for r in catalog.rules if r.id in rule_ids and r.spec.doc}

