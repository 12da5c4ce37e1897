"""How a frame gives each value of a clause its role (see frames.py for what a frame is).

In order: a marker right before a value names its role ("from 38": the old value); the
value right after the anchor (or a percentage right before it) takes the role its kind
suits; a value restated after "or", "tương đương" or a bracket takes the other restated
role; an unmarked value shortly before the anchor is its subject. A value that nothing
places, after the anchor, ends the clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .tokens import CONTEXT, Phrase, Token, at_phrase

if TYPE_CHECKING:
    from .frames import Frame, Reading, Role

_SUBJECT = 6  # tokens at most between a subject ("412 mln euros in July, down 8 pct") and its anchor


def adjacent_before(frame: Frame, tokens: list[Token], start: int) -> int | None:
    """The value right before an anchor, with only filler words between ("a 0.6 pct increase")."""
    i = start - 1
    while i >= 0 and tokens[i].index < 0 and _is_filler(frame, tokens[i]):
        i -= 1
    return i if i >= 0 and tokens[i].index >= 0 and tokens[i].kind not in CONTEXT else None


def opens(frame: Frame, tokens: list[Token], at: int) -> bool:
    """A word that opens a clause of its own ("while", "although", "trong khi"): a frame never reaches back across it."""
    return any(at_phrase(tokens, at, p) for p in frame._opens.get(tokens[at].text, ()))


def same_subject(frame: Frame, tokens: list[Token], reading: Reading, opener: int) -> bool:
    """After "but", "while" …, only words that go on with the same subject before the anchor
    ("… slid 28.9 pct to 9.99 billion but were up 19.7 pct over …": the same exports)."""
    between = tokens[opener + 1 : reading.anchor[0]]
    return all(t.index < 0 and t.text in frame.continues for t in between)


def _is_filler(frame: Frame, token: Token) -> bool:
    if token.index >= 0:
        return token.kind in CONTEXT
    return token.text in frame.fillers or token.text.endswith(("'s", "’s"))


def _marker_before(frame: Frame, tokens: list[Token], at: int, left: int, markers: dict[str, tuple[Phrase, ...]],
                   fillers: int) -> bool:
    """One of ``markers`` (by their last word) ends right before ``at``, with at most ``fillers``
    filler words between (and a bracket: "so với năm 2019 (1.100 tỷ đồng)")."""
    j = at
    for _ in range(fillers + 1):
        if j - 1 >= left and any(j - len(m) >= left and at_phrase(tokens, j - len(m), m)
                                 for m in markers.get(tokens[j - 1].text, ())):
            return True
        if j - 1 < left or not (_is_filler(frame, tokens[j - 1]) or (fillers and tokens[j - 1].text == "(")):
            return False
        j -= 1
    return False


def bare_markers(frame: Frame, tokens: list[Token], reading: Reading) -> set[str]:
    """Roles whose marker stands after the anchor with no value: "giảm 85% so với cùng kỳ năm ngoái",
    "higher than the February, 1986, estimate". The clause names its own base, so it takes
    no value of that role from the clause before it."""
    bare = set()
    left, right = reading.window
    for role in frame.roles:
        if role.next or role.name in reading.roles:
            continue
        for i in range(reading.anchor[1], right):
            if any(at_phrase(tokens, i, m) for m in role.markers):
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


def assign(frame: Frame, tokens: list[Token], reading: Reading, others: frozenset[int] = frozenset()) -> None:
    """Give each value of the reading's clause its role; ``others`` are values that belong to
    another anchor ("compared with a 0.6 pct increase": the 0.6 is that increase's)."""
    left, right = reading.window
    start, end = reading.anchor
    values = [i for i in range(left, right)
              if tokens[i].index >= 0 and not start <= i < end and tokens[i].kind not in CONTEXT
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
    own = adjacent_before(frame, tokens, start)  # "a 0.6 pct increase": the increase's, whatever marks it
    marked = {i: [r for r in frame.roles if r.markers and _marker_before(frame, tokens, i, left, r.ending,
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
        if sum(1 for t in tokens[i + 1 : start] if t.index < 0 or t.kind not in CONTEXT) <= _SUBJECT:
            take(i, (r for r in frame.roles if r.before))


def _restates(frame: Frame, tokens: list[Token], at: int, left: int) -> int | None:
    """The value a restatement before ``at`` refers to: "2 USD, tương đương 1%", "5% (40 xe)"."""
    j = at
    for _ in range(frame.max_fillers + 2):
        for marker in frame.restate:
            n = len(marker)
            if j - n >= left and at_phrase(tokens, j - n, marker):
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
