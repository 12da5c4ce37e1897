"""Frames: claims read by the roles their words announce, in any order within a clause.

A fixed pattern reads one word order. Journalists write a change as "rose 5% to 40
from 38", "40, up 5% from 38", "tăng 5% so với 38, đạt 40", "a 5% rise to 40 from
38" or "rose 2, or 5%, to 40". A frame reads them all: an **anchor** word opens it
("rose", "up", "tăng", with the fields it implies, such as the direction), and each
value of the clause takes the **role** its **marker** announces ("from", "so với" →
the old value; "to", "đạt", "lên" → the new one; "by" → the change). A value right
after the anchor takes the role its kind suits (a percentage: the change in percent;
an amount: the change in units), a value restated after "or", "tương đương" or a
bracket takes the other of the two, and a value before the anchor may be its subject
("40, up 5%": the new value). The claims a frame emits are the kinds whose fields its
roles fill.

Where the words allow two readings ("up 23,600 to 27,700": up *by* 23,600, or up
*from* it), the frame gives both, as readings of one claim group: the relation is
wrong only if no reading holds (checking/analysis.py).

Everything a language says is data in its pack (``frames:`` in rules/lang/*.yaml):
the anchors, the markers of each role, the filler words a marker may skip, the words
that end a clause. This module only knows how to read roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from .roles import adjacent_before, assign, bare_markers, opens, same_subject
from .tokens import CONTEXT, Phrase, Token, amount, at_phrase, same_unit, starting
from .value_types import Mention


# A value placeholder, a word (with a possessive or elision: "January's"), or one sign.
@dataclass(frozen=True)
class Role:
    name: str
    kinds: frozenset[str]
    markers: tuple[Phrase, ...] = ()  # words right before a value that give it this role
    next: bool = False  # a value right after the anchor takes this role (when its kind fits)
    before: bool = False  # an unmarked value before the anchor may take this role (its subject)
    restated: bool = False  # a value restated after another restated role's value takes this one
    alternative: str | None = None  # when given by position alone, the value may be read as this role instead
    ending: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:  # markers by their last word: the word before a value is looked up once
        last: dict[str, list[Phrase]] = {}
        for m in self.markers:
            last.setdefault(m[-1], []).append(m)
        object.__setattr__(self, "ending", {k: tuple(v) for k, v in last.items()})


@dataclass(frozen=True, slots=True)
class Emit:
    kind: str
    roles: tuple[str, ...]  # in the kind's field order (the order a finding shows its spans in)


@dataclass(frozen=True)
class Frame:
    """A frame compiled from its pack's data (see loading/schema.py FrameSpec for each field)."""

    id: str
    anchors: dict[Phrase, dict[str, float]]  # anchor phrase → the fields it implies
    roles: tuple[Role, ...]
    emits: tuple[Emit, ...]
    restate: tuple[Phrase, ...] = ()
    fillers: frozenset[str] = frozenset()
    breaks: frozenset[str] = frozenset()
    joins: frozenset[str] = frozenset()
    inherit: tuple[str, ...] = ()
    same_unit: tuple[str, ...] = ()
    same_scale: tuple[str, ...] = ()
    not_after: frozenset[str] = frozenset()
    not_anchors: tuple[Phrase, ...] = ()  # phrases holding an anchor word that open nothing: "up to"
    opens: tuple[Phrase, ...] = ()  # words that open a clause of its own: "while", "trong khi"
    continues: frozenset[str] = frozenset()  # words after an opener that keep the subject: "but were up"
    max_fillers: int = 3
    max_ratio: float = 100.0
    _first: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, repr=False)

    _opens: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, repr=False)
    _blocks: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_first", starting(self.anchors))
        object.__setattr__(self, "_opens", starting(self.opens))
        # a not-anchor matters only where an anchor could start: "up to" under "up"
        object.__setattr__(self, "_blocks", starting(p for p in self.not_anchors))

    @property
    def cues(self) -> tuple[str, ...]:
        """Words one of which a sentence must hold for the frame to open."""
        return tuple(sorted({" ".join(p) for p in self.anchors}))

    def anchors_in(self, tokens: list[Token]) -> Iterator[tuple[int, int, dict[str, float]]]:
        i, n, first, blocks = 0, len(tokens), self._first, self._blocks
        while i < n:
            word = tokens[i].text
            candidates = first.get(word)
            if candidates is None:  # nearly every word: one lookup
                i += 1
                continue
            blocked = next((p for p in blocks.get(word, ()) if at_phrase(tokens, i, p)), None)
            if blocked is not None:
                i += len(blocked)
                continue
            for candidate in candidates:
                if at_phrase(tokens, i, candidate):
                    yield i, i + len(candidate), self.anchors[candidate]
                    i += len(candidate)
                    break
            else:
                i += 1


Roles = dict[str, int]  # role → token position


@dataclass
class Reading:
    """One frame's roles in one clause, and the other ways its words may be read."""

    anchor: tuple[int, int]
    fields: dict[str, float]
    window: tuple[int, int]
    roles: Roles = field(default_factory=dict)
    positional: set[str] = field(default_factory=set)  # roles given by position alone, not by a marker
    restated: set[str] = field(default_factory=set)  # roles whose value the text restates ("2 USD (1%)")

    def alternatives(self, frame: Frame) -> list[Roles]:
        """The readings of this clause: its own, then one per role that may be read otherwise."""
        readings = [dict(self.roles)]
        for role in frame.roles:
            if (role.alternative and role.name in self.positional and role.name not in self.restated
                    and role.alternative not in self.roles):
                other = dict(self.roles)
                other[role.alternative] = other.pop(role.name)
                readings.append(other)
        return readings


def read(frame: Frame, tokens: list[Token]) -> list[Reading]:
    """The readings of one sentence: one per clause the frame's anchors open."""
    anchors = _with_elided(frame, tokens, list(frame.anchors_in(tokens)))
    if not anchors:
        return []
    # a value right before an anchor is that anchor's ("a 36 pct drop", "25 pct up"), no other's
    owned = {start: adjacent_before(frame, tokens, start) for start, _, _ in anchors}
    readings = []
    for (start, end, fields), window in zip(anchors, _windows(frame, tokens, anchors)):
        reading = Reading((start, end), fields, window)
        assign(frame, tokens, reading, frozenset(v for a, v in owned.items() if a != start and v is not None))
        readings.append(reading)
    return _joined(frame, tokens, readings)


def _with_elided(frame: Frame, tokens: list[Token], anchors: list[tuple[int, int, dict[str, float]]]
                 ) -> list[tuple[int, int, dict[str, float]]]:
    """Anchors and the changes that leave theirs out: "rose 14 pct to 538 from 472 and 22 pct
    year-to-date to 1.15 billion from 944 mln" states a second rise after "and", with a
    percentage and markers but no verb; it reads as if the anchor before it were repeated."""
    if not anchors:
        return anchors
    marked = [r for r in frame.roles if not r.next and r.markers]
    out = []
    for k, (start, end, fields) in enumerate(anchors):
        out.append((start, end, fields))
        stop = anchors[k + 1][0] if k + 1 < len(anchors) else len(tokens)
        for i in range(end, stop - 1):
            if tokens[i].text in frame.joins and tokens[i].text.isalpha() and tokens[i + 1].kind == "percent":
                # both other values marked after it ("to 1.15 billion from 944 mln"): else "2.1% from 2.8%"
                # is a new value and its old one, not a change
                roles = {r.name for r in marked for j in range(i + 2, stop) for m in r.markers if at_phrase(tokens, j, m)}
                if len(roles) >= 2:
                    out.append((i + 1, i + 1, fields))
                break
    return out


def _windows(frame: Frame, tokens: list[Token], anchors: list[tuple[int, int, dict[str, float]]]
             ) -> list[tuple[int, int]]:
    """The clause each anchor reads: from the break or join before it to the one before the next anchor
    (a join followed by a restatement, "…, or 2 pct", parts nothing)."""
    windows = []
    left = 0
    for k, (start, end, _) in enumerate(anchors):
        hard = max((i for i in range(left, start) if tokens[i].text in frame.breaks or opens(frame, tokens, i)),
                   default=-1)
        left = max(left, hard + 1)
        if k + 1 < len(anchors):
            nxt = anchors[k + 1][0]
            opener = max((i for i in range(end, nxt) if opens(frame, tokens, i)), default=None)
            right = nxt if opener is None else opener
            for i in range(right - 1, end - 1, -1):
                if tokens[i].text in frame.breaks:
                    right = i
                    break
                if (tokens[i].text in frame.joins and any(t.index >= 0 for t in tokens[i + 1 : nxt])
                        and not any(at_phrase(tokens, i + 1, p) for p in frame.restate)):
                    right = i
                    break
        else:
            right = next((i for i in range(end, len(tokens)) if tokens[i].text in frame.breaks), len(tokens))
        windows.append((left, right))
        left = right
    return windows


_NEAR = 8  # tokens between one clause's last value and the next anchor, for the two to be one change


def _joined(frame: Frame, tokens: list[Token], readings: list[Reading]) -> list[Reading]:
    """A clause that only completes the one right before it ("giảm từ 50 xuống 45, giảm 10%")
    joins it; a clause without a role the one before had takes it ("rose to 24, up 3% from 23")."""
    out: list[Reading] = []
    for reading in readings:
        if out:
            last = out[-1]
            last_value = max(last.roles.values(), default=last.anchor[1] - 1)
            between = tokens[last_value + 1 : min(reading.window[0], reading.anchor[0])]
            near = len(between) <= _NEAR and not any((t.index >= 0 and t.kind not in CONTEXT) or t.text in frame.breaks
                                                     for t in between)
            own_base = bare_markers(frame, tokens, reading) & set(last.roles)
            opened = opens(frame, tokens, reading.window[0]) or (reading.window[0] > 0
                                                                   and opens(frame, tokens, reading.window[0] - 1))
            independent = adjacent_before(frame, tokens, reading.anchor[0]) is not None  # "and a 36 pct drop"
            apart = own_base or opened or independent or last.fields != reading.fields
            if near and not apart and not set(last.roles) & set(reading.roles):
                last.roles.update(reading.roles)
                last.positional |= reading.positional
                last.restated |= reading.restated
                last.window = (last.window[0], reading.window[1])
                continue
            opener = next((i for i in range(last.window[1], reading.window[0] + 1) if opens(frame, tokens, i)), None)
            adjacent = reading.window[0] - last.window[1] <= 1
            if adjacent and (opener is None or same_subject(frame, tokens, reading, opener)):
                for role in frame.inherit:
                    if role not in reading.roles and role in last.roles:
                        reading.roles[role] = last.roles[role]
        out.append(reading)
    return out


def _same_scale(a: Mention, b: Mention, ratio: float) -> bool:
    x, y = abs(amount(a)), abs(amount(b))
    return min(x, y) > 0 and max(x, y) / min(x, y) <= ratio


def emitted(frame: Frame, reading: Reading, tokens: list[Token], mentions: list[Mention]
            ) -> Iterator[tuple[str, dict[str, int], dict[str, float], bool]]:
    """(kind, field → mention index, implied fields, primary?) for each way to read the clause:
    the first kind, in the frame's order, whose roles that reading fills (the fullest)."""
    first = True
    for roles in reading.alternatives(frame):
        chosen = {role: tokens[position].index for role, position in roles.items()}
        units = [mentions[chosen[r]] for r in frame.same_unit if r in chosen]
        if any(not same_unit(a, b) for a, b in zip(units, units[1:])):
            continue
        scales = [mentions[chosen[r]] for r in frame.same_scale if r in chosen]
        if any(not _same_scale(a, b, frame.max_ratio) for a, b in zip(scales, scales[1:])):
            continue
        for emit in frame.emits:
            if all(role in chosen for role in emit.roles):
                yield emit.kind, {role: chosen[role] for role in emit.roles}, reading.fields, first
                first = False
                break
