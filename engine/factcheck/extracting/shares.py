"""Shares: percentages of one whole, read as a list wherever they stand in a sentence.

"nông nghiệp chiếm 45,2%, công nghiệp 38,5% và dịch vụ 16,3%"; "63% supported a ban
compared with 24% against"; "40% ..., 40% khác ..., 20% còn lại"; "Group is 60 pct owned
by A and 40 pct by B". Only the first share of a list may carry a cue word, and the
shares may stand far apart. What makes percentages shares of one whole, and not
percentages of different bases or changes, is what the words around them say:

- a **cue** before a share ("chiếm", "accounted for"): the shares so marked, and those
  listed right after them, split one whole unless they name different wholes ("chiếm
  60% dân số và 70% GDP", "60% of women ..., 39% of men");
- **answers** of different sides ("ủng hộ" / "phản đối", "in favour" / "against"), or
  an answer that stands bare after its share ("..., while 63%, disagreed"): the
  answers to one question;
- the **rest** ("25% còn lại", "the remaining 45%") or a list announced as the whole
  ("gồm", "comprising"): the shares cover the whole, and must add up to 100 %;
- without any of these, a plain list of percentages is read only when it adds up to
  100 % within the rounding of its items (arithmetic says it is a split of one whole).

Left out: percentages that a change reads ("tăng 5%", "rose 5%"), a share of a share
("trong số đó", "of them"), and the percentages of a list that name different wholes.
Paired shares ("21.0 pct against 21.5 pct, B 16.5 pct against 17.3 pct") are two
lists: one per side. Where the rest is given but the list does not add up, the shares
of the sentence that do add up with the rest are read ("73% ..., chỉ với 10% ..., 27%
còn lại": the 10 % is a share within the 73 %).

Every word is data in the language packs (``shares:`` in rules/lang/*.yaml).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from .tokens import Phrase, Token, amount, unit
from .tokens import at_phrase as _at
from .value_types import Mention

if TYPE_CHECKING:
    from .claims import Claim

_DESCRIBING = frozenset({"number", "year", "date", "year_range", "weekday", "duration"})  # may stand in a list
_TIMES = frozenset({"year", "date"})
_SIGNS = frozenset({",", ";", ":", "(", ")", ".", "!", "?", "…", "-", "–"})
_TAIL = 8  # tokens after a share in which its answer or its whole may be named
_BARE = 2  # words at most between a share and an answer that stands bare after it
_MAX_SEARCH = 10  # shares searched for a subset that adds up with the rest
GAP = "…"  # in a cue, up to _GAP_WORDS words
_GAP_WORDS = 3


@dataclass(frozen=True)
class ShareReader:
    """Shares of one whole, compiled from a pack's ``shares:`` entry (loading/schema.py ShareSpec)."""

    id: str
    cues: tuple[Phrase, ...]
    follows: tuple[Phrase, ...]
    answers: dict[Phrase, str]  # answer phrase → its side (favour, against, neither)
    rest: tuple[Phrase, ...]
    others: tuple[Phrase, ...]
    wholes: tuple[Phrase, ...]
    versus: tuple[Phrase, ...]
    joins: tuple[Phrase, ...]
    bases: tuple[Phrase, ...]
    apart: tuple[Phrase, ...]
    stops: tuple[Phrase, ...]
    fillers: frozenset[str] = frozenset()
    share_of: frozenset[str] = frozenset()  # claim kinds that read a percentage as a share of their values
    not_shares: frozenset[str] = frozenset()  # claim kinds that read a percentage as something else (a change)
    reach: int = 16
    complete_kind: str = "shares_complete"
    partial_kind: str = "shares"
    _answers_by_first: dict[str, tuple[Phrase, ...]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        first: dict[str, list[Phrase]] = {}
        for p in self.answers:
            first.setdefault(p[0], []).append(p)
        object.__setattr__(self, "_answers_by_first",
                           {k: tuple(sorted(v, key=len, reverse=True)) for k, v in first.items()})


@dataclass
class _Share:
    at: int  # token position
    index: int  # mention index
    cued: bool = False
    follows: bool = False  # a word continues a split before it: "leaving ITV1 with 13%"
    side: str | None = None  # the answer it gives
    bare: bool = False  # the answer stands alone after it: "63%, disagreed"
    rest: bool = False
    aside: bool = False  # alone in brackets after a name ("Hàn Quốc (96,7%)"): that one's own figure
    words: tuple[str, ...] = ()  # the words right after it
    # the whole it names: its words (one tuple), or the values another claim reads it as a share of
    base: frozenset[tuple[str, ...]] | frozenset[int] = frozenset()


@dataclass
class Prior:
    """What the claims read before say about a document's percentages."""

    shares_of: dict[int, set[int]]  # a percentage read as a share of stated values → those values
    taken: set[int]  # percentages read as something else (a change)


def prior(reader: ShareReader, mentions: list[Mention], claims: list[Claim]) -> Prior:
    read_as: dict[int, set[int]] = {}
    taken: set[int] = set()
    for claim in claims:
        indices = {b.index for b in claim.bindings() if b.index >= 0}
        if claim.kind in reader.share_of:
            for i in indices:
                if mentions[i].kind == "percent":
                    read_as.setdefault(i, set()).update(indices - {i})
        elif claim.kind in reader.not_shares:
            taken |= indices
    return Prior(read_as, taken)


def read(reader: ShareReader, tokens: list[Token], mentions: list[Mention], before: Prior
         ) -> Iterator[tuple[str, list[int]]]:
    """(kind, mention indices) for each list of shares of one whole in the sentence; ``before``
    says which percentages earlier claims read (see prior())."""
    shares = _shares(reader, tokens, mentions, before)
    if len(shares) < 2:
        return
    for run in _runs(reader, tokens, shares):
        said = _said(reader, tokens, run)
        for series in _series(reader, tokens, run):
            found = _decide(reader, mentions, series, shares, said)
            if found is not None:
                yield found


def _shares(reader: ShareReader, tokens: list[Token], mentions: list[Mention], before: Prior) -> list[_Share]:
    """The percentages of the sentence that may be shares, with what the words around them say."""
    found = []
    for at, token in enumerate(tokens):
        if token.kind != "percent" or token.index in before.taken or unit(mentions[token.index]) != "%":
            continue
        if _ends_before(tokens, at, reader.stops) and not _ends_before(tokens, at, reader.versus + reader.joins):
            continue  # "rose 5%", but "compared to 41%"
        share = _Share(at, token.index, cued=_ends_before(tokens, at, reader.cues),
                       follows=_ends_before(tokens, at, reader.follows),
                       rest=_ends_before(tokens, at, reader.rest),
                       aside=_at(tokens, at - 1, ("(",)) and _at(tokens, at + 1, (")",)))
        tail = _tail(reader, tokens, at)
        _read_tail(reader, tokens, share, tail)
        if token.index in before.shares_of:
            share.base = frozenset(before.shares_of[token.index])
        found.append(share)
    return found


def _ends_before(tokens: list[Token], at: int, phrases: tuple[Phrase, ...]) -> bool:
    """One of ``phrases`` ends right before ``at``; "…" in a phrase stands for up to three words
    ("leaving … with": "leaving ITV1 with 13%")."""
    if at == 0:
        return False
    for p in _by_last_word(phrases).get(tokens[at - 1].text, ()):
        if GAP not in p:
            if _at(tokens, at - len(p), p):
                return True
            continue
        cut = p.index(GAP)
        head, tail = p[:cut], p[cut + 1 :]
        end = at - len(tail)
        if _at(tokens, end, tail) and any(_at(tokens, end - k - len(head), head) and _words(tokens, end - k, end)
                                          for k in range(_GAP_WORDS + 1)):
            return True
    return False


@lru_cache(maxsize=64)
def _by_last_word(phrases: tuple[Phrase, ...]) -> dict[str, tuple[Phrase, ...]]:
    """The phrases by their last word: the one word to look at before a value."""
    found: dict[str, list[Phrase]] = {}
    for p in phrases:
        found.setdefault(p[-1], []).append(p)
    return {word: tuple(ps) for word, ps in found.items()}


def _words(tokens: list[Token], start: int, end: int) -> bool:
    return all(t.index < 0 and t.text not in _SIGNS for t in tokens[start:end])


def _tail(reader: ShareReader, tokens: list[Token], at: int) -> range:
    """The words after a share, up to the next sign, value or joining word: "46% người phản đối các
    chuyến thăm"."""
    end = at + 1
    while (end < len(tokens) and end <= at + _TAIL and tokens[end].index < 0 and tokens[end].text not in _SIGNS
           and (not any(_at(tokens, end, j) for j in reader.joins) or any(_at(tokens, end, r) for r in reader.rest))):
        end += 1  # "30% còn lại": "còn" joins two clauses, but "còn lại" is the rest
    return range(at + 1, end)


def _read_tail(reader: ShareReader, tokens: list[Token], share: _Share, tail: range) -> None:
    """The answer, the rest and the whole that the words after a share name."""
    words = share.words = tuple(tokens[i].text for i in tail)
    if not words and _at(tokens, tail.stop, (",",)):
        _bare_after_comma(reader, tokens, share, tail.stop + 1)
    if words in reader.versus and tail.stop < len(tokens) and tokens[tail.stop].kind == "percent":
        share.words = ()
        return  # "21.0 pct against 21.5 pct": what follows is the share's other value
    marker = next((b for b in reader.bases if words[: len(b)] == b), None)
    if marker is not None:
        named = tuple(w for w in words[len(marker):] if w not in reader.fillers)[:2]
        if not named and tail.stop < len(tokens) and tokens[tail.stop].index >= 0:
            share.base = frozenset({tokens[tail.stop].index})  # "trong số 76.000 học sinh"
        else:
            share.base = frozenset({named})
    for k in range(len(words)):
        if share.side is None:
            for p in reader._answers_by_first.get(words[k], ()):
                if words[k : k + len(p)] == p:
                    share.side = reader.answers[p]
                    share.bare = k <= _BARE and k + len(p) == len(words) and _clause_ends(reader, tokens, tail.stop)
                    break
        if marker is not None:
            continue  # "70% tại các khu vực còn lại": the rest of the places its whole names, not of the shares
        if any(words[k : k + len(p)] == p for p in reader.rest):
            share.rest = True
        if k and any(words[k : k + len(p)] == p for p in reader.others):
            share.rest = True  # "4% các tư thế khác"; right after the share, "40% khác" is another 40 %


def _bare_after_comma(reader: ShareReader, tokens: list[Token], share: _Share, start: int) -> None:
    """ "while 63%, disagreed": an answer set off by a comma, and nothing else."""
    rest = _tail(reader, tokens, start - 1)
    words = tuple(tokens[i].text for i in rest)
    side = reader.answers.get(words)
    if side is not None and _clause_ends(reader, tokens, rest.stop):
        share.side, share.bare = side, True


def _clause_ends(reader: ShareReader, tokens: list[Token], at: int) -> bool:
    return at >= len(tokens) or tokens[at].text in _SIGNS or any(_at(tokens, at, j) for j in reader.joins)


def _runs(reader: ShareReader, tokens: list[Token], shares: list[_Share]) -> Iterator[list[_Share]]:
    """The lists of the sentence: shares that follow each other closely, or that a cue word marks."""
    run = [shares[0]]
    for share in shares[1:]:
        if _joins(reader, tokens, run, share):
            run.append(share)
        else:
            yield _named(run)
            run = [share]
    yield _named(run)


def _named(run: list[_Share]) -> list[_Share]:
    """After a share verb, the words that follow each share of its list name that share's whole:
    "chiếm 90% GDP và 80% kim ngạch" (two wholes), "chiếm 71,4% tổng nợ, ... chiếm 25,7% tổng nợ" (one)."""
    if run[0].cued:
        for share in run:
            if not share.base and share.words:
                share.base = frozenset({share.words[:2]})
    return run


def _joins(reader: ShareReader, tokens: list[Token], run: list[_Share], share: _Share) -> bool:
    last = run[-1]
    depth, words, values = 0, 0, 0
    for i in range(last.at + 1, share.at):
        token = tokens[i]
        if depth == 0 and any(_at(tokens, i, p) for p in reader.apart):
            return False  # "trong số đó", "of them": a share of a share begins
        if token.kind == "percent":
            return False  # a percentage read as something else stands between
        if token.kind in _TIMES and any(t.text in (",", ";") for t in tokens[max(last.at, i - 2) : i]):
            return False  # "chiếm 1,1% ...; năm 2003, con số này là 2,2%": the share at another time
        if depth == 0 and token.text == ";" and last.cued and last.words:
            return False  # "chiếm 36% tổng số đại biểu; ... chiếm 28% tổng số đại biểu": two statements
        depth += (token.text == "(") - (token.text == ")")
        if depth == 0 and token.index >= 0 and token.kind not in _DESCRIBING:
            values += 1  # an amount of its own ("với 2.547,9 tỷ đồng"); a count may describe the share
        elif depth == 0 and token.text not in _SIGNS:
            words += 1
    if share.aside and any(s.cued for s in run):
        return False  # "chiếm 92%, ... sau Hàn Quốc (96,7%)": another's figure, not a share of this whole
    if share.cued and any(s.cued for s in run):
        return True  # "chiếm 71,4% ..., B với 2.547,9 tỷ đồng chiếm 25,7%"
    return values == 0 and words <= reader.reach


def _series(reader: ShareReader, tokens: list[Token], run: list[_Share]) -> list[list[_Share]]:
    """A list of pairs ("A 21.0 pct against 21.5 pct, B 16.5 pct against 17.3 pct") is two lists:
    the shares now and the shares then; any other list is one."""
    pairs = [k for k in range(len(run) - 1) if _versus_between(reader, tokens, run[k].at, run[k + 1].at)]
    if len(pairs) >= 2 and len(run) == 2 * len(pairs) and pairs == list(range(0, len(run), 2)):
        return [run[0::2], run[1::2]]
    return [run]


def _versus_between(reader: ShareReader, tokens: list[Token], a: int, b: int) -> bool:
    words = tuple(t.text for t in tokens[a + 1 : b] if t.text not in ("(", ","))
    return words in reader.versus


@dataclass(frozen=True, slots=True)
class _Said:
    """What the words of a list say about it."""

    complete: bool  # the rest is named, or the list is announced as the whole
    split: bool  # a cue marks its shares, or they answer one question
    uneven: bool = False  # marked by a cue, some shares name a whole and others not


def _said(reader: ShareReader, tokens: list[Token], run: list[_Share]) -> _Said:
    sides = {s.side for s in run if s.side is not None}
    # "30% said ... while 63%, disagreed": a bare answer against answers the other share's question
    answered = len(sides) >= 2 or any(s.bare and s.side == "against" for s in run)
    marked = run[0].cued or sum(s.cued for s in run) >= 2 or any(s.follows for s in run[1:])
    complete = any(s.rest for s in run[1:]) or _ends_before_skipping(reader, tokens, run[0].at, reader.wholes)
    named = [any(isinstance(b, tuple) for b in s.base) for s in run]
    # "nữ chiếm 52% tổng số đại biểu, người dân tộc chiếm 31% và đại biểu trẻ chiếm 27%": the whole
    # named once, first, may be the first share's only (the groups may overlap); named last
    # ("chiếm 15% và 11% thị phần"), or by every share, it is the list's
    uneven = run[0].cued and any(named) and not all(named) and not (named[-1] and not any(named[:-1]))
    return _Said(complete, (marked and not uneven) or answered)


def _decide(reader: ShareReader, mentions: list[Mention], series: list[_Share], everything: list[_Share],
            said: _Said) -> tuple[str, list[int]] | None:
    """The claim a list makes: the shares cover the whole when its words say so or its numbers add up
    to 100; they are shares of one whole when its words say so; else the list is not read."""
    if any(s.rest for s in series[1:]) or (len(series) == 1 and series[0].rest):
        parts = _with_the_rest(mentions, series, everything)
        if parts is None or _different_wholes(parts):
            return None
        return reader.complete_kind, [s.index for s in parts]
    if len(series) < 2 or _different_wholes(series):
        return None
    indices = [s.index for s in series]
    if said.complete or _adds_to_100(mentions, indices, strict=True):
        return reader.complete_kind, indices
    return (reader.partial_kind, indices) if said.split else None


def _ends_before_skipping(reader: ShareReader, tokens: list[Token], at: int, phrases: tuple[Phrase, ...]) -> bool:
    """One of ``phrases`` ends before ``at``, with filler words between ("gồm khoảng 60%")."""
    j = at
    while True:
        if _ends_before(tokens, j, phrases):
            return True
        if j == 0 or tokens[j - 1].index >= 0 or tokens[j - 1].text not in reader.fillers:
            return False
        j -= 1


def _different_wholes(series: list[_Share]) -> bool:
    """Two shares name different wholes: "60% of women ..., 39% of men" (or are read as shares of
    different values: "9.056 hộ (chiếm 16,54%); ... 7.434 cơ sở (chiếm 11,7%)")."""
    named = [s.base for s in series if s.base]
    return any(not (a & b) for a, b in itertools.combinations(named, 2))


def _half_unit(m: Mention) -> float:
    return (m.value.stated_precision() or 0.0) / 2


def _adds_to_100(mentions: list[Mention], indices: list[int], strict: bool = False) -> bool:
    """The shares add up to 100 within the rounding of each (``strict``: not only at its edge,
    so that two whole percentages adding up to 99 are not taken for a split of one whole)."""
    total = sum(amount(mentions[i]) for i in indices)
    slack = sum(_half_unit(mentions[i]) for i in indices)
    gap = abs(total - 100)
    return gap < slack if strict and slack else gap <= slack + 1e-9


def _with_the_rest(mentions: list[Mention], series: list[_Share], everything: list[_Share]) -> list[_Share] | None:
    """The shares the rest completes: the list, or else the shares of the sentence before the rest that
    add up to 100 with it ("khoảng 70% trong số 76.000 học sinh ..., 30% còn lại"). A list of two or
    more that adds up with nothing is read as it is (and is wrong); a rest alone is not read."""
    if _adds_to_100(mentions, [s.index for s in series]):
        return series
    rest = [s for s in series if s.rest][-1]
    before = [s for s in everything if s.at < rest.at][-_MAX_SEARCH:]
    for size in range(len(before), 0, -1):
        for chosen in itertools.combinations(before, size):
            if _adds_to_100(mentions, [s.index for s in (*chosen, rest)]):
                return [*chosen, rest]
    return series if len(series) >= 2 else None
