"""Stated figures: a number read with what it counts, whose it is and when.

"Đảng bộ huyện Bình Liêu có 2.340 đảng viên" states a figure: the number 2.340, its
*measure* (the words after it, "đảng viên"), its *owner* (the subject of its clause,
"Đảng bộ huyện Bình Liêu") and its *period* (a year, month or date in the sentence; the
publication's present when the text says "hiện nay", "this year"; nothing otherwise). A
figure is read only where its language's words say a thing has it: a cue right before the
number ("có", "với", "has", "with"), a measure that is a plain noun phrase (it ends at a
sign, another value or a word of the pack's ``ends``), and a sentence that compares nothing
(no "tăng", "so với", "rose", "compared with"). A sentence that dates itself two ways, or
only in part ("6 tháng đầu năm", "quarter"), gives no figure.

Two checks read figures: a figure stated twice in one document must agree (the same
measure of the same named owner for the same period: :func:`restatements`), and, when
facts are given, a figure must agree with the record (the facts package matches them).
The words are the language pack's (``rules/lang/<code>-figures.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .claims import Binding, Claim
from .patterns import BOUNDARY, PH_CLOSE, PH_OPEN
from .value_types import Date, Duration, Figure, Mention, Month, Value, Year, YearRange

#: The mention kinds a stated figure may be; a restated one is a count (a number).
FIGURE_KINDS = ("number", "money", "quantity", "percent")
#: What a claim made here says read it (explain shows it).
READER = "figures"


# A stated value followed by a word: where a figure may stand (the regex starts with a literal).
_CANDIDATE = re.compile(rf"{PH_OPEN}(?:{'|'.join(FIGURE_KINDS)})#(\d+){PH_CLOSE}[ \t]+(?=[^\W\d_])")
_TOKEN = re.compile(rf"{PH_OPEN}(\w+)#(\d+){PH_CLOSE}|([^\W_]+)|(\S)")
# A number of years and, a few words on in the same sentence, the years it covers:
# "10 năm thực hiện Nghị quyết 26 giai đoạn 2011-2020", "trong 10 năm 2011 - 2021".
_BETWEEN = rf"(?:[ \t(]+(?:[^\W_]+|{PH_OPEN}number#\d+{PH_CLOSE})){{0,8}}?"
_DURATION_RANGE = re.compile(rf"{PH_OPEN}duration#(\d+){PH_CLOSE}{_BETWEEN}[ \t(]+{PH_OPEN}year_range#(\d+){PH_CLOSE}")
_CLAUSE_SIGNS = frozenset(",;:()[]–—-\"“”'‘’")


class Phrases:
    """Words and phrases of one list, looked up by their first word (lower case)."""

    __slots__ = ("by_first",)

    def __init__(self, phrases: Iterable[str]):
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.lower().split())
            if words:
                by_first.setdefault(words[0], []).append(words)
        self.by_first = {w: tuple(sorted(set(p), key=len, reverse=True)) for w, p in by_first.items()}

    def starting_at(self, words: Sequence[str], i: int) -> int:
        """The length of the longest phrase at ``words[i:]`` (0 for none)."""
        for phrase in self.by_first.get(words[i], ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def ending_at(self, words: Sequence[str], end: int) -> int:
        """The length of the longest phrase ending right before ``words[end]`` (0 for none)."""
        best = 0
        for start in range(max(0, end - 4), end):
            n = self.starting_at(words, start) if words[start] in self.by_first else 0
            if n == end - start and n > best:
                best = n
        return best

    def first(self, words: Sequence[str]) -> int:
        """Where the first phrase of the list stands in ``words`` (len(words) when none does)."""
        for i, word in enumerate(words):
            if word in self.by_first and self.starting_at(words, i):
                return i
        return len(words)


@dataclass(frozen=True)
class FigureWords:
    """A language's words for reading figures, compiled from its pack's ``figures``."""

    cues: Phrases  # right before a figure: the subject has it (có, với, has, with)
    cue_ends: frozenset[str]  # the last word of each cue: most values have none of them right before
    ends: Phrases  # end the measure after a figure (và, của, trực thuộc, in, of)
    owners: Phrases  # nouns that, beside a capitalised name, name an owner (huyện, xã, district)
    present: Phrases  # the figure is of the publication's present (hiện nay, this year)
    undated: Phrases  # a time the text does not date, or part of a period: no figure (khi đó, quý, last year)
    changes: Phrases  # a change or comparison: no figure in the sentence (tăng, so với, rose, vs)
    parts: Phrases  # after these a figure is a part or a rate, not its owner's whole (trong đó, mỗi, of which, per)
    here: Phrases  # a subject that points at the article's own place (toàn huyện, the district)
    openers: frozenset[str]  # words that open a clause, left off its subject (và, còn, and, while)
    max_measure: int = 6
    max_subject: int = 10


@dataclass(slots=True)
class StatedFigure:
    """A figure the reader found: the number's mention index, the figure (a mention of kind
    ``figure`` over the same characters), its clause's subject as written, and the sentence
    it stands in (values as placeholders) with where that sentence starts in the encoded text."""

    index: int
    figure: Mention
    subject: str
    sentence: str
    at: int


@dataclass(slots=True)
class _Token:
    kind: str  # "v" a value, "w" a word, "s" a sign
    text: str
    low: str
    index: int = -1  # a value's mention


@dataclass(slots=True)
class _Sentence:
    tokens: list[_Token]
    lows: list[str]
    period: str | None  # None: the sentence dates itself two ways, or in part
    parts: list[int]  # where the words that make a figure a part stand
    subjects: dict[int, str] = field(default_factory=dict)  # subject of the figure at each token


def read_figures(encoded: str, mentions: list[Mention], words: FigureWords) -> list[StatedFigure]:
    """Every stated figure of a document, in text order (see the module's doc)."""
    found: list[StatedFigure] = []
    sentence: _Sentence | None = None
    text, sentence_at = "", -1
    for m in _CANDIDATE.finditer(encoded):
        at = m.start()
        tail = encoded[max(0, at - 16) : at].split()
        if not tail or tail[-1].lower() not in words.cue_ends:
            continue  # most values: no cue right before them
        before = encoded[max(0, at - 40) : at].lower().split()
        if not words.cues.ending_at(before, len(before)):
            continue
        start = encoded.rfind(BOUNDARY, 0, at) + 1
        if start != sentence_at:
            end = encoded.find(BOUNDARY, m.end())
            sentence_at, text = start, encoded[start : len(encoded) if end < 0 else end]
            sentence = _sentence(text, mentions, words)
        if sentence is None or sentence.period is None:
            continue
        index = int(m.group(1))
        figure = _figure(sentence, index, mentions, words)
        if figure is not None:
            found.append(StatedFigure(index, figure[0], figure[1], text, start))
    return found


def _sentence(text: str, mentions: list[Mention], words: FigureWords) -> _Sentence | None:
    """A sentence split into tokens, with the period it gives its figures (None when it
    compares things: no figure is read in it)."""
    tokens: list[_Token] = []
    for found in _TOKEN.finditer(text):
        if found.group(1):
            tokens.append(_Token("v", found.group(), "", int(found.group(2))))
        elif found.group(3):
            tokens.append(_Token("w", found.group(3), found.group(3).lower()))
        else:
            tokens.append(_Token("s", found.group(4), found.group(4)))
    lows = [t.low for t in tokens]
    if words.changes.first(lows) < len(lows):
        return None
    periods: set[str] = set()
    dated = True
    for t in tokens:
        if t.kind == "v" and mentions[t.index].kind not in FIGURE_KINDS:
            given = _period_of(mentions[t.index].value)
            if given is None:
                dated = False
            else:
                periods.add(given)
    if words.undated.first(lows) < len(lows) or len(periods) > 1:
        dated = False
    period: str | None = None
    if dated:
        period = next(iter(periods)) if periods else ("present" if words.present.first(lows) < len(lows) else "")
    parts = [i for i, low in enumerate(lows) if low in words.parts.by_first and words.parts.starting_at(lows, i)]
    return _Sentence(tokens, lows, period, parts)


def _period_of(value: Value) -> str | None:
    """The period a dating value gives ("2020", "2020-06", "2020-08-05"); None for one that
    is a stretch of time or has no year (a range, a duration, "30/4")."""
    if isinstance(value, Year):
        return str(value.year)
    if isinstance(value, Month) and value.year is not None:
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, Date) and value.year is not None and not value.year_assumed:
        return value.date().isoformat()
    return None  # a range, a duration, a weekday, a date without its year: not one period


def _figure(sentence: _Sentence, index: int, mentions: list[Mention],
            words: FigureWords) -> tuple[Mention, str] | None:
    """The figure at a value of the sentence (with its subject as written), or None."""
    tokens, lows = sentence.tokens, sentence.lows
    k = next((i for i, t in enumerate(tokens) if t.index == index), -1)
    cue = words.cues.ending_at(lows, k) if k >= 0 else 0
    if not cue:
        return None
    clause = max((i for i in range(k) if tokens[i].text in _CLAUSE_SIGNS), default=-1)
    if any(clause < p < k for p in sentence.parts):
        return None  # "trong đó có 1.000 đảng viên": a part of the whole, not the whole
    measure: list[str] = []
    for i in range(k + 1, len(tokens)):
        t = tokens[i]
        if t.kind != "w" or len(measure) == words.max_measure or any(
                t.low in phrases.by_first and phrases.starting_at(lows, i)
                for phrases in (words.ends, words.present, words.undated)):
            break  # "2.340 đảng viên của huyện", "2,340 members this year": the measure has ended
        measure.append(t.low)
    if not measure or measure[0][0].isdigit():
        return None
    subject = _subject(tokens, k - cue, words)
    if subject is None:
        return None
    if not subject and k - cue > 0 and tokens[k - cue - 1].text == ",":
        subject = next((s for at, s in sorted(sentence.subjects.items(), reverse=True) if at < k), "")
    sentence.subjects[k] = subject
    stated = mentions[index]
    number = stated.value.as_number()
    if number is None:
        return None
    named = _names_an_owner(subject, words, skip_first=k - cue - len(subject.split()) <= 0)
    owner = " ".join(subject.lower().split()) if named else ""
    value = Figure(number, " ".join(measure), owner, sentence.period or "")
    return Mention("figure", stated.start, stated.end, stated.text, value, stated.number_start, stated.number_end,
                   stated.hedge, stated.phrase_start, stated.phrase), subject


def _subject(tokens: list[_Token], end: int, words: FigureWords) -> str | None:
    """The words of the clause before ``tokens[end]`` (its subject, openers left off); None when
    the clause is too long to tell."""
    start = end
    while start > 0 and tokens[start - 1].kind == "w":
        start -= 1
        if end - start > words.max_subject:
            return None
    while start < end and tokens[start].low in words.openers:
        start += 1
    if start > 0 and tokens[start - 1].kind == "s" and tokens[start - 1].text not in _CLAUSE_SIGNS:
        return None  # a clause opened by a sign we do not read ("/", "&")
    return " ".join(t.text for t in tokens[start:end])


def _names_an_owner(subject: str, words: FigureWords, skip_first: bool = False) -> bool:
    """The subject names its owner: an owner noun beside a capitalised name ("huyện Bình
    Liêu", "Binh Lieu district"), not a bare "Đảng bộ" or "The company" (``skip_first``: the
    subject opens its sentence, so its first word's capital says nothing)."""
    parts = subject.split()
    lows = [p.lower() for p in parts]
    for i in range(len(parts)):
        n = words.owners.starting_at(lows, i) if lows[i] in words.owners.by_first else 0
        if not n:
            continue
        beside = [j for j in (i - 1, i + n) if 0 <= j < len(parts) and not (j == 0 and skip_first)]
        if any(parts[j][:1].isupper() and not words.owners.starting_at(lows, j) for j in beside):
            return True
    return False


def restatements(figures: list[StatedFigure], mentions: list[Mention]) -> list[Claim]:
    """A claim for each figure stated again later in the document: the same measure of the
    same named owner for the same period (a sentence that gives no period and one that says
    "hiện nay" both speak of the article's present). Only counts (numbers) are paired."""
    groups: dict[tuple[str, str, str], list[StatedFigure]] = {}
    for f in figures:
        value = f.figure.value
        assert isinstance(value, Figure)
        if mentions[f.index].kind != "number" or not value.owner:
            continue
        groups.setdefault((value.owner, value.measure, value.period or "present"), []).append(f)
    claims = []
    for group in groups.values():
        first = group[0]
        for later in group[1:]:
            if later.at == first.at:
                continue  # one sentence: a list, not a restatement
            fields: dict[str, Binding | list[Binding]] = {
                "first": Binding(first.index, None, first.figure, mentions[first.index]),
                "second": Binding(later.index, None, later.figure, mentions[later.index])}
            claims.append(Claim("restated_figure", READER, fields, mentions[first.index].start, mentions[later.index].end))
    return claims


def period_restatements(encoded: str, mentions: list[Mention]) -> list[Claim]:
    """A claim for each number of years given again later with other years: "10 năm ... giai
    đoạn 2011-2020" and "trong 10 năm 2011 - 2021". Only ranges that share one end are paired
    (a plan's two decades, 2001-2010 and 2011-2020, are two periods, not one stated twice)."""
    seen: list[tuple[int, int]] = []
    claims = []
    for m in _DURATION_RANGE.finditer(encoded):
        duration, years = int(m.group(1)), int(m.group(2))
        value, span = mentions[duration].value, mentions[years].value
        if not isinstance(value, Duration) or value.unit != "year" or not isinstance(span, YearRange):
            continue
        for first_duration, first_years in seen:
            earlier, before = mentions[first_duration].value, mentions[first_years].value
            if not isinstance(earlier, Duration) or earlier.amount != value.amount or not isinstance(before, YearRange):
                continue
            if before == span or (before.first != span.first and before.last != span.last):
                continue
            fields: dict[str, Binding | list[Binding]] = {
                "duration": Binding(first_duration, None, mentions[first_duration], mentions[first_duration]),
                "first": Binding(first_years, None, mentions[first_years], mentions[first_years]),
                "second": Binding(years, None, mentions[years], mentions[years])}
            claims.append(Claim("restated_period", READER, fields, mentions[first_duration].start, mentions[years].end))
            break
        seen.append((duration, years))
    return claims
