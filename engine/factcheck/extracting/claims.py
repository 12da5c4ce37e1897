"""Claims: relations between mentions that a language pattern found in one sentence."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Sequence

from .breakdowns import Breakdown
from .breakdowns import fractions as breakdown_fractions
from .breakdowns import read as read_breakdown
from .frames import Frame, emitted, read
from .named_ratios import NamedRatio
from .named_ratios import read as read_named_ratio
from .patterns import BOUNDARY, PH_OPEN, PLACEHOLDER, CompiledPattern
from .ratios import RatioReader
from .ratios import read as read_ratios
from .shares import ShareReader, prior
from .shares import read as read_shares
from .tokens import Token, tokenize
from .value_types import Mention, Number


@dataclass(slots=True)
class Binding:
    """A claim field's value: a mention, or a part of one (a fraction's numerator)."""

    index: int  # the mention's index in the document; -1 for a number the phrasing implies
    part: str | None
    mention: Mention  # the bound value itself (the part, when ``part`` is set)
    owner: Mention  # the whole mention, whose span reports show


@dataclass(slots=True)
class Claim:
    kind: str
    pattern: str  # the pattern or frame that read it
    fields: dict[str, Binding | list[Binding]]
    start: int
    end: int
    group: int = -1  # claims of one group are readings of the same words: wrong only if none holds
    primary: bool = True  # the group's first reading (whose finding is reported)

    def bindings(self) -> list[Binding]:
        return _flatten(self.fields)


def extract(encoded: str, mentions: list[Mention], patterns: list[CompiledPattern],
            list_fields: dict[str, frozenset[str]], frames: Sequence[Frame] = (),
            breakdowns: Sequence[Breakdown] = (), ratios: Sequence[RatioReader] = (),
            shares: Sequence[ShareReader] = (), named_ratios: Sequence[NamedRatio] = ()) -> list[Claim]:
    """Every claim the patterns, frames and readers find, once each, in text order.

    ``list_fields`` names, per claim kind, the fields that hold a list. Ratios and shares
    are read last: they leave out the values the others read.
    """
    claims: list[Claim] = []
    seen: set[tuple] = set()
    candidates = _Candidates(encoded)
    for pattern in patterns:
        text = candidates.text(pattern.requires, pattern.cues)
        if not text:
            continue
        many = list_fields.get(pattern.kind, frozenset())
        for m in pattern.regex.compiled.finditer(text):
            captured: dict[str, list[int]] = {}
            for cap in pattern.captures:
                value = m.group(cap.group)
                if value is None:
                    continue
                if cap.is_list:
                    indices = [int(i) for k, i in PLACEHOLDER.findall(value) if k in cap.kinds]
                else:
                    indices = [int(value)]
                captured.setdefault(cap.name, []).extend(indices)
            fields: dict[str, Binding | list[Binding]] = {}
            for field_name, (capture, part) in pattern.bindings.items():
                indices = captured.get(capture, [])
                bound = [_bind(mentions, i, part) for i in indices]
                bound = [b for b in bound if b is not None]
                if not bound:
                    break
                fields[field_name] = bound if field_name in many else bound[0]
            else:
                for field_name, number in pattern.constants.items():
                    implied = Mention("number", -1, -1, f"{number:g}", Number(number, 0.0, True, 1.0))
                    fields[field_name] = Binding(-1, None, implied, implied)
                _add(claims, seen, pattern.kind, pattern.id, fields)
    groups = 0
    for frame in frames:
        for sentence in candidates.with_cue(frame.cues):
            tokens = candidates.tokens(sentence)
            for reading in read(frame, tokens):
                readings = list(emitted(frame, reading, tokens, mentions))
                group = groups if len(readings) > 1 else -1
                groups += len(readings) > 1
                for kind, indices, constants, primary in readings:
                    read_fields: dict[str, Binding | list[Binding]] = {
                        name: Binding(i, None, mentions[i], mentions[i]) for name, i in indices.items()}
                    for name, number in constants.items():
                        constant = Mention("number", -1, -1, f"{number:g}", Number(number, 0.0, True, 1.0))
                        read_fields[name] = Binding(-1, None, constant, constant)
                    _add(claims, seen, kind, frame.id, read_fields, group, primary)
    for breakdown in breakdowns:
        for found in breakdown_fractions(breakdown, mentions):  # the fraction's whole and part
            fraction = mentions[found.total]
            pieces = fraction.parts or {}
            _add(claims, seen, found.kind, breakdown.id, {
                "total": Binding(found.total, "whole", pieces["whole"], fraction),
                "parts": [Binding(found.total, "part", pieces["part"], fraction)]})
        for sentence in candidates.with_cue(breakdown.cue_words):
            for found in read_breakdown(breakdown, candidates.tokens(sentence), mentions):
                _add(claims, seen, found.kind, breakdown.id,
                     {"total": Binding(found.total, None, mentions[found.total], mentions[found.total]),
                      "parts": [Binding(i, None, mentions[i], mentions[i]) for i in found.parts]})
    groups = _read_ratios(ratios, candidates, mentions, claims, seen, groups)
    for named in named_ratios:
        for sentence in candidates.with_cue(named.cue_words):
            for indices in read_named_ratio(named, candidates.tokens(sentence), mentions):
                _add(claims, seen, named.kind, named.id,
                     {name: Binding(i, None, mentions[i], mentions[i]) for name, i in indices.items()})
    _read_shares(shares, candidates, mentions, claims, seen)
    claims = _without_subsumed(claims)
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    return claims


def _read_ratios(ratios: Sequence[RatioReader], candidates: _Candidates, mentions: list[Mention],
                 claims: list[Claim], seen: set[tuple], groups: int) -> int:
    """Ratios, each with its candidate wholes as the readings of one group; returns the groups used."""
    for reader in ratios:
        sentences = candidates.text(_RATIO_KINDS, reader.cue_words)
        if not sentences:
            continue
        taken = {b.index for c in claims for b in c.bindings() if b.index >= 0 and mentions[b.index].kind == "percent"}
        for sentence in sentences.split(BOUNDARY):
            if _unread_percents(sentence, taken) < 1:
                continue
            for readings in read_ratios(reader, candidates.tokens(sentence), mentions, taken):
                group = groups if len(readings) > 1 else -1
                groups += len(readings) > 1
                for k, (part, whole, pct) in enumerate(readings):
                    _add(claims, seen, reader.kind, reader.id,
                         {name: Binding(i, None, mentions[i], mentions[i])
                          for name, i in (("part", part), ("whole", whole), ("pct", pct))}, group, k == 0)
    return groups


def _read_shares(shares: Sequence[ShareReader], candidates: _Candidates, mentions: list[Mention],
                 claims: list[Claim], seen: set[tuple]) -> None:
    for reader in shares:
        sentences = [s for s in candidates.text(_SHARE_KINDS, ()).split(BOUNDARY) if s.count(_PERCENT) >= 2]
        if not sentences:
            continue
        before = prior(reader, mentions, claims)
        for sentence in sentences:
            if _unread_percents(sentence, before.taken) < 2:
                continue  # most are changes ("tăng 5%, giảm 3%"): no list to read
            for kind, parts in read_shares(reader, candidates.tokens(sentence), mentions, before):
                _add(claims, seen, kind, reader.id, {"parts": [Binding(i, None, mentions[i], mentions[i]) for i in parts]})


def _unread_percents(sentence: str, taken: set[int]) -> int:
    """How many percentages of the sentence no claim has read yet (counted without tokenizing it)."""
    return sum(1 for m in _PERCENT_INDEX.finditer(sentence) if int(m.group(1)) not in taken)


_RATIO_KINDS = (frozenset({"percent"}), frozenset({"number", "money", "quantity"}))
_SHARE_KINDS = (frozenset({"percent"}),)
_PERCENT_INDEX = re.compile(rf"{PH_OPEN}percent#(\d+)")
_PERCENT = f"{PH_OPEN}percent#"


def _add(claims: list[Claim], seen: set[tuple], kind: str, source: str,
         fields: dict[str, Binding | list[Binding]], group: int = -1, primary: bool = True) -> None:
    """Keep a claim unless the same kind binds the same values already (two phrasings, one claim)."""
    key = (kind, tuple(sorted((name, tuple((b.index, b.part) for b in (v if isinstance(v, list) else [v])))
                              for name, v in fields.items())))
    if key in seen:
        return
    seen.add(key)
    owners = [b.owner for b in _flatten(fields) if b.index >= 0]
    claims.append(Claim(kind, source, fields, min(o.start for o in owners), max(o.end for o in owners), group, primary))


def _without_subsumed(claims: list[Claim]) -> list[Claim]:
    """Drop a claim whose lists are part of another claim's with the same single values:
    "410,000 TEU, of which 460,000 … and 20,000 …" is one claim, not also one with a
    one-item list."""
    # A claim can only be subsumed by one that holds its list items, so each claim is
    # compared with the claims sharing its first item (one sentence's few, since a
    # pattern never crosses a sentence), not with every claim of the document.
    items: dict[int, frozenset[tuple[str, int]]] = {}  # of the claims with lists: most have none
    holding: dict[tuple[str, int], list[int]] = {}
    for i, c in enumerate(claims):
        mine = frozenset((k, b.index) for k, v in c.fields.items() if isinstance(v, list) for b in v)
        if mine:
            items[i] = mine
            for item in mine:
                holding.setdefault(item, []).append(i)
    if not items:
        return claims

    def singles(i: int) -> tuple[object, ...]:
        c = claims[i]
        return (c.kind, tuple(sorted((k, v.index, v.part) for k, v in c.fields.items() if not isinstance(v, list))))

    dropped: set[int] = set()
    for i, mine in items.items():
        others = [o for o in holding[min(mine)] if o != i and mine < items[o]]
        if others and any(singles(o) == singles(i) for o in others):
            dropped.add(i)
    return [c for i, c in enumerate(claims) if i not in dropped]


class _Candidates:
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
        self._texts: dict[tuple, str] = {}
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


def _bind(mentions: list[Mention], index: int, part: str | None) -> Binding | None:
    owner = mentions[index]
    if part is None:
        return Binding(index, None, owner, owner)
    sub = (owner.parts or {}).get(part)
    return Binding(index, part, sub, owner) if sub is not None else None


def _flatten(fields: dict[str, Binding | list[Binding]]) -> list[Binding]:
    out: list[Binding] = []
    for value in fields.values():
        out.extend(value if isinstance(value, list) else [value])
    return out
