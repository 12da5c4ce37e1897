"""Claims: relations between mentions that a language pattern found in one sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mentions import Mention
from .patterns import BOUNDARY, PH_OPEN, PLACEHOLDER, CompiledPattern


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
    pattern: str
    fields: dict[str, Binding | list[Binding]]
    start: int
    end: int

    def bindings(self) -> list[Binding]:
        return _flatten(self.fields)


def extract(encoded: str, mentions: list[Mention], patterns: list[CompiledPattern],
            list_fields: dict[str, set[str]]) -> list[Claim]:
    """Every claim the patterns find, once each, in text order.

    ``list_fields`` names, per claim kind, the fields that hold a list.
    """
    claims: list[Claim] = []
    seen: set[tuple] = set()
    lowered = encoded.lower()
    candidates = _Candidates(encoded)
    for pattern in patterns:
        if pattern.cues and not any(cue in lowered for cue in pattern.cues):
            continue  # the cheap test first: most patterns' cue words are in few texts
        text = candidates.text(pattern.requires)
        if not text:
            continue
        many = list_fields.get(pattern.kind, set())
        for m in pattern.regex.finditer(text):
            captured: dict[str, list[int]] = {}
            for cap in pattern.captures:
                text = m.group(cap.group)
                if text is None:
                    continue
                if cap.is_list:
                    indices = [int(i) for k, i in PLACEHOLDER.findall(text) if k in cap.kinds]
                else:
                    indices = [int(text)]
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
                    implied = Mention("number", -1, -1, f"{number:g}", number, exact=True)
                    fields[field_name] = Binding(-1, None, implied, implied)
                key = (pattern.kind, tuple(sorted(
                    (name, tuple((b.index, b.part) for b in (v if isinstance(v, list) else [v])))
                    for name, v in fields.items())))
                if key in seen:
                    continue
                seen.add(key)
                owners = [b.owner for b in _flatten(fields) if b.index >= 0]
                claims.append(Claim(pattern.kind, pattern.id, fields,
                                    min(o.start for o in owners), max(o.end for o in owners)))
    claims = _without_subsumed(claims)
    claims.sort(key=lambda c: (c.start, c.end, c.kind))
    return claims


def _without_subsumed(claims: list[Claim]) -> list[Claim]:
    """Drop a claim whose lists are part of another claim's with the same single values:
    "410,000 TEU, of which 460,000 … and 20,000 …" is one claim, not also one with a
    one-item list."""
    def singles(c: Claim) -> tuple:
        return (c.kind, tuple(sorted((k, v.index, v.part) for k, v in c.fields.items() if not isinstance(v, list))))

    def items(c: Claim) -> set[tuple[str, int]]:
        return {(k, b.index) for k, v in c.fields.items() if isinstance(v, list) for b in v}

    kept = []
    for c in claims:
        mine = items(c)
        if mine and any(o is not c and singles(o) == singles(c) and mine < items(o) for o in claims):
            continue
        kept.append(c)
    return kept


class _Candidates:
    """The sentences a pattern can match in: those holding a value of every kind it needs.

    A pattern never crosses a sentence, so matching over just those sentences (joined
    by boundary marks) finds the same claims in a fraction of the text.
    """

    _KIND = re.compile(rf"{PH_OPEN}(\w+)#")

    def __init__(self, encoded: str):
        self.encoded = encoded
        self.sentences = encoded.split(BOUNDARY)
        self.masks: dict[str, int] = {}
        for i, sentence in enumerate(self.sentences):
            bit = 1 << i
            for kind in set(self._KIND.findall(sentence)):
                self.masks[kind] = self.masks.get(kind, 0) | bit
        self._texts: dict[tuple[frozenset[str], ...], str] = {}

    def text(self, requires: tuple[frozenset[str], ...]) -> str:
        if not requires:
            return self.encoded
        if requires not in self._texts:
            mask = (1 << len(self.sentences)) - 1
            for kinds in requires:
                either = 0
                for kind in kinds:
                    either |= self.masks.get(kind, 0)
                mask &= either
            chosen = []
            while mask:
                low = mask & -mask
                chosen.append(self.sentences[low.bit_length() - 1])
                mask ^= low
            self._texts[requires] = BOUNDARY.join(chosen)
        return self._texts[requires]


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
