"""Documents: paths in, decoded texts out, each with its language and publication date.

Decoding tries UTF-8 (with or without BOM), then UTF-16 with a BOM, then a detector
(charset-normalizer) for legacy encodings such as Windows-1258. The stored text is
kept exactly as decoded (BOM dropped, CRLF kept, no normalisation), because every
offset reported is an offset into it.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import IO, Iterable, Iterator

#: Extensions read when a folder is given; files named directly are read whatever they are called.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
#: JSON Lines archives: each record is a document; a folder yields its archives too.
ARCHIVE_SUFFIXES = (".jsonl", ".jsonl.gz")
FOLDER_SUFFIXES = TEXT_SUFFIXES | frozenset(ARCHIVE_SUFFIXES)
#: How a file's suffix says to read it: Markdown and HTML are read through a prose view.
SUFFIX_KINDS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_DATE = re.compile(r"^(?:date|published|pubdate)\s*:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.M | re.I)


@dataclass(slots=True)
class Document:
    path: str
    text: str
    lang: str | None = None
    published: dt.date | None = None
    encoding: str = "utf-8"
    kind: str = "text"  # text, markdown or html


@dataclass(slots=True)
class ReadError:
    path: str
    message: str


class Unreadable(Exception):
    pass


#: The largest document checked by default, in bytes: checking takes 20-40 times a text's size in memory.
DEFAULT_MAX_BYTES = 20_000_000


def too_large(size: int, limit: int) -> str:
    """The error for a document over the per-document budget."""
    return (f"too large to check: {size / 1e6:.1f} MB, over the limit of {limit / 1e6:g} MB "
            "(--max-document-mb, or max-document-mb in factcheck.yaml)")


_BOMS = (  # UTF-32's before UTF-16's: the UTF-32 LE mark starts with the UTF-16 LE one
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with; Unreadable if it is not text."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):] if codec == "utf-8" else data, codec)
            return _text_or_refuse(text), name
    if b"\x00" in data:  # before UTF-8: NUL bytes are valid UTF-8, but no text file has them
        raise Unreadable("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None:
        raise Unreadable("cannot tell the text encoding (not UTF-8, UTF-16, UTF-32 or a known legacy encoding)")
    return _text_or_refuse(str(best)), best.encoding


def _text_or_refuse(text: str) -> str:
    """The text, unless it is mostly NULs and control characters (binary data, or UTF-32
    read as UTF-16): refused rather than checked as garbage that passes silently."""
    if _control_ratio(text) > 0.05:
        raise Unreadable("binary file (mostly NUL or control characters), not text")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"invalid {encoding.upper()} at byte {exc.start}") from None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / min(len(text), 4096)


def front_matter_date(text: str) -> dt.date | None:
    """The ``date:`` of a YAML front matter block, if the text starts with one."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None
    d = _FRONT_DATE.search(m.group(1))
    try:
        return dt.date.fromisoformat(d.group(1)) if d else None
    except ValueError:
        return None


_DETECT_CHARS = 1000  # a paragraph or two tells Vietnamese from English
_DECISIVE_LETTERS = 12


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=16)
def _letter_class(letters: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(letters))) + "]")


def detect_language(text: str, signs: dict[str, tuple[frozenset[str], frozenset[str]]],
                    default: str = "en") -> str:
    """The language with most of its signs in the first characters of the text.

    ``signs`` gives, per language, its common words and the letters only it uses
    ("ư", "đ" for Vietnamese); every occurrence of either counts one.
    """
    head = unicodedata.normalize("NFC", text[:_DETECT_CHARS]).lower()
    letter_hits = {code: len(_letter_class(letters).findall(head)) for code, (_, letters) in signs.items() if letters}
    decisive = [code for code, hits in letter_hits.items() if hits >= _DECISIVE_LETTERS]
    if len(decisive) == 1:
        return decisive[0]  # a dozen letters only one language uses settle it
    words = _WORD.findall(head)
    best, best_hits = default, 0
    for code, (vocabulary, _) in sorted(signs.items()):
        hits = sum(map(vocabulary.__contains__, words)) + letter_hits.get(code, 0)
        if hits > best_hits:
            best, best_hits = code, hits
    return best


def file_type_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read as a document, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"is {name}, not a regular file: skipped"
    return "not a regular file: skipped"


def os_problem(exc: OSError) -> str:
    """What went wrong, as the system says it (without the path, which the caller names)."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return f"cannot read: {exc.strerror or exc}"


def open_regular(path: str | Path) -> IO[bytes]:
    """A regular file opened for reading; Unreadable for anything else. Opened without
    blocking, then checked, so a FIFO (which blocks until a writer comes) is never waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise Unreadable("is a directory") from None
    except OSError as exc:
        raise Unreadable(os_problem(exc)) from None
    try:
        problem = file_type_problem(os.fstat(fd).st_mode)
    except OSError as exc:
        problem = os_problem(exc)
    if problem is not None:
        os.close(fd)
        raise Unreadable(problem)
    return os.fdopen(fd, "rb")


def read_regular(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file; Unreadable (with the reason) for anything else, or for a
    file of more than ``limit`` bytes (found before reading it)."""
    with open_regular(path) as f:
        try:
            size = os.fstat(f.fileno()).st_size
            if limit is not None and size > limit:
                raise Unreadable(too_large(size, limit))
            data = f.read() if limit is None else f.read(limit + 1)
        except OSError as exc:
            raise Unreadable(os_problem(exc)) from None
    if limit is not None and len(data) > limit:  # it grew while being read
        raise Unreadable(too_large(len(data), limit))
    return data


def expand(args: Iterable[str]) -> Iterator[tuple[Path | None, str] | ReadError]:
    """Each input as (path to read, path to show), or a ReadError for one that cannot be;
    ``-`` is standard input (path None).

    Folders are walked in sorted order for text files and archives; globs are expanded
    (a folder they match is walked), each file once; a path that does not exist is
    passed on, to be reported as unreadable; anything that is not a regular file or a
    folder (a FIFO, a device) is an error, never opened. Paths are shown with ``/`` and
    without a leading ``./`` (``run .`` shows ``a.md``, as code scanning expects).
    """
    from .walk import glob_matches, walk_folder

    for arg in args:
        if arg == "-":
            yield None, "-"
            continue
        shown = PurePath(arg).as_posix()
        try:
            mode: int | None = os.stat(arg).st_mode
        except (OSError, ValueError):
            mode = None  # missing, or not reachable: reading it says why
        if mode is not None and stat.S_ISDIR(mode):
            for found in walk_folder(arg, shown, FOLDER_SUFFIXES):
                yield found if isinstance(found, ReadError) else (Path(found[0]), found[1])
        elif mode is None and glob.has_magic(arg):
            matches, errors = glob_matches(arg)
            if not matches and not errors:
                yield Path(arg), shown
            seen = {error.path for error in errors}  # "docs/**" matches docs/, docs/sub and the files in them
            yield from errors
            for match in matches:  # a folder matched is walked, as if named (as the shell would pass it)
                for item in expand([match]):
                    key = item.path if isinstance(item, ReadError) else os.path.realpath(item[0] or "-")
                    if key not in seen:
                        seen.add(key)
                        yield item
        elif mode is not None and (problem := file_type_problem(mode)) is not None:
            yield ReadError(shown, problem)
        else:
            yield Path(arg), shown
