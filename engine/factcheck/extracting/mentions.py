"""Mentions: the typed values a text states, each with its span, precision and hedge.

One pass of the language's master regex finds candidates; a small handler per kind
turns a match into a Mention (or drops it, for look-alikes). Offsets here are into
the normalised text; the pipeline maps them to the stored text afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .lexicon import YEAR_ONLY, DateGroup, Lexicon

#: The mention kinds the scanner produces; a claim field's ``type`` is one of them.
MENTION_KINDS: tuple[str, ...] = (
    "number", "percent", "fraction", "money", "quantity", "date", "weekday",
    "year", "year_range", "duration",
)

#: Compound mentions and the kinds of their parts.
PART_KINDS: dict[str, dict[str, str]] = {
    "fraction": {"part": "number", "whole": "number"},
    "year_range": {"first": "year", "last": "year"},
}

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(slots=True)
class Mention:
    """A value stated in the text.

    ``start``/``end`` cover the value itself ("56,8%"); ``phrase_start`` also covers
    its hedge ("trên 56,8%"). ``precision`` is the unit of the last stated digit
    (0.1 for "56,8"), in the value's own scale; ``exact`` is true for counts, whose
    value is not rounded ("7/13", "2.340 đảng viên").
    """

    kind: str
    start: int
    end: int
    text: str
    value: Any
    precision: float | None = None
    hedge: str | None = None
    phrase_start: int = -1
    unit: str | None = None
    exact: bool = False
    parts: dict[str, "Mention"] | None = None
    detail: str | None = None  # e.g. "year assumed from the publication date"
    phrase: str = ""  # the value with its hedge as written ("trên 56,8%"); its text when it has none


def parse_number(text: str, lex: Lexicon) -> tuple[float, float]:
    """Value and precision (unit of the last digit) of a number as written in the language."""
    word = lex.words.get(text.lower())
    if word is not None:
        return float(word), 1.0
    body = text.replace("\u00a0", "").replace("\u202f", "")  # no-break spaces only ever group
    if lex.group in body:
        groups = body.split(lex.decimal)[0].split(lex.group)
        if all(len(g) == 3 for g in groups[1:]):
            body = body.replace(lex.group, "")
        elif lex.loose_decimal:  # "1.5" in Vietnamese: a decimal point, not a group
            body = body.replace(lex.group, lex.decimal)
    if lex.decimal in body:
        whole, frac = body.split(lex.decimal, 1)
        return float(f"{whole}.{frac}"), 10.0 ** -len(frac)
    return float(body), 1.0


def scaled_precision(digits: str, precision: float) -> float:
    """Precision of a number written with a scale word: "$1 billion" is read to two
    significant digits (0.95–1.05 billion), since news writes "$1.4 billion" when it
    means it; "$639m" and "$1.2 billion" keep the precision they state."""
    significant = re.sub(r"\D", "", digits).lstrip("0")
    return precision / 10 if len(significant) == 1 else precision


_ATTACHED = frozenset("-–+$.")  # what may join a word to its digits in one value


_LAST_WORD = re.compile(r"(\w+)\W{0,3}\Z")  # the word right before a value ("approx. 5", "(khoảng 5")
_YEAR_NOT_AFTER = re.compile(r"[\w/]|[.,]\d")  # "2020/21", "2020.5" are not years
_VALUE_WINDOW = 240  # characters a value and what decides it may span ("Thứ Tư, ngày 5 tháng 8 năm 2020")
_LOOKAHEAD = 16  # what a scanner may look at past a value's end, kept inside the window
_LONG_RUN = 64  # a run of digits and separators this long is skipped past in one step


class Scanner:
    """Finds the mentions of one language in a text."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self._handlers: dict[str, Callable[[re.Match[str], str, int], Mention | None]] = {
            "year_range": self._year_range,
            "fraction": self._fraction,
            "money_a": self._money_a,
            "weekday": self._weekday,
            "value": self._value,
        }

    def scan(self, text: str, published: dt.date | None = None) -> list[Mention]:
        lex = self.lex
        found: list[Mention] = []
        handlers = self._handlers
        digit_match, word_match = lex.digit_scanner.compiled.match, lex.word_scanner.compiled.match
        covered = 0  # end of the last value: nothing starts inside one
        for at in self._starts(text):
            if at < covered:
                continue
            # a value is read within a window: a scanner's repeats then never run along a
            # whole line of "1,1,1,…" (and keep a backtracking mark per step, in memory)
            m = (digit_match if text[at].isdigit() else word_match)(text, at, at + _VALUE_WINDOW)
            if m is None or m.end() > at + _VALUE_WINDOW - _LOOKAHEAD:
                continue  # what it read may end where the window cut it: no value is that long
            covered = m.end()
            kind = m.lastgroup
            if kind is None or kind.startswith("skip"):
                continue
            if kind.startswith("date"):
                mention = self._date(m, text, lex.date_groups[kind], published, found)
            else:
                mention = handlers[kind](m, text, len(found))
            if mention is None:
                continue
            if mention.kind in ("number", "percent", "money", "quantity", "fraction", "duration"):
                self._attach_hedge(mention, text)
            found.append(mention)
        return self._weekdays_with_dates(found, text)

    def _starts(self, text: str) -> list[int]:
        """Where a value can start, in order (see lexicon.py: no value starts inside a word).

        The start regex matches the character before a start and captures the start, so
        it searches ``" " + text``: a group there begins one past its offset in the text.
        Words are matched in lower-cased text, when lower-casing keeps every offset (it
        nearly always does); else only digits and signs are starts.
        """
        lex = self.lex
        starts: list[int] = []
        before = lex.word_before_digit.compiled.search
        padded = " " + text
        searched = " " + text.lower()
        words = len(searched) == len(padded)
        if not words:
            searched = padded
        digits_to = words_to = 0  # "2.340,5" and "thứ hai" are one start each
        finditer = lex.starts.compiled.finditer
        pending: Iterator[re.Match[str]] | None = finditer(searched)
        while pending is not None:
            matches, pending = pending, None
            for m in matches:
                if m.start(1) < 0:
                    at = m.start(2) - 1
                    if words and at >= words_to:
                        starts.append(at)
                        words_to = m.end(2) - 1
                    continue
                at = m.start(1) - 1
                if at < digits_to or (padded[at] in ".,/" and padded[at - 1].isdigit()):
                    continue  # inside "2.340,5" or "7/13", or after a digit attached to a word
                digits_to = m.end(1) - 1
                if at and text[at - 1] in _ATTACHED:  # a word attached to the digits: COVID-19, US$1
                    word = before(text, max(0, at - 24), at)
                    if word is not None:
                        starts.append(word.start())
                starts.append(at)
                if digits_to - at > _LONG_RUN:
                    # a run has no other start, but the lookahead would read the rest of it
                    # again from each comma inside ("1,1,1,…" on one line was quadratic):
                    # go on from its last character (the mark before the next start, maybe)
                    pending = finditer(searched, digits_to)
                    break
        starts.sort()
        return starts

    # --- handlers ----------------------------------------------------------------

    def _num(self, m: re.Match[str], group: str, scale_group: str | None = None) -> Mention:
        raw = m.group(group)
        value, precision = parse_number(raw, self.lex)
        exact = precision == 1.0
        if scale_group and m.group(scale_group):
            factor = self.lex.scales[" ".join(m.group(scale_group).split()).lower()]
            value, precision, exact = value * factor, scaled_precision(raw, precision) * factor, False
        return Mention("number", m.start(group), m.end(group), raw, value, precision, exact=exact)

    def _value(self, m: re.Match[str], text: str, _: int) -> Mention | None:
        """A number and what follows it: a percentage, money, a quantity, a duration, a
        year (four digits alone) or a bare number."""
        lex = self.lex
        if m.group("v_pct") is not None:
            value, precision = parse_number(m.group("v_n"), lex)
            sign = " ".join(m.group("v_pct").split()).lower()
            unit = "points" if sign in lex.point_signs else "%"
            return Mention("percent", m.start(), m.end(), m.group(), value, precision, unit=unit)
        if m.group("v_cur") is not None:
            n = self._num(m, "v_n", "v_s1")
            code = lex.currency_words[" ".join(m.group("v_cur").split()).lower()]
            return Mention("money", m.start(), m.end(), m.group(), n.value, n.precision, unit=code, exact=n.exact)
        if m.group("v_unit") is not None:
            n = self._num(m, "v_n", "v_s2")
            unit = lex.units[" ".join(m.group("v_unit").split())]
            return Mention("quantity", m.start(), m.end(), m.group(), n.value, n.precision, unit=unit, exact=False)
        if m.group("v_dur") is not None:
            n = self._num(m, "v_n")
            return Mention("duration", m.start(), m.end(), m.group(), n.value, n.precision,
                           unit=lex.durations[m.group("v_dur").lower()], exact=True)
        raw = m.group("v_n")
        if YEAR_ONLY.fullmatch(raw) and not _YEAR_NOT_AFTER.match(text, m.end("v_n")):
            # a year before a scale word is still a year: "năm 2020 tỷ lệ ..." (rate), not 2020 billion
            return Mention("year", m.start(), m.end("v_n"), raw, int(raw), 1.0, exact=True)
        mention = self._num(m, "v_n", "v_s3")
        mention.end = m.end()
        mention.text = m.group()
        return mention

    def _fraction(self, m: re.Match[str], text: str, _: int) -> Mention | None:
        a, b = ("fr_a", "fr_b") if m.group("fr_a") is not None else ("fr_c", "fr_d")
        if self.lex.not_fraction_after.search(text, max(0, m.start() - 25), m.start()):
            return None
        part, whole = self._num(m, a), self._num(m, b)
        if b == "fr_d" and 1800 <= whole.value <= 2099 and self.lex.group not in m.group(b):
            return None  # "one of 2019's best": a year, not a whole
        return self._make_fraction(m.start(), m.end(), text, part, whole)

    @staticmethod
    def _make_fraction(start: int, end: int, text: str, part: Mention, whole: Mention) -> Mention:
        value = part.value / whole.value if whole.value else None
        return Mention("fraction", start, end, text[start:end], value, exact=True,
                       parts={"part": part, "whole": whole})

    def _money_a(self, m: re.Match[str], text: str, _: int) -> Mention:
        value, precision = parse_number(m.group("ma_n"), self.lex)
        exact = precision == 1.0
        factor = 1.0
        if m.group("ma_x"):
            factor = self.lex.suffix_scales[m.group("ma_x")]
        elif m.group("ma_s"):
            factor = self.lex.scales[" ".join(m.group("ma_s").split()).lower()]
        if factor != 1.0:
            exact = False
            precision = scaled_precision(m.group("ma_n"), precision)
        code = self.lex.currency_symbols[m.group("ma_c")]
        return Mention("money", m.start(), m.end(), m.group(), value * factor, precision * factor,
                       unit=code, exact=exact)

    def _year_range(self, m: re.Match[str], text: str, _: int) -> Mention | None:
        a, b = m.group("yr_a"), m.group("yr_b")
        start = Mention("year", m.start("yr_a"), m.end("yr_a"), a, int(a), 1.0, exact=True)
        end_value = int(b) if len(b) == 4 else int(a[:2] + b)
        if len(b) == 2 and end_value < int(a):  # "1999-00" ends in 2000
            end_value += 100
        end = Mention("year", m.start("yr_b"), m.end("yr_b"), b, end_value, 1.0, exact=True)
        return Mention("year_range", m.start(), m.end(), m.group(), f"{a}/{end_value}", exact=True,
                       parts={"first": start, "last": end})

    def _weekday(self, m: re.Match[str], text: str, _: int) -> Mention | None:
        name = m.group().rstrip(".")
        number = self.lex.weekdays.get(" ".join(name.split()).lower())
        if number is None:
            return None
        return Mention("weekday", m.start(), m.end(), m.group(), number, unit=WEEKDAY_NAMES[number])

    def _date(self, m: re.Match[str], text: str, fmt: DateGroup, published: dt.date | None,
              found: list[Mention]) -> Mention | None:
        if fmt.ambiguous and not self._reads_as_date(m, text, found):
            # d/m that is not a date by context: a fraction ("7/12 đảng viên")
            day, month = m.group(fmt.day), m.group(fmt.month)
            part = Mention("number", m.start(fmt.day), m.end(fmt.day), day, float(day), 1.0, exact=True)
            whole = Mention("number", m.start(fmt.month), m.end(fmt.month), month, float(month), 1.0, exact=True)
            if self.lex.not_fraction_after.search(text, max(0, m.start() - 25), m.start()):
                return None
            return self._make_fraction(m.start(fmt.name), m.end(fmt.name), text, part, whole)
        day = int(m.group(fmt.day)) if fmt.day else None
        if fmt.month:
            month = int(m.group(fmt.month))
        else:
            month = self.lex.months.get(m.group(fmt.month_name).rstrip(".").lower(), 0)
        year: int | None = None
        detail = None
        if fmt.year:
            year = int(m.group(fmt.year))
        elif fmt.year2:
            yy = int(m.group(fmt.year2))
            year = 2000 + yy if yy < 50 else 1900 + yy
        start, end = m.start(fmt.name), m.end(fmt.name)
        mention = Mention("date", start, end, m.group(fmt.name), None, exact=True)
        if day is None:  # a month: "tháng 9/2020", "August 2020"
            mention.value = f"{year:04d}-{month:02d}" if year else None
            mention.precision = None
            mention.unit = "month"
            return mention
        if year is None and published is not None:
            year = _nearest_year(day, month, published)
            detail = "year assumed from the publication date"
        mention.unit = "day"
        if year is None:
            mention.value = None
            mention.detail = f"--{month:02d}-{day:02d}"
            return mention
        try:
            mention.value = dt.date(year, month, day).isoformat()
        except ValueError:
            return None  # 31/4 is not a date; nor, read as a fraction, anything to check
        mention.detail = detail
        return mention

    def _reads_as_date(self, m: re.Match[str], text: str, found: list[Mention]) -> bool:
        start, end = m.start(), m.end()
        lex = self.lex
        if lex.date_cue.search(text, max(0, start - 25), start):
            return True
        if text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")":
            # "(27/4)" is a date, unless it glosses a percentage: "58,3% (7/12)"
            before = found[-1] if found else None
            return not (before is not None and before.kind == "percent" and start - before.end <= 3)
        if found and found[-1].kind == "date" and lex.date_link.fullmatch(text, found[-1].end, start):
            return True  # the second of "30/4 và 1/5", "30/4-1/5"
        return lex.date_chain_after.match(text, end) is not None  # and the first

    # --- context -----------------------------------------------------------------

    def _attach_hedge(self, mention: Mention, text: str) -> None:
        start = mention.start
        # the cheap test first: a hedge ends in one of a few words, right before the value
        last = _LAST_WORD.search(text, max(0, start - 16), start)
        if last is None or last.group(1).lower() not in self.lex.hedge_last_words:
            mention.phrase_start, mention.phrase = start, mention.text
            return
        h = self.lex.hedge.search(text, max(0, start - 30), start)
        if h:
            mention.hedge = self.lex.hedge_names[" ".join(h.group(1).split()).lower()]
            mention.phrase_start = h.start()
            mention.phrase = text[h.start() : mention.end]
        else:
            mention.phrase_start = mention.start
            mention.phrase = mention.text

    def _weekdays_with_dates(self, found: list[Mention], text: str) -> list[Mention]:
        """Drop weekday forms that are also ordinals ("thứ 2") unless a date follows."""
        lex = self.lex
        kept = []
        for i, mention in enumerate(found):
            if mention.phrase_start < 0:
                mention.phrase_start, mention.phrase = mention.start, mention.text
            if mention.kind == "weekday" and lex.weekday_needs_date.fullmatch(mention.text):
                after = found[i + 1] if i + 1 < len(found) else None
                before = found[i - 1] if i > 0 else None
                linked = (after is not None and after.kind == "date"
                          and lex.weekday_link.fullmatch(text, mention.end, after.start) is not None) or (
                          before is not None and before.kind == "date"
                          and lex.weekday_link.fullmatch(text, before.end, mention.start) is not None)
                if not linked or not self._weekday_context(text, mention.start):
                    continue
            kept.append(mention)
        return kept


    def _weekday_context(self, text: str, start: int) -> bool:
        """A line start, punctuation or a weekday_after word stands before ``start``."""
        j = start
        while j > 0 and text[j - 1] in " \t\u00a0":  # blanked markup is spaces too
            j -= 1
        if j == 0 or text[j - 1] in "\r\n":
            return True
        return self.lex.weekday_after.search(text, max(0, j - 20), j) is not None


def _nearest_year(day: int, month: int, published: dt.date) -> int:
    """The year that puts day/month closest to the publication date."""
    best = published.year
    best_gap = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            gap = abs((dt.date(year, month, day) - published).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best
