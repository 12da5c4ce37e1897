"""Offsets: matching on normalised text, reporting in the text as stored.

Scanning runs on NFC text (so "ế" is one code point however it was typed), but
every span a user sees is a code-point offset into the text exactly as stored. Most
text is NFC already and costs nothing; for the rest we keep a map back.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

# a base character and the combining marks after it: the unit that NFC may merge
_CLUSTER = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.S)


@dataclass(slots=True)
class Normalized:
    """NFC text and, when it differs from the stored text, the way back."""

    text: str
    _to_stored: list[int] | None = None  # index in NFC text -> index in stored text

    def stored(self, offset: int) -> int:
        return offset if self._to_stored is None else self._to_stored[offset]


def normalize(stored: str) -> Normalized:
    """NFC form of ``stored`` with an offset map (None when nothing changes)."""
    if unicodedata.is_normalized("NFC", stored):
        return Normalized(stored)
    pieces: list[str] = []
    to_stored: list[int] = []
    last = 0
    for m in _CLUSTER.finditer(stored):
        _append(pieces, to_stored, stored[last : m.start()], last, identity=True)
        cluster = unicodedata.normalize("NFC", m.group())
        _append(pieces, to_stored, cluster, m.start(), identity=False, stored_len=len(m.group()))
        last = m.end()
    _append(pieces, to_stored, stored[last:], last, identity=True)
    to_stored.append(len(stored))  # the end of the text maps to the end
    # Compositions that span clusters (Hangul jamo) stay as they are: matching on
    # them is no worse than on the stored text, and the map stays exact.
    return Normalized("".join(pieces), to_stored)


def _append(pieces: list[str], to_stored: list[int], piece: str, origin: int, identity: bool,
            stored_len: int = 0) -> None:
    if not piece:
        return
    pieces.append(piece)
    if identity:
        to_stored.extend(range(origin, origin + len(piece)))
    else:  # a merged cluster's first code point maps to its start; marks NFC could not merge
        # ("%" + acute) map to the stored marks, counted from the cluster's end, so that a
        # span ending before such a mark still ends after its base character
        tail = origin + stored_len - len(piece)
        to_stored.extend([origin] + [max(origin, tail + k) for k in range(1, len(piece))])


class LineIndex:
    """Line and column (1-based, columns in code points) of an offset into a text.

    Lines end at LF, CRLF or a lone CR; the column of a CR's position is that of the
    line it ends.
    """

    _BREAK = re.compile(r"\r\n|\n|\r")

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in self._BREAK.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")
