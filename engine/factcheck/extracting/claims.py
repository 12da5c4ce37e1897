"""Claims: relations between mentions that a language pattern found in one sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .breakdowns import Breakdown
from .breakdowns import fractions as breakdown_fractions
from .breakdowns import read as read_breakdown
from .candidates import Candidates
from .frames import Frame, emitted, read
from .named_ratios import NamedRatio
from .named_ratios import read as read_named_ratio
from .patterns import BOUNDARY, PH_OPEN, PLACEHOLDER, CompiledPattern
from .ratios import RatioReader
from .ratios import read as read_ratios
from .shares import ShareReader, prior
from .shares import read as read_shares
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
    candidates = Candidates(encoded)
    groups = 0
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
                fields.update(_implied(pattern.constants))
                # words read several ways ("4 ngày, từ 30/4 đến 3/5": with both end days or without) are one group
                for k, numbers in enumerate(pattern.readings):
                    _add(claims, seen, pattern.kind, pattern.id, {**fields, **_implied(numbers)}, groups, k == 0,
                         tuple(sorted(numbers.items())))
                groups += len(pattern.readings) > 0
                if not pattern.readings:
                    _add(claims, seen, pattern.kind, pattern.id, fields)
    for frame in frames:
        for sentence in candidates.with_cue(frame.cues):
            tokens = candidates.tokens(sentence)
            for reading in read(frame, tokens):
                readings = list(emitted(frame, reading, tokens, mentions))
                group = groups if len(readings) > 1 else -1
                groups += len(readings) > 1
                for kind, indices, implied, primary in readings:
                    read_fields: dict[str, Binding | list[Binding]] = {
                        name: Binding(i, None, mentions[i], mentions[i]) for name, i in indices.items()}
                    read_fields.update(_implied(implied))
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


def _read_ratios(ratios: Sequence[RatioReader], candidates: Candidates, mentions: list[Mention],
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


def _read_shares(shares: Sequence[ShareReader], candidates: Candidates, mentions: list[Mention],
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


def _implied(numbers: dict[str, float]) -> dict[str, Binding | list[Binding]]:
    """Fields the phrasing implies ("doubled": a factor of 2): numbers with no span."""
    out: dict[str, Binding | list[Binding]] = {}
    for name, number in numbers.items():
        constant = Mention("number", -1, -1, f"{number:g}", Number(number, 0.0, True, 1.0))
        out[name] = Binding(-1, None, constant, constant)
    return out


def _add(claims: list[Claim], seen: set[tuple], kind: str, source: str,
         fields: dict[str, Binding | list[Binding]], group: int = -1, primary: bool = True,
         reading: tuple[tuple[str, float], ...] = ()) -> None:
    """Keep a claim unless the same kind binds the same values already (two phrasings, one claim);
    ``reading`` tells apart the readings of one match, which differ only in what they imply."""
    key = (kind, reading, tuple(sorted((name, tuple((b.index, b.part) for b in (v if isinstance(v, list) else [v])))
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
