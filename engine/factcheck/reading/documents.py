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
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Iterable, Iterator

#: Extensions read when a folder is given; files named directly are read whatever they are called.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
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


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with; Unreadable if it is not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data:  # before UTF-8: NUL bytes are valid UTF-8, but no text file has them
        raise Unreadable("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None:
        raise Unreadable("cannot tell the text encoding (not UTF-8, UTF-16 or a known legacy encoding)")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise Unreadable("binary file (mostly control characters), not text")
    return text, best.encoding


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


def expand(args: Iterable[str]) -> Iterator[tuple[Path | None, str]]:
    """Each input as (path to read, path to show); ``-`` is standard input (path None).

    Folders are walked in sorted order for text files; globs are expanded (a folder
    they match is walked); a path that does not exist is passed on, to be reported
    as unreadable. Paths are shown with ``/`` and without a leading ``./`` (``run .``
    shows ``a.md``, as code scanning expects).
    """
    for arg in args:
        if arg == "-":
            yield None, "-"
            continue
        p = Path(arg)
        if p.is_dir():
            shown = PurePath(arg).as_posix()
            yield from ((Path(path), rel if shown == "." else f"{shown}/{rel}") for path, rel in _walk(str(p)))
        elif not p.exists() and glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield p, PurePath(arg).as_posix()
            seen: set[str] = set()  # "docs/**" matches docs/, docs/sub and the files in them
            for match in matches:  # a folder matched is walked, as if named (as the shell would pass it)
                for item in expand([match]):
                    if item[1] not in seen:
                        seen.add(item[1])
                        yield item
        else:
            yield p, PurePath(arg).as_posix()


def _walk(top: str) -> Iterator[tuple[str, str]]:
    """(path, path relative to ``top`` with '/') of the text files under a folder, in sorted
    order of their relative paths; hidden files and folders are left out."""
    found: list[tuple[str, str]] = []
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_folder = os.path.relpath(folder, top)
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in TEXT_SUFFIXES:
                rel = name if rel_folder == "." else f"{rel_folder}/{name}".replace(os.sep, "/")
                found.append((os.path.join(folder, name), rel))
    found.sort(key=lambda item: item[1].split("/"))
    return iter(found)
