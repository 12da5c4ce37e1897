"""Breakdowns: a total and its parts, read around the cue words that announce them.

"có 25 tổ chức, gồm 11 đảng bộ và 14 chi bộ"; "2.452 mẫu, trong đó 1.569 ..., 16 ...,
867 ..."; "690 trường hợp (Hà Nam: 521, Hà Nội: 73, ...)"; "49 lần, ... 18 lần, tổng
cộng là 67 lần"; "took $28.5m, making a total of $204.3m"; "trong số 3.000 bài thi có
200 bài". A cue says where the total stands (before it, after it, or right after it
with the parts following) and whether the list it opens is the whole ("gồm",
"comprising", a colon) or some of it ("trong đó", "including").

The parts are the values of the total's kind and unit that follow (or precede) the
cue in the sentence, leaving out what belongs to something else: percentages, dates
and years, a conversion in brackets after a part, a count of another noun ("900 nhà,
gồm 700 nhà thuộc 35 khu": the 35 are zones) when the other parts share the total's.
Where the list can be read several ways, arithmetic decides between readings, as the
text itself would: the parts that add up to the total exactly are its parts, and a
list announced as partial that adds up exactly is complete. A breakdown is wrong only
when no reading adds up (the rules say how exactly).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Iterator

from .tokens import Phrase, Token, amount, at_phrase, same_unit, starting, unit
from .value_types import Mention

_SKIP = frozenset({"percent", "year", "date", "year_range", "weekday", "fraction", "duration"})
_MAX_SEARCH = 12  # candidate parts searched for a subset that adds up (2^12 sums at most)


@dataclass(frozen=True, slots=True)
class Cue:
    words: Phrase
    # where the total stands: "before" the cue (parts after it), "after" it (parts before), "first" after
    # it (parts after the total), or at the "end" of the list, right before the cue ("... $184m in total")
    total: str
    complete: bool  # the list is the whole (gồm, comprising) or may be some of it (trong đó, including)
    closes: str = ""  # the sign that ends the list ("(" … ")")
    exact: bool = False  # read only when the parts add up exactly (a bracket may hold a conversion or choices)
    near: int = 0  # the parts stand at most this many tokens from the cue ("13 wins in the top 20"; 0: anywhere)


@dataclass(frozen=True)
class Breakdown:
    id: str
    cues: tuple[Cue, ...]
    kinds: frozenset[str]
    complete_kind: str
    partial_kind: str
    stops: tuple[Phrase, ...] = ()  # a value after these words is not a part: "so với", "from", "số"
    not_totals: tuple[Phrase, ...] = ()  # nor a total: "from 22" (an old value)
    ends: tuple[Phrase, ...] = ()  # words that end a list of parts: "while", "trong khi"
    separators: frozenset[str] = frozenset({",", ";"})  # what stands between the items of a list
    reach: int = 12  # tokens at most between a total and its cue
    fractions: bool = False  # a fraction written in words ("five of the nine") is a part of its whole
    slack: float = 0.25  # a complete list off by more than this share of its total is not read as one

    _cues: dict[str, tuple[Cue, ...]] = field(default_factory=dict, repr=False)
    _ends: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_words = {c.words: c for c in self.cues}
        object.__setattr__(self, "_cues", {w: tuple(by_words[p] for p in ps)
                                           for w, ps in starting(by_words).items()})
        object.__setattr__(self, "_ends", starting(self.ends))

    @property
    def cue_words(self) -> tuple[str, ...]:
        return tuple(sorted({" ".join(c.words) for c in self.cues}))

    def cue_at(self, tokens: list[Token], at: int) -> Cue | None:
        return next((c for c in self._cues.get(tokens[at].text, ()) if at_phrase(tokens, at, c.words)), None)

    def ends_at(self, tokens: list[Token], at: int) -> bool:
        return any(at_phrase(tokens, at, e) for e in self._ends.get(tokens[at].text, ()))


@dataclass
class Found:
    kind: str
    total: int  # mention index
    parts: list[int]  # mention indices


def fractions(breakdown: Breakdown, mentions: list[Mention]) -> Iterator[Found]:
    """A fraction written in words states a part of a whole: "won five of the nine tournaments".
    (A fraction written with a slash may be an achieved/target pair, "154,66/95": not read.)"""
    if not breakdown.fractions:
        return
    for index, m in enumerate(mentions):
        if m.kind == "fraction" and m.parts and any(c.isalpha() for c in m.text):
            part, whole = amount(m.parts["part"]), amount(m.parts["whole"])
            if 0 < part <= whole:  # "in 1986 of 698 mln": a year and an amount, no fraction
                yield Found(breakdown.partial_kind, index, [index])


def read(breakdown: Breakdown, tokens: list[Token], mentions: list[Mention]) -> Iterator[Found]:
    """Every breakdown of one sentence, one per cue that finds a total and two or more parts (one
    for a partial list)."""
    i = 0
    while i < len(tokens):
        cue = breakdown.cue_at(tokens, i)
        if cue is None:
            i += 1
            continue
        end = i + len(cue.words)
        found = _around(breakdown, cue, tokens, mentions, i, end)
        if found is not None:
            yield found
        i = end


def _around(breakdown: Breakdown, cue: Cue, tokens: list[Token], mentions: list[Mention], start: int, end: int
            ) -> Found | None:
    if cue.total == "before":
        total = _nearest_before(breakdown, tokens, start)
        candidates = _parts_after(breakdown, cue, tokens, end, total, mentions)
    elif cue.total == "first":
        total = _first_after(breakdown, tokens, end)
        candidates = [] if total is None else _parts_after(breakdown, cue, tokens, total + 1, total, mentions)
    elif cue.total == "end":  # "... $38.1m on its opening weekend and $184m in total": the total ends the list
        total = _nearest_before(breakdown, tokens, start)
        candidates = [] if total is None else _parts_before(breakdown, tokens, total, total, mentions)
    else:  # "after": the parts came first ("18 lần, tổng cộng 67 lần"), or follow ("tổng cộng 24 máy, tầng trệt 6 máy")
        total = _first_after(breakdown, tokens, end)
        candidates = [] if total is None else _parts_before(breakdown, tokens, start, total, mentions)
        if cue.near:
            candidates = [p for p in candidates if start - p <= cue.near]
        if total is not None and not candidates and not cue.near:
            candidates = _parts_after(breakdown, cue, tokens, total + 1, total, mentions)
    if total is None:
        return None
    whole = mentions[tokens[total].index]
    value = amount(whole)
    parts = [p for p in candidates if _fits(mentions[tokens[p].index], whole, cue.complete)
             and 0 < amount(mentions[tokens[p].index]) < value]
    parts = _same_noun(tokens, total, parts, 2)
    if not parts or (cue.complete and len(parts) < 2):
        return None
    return _reading(breakdown, cue, tokens, mentions, total, parts)


def _fits(part: Mention, total: Mention, complete: bool) -> bool:
    """A part is measured as its total: both bare counts, or both in one unit ("1.500 ha, trong đó
    900 ha"); a unit on the part only is another quantity ("3 phiên bản ... 975 triệu đồng"), and so
    is a bare part of a total in a unit, unless the list is partial ("24 cents ... a final of 13")."""
    if not same_unit(part, total):
        return False
    return bool(unit(part)) == bool(unit(total)) or (not complete and not unit(part))


def _unnumbered_items(breakdown: Breakdown, tokens: list[Token], parts: list[int]) -> bool:
    """The list has items without a number ("hai thành phố Thanh Hóa và Sầm Sơn, thị xã Bỉm Sơn cùng
    24 huyện"): two or more of its items, between separators, hold no value at all."""
    if len(parts) < 2:
        return False
    depth, empty, has_value, words = 0, 0, False, False
    for token in tokens[parts[0] : parts[-1] + 1]:
        depth += (token.text == "(") - (token.text == ")")
        if depth == 0 and token.text in breakdown.separators:
            empty += words and not has_value  # ", và" is one separator, not an item between two
            has_value = words = False
        elif token.index >= 0:
            has_value = True
        else:
            words = True
    return empty >= 2 or (empty >= 1 and len(parts) == 2)


def _reading(breakdown: Breakdown, cue: Cue, tokens: list[Token], mentions: list[Mention], total: int,
             parts: list[int]) -> Found | None:
    """The reading the numbers bear out: the parts as listed, or the ones among them that add up."""
    value = amount(mentions[tokens[total].index])
    numbers = [amount(mentions[tokens[p].index]) for p in parts]
    index = [tokens[p].index for p in parts]
    whole = tokens[total].index
    slack = sum(_half_unit(mentions[i]) for i in (whole, *index))  # "79,3 + 82 = 161,28": each is rounded
    if _adds_up(sum(numbers), value, slack) and len(numbers) >= 2:
        return Found(breakdown.complete_kind, whole, index)
    exact = _subset_adding_up(numbers, value, slack)
    if exact is not None and len(exact) >= 2:
        return Found(breakdown.complete_kind, whole, [index[k] for k in exact])
    if (cue.exact and len(parts) > 1) or _unnumbered_items(breakdown, tokens, parts):
        return None  # (one part of a whole is no list whose groups may overlap)
    if cue.complete:
        # far off, the list is more likely incomplete or mixed with other counts than wrong
        near = abs(sum(numbers) - value) <= breakdown.slack * value
        return Found(breakdown.complete_kind, whole, index) if near else None
    # some of the parts: those that count what the total counts, when any does ("903 container,
    # trong đó 544 container ... 77 ôtô")
    kept = _same_noun(tokens, total, parts, 1)
    return Found(breakdown.partial_kind, whole, [tokens[p].index for p in kept])


def _half_unit(m: Mention) -> float:
    number = m.value.as_number()
    return 0.0 if number is None or number.exact else number.precision / 2


def _adds_up(a: float, b: float, slack: float = 0.0) -> bool:
    return abs(a - b) <= slack + 1e-9 * max(1.0, abs(b))


def _subset_adding_up(numbers: list[float], total: float, slack: float) -> tuple[int, ...] | None:
    """The largest set of the numbers (in order) that adds up to the total, within their rounding."""
    count = min(len(numbers), _MAX_SEARCH)
    for size in range(count, 1, -1):
        for chosen in itertools.combinations(range(count), size):
            if _adds_up(sum(numbers[k] for k in chosen), total, slack):
                return chosen
    return None


def _is_candidate(breakdown: Breakdown, tokens: list[Token], at: int, stops: bool = True) -> bool:
    token = tokens[at]
    if token.index < 0 or token.kind in _SKIP or token.kind not in breakdown.kinds:
        return False
    following = tokens[at + 1] if at + 1 < len(tokens) else None
    counts = following is not None and (following.index >= 0 or following.text.isalpha())
    if token.kind == "number" and at > 1 and tokens[at - 1].capital and tokens[at - 1].index < 0 and not counts:
        return False  # a name: "Sư đoàn 304,", "Cổ Nhuế 2,", "BN 2899 (" (but "ông Trump 49 lần", "Có 18 CCN" count)
    return not stops or not any(at - len(s) >= 0 and at_phrase(tokens, at - len(s), s) for s in breakdown.stops)


def _ends(breakdown: Breakdown, tokens: list[Token], at: int) -> bool:
    return breakdown.ends_at(tokens, at)


def _nearest_before(breakdown: Breakdown, tokens: list[Token], start: int) -> int | None:
    """The total of a cue: the nearest value of its kinds before it, over percentages and dates
    ("161,28 tỷ USD, tăng 20,7% so với cùng kỳ; trong đó")."""
    for at in range(start - 1, max(-1, start - 1 - breakdown.reach), -1):
        if (tokens[at].index >= 0 and tokens[at].kind in breakdown.kinds and _is_candidate(breakdown, tokens, at, False)
                and not any(at_phrase(tokens, at - len(p), p) for p in breakdown.not_totals)):
            return at
        if _ends(breakdown, tokens, at):
            return None
    return None


def _first_after(breakdown: Breakdown, tokens: list[Token], end: int) -> int | None:
    """The total right after its cue ("bringing total cost savings to £100m")."""
    for at in range(end, min(len(tokens), end + 6)):
        if _is_candidate(breakdown, tokens, at, stops=False):
            return at
        if tokens[at].index >= 0 and tokens[at].kind not in _SKIP:
            return None
    return None


def _parts_after(breakdown: Breakdown, cue: Cue, tokens: list[Token], start: int, total: int | None,
                 mentions: list[Mention]) -> list[int]:
    """Values after a cue up to the end of the list: the sentence's end, a closing bracket, the next
    cue; a bracket after a part holds its conversion or its own breakdown, not parts."""
    parts: list[int] = []
    depth = 0
    at = start
    while at < len(tokens):
        token = tokens[at]
        if cue.closes and token.text == cue.closes and depth == 0:
            break
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and (_ends(breakdown, tokens, at) or breakdown.cue_at(tokens, at) is not None):
            if at > start:
                break
        elif depth == 0 and _is_candidate(breakdown, tokens, at):
            parts.append(at)
        at += 1
    return parts


def _parts_before(breakdown: Breakdown, tokens: list[Token], start: int, total: int,
                  mentions: list[Mention]) -> list[int]:
    parts: list[int] = []
    depth = 0
    for at in range(start - 1, -1, -1):
        token = tokens[at]
        if token.text == ")":
            depth += 1
        elif token.text == "(":
            depth -= 1
        elif _ends(breakdown, tokens, at) or breakdown.cue_at(tokens, at) is not None:
            break
        elif depth == 0 and _is_candidate(breakdown, tokens, at):
            parts.append(at)
    if not parts:  # "(vốn vay 9,9 tỷ đồng và lãi 3,9 tỷ đồng), tổng cộng 13,8 tỷ đồng": the bracket holds them
        close = next((i for i in range(start - 1, max(-1, start - 3), -1) if tokens[i].text == ")"), None)
        if close is not None:
            opening = max((i for i in range(close) if tokens[i].text == "("), default=None)
            if opening is not None:
                parts = [i for i in range(opening + 1, close) if _is_candidate(breakdown, tokens, i)][::-1]
    return parts[::-1]


def _noun(tokens: list[Token], at: int) -> str:
    nxt = tokens[at + 1] if at + 1 < len(tokens) else None
    return nxt.text if nxt is not None and nxt.index < 0 and nxt.text.isalpha() else ""


def _same_noun(tokens: list[Token], total: int, parts: list[int], enough: int) -> list[int]:
    """Leave out a count of another noun when ``enough`` parts count what the total counts
    ("1.579 nhà, gồm 1.273 nhà thuộc 76 khu ... và 306 nhà": the 76 are zones; "903 container,
    trong đó 544 container ... 77 ôtô": a partial list keeps the containers)."""
    noun = _noun(tokens, total)
    if not noun:
        return parts
    same = [p for p in parts if _noun(tokens, p) == noun]
    return same if len(same) >= enough else parts
