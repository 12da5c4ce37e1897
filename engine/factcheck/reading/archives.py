"""Archives: JSON Lines files (``.jsonl``, ``.jsonl.gz``) of records, each checked as a document.

A record is one JSON object per line; its text, id, language and publication date
are read from the fields named by :class:`RecordFields`. Records are streamed: one
line is read at a time, never the whole archive. A line that is not a JSON object,
or has no text, is reported as unreadable (``archive.jsonl:7``) and the rest are
still checked. A record without an id is shown as ``archive.jsonl:LINE``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, cast

from .documents import ARCHIVE_SUFFIXES, ReadError, Unreadable, open_regular, too_large
from .sources import Source

SUFFIXES = ARCHIVE_SUFFIXES
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class RecordFields:
    """Which fields of a record hold its text, id, language and date (None: not given)."""

    text: str = "text"
    id: str = "id"
    lang: str | None = None
    date: str | None = None


def is_archive(path: Path) -> bool:
    """Whether a file is read as an archive of records (by its name)."""
    return path.name.lower().endswith(SUFFIXES)


def read_archive(path: Path, shown: str, fields: RecordFields, lang: str | None = None,
                 published: dt.date | None = None, lazy: bool = False,
                 limit: int | None = None) -> Iterator[Source | ReadError]:
    """Each record of an archive as a Source, or a ReadError naming the archive and line.

    A record's own language and date (when ``fields`` names them) come before ``lang``
    and ``published``, which apply to the records without them. ``lazy`` (a plain,
    not gzipped, archive) yields each record's place in the file instead, parsed by
    ``parse_record`` when it is checked. A line longer than ``limit`` bytes is an error,
    skipped without being held in memory.
    """
    lazy = lazy and not path.name.lower().endswith(".gz")
    try:
        stream = _open(path)
    except Unreadable as exc:
        yield ReadError(shown, str(exc))
        return
    with stream:
        line_no, offset = 0, 0
        while True:
            try:
                line, length = _read_line(stream, limit)
            except (OSError, EOFError) as exc:  # a truncated or corrupt .gz: the rest is lost
                yield ReadError(f"{shown}:{line_no + 1}", f"cannot read the archive: {exc}")
                return
            if not length:
                return
            line_no += 1
            start, offset = offset, offset + length
            if limit is not None and length > limit:
                yield ReadError(f"{shown}:{line_no}", too_large(length, limit))
                continue
            if line_no == 1 and line.startswith(_BOM):
                line, start = line[3:], start + 3
            if not line.strip():
                continue
            if lazy:
                yield Source(f"{shown}:{line_no}", file=str(path), lang=lang, published=published, kind="text",
                             archive=shown, line=line_no, span=(start, len(line)), record=fields, limit=limit)
            else:
                yield _record(line, shown, line_no, fields, lang, published)


def _read_line(stream: IO[bytes], limit: int | None) -> tuple[bytes, int]:
    """The next line and its length in bytes; a line over ``limit`` is read on to its end in
    pieces and given as its length alone."""
    if limit is None:
        line = stream.readline()
        return line, len(line)
    line = stream.readline(limit + 1)
    if len(line) <= limit or line.endswith(b"\n"):
        return line, len(line)
    length = len(line)
    while piece := stream.readline(1 << 20):
        length += len(piece)
        if piece.endswith(b"\n"):
            break
    return b"", length


def _open(path: Path) -> IO[bytes]:
    raw = open_regular(path)
    if not path.name.lower().endswith(".gz"):
        return raw
    stream = gzip.GzipFile(fileobj=raw, mode="rb")
    stream.myfileobj = raw  # type: ignore[assignment]  # as gzip.open does: closing the stream closes the file
    return cast(IO[bytes], stream)


def _record(line: bytes, shown: str, line_no: int, fields: RecordFields, lang: str | None,
            published: dt.date | None) -> Source | ReadError:
    where = f"{shown}:{line_no}"
    try:
        record = _json(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return ReadError(where, f"invalid UTF-8 at byte {exc.start} of the line")
    except json.JSONDecodeError as exc:
        return ReadError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return ReadError(where, "not a JSON object")
    text = record.get(fields.text)
    if not isinstance(text, str):
        missing = fields.text not in record
        return ReadError(where, f"no {fields.text!r} field" if missing else f"{fields.text!r} is not a string")
    text = valid_unicode(text)
    rid = record.get(fields.id)
    path = where if rid is None or rid == "" else valid_unicode(rid if isinstance(rid, str) else json.dumps(rid))
    own_lang = record.get(fields.lang) if fields.lang else None
    own_date = _date(record.get(fields.date)) if fields.date else None
    return Source(path, text=text, lang=own_lang if isinstance(own_lang, str) and own_lang else lang,
                  published=own_date or published, kind="text", archive=shown, line=line_no)


def _json(line: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer past Python's digit limit: kept as its digits
        return json.loads(line, parse_int=lambda digits: digits if len(digits) > 4000 else int(digits))


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """The text with each lone surrogate (JSON's "\\ud800" escapes allow them; UTF-8 cannot hold
    them) replaced by U+FFFD: one code point for one, so every offset stays where it was."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def parse_record(line: bytes, located: Source) -> Source | ReadError:
    """The record a lazily read archive source points at, as a Source with its text."""
    assert located.record is not None and located.archive is not None and located.line is not None
    return _record(line, located.archive, located.line, located.record, located.lang, located.published)


def _date(value: object) -> dt.date | None:
    """A record's date when it starts with a full YYYY-MM-DD, else None."""
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
