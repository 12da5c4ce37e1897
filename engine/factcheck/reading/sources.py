"""Sources: what to read for each input, and its bytes and text.

A :class:`Source` says what one input is (a file, a text already read, or one record
of a JSON Lines archive) and how to read it; :func:`sources_from_paths` turns the
paths a user gives into sources, lazily (the one way in for ``run``, ``explain``,
``baseline`` and the library); :func:`content` and :func:`stored_text` read one, and
:func:`read_document` makes it a Document. Every runner (this process, a pool of
processes, a Dask cluster) reads through these, so a report is the same whoever
computed it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import threading
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Iterable, Iterator

from .documents import (
    SUFFIX_KINDS,
    Document,
    ReadError,
    Unreadable,
    decode,
    expand,
    open_regular,
    os_problem,
    read_regular,
    too_large,
)

if TYPE_CHECKING:
    from .archives import RecordFields


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
    limit: int | None = None  # the most bytes a document may have (None: no limit)

    @property
    def origin(self) -> str | None:
        """Where an archive record was read (``archive.jsonl:12``); None for a file."""
        return f"{self.archive}:{self.line}" if self.archive is not None else None

    def document_kind(self) -> str:
        if self.kind is not None:
            return self.kind
        return SUFFIX_KINDS.get(os.path.splitext(self.file)[1].lower(), "text") if self.file else "text"


def content(source: Source) -> bytes | ReadError:
    """The bytes a source stands for: the file's, or its text as UTF-8."""
    if source.text is not None:
        data = source.text.encode("utf-8", "surrogatepass")
        if source.limit is not None and len(data) > source.limit:
            return ReadError(source.path, too_large(len(data), source.limit))
        return data
    if source.file is None:
        return ReadError(source.path, "nothing to read")
    try:
        if source.span is not None:  # one record of an archive, read where it is checked
            if source.limit is not None and source.span[1] > source.limit:
                return ReadError(source.path, too_large(source.span[1], source.limit))
            f = _archive(source.file)
            f.seek(source.span[0])
            return f.read(source.span[1])
        return read_regular(source.file, source.limit)
    except Unreadable as exc:
        return ReadError(source.path, str(exc))
    except OSError as exc:
        return ReadError(source.path, os_problem(exc))


_THREAD = threading.local()  # each thread its own open archives: a seek and a read are two calls


def _archive(path: str) -> IO[bytes]:
    """An archive kept open for the records still to read from it (a worker reads thousands).

    The file open is the one at ``path`` now: a long-lived process (a worker, a notebook)
    may be asked for another file of the same name after a change of folder or a rewrite.
    """
    open_archives: dict[str, tuple[IO[bytes], tuple[int, int, int]]] = _THREAD.__dict__.setdefault("archives", {})
    now = os.stat(path)
    identity = (now.st_dev, now.st_ino, now.st_mtime_ns)
    kept = open_archives.get(path)
    if kept is not None and not kept[0].closed and kept[1] == identity:
        return kept[0]
    if kept is not None:
        kept[0].close()
    if len(open_archives) >= 8:
        for old, _ in open_archives.values():
            old.close()
        open_archives.clear()
    f = open_regular(path)
    open_archives[path] = (f, identity)
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


def as_document(source: Source, text: str, encoding: str = "utf-8") -> Document:
    """The document a source's stored text makes, with the source's language, date and kind."""
    return Document(source.path, text, source.lang, source.published, encoding, source.document_kind())


def read_document(source: Source, data: bytes | None = None) -> Document | ReadError:
    """Read and decode one source (not a record still to parse: see ``archives.parse_record``).

    ``data`` is the source's bytes when the caller has read them already.
    """
    if source.text is not None:
        return as_document(source, source.text)
    read = content(source) if data is None else data
    if isinstance(read, ReadError):
        return read
    try:
        text, encoding = decode(read)
    except Unreadable as exc:
        return ReadError(source.path, str(exc))
    return as_document(source, text, encoding)


def sources_from_paths(paths: Iterable[str], lang: str | None = None, published: dt.date | None = None,
                       fields: RecordFields | None = None, lazy_records: bool = False,
                       limit: int | None = None) -> Iterator[Source | ReadError]:
    """Each input as a Source, lazily: files (folders walked, globs expanded), ``-`` (read
    now), and the records of JSON Lines archives (``.jsonl``, ``.jsonl.gz``) one by one.

    ``lang`` and ``published`` apply to every input (an archive record's own fields,
    when ``fields`` names them, come first); paths are not read here, except ``-``.
    With ``lazy_records``, a plain .jsonl archive's records are only located here
    (byte offsets): whoever checks one reads and parses it — for worker processes,
    which then share the JSON parsing too. ``limit`` is the most bytes a document (a file,
    or an archive record's line) may have: a larger one is a ReadError, never read whole.
    """
    from .archives import RecordFields, is_archive, read_archive

    for item in expand(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        path, shown = item
        if path is None:  # standard input is read now: a worker could not read it
            try:
                data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
                if limit is not None and len(data) > limit:
                    raise Unreadable(too_large(len(data), limit))
                text = decode(data)[0]
            except Unreadable as exc:
                yield ReadError("-", str(exc))
                continue
            yield Source("-", text=text, lang=lang, published=published, kind="text")
        elif is_archive(path):
            yield from read_archive(path, shown, fields or RecordFields(), lang, published, lazy=lazy_records,
                                    limit=limit)
        else:
            yield Source(shown, file=str(path), lang=lang, published=published, limit=limit)
