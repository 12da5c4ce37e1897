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

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .mentions import Mention
from .patterns import PH_CLOSE, PH_OPEN

# A value placeholder, a word (with a possessive or elision: "January's"), or one sign.
_TOKEN = re.compile(rf"{PH_OPEN}(\w+)#(\d+){PH_CLOSE}|[^\W_]+(?:['’][^\W\d_]+)?|[^\w\s]")
_CONTEXT = frozenset({"year", "date", "year_range", "weekday"})  # values a marker may skip: "to 40 in 2021"

Phrase = tuple[str, ...]


def phrase(text: str) -> Phrase:
    """A marker or anchor as the tokens it must match (lower case)."""
    return tuple(m.group().lower() for m in _TOKEN.finditer(text))


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # the word or sign, lower-cased; "" for a value
    kind: str  # the value's mention kind; "" for a word
    index: int  # the value's mention index; -1 for a word
    capital: bool = False  # the word starts with a capital letter ("Sư đoàn 304": a name, not a count)


def tokenize(sentence: str) -> list[Token]:
    tokens = []
    for m in _TOKEN.finditer(sentence):
        if m.group(1) is not None:
            tokens.append(Token("", m.group(1), int(m.group(2))))
        else:
            word = m.group()
            tokens.append(Token(word.lower(), "", -1, word[:1].isupper()))
    return tokens


@dataclass(frozen=True, slots=True)
class Role:
    name: str
    kinds: frozenset[str]
    markers: tuple[Phrase, ...] = ()  # words right before a value that give it this role
    next: bool = False  # a value right after the anchor takes this role (when its kind fits)
    before: bool = False  # an unmarked value before the anchor may take this role (its subject)
    restated: bool = False  # a value restated after another restated role's value takes this one
    alternative: str | None = None  # when given by position alone, the value may be read as this role instead


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
    max_fillers: int = 3
    max_ratio: float = 100.0
    _first: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        first: dict[str, list[Phrase]] = {}
        for p in self.anchors:
            first.setdefault(p[0], []).append(p)
        object.__setattr__(self, "_first", {k: tuple(sorted(v, key=len, reverse=True)) for k, v in first.items()})

    @property
    def cues(self) -> tuple[str, ...]:
        """Words one of which a sentence must hold for the frame to open."""
        return tuple(sorted({" ".join(p) for p in self.anchors}))

    def anchors_in(self, tokens: list[Token]) -> Iterator[tuple[int, int, dict[str, float]]]:
        i = 0
        while i < len(tokens):
            blocked = next((p for p in self.not_anchors if _at(tokens, i, p)), None)
            if blocked is not None:
                i += len(blocked)
                continue
            for candidate in self._first.get(tokens[i].text, ()):
                if _at(tokens, i, candidate):
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


def _at(tokens: list[Token], at: int, p: Phrase) -> bool:
    if at < 0 or at + len(p) > len(tokens):
        return False
    for k, word in enumerate(p):  # most tries fail on the first word: no tuple built for them
        if tokens[at + k].text != word:
            return False
    return True


def read(frame: Frame, tokens: list[Token]) -> list[Reading]:
    """The readings of one sentence: one per clause the frame's anchors open."""
    anchors = _with_elided(frame, tokens, list(frame.anchors_in(tokens)))
    if not anchors:
        return []
    # a value right before an anchor is that anchor's ("a 36 pct drop", "25 pct up"), no other's
    owned = {start: _adjacent_before(frame, tokens, start) for start, _, _ in anchors}
    readings = []
    for (start, end, fields), window in zip(anchors, _windows(frame, tokens, anchors)):
        reading = Reading((start, end), fields, window)
        _assign(frame, tokens, reading, frozenset(v for a, v in owned.items() if a != start and v is not None))
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
                roles = {r.name for r in marked for j in range(i + 2, stop) for m in r.markers if _at(tokens, j, m)}
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
        hard = max((i for i in range(left, start) if tokens[i].text in frame.breaks or _opens(frame, tokens, i)),
                   default=-1)
        left = max(left, hard + 1)
        if k + 1 < len(anchors):
            nxt = anchors[k + 1][0]
            opener = max((i for i in range(end, nxt) if _opens(frame, tokens, i)), default=None)
            right = nxt if opener is None else opener
            for i in range(right - 1, end - 1, -1):
                if tokens[i].text in frame.breaks:
                    right = i
                    break
                if (tokens[i].text in frame.joins and any(t.index >= 0 for t in tokens[i + 1 : nxt])
                        and not any(_at(tokens, i + 1, p) for p in frame.restate)):
                    right = i
                    break
        else:
            right = next((i for i in range(end, len(tokens)) if tokens[i].text in frame.breaks), len(tokens))
        windows.append((left, right))
        left = right
    return windows


def _adjacent_before(frame: Frame, tokens: list[Token], start: int) -> int | None:
    """The value right before an anchor, with only filler words between ("a 0.6 pct increase")."""
    i = start - 1
    while i >= 0 and tokens[i].index < 0 and _is_filler(frame, tokens[i]):
        i -= 1
    return i if i >= 0 and tokens[i].index >= 0 and tokens[i].kind not in _CONTEXT else None


def _opens(frame: Frame, tokens: list[Token], at: int) -> bool:
    """A word that opens a clause of its own ("while", "although", "trong khi"): a frame never reaches back across it."""
    return any(_at(tokens, at, p) for p in frame.opens)


def _is_filler(frame: Frame, token: Token) -> bool:
    if token.index >= 0:
        return token.kind in _CONTEXT
    return token.text in frame.fillers or token.text.endswith(("'s", "’s"))


def _marker_before(frame: Frame, tokens: list[Token], at: int, left: int, markers: tuple[Phrase, ...],
                   fillers: int) -> bool:
    """One of ``markers`` ends right before ``at``, with at most ``fillers`` filler words between
    (and a bracket: "so với năm 2019 (1.100 tỷ đồng)")."""
    j = at
    for _ in range(fillers + 1):
        if any(j - len(m) >= left and _at(tokens, j - len(m), m) for m in markers):
            return True
        if j - 1 < left or not (_is_filler(frame, tokens[j - 1]) or (fillers and tokens[j - 1].text == "(")):
            return False
        j -= 1
    return False


def _bare_markers(frame: Frame, tokens: list[Token], reading: Reading) -> set[str]:
    """Roles whose marker stands after the anchor with no value: "giảm 85% so với cùng kỳ năm ngoái",
    "higher than the February, 1986, estimate". The clause names its own base, so it takes
    no value of that role from the clause before it."""
    bare = set()
    left, right = reading.window
    for role in frame.roles:
        if role.next or role.name in reading.roles:
            continue
        for i in range(reading.anchor[1], right):
            if any(_at(tokens, i, m) for m in role.markers):
                bare.add(role.name)
                break
    return bare


def _in_list(frame: Frame, tokens: list[Token], at: int, right: int) -> bool:
    """The value is one item of a list ("3 xã và 1 thị trấn"): a part, not an amount of its own."""
    j = at + 1
    while j < right and j <= at + 3 and tokens[j].index < 0 and tokens[j].text.isalpha():
        if tokens[j].text in frame.joins:
            return j + 1 < right and tokens[j + 1].index >= 0 and tokens[j + 1].kind == tokens[at].kind
        j += 1
    return False


def _assign(frame: Frame, tokens: list[Token], reading: Reading, others: frozenset[int] = frozenset()) -> None:
    """Give each value of the reading's clause its role; ``others`` are values that belong to
    another anchor ("compared with a 0.6 pct increase": the 0.6 is that increase's)."""
    left, right = reading.window
    start, end = reading.anchor
    values = [i for i in range(left, right)
              if tokens[i].index >= 0 and not start <= i < end and tokens[i].kind not in _CONTEXT
              and not (i > 0 and tokens[i - 1].text in frame.not_after) and not _in_list(frame, tokens, i, right)]
    taken: dict[int, str] = {}

    def take(i: int, roles: Iterable[Role], positional: bool = False) -> bool:
        for role in roles:
            if role.name not in reading.roles and tokens[i].kind in role.kinds:
                reading.roles[role.name] = i
                taken[i] = role.name
                if positional:
                    reading.positional.add(role.name)
                return True
        return False

    restating = {t for p in frame.restate for t in p}  # "giảm tương đương 9 triệu": a restatement word is no role
    own = _adjacent_before(frame, tokens, start)  # "a 0.6 pct increase": the increase's, whatever marks it
    marked = {i: [r for r in frame.roles if r.markers and _marker_before(frame, tokens, i, left, r.markers,
                                                                          frame.max_fillers)] for i in values}
    # restatements: "2 USD, tương đương 1%", "9.7 billion, or 14.2 pct", "60% (900 xe)"
    pairs = {i: p for i in values if (p := _restates(frame, tokens, i, left)) is not None and p in values}
    after = next((i for i in range(end, right)
                  if tokens[i].index >= 0 or not (_is_filler(frame, tokens[i]) or tokens[i].text in restating)), None)
    # after the anchor, a value that nothing places ends the clause: "790, down 6.2 pct, American
    # Honda 7,447 compared with 5,031": the 5,031 is Honda's, not the 790's
    for i in (v for v in values if v >= end):
        if i != after and not marked[i] and i not in pairs and i not in pairs.values():
            values = [v for v in values if v < i]
            break
    # 1. a marker names the role
    for i in values:
        if i not in taken and i not in others and i != own:
            take(i, marked[i])
    # 2. the value right after the anchor ("rose 5%") takes the role its kind suits; so does a
    #    percentage right before it ("25 pct up") or a restated pair ("9.7 billion, or 14.2 pct, higher")
    before = next((i for i in range(start - 1, left - 1, -1)
                   if tokens[i].index >= 0 or not _is_filler(frame, tokens[i])), None)
    if before is not None and tokens[before].text == "," and (before - 1) in pairs:
        before -= 1
    for near in (after, before):
        if near is not None and near in values and near not in taken and near not in others:
            take(near, (r for r in frame.roles if r.next), positional=True)
    # 3. one value of a restated pair taken, the other takes the other restated role
    #    ("fell from 7,613 to 6,630, or 12.9%": a percentage restating a value is the change)
    restated = {r.name for r in frame.roles if r.restated}
    for later, earlier in pairs.items():
        for i, other in ((later, earlier), (earlier, later)):
            role_of_other = taken.get(other)
            if i in taken or role_of_other is None:
                continue
            if role_of_other in restated or (i == later and tokens[i].kind == "percent"):
                if take(i, (r for r in frame.roles if r.restated)):
                    reading.restated |= {taken[i], role_of_other}
    # 4. an unmarked value before the anchor is its subject
    for i in sorted((v for v in values if v < start and v not in taken and v not in others), reverse=True):
        if sum(1 for t in tokens[i + 1 : start] if t.index < 0 or t.kind not in _CONTEXT) <= _SUBJECT:
            take(i, (r for r in frame.roles if r.before))


def _restates(frame: Frame, tokens: list[Token], at: int, left: int) -> int | None:
    """The value a restatement before ``at`` refers to: "2 USD, tương đương 1%", "5% (40 xe)"."""
    j = at
    for _ in range(frame.max_fillers + 2):
        for marker in frame.restate:
            n = len(marker)
            if j - n >= left and _at(tokens, j - n, marker):
                k, words = j - n - 1, 0
                while k >= left and tokens[k].index < 0:  # "3,2 điểm, tương đương": a unit word may stand between
                    if tokens[k].text not in (",", "(", "/"):  # "29 USD/oz (2,3%)"
                        words += 1
                        if words > 2 or not tokens[k].text.isalpha():
                            return None
                    k -= 1
                return k if k >= left else None
        if j - 1 < left or tokens[j - 1].index >= 0 or not (_is_filler(frame, tokens[j - 1]) or tokens[j - 1].text in "(,"):
            return None
        j -= 1
    return None


_SUBJECT = 6  # tokens at most between a subject ("412 mln euros in July, down 8 pct") and its anchor
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
            near = len(between) <= _NEAR and not any((t.index >= 0 and t.kind not in _CONTEXT) or t.text in frame.breaks
                                                     for t in between)
            own_base = _bare_markers(frame, tokens, reading) & set(last.roles)
            opened = _opens(frame, tokens, reading.window[0]) or (reading.window[0] > 0
                                                                   and _opens(frame, tokens, reading.window[0] - 1))
            independent = _adjacent_before(frame, tokens, reading.anchor[0]) is not None  # "and a 36 pct drop"
            apart = own_base or opened or independent or last.fields != reading.fields
            if near and not apart and not set(last.roles) & set(reading.roles):
                last.roles.update(reading.roles)
                last.positional |= reading.positional
                last.restated |= reading.restated
                last.window = (last.window[0], reading.window[1])
                continue
            if last.window[1] == reading.window[0] and not _opens(frame, tokens, reading.window[0]):
                for role in frame.inherit:
                    if role not in reading.roles and role in last.roles:
                        reading.roles[role] = last.roles[role]
        out.append(reading)
    return out


def same_unit(a: Mention, b: Mention) -> bool:
    """Two values measured alike: both percentages, or amounts whose units (when both have one) agree."""
    if (a.kind == "percent") != (b.kind == "percent"):
        return False
    if a.kind == "percent":
        return a.unit == b.unit
    if a.unit and b.unit:
        return a.unit == b.unit
    return True


def _same_scale(a: Mention, b: Mention, ratio: float) -> bool:
    x, y = abs(float(a.value or 0)), abs(float(b.value or 0))
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
