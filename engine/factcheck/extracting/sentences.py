"""Sentences: the text as patterns see it, values as placeholders and boundaries marked.

Values are replaced before boundaries are found, so the decimal point in "118.9"
or the dots in "2.340" can never end a sentence. Patterns cannot cross a boundary
mark, so a claim never relates values from two sentences.
"""

from __future__ import annotations

import re
from functools import partial

from .lexicon import LineRules
from .patterns import BOUNDARY, PH_CLOSE, PH_OPEN
from .value_types import Mention

# Candidates only: the word before a full stop is looked up afterwards, so the regex
# starts at punctuation and line breaks, never inside words. Each regex here begins
# with a literal or a character class (not a repeat), which the engine skips to.
# A run of stops is matched from its first one only (the lookbehind fails at once
# inside a run): trying each of its stops would read the rest of it again each time.
_SENTENCE_END = re.compile(
    rf"(?P<stop>[.!?…](?<![.!?…]{{2}})[.!?…]*)(?P<close>[\"”’')\]]*)(?P<space>\s+)"
    rf"(?=[\"“‘'(\[]?(?P<next>\w|{PH_OPEN}))"
)
_WORD_BEFORE = re.compile(r"\S*\Z")
_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")
# Line breaks: after a stop, always a boundary; any other is one unless the line looks
# wrapped (the language pack says what looks wrapped). The regex starts with a literal
# character, so the engine skips to it.
_LINE = re.compile(r"\n(?=(?P<next>[ \t]*\S))")
_DEFAULT_LINES = LineRules()


def encode(text: str, mentions: list[Mention], abbreviations: frozenset[str],
           lines: LineRules = _DEFAULT_LINES) -> str:
    """The text with each mention (and its hedge) replaced by a placeholder, and
    sentence boundaries marked."""
    pieces: list[str] = []
    last = 0
    for i, m in enumerate(mentions):
        start = max(m.phrase_start, last)
        pieces.append(text[last:start])
        pieces.append(f"{PH_OPEN}{m.kind}#{i}{PH_CLOSE}")
        last = m.end
    pieces.append(text[last:])
    encoded = "".join(pieces)
    encoded = _PARAGRAPH.sub(BOUNDARY + "\n", encoded)
    encoded = _LINE.sub(partial(_line_break, lines), encoded)

    def sentence_end(m: re.Match[str]) -> str:
        if m.group("next").islower():
            return m.group()  # "U.S. officials", "ca. 5": no new sentence
        if m.group("stop") == ".":
            word = _WORD_BEFORE.search(m.string, max(0, m.start() - 30), m.start())
            if word is not None and f"{word.group()}." in abbreviations:
                return m.group()
        return m.group("stop") + m.group("close") + BOUNDARY + m.group("space")

    return _SENTENCE_END.sub(sentence_end, encoded)


def _line_break(lines: LineRules, m: re.Match[str]) -> str:
    """A single line break ends a sentence unless the line looks wrapped (after a
    stop, it always does)."""
    text, at = m.string, m.start()
    before = at - 1 if at and text[at - 1] == "\r" else at
    if before and text[before - 1] == BOUNDARY:
        return m.group()  # a paragraph's end
    if before and text[before - 1] in lines.stops:
        return BOUNDARY + m.group()
    prev = text[text.rfind("\n", 0, before) + 1 : before].rstrip()
    nxt = m.group("next").lstrip()[:1]
    # a long line ending mid-sentence runs on, even into a capital ("... in\nFebruary, up 4.9 pct"),
    # unless it is a headline in capitals
    wrapped = (
        len(prev) >= lines.wrapped_width
        and prev[-1:] not in lines.stops
        and (nxt.islower() or nxt.isdigit() or nxt == PH_OPEN or nxt in lines.wrapped_starts
             or (nxt.isupper() and not prev.isupper()))
    )
    return m.group() if wrapped else BOUNDARY + m.group()
