"""Candidate sentences: those a pattern, frame or reader can match in, found without matching.

A claim never crosses a sentence, and most sentences hold neither the values a pattern
relates nor its cue words: matching over the few that do finds the same claims in a
fraction of the text.
"""

from __future__ import annotations

import bisect
import re

from .patterns import BOUNDARY, PH_OPEN
from .tokens import Token, tokenize


class Candidates:
    """The sentences a pattern can match in: those holding a value of every kind it
    needs and one of its cue words.

    A pattern never crosses a sentence, so matching over just those sentences (joined
    by boundary marks) finds the same claims in a fraction of the text. Sentences are
    sets of bits: one mask per kind of value, one per cue word (found with str.find,
    on first use).
    """

    _KIND = re.compile(rf"{PH_OPEN}(\w+)#")

    def __init__(self, encoded: str):
        self.encoded = encoded
        # cues are looked for in lower case, a line break read as a space ("of\nwhich" in wrapped newswire)
        self.lowered = encoded.lower().replace("\n", " ").replace("\r", " ").replace("\t", " ")
        self.sentences = encoded.split(BOUNDARY)
        self.starts: list[int] = []
        self.ends: list[int] = []
        at = 0
        for sentence in self.sentences:
            self.starts.append(at)
            at += len(sentence)
            self.ends.append(at)
            at += 1
        starts = self.starts
        placeholders = self._KIND.finditer(encoded)  # one pass over them
        holding: dict[str, list[int]] = {}
        counts: dict[int, int] = {}  # sentence -> values to relate in it (not those that set the scene)
        for m in placeholders:
            kind, i = m.group(1), bisect.bisect_right(starts, m.start()) - 1
            holding.setdefault(kind, []).append(i)
            if kind not in _CONTEXT:
                counts[i] = counts.get(i, 0) + 1
        # a long document's masks are built from their indices at once (bit by bit is quadratic there)
        self.masks = {kind: _mask(indices, len(starts)) for kind, indices in holding.items()}
        self.several = _mask([i for i, n in counts.items() if n > 1], len(starts))
        self._cues: dict[str, int] = {}
        self._texts: dict[tuple[tuple[frozenset[str], ...], tuple[str, ...]], str] = {}
        self._tokens: dict[str, list[Token]] = {}

    def tokens(self, sentence: str) -> list[Token]:
        """The sentence's tokens, made once for all the frames and readers that read it."""
        found = self._tokens.get(sentence)
        if found is None:
            found = self._tokens[sentence] = tokenize(sentence)
        return found

    def _cue_mask(self, cue: str) -> int:
        """The sentences holding ``cue`` as a word of its own (searched in the whole text)."""
        mask = self._cues.get(cue)
        if mask is None:
            found, text, at = [], self.lowered, self.lowered.find(cue)
            while at >= 0:
                if _is_word_at(text, cue, at):
                    found.append(bisect.bisect_right(self.starts, at) - 1)
                at = text.find(cue, at + len(cue))
            mask = self._cues[cue] = _mask(found, len(self.starts))
        return mask

    def _holds(self, i: int, cues: tuple[str, ...]) -> bool:
        """Sentence ``i`` holds one of ``cues`` as a word."""
        lowered, start, end = self.lowered, self.starts[i], self.ends[i]
        for cue in cues:
            at = lowered.find(cue, start, end)  # most miss: no call for them
            if at >= 0 and _has_word(lowered, cue, at, end):
                return True
        return False

    def _with_cue(self, mask: int, cues: tuple[str, ...]) -> int:
        """The sentences of ``mask`` holding one of ``cues``: looked for in those
        sentences alone when they are few, else in the whole text (once per cue)."""
        if mask.bit_count() * _FEW > len(self.sentences):
            either = 0
            for cue in cues:
                either |= self._cue_mask(cue)
            return mask & either
        if mask.bit_length() > _SHORT_MASK:
            return _mask([i for i in _indices(mask) if self._holds(i, cues)], len(self.starts))
        kept, rest = 0, mask  # most documents: bit by bit is quickest
        while rest:
            low = rest & -rest
            rest ^= low
            if self._holds(low.bit_length() - 1, cues):
                kept |= low
        return kept

    def with_cue(self, cues: tuple[str, ...]) -> list[str]:
        """The sentences holding one of ``cues`` as words of their own, and two values or more
        (a frame or a breakdown relates at least two)."""
        mask = self._with_cue(self.several, cues) if self.several else 0
        return [self.sentences[i] for i in _indices(mask)]

    def text(self, requires: tuple[frozenset[str], ...], cues: tuple[str, ...]) -> str:
        key = (requires, cues)
        chosen_text = self._texts.get(key)
        if chosen_text is None:
            mask, masks = (1 << len(self.sentences)) - 1, self.masks
            for kinds in requires:
                either = 0
                for kind in kinds:
                    either |= masks.get(kind, 0)
                mask &= either
                if not mask:
                    break
            if cues and mask:
                mask = self._with_cue(mask, cues)
            sentences = self.sentences
            if mask.bit_length() > _SHORT_MASK:
                chosen = [sentences[i] for i in _indices(mask)]
            else:  # most documents: bit by bit is quickest
                chosen = []
                while mask:
                    low = mask & -mask
                    chosen.append(sentences[low.bit_length() - 1])
                    mask ^= low
            chosen_text = self._texts[key] = BOUNDARY.join(chosen)
        return chosen_text


_CONTEXT = frozenset({"year", "date", "year_range", "weekday"})  # values that set the scene
_FEW = 4  # sentences searched one by one when at most a quarter of them are candidates


# Masks of many thousand sentences are long integers: setting or clearing one bit at a
# time copies the whole integer (quadratic in a long text), so a long mask is built from,
# and read into, index lists through its binary text, in time linear in its length. A
# short one (most documents) is quicker bit by bit.
_SHORT_MASK = 4096


def _mask(indices: list[int], size: int) -> int:
    """The mask with the bits of ``indices`` set."""
    if size <= _SHORT_MASK:
        mask = 0
        for i in indices:
            mask |= 1 << i
        return mask
    bits = bytearray(b"0" * size)
    for i in indices:
        bits[size - 1 - i] = 49  # ord("1")
    return int(bits, 2)


def _indices(mask: int) -> list[int]:
    """The set bits of ``mask``, lowest first."""
    found = []
    if mask.bit_length() <= _SHORT_MASK:
        while mask:
            low = mask & -mask
            found.append(low.bit_length() - 1)
            mask ^= low
        return found
    bits = bin(mask)[:1:-1]  # least significant first
    at = bits.find("1")
    while at >= 0:
        found.append(at)
        at = bits.find("1", at + 1)
    return found


def _is_word_at(text: str, cue: str, at: int) -> bool:
    """``cue`` found at ``at`` is a word of its own (a cue of signs needs no word edge)."""
    end = at + len(cue)
    left_ok = not cue[0].isalnum() or not (at and text[at - 1].isalnum())
    right_ok = not cue[-1].isalnum() or not (end < len(text) and text[end].isalnum())
    return left_ok and right_ok


def _has_word(text: str, cue: str, start: int, end: int) -> bool:
    """``cue`` occurs as a word of its own within ``text[start:end]``."""
    at = text.find(cue, start, end)
    while at >= 0:
        if _is_word_at(text, cue, at):
            return True
        at = text.find(cue, at + len(cue), end)
    return False
