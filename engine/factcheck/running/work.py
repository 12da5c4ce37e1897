"""One unit of work: read one input and check it.

Whatever runs a check (this process, a pool of processes, a Dask cluster) goes
through :func:`check_source`, so a report is the same whoever computed it. A
:class:`~factcheck.reading.sources.Source` says what to read and how; a
:class:`Result` is everything a report needs from it. Both pickle, and neither holds
a text longer than needed: a result keeps the stored text only when it has findings
(renderers compute lines and columns from it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Collection, Union

from ..checking.findings import Finding
from ..reading.documents import Document, ReadError
from ..reading.sources import Source, content, digest, stored_text

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
    the bytes read (the result cache's key), None when nothing could be read.
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


def check_source(source: Source, rules: CatalogLike, known: KnownLike = None,
                 data: bytes | None = None) -> Result:
    """Read one source and check it: findings less those its suppression comments silence.

    ``rules`` is the catalog (or a function giving it, called only when a text is
    checked); ``known`` is every rule name that exists, run or not (see
    ``apply_suppressions``; it too may be a function); ``data`` is the source's bytes
    when the caller has read them already.
    """
    from ..checking.analysis import analyse
    from ..checking.suppressions import apply_suppressions

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
    doc = Document(source.path, text, source.lang, source.published, kind=source.document_kind())
    names = known() if callable(known) else known
    try:
        findings, notes = apply_suppressions(text, analyse(doc, catalog).findings, catalog.rule_names, names,
                                             source.path)
    except MemoryError:  # this document alone is lost, not the run
        del doc, text
        result.error = ReadError(source.path, f"ran out of memory checking it ({result.size / 1e6:.1f} MB); "
                                              "a smaller --max-document-mb turns such documents away sooner")
        return result
    for finding in findings:
        finding.origin = source.origin  # two archive records may share an id: the origin tells them apart
    result.findings, result.notes, result.counted = findings, notes, True
    result.text = text if findings else None
    return result




