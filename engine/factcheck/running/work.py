"""One unit of work: read one input and check it.

Whatever runs a check (this process, a pool of processes, a Dask cluster) goes
through :func:`check_source`, so a report is the same whoever computed it. A
:class:`Source` says what to read and how; a :class:`Result` is everything a
report needs from it. Both pickle, and neither holds a text longer than needed:
a result keeps the stored text only when it has findings (renderers compute
lines and columns from it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Callable, Collection, Iterable, Iterator, Union

from ..checking.findings import Finding
from ..reading.documents import SUFFIX_KINDS, Document, ReadError, Unreadable, decode

if TYPE_CHECKING:
    from ..loading.catalog import Catalog
    from ..reading.archives import RecordFields

#: A catalog, or a function that loads it when first needed (a run whose inputs are all
#: cached, or unreadable, never loads the rules).
CatalogLike = Union["Catalog", Callable[[], "Catalog"]]
#: Every rule name that exists (run or not), or a function giving it, or None (the catalog's).
KnownLike = Union[Collection[str], Callable[[], Union[Collection[str], None]], None]


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file to read (``file``) or a text already read (``text``).

    ``path`` is what reports show (the path as given, ``-``, or an archive record's id);
    ``lang`` and ``published`` override detection; ``kind`` (text, markdown, html)
    defaults to the file's suffix; an archive record names its ``archive`` and the
    1-based ``line`` it was on.
    """

    path: str
    file: str | None = None
    text: str | None = None
    lang: str | None = None
    published: dt.date | None = None
    kind: str | None = None
    archive: str | None = None
    line: int | None = None
    span: tuple[int, int] | None = None  # a record not read yet: its bytes in ``file`` (offset, length)
    record: RecordFields | None = None  # ... and the fields to read from it

    @property
    def origin(self) -> str | None:
        """Where an archive record was read (``archive.jsonl:12``); None for a file."""
        return f"{self.archive}:{self.line}" if self.archive is not None else None

    def document_kind(self) -> str:
        if self.kind is not None:
            return self.kind
        return SUFFIX_KINDS.get(os.path.splitext(self.file)[1].lower(), "text") if self.file else "text"


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


def content(source: Source) -> bytes | ReadError:
    """The bytes a source stands for: the file's, or its text as UTF-8."""
    if source.text is not None:
        return source.text.encode("utf-8", "surrogatepass")
    if source.file is None:
        return ReadError(source.path, "nothing to read")
    try:
        if source.span is not None:  # one record of an archive, read where it is checked
            f = _archive(source.file)
            f.seek(source.span[0])
            return f.read(source.span[1])
        with open(source.file, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return ReadError(source.path, "no such file")
    except IsADirectoryError:
        return ReadError(source.path, "is a directory")
    except OSError as exc:
        return ReadError(source.path, f"cannot read: {exc.strerror or exc}")


_OPEN_ARCHIVES: dict[str, IO[bytes]] = {}


def _archive(path: str) -> IO[bytes]:
    """An archive kept open for the records still to read from it (a worker reads thousands)."""
    f = _OPEN_ARCHIVES.get(path)
    if f is None or f.closed:
        if len(_OPEN_ARCHIVES) >= 8:
            for old in _OPEN_ARCHIVES.values():
                old.close()
            _OPEN_ARCHIVES.clear()
        f = _OPEN_ARCHIVES[path] = open(path, "rb")
    return f


def digest(data: bytes) -> str:
    """The SHA-256 of some bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def stored_text(source: Source, data: bytes) -> str | ReadError:
    """The text of a source as stored (what every offset points into)."""
    if source.text is not None:
        return source.text
    try:
        return decode(data)[0]
    except Unreadable as exc:
        return ReadError(source.path, str(exc))


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
    findings, notes = apply_suppressions(text, analyse(doc, catalog).findings, _names(catalog), names, source.path)
    result.findings, result.notes, result.counted = findings, notes, True
    result.text = text if findings else None
    return result


_NAMES: dict[int, tuple[object, dict[str, str]]] = {}


def _names(catalog: Catalog) -> dict[str, str]:
    """Each rule id and alias of a catalog mapped to its id (computed once per catalog)."""
    from ..checking.suppressions import rule_names

    cached = _NAMES.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = (catalog, rule_names(catalog.rules))
        _NAMES.clear()  # one catalog per run: keep the last only
        _NAMES[id(catalog)] = cached
    return cached[1]


def sources_from_paths(paths: Iterable[str], lang: str | None = None, published: dt.date | None = None,
                       fields: RecordFields | None = None, lazy_records: bool = False) -> Iterator[Source | ReadError]:
    """Each input as a Source, lazily: files (folders walked, globs expanded), ``-`` (read
    now), and the records of JSON Lines archives (``.jsonl``, ``.jsonl.gz``) one by one.

    ``lang`` and ``published`` apply to every input (an archive record's own fields,
    when ``fields`` names them, come first); paths are not read here, except ``-``.
    With ``lazy_records``, a plain .jsonl archive's records are only located here
    (byte offsets): whoever checks one reads and parses it — for worker processes,
    which then share the JSON parsing too.
    """
    from ..reading.archives import RecordFields, is_archive, read_archive
    from ..reading.documents import expand

    for path, shown in expand(paths):
        if path is None:
            try:
                text = decode(sys.stdin.buffer.read())[0]
            except Unreadable as exc:
                yield ReadError("-", str(exc))
                continue
            yield Source("-", text=text, lang=lang, published=published, kind="text")
        elif is_archive(path):
            yield from read_archive(path, shown, fields or RecordFields(), lang, published, lazy=lazy_records)
        else:
            yield Source(shown, file=str(path), lang=lang, published=published)
