"""Dates, weekdays, years and year ranges."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

from ..lexicon import BEFORE, DAY, MONTH, SP, VALUE_END, WORD_END, WORD_START, YEAR, YEAR2, alternation
from ..value_types import Date, Mention, Month, Number, Weekday, Year, YearRange
from .base import Alternative, Attribute, MentionKind, PartOf, Scan
from .numbers import NUMBER_GROUP, count, make_fraction, read_number

if TYPE_CHECKING:
    from ..lexicon import Lexicon


# --- date ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DateFormat:
    """Which named groups of one date format's alternative hold its day, month and year."""

    ambiguous: bool  # d/m, which is also a fraction
    day: str | None
    month: str | None
    month_name: str | None
    year: str | None
    year2: str | None


def _date_alternatives(lex: Lexicon) -> list[Alternative]:
    """One alternative per format of the pack ("{d}/{m}/{y}", "ngày {d} tháng {m}", "{month} {d}, {y}")."""
    alternatives = []
    for i, (template, ambiguous) in enumerate(lex.date_formats):
        slots = {"d": (f"d{i}", DAY), "m": (f"m{i}", MONTH), "y": (f"y{i}", YEAR), "yy": (f"yy{i}", YEAR2),
                 "month": (f"mn{i}", lex.month_names + r"\.?")}
        used: dict[str, str] = {}
        pieces = []
        for literal, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
            if literal:
                pieces.append(SP.join(re.escape(w) for w in literal.split(" ")))  # " tháng " -> SP tháng SP
            if slot:
                group, rx = slots[slot]
                used[slot] = group
                pieces.append(f"(?P<{group}>{rx})")
        digit_led = template.startswith(("{d}", "{m}", "{y}", "{yy}"))
        fmt = DateFormat(ambiguous, used.get("d"), used.get("m"), used.get("month"), used.get("y"), used.get("yy"))
        alternatives.append(Alternative("digit" if digit_led else "word",
                                        f"{BEFORE if digit_led else WORD_START}{''.join(pieces)}{VALUE_END}",
                                        partial(_read_date, fmt)))
    return alternatives


def _date_lead_words(lex: Lexicon) -> set[str]:
    """Words with which a date starts before its digits: "ngày 5 tháng 8", "August 5"."""
    words: set[str] = set()
    for template, _ in lex.date_formats:
        first = template.split("{", 1)[0].split()
        if first:
            words.add(first[0].lower())
        elif template.startswith("{month}"):
            words.update(m.rstrip(".") for m in lex.months)
    return words


def _read_date(fmt: DateFormat, scan: Scan, m: re.Match[str]) -> Mention | None:
    lex, text = scan.lex, scan.text
    start, end = m.start(), m.end()
    if fmt.ambiguous and not _reads_as_date(scan, m):
        # d/m that is not a date by context: a fraction ("7/12 đảng viên")
        if lex.not_fraction_after.search(text, max(0, start - 25), start):
            return None
        assert fmt.day is not None and fmt.month is not None
        part, whole = Number(*read_number(scan, m, fmt.day)), Number(*read_number(scan, m, fmt.month))
        return make_fraction(start, end, text, count(m.start(fmt.day), m.end(fmt.day), m.group(fmt.day), part),
                             count(m.start(fmt.month), m.end(fmt.month), m.group(fmt.month), whole))
    if fmt.month:
        month = int(m.group(fmt.month))
    else:
        assert fmt.month_name is not None
        month = lex.months.get(m.group(fmt.month_name).rstrip(".").lower(), 0)
    year: int | None = None
    if fmt.year:
        year = int(m.group(fmt.year))
    elif fmt.year2:
        yy = int(m.group(fmt.year2))
        year = 2000 + yy if yy < lex.two_digit_year_pivot else 1900 + yy
    if fmt.day is None:  # a month: "tháng 9/2020", "August 2020"
        return Mention("date", start, end, m.group(), Month(year, month))
    day = int(m.group(fmt.day))
    assumed = False
    if year is None and scan.published is not None:
        year, assumed = _nearest_year(day, month, scan.published), True
    if year is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None  # 31/4 is not a date; nor, read as a fraction, anything to check
    return Mention("date", start, end, m.group(), Date(year, month, day, assumed))


def _reads_as_date(scan: Scan, m: re.Match[str]) -> bool:
    """Whether an ambiguous d/m is a date: after a date cue, alone in brackets, or in a
    range with another date ("30/4 và 1/5")."""
    lex, text, found = scan.lex, scan.text, scan.found
    start, end = m.start(), m.end()
    if lex.date_cue.search(text, max(0, start - 25), start):
        return True
    if lex.bracketed_dates and text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")":
        # "(27/4)" is a date, unless it glosses a value just before it: "58,3% (7/12)"
        before = found[-1] if found else None
        return not (before is not None and before.kind in lex.bracket_glosses
                    and start - before.end <= lex.bracket_within)
    if found and found[-1].kind == "date" and lex.date_link.fullmatch(text, found[-1].end, start):
        return True  # the second of "30/4 và 1/5", "30/4-1/5"
    return lex.date_chain_after.match(text, end) is not None  # and the first


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


def _day(m: Mention) -> int | None:
    return m.value.day if isinstance(m.value, Date) else None


def _year_assumed(m: Mention) -> bool:
    return isinstance(m.value, Date) and m.value.year_assumed


_YEAR = Attribute("its year (2020)", attrgetter("value.year"))

DATE = MentionKind(
    name="date", order=20,
    doc="A day (05/08/2020, ngày 5 tháng 8, August 5, 2020, 30/4) or a month (tháng 9/2020, August 2020).",
    value_doc="its ISO text (2020-08-05; 2020-09 for a month); none when the year is unknown",
    alternatives=_date_alternatives, lead_words=_date_lead_words,
    attributes={"year": _YEAR,
                "month": Attribute("its month (8)", attrgetter("value.month")),
                "day": Attribute("its day of the month (5), which a month has not", _day),
                "year_assumed": Attribute("written without a year, which the publication date gave", _year_assumed)},
)


# --- weekday ----------------------------------------------------------------------------------------

def _weekday_alternatives(lex: Lexicon) -> list[Alternative]:
    # Only an abbreviation takes a dot ("Wed., Aug. 5"); after a full name it is a full stop.
    short = [w for w in lex.weekdays if len(w) <= lex.abbreviation_length]
    long = [w for w in lex.weekdays if len(w) > lex.abbreviation_length]
    return [Alternative("word", rf"{WORD_START}(?:{alternation(long)}|{alternation(short)}\.?){WORD_END}",
                        _read_weekday)]


def _read_weekday(scan: Scan, m: re.Match[str]) -> Mention | None:
    number = scan.lex.weekdays.get(" ".join(m.group().rstrip(".").split()).lower())
    if number is None:
        return None
    return Mention("weekday", m.start(), m.end(), m.group(), Weekday(number))


def _weekday_names(lex: Lexicon) -> list[str]:
    return list(lex.weekdays)


def _weekday_stands(scan: Scan, i: int) -> bool:
    """A weekday form that is also an ordinal ("thứ 2") is a weekday only right beside a
    date, after a line start, punctuation or one of the pack's weekday_after words."""
    lex, text, found = scan.lex, scan.text, scan.found
    mention = found[i]
    if not lex.weekday_needs_date.fullmatch(mention.text):
        return True
    after = found[i + 1] if i + 1 < len(found) else None
    before = found[i - 1] if i > 0 else None
    linked = (after is not None and after.kind == "date"
              and lex.weekday_link.fullmatch(text, mention.end, after.start) is not None) or (
              before is not None and before.kind == "date"
              and lex.weekday_link.fullmatch(text, before.end, mention.start) is not None)
    if not linked:
        return False
    j = mention.start
    while j > 0 and text[j - 1] in " \t\u00a0":  # blanked markup is spaces too
        j -= 1
    if j == 0 or text[j - 1] in "\r\n":
        return True
    return lex.weekday_after.search(text, max(0, j - 20), j) is not None


WEEKDAY = MentionKind(
    name="weekday", order=40,
    doc="A day of the week: Thứ Tư, thứ 4, T4, CN, Wednesday, Wed.",
    value_doc="0 for Monday … 6 for Sunday",
    alternatives=_weekday_alternatives, start_words=_weekday_names, keep=_weekday_stands,
    attributes={"name": Attribute("its English name (Wednesday)", attrgetter("value.name"))},
)


# --- year and year range --------------------------------------------------------------------------------

def _year_after(lex: Lexicon) -> Alternative:
    # four digits alone, and a year even before a scale word: "năm 2020 tỷ lệ ..." (rate), not 2020 billion
    return Alternative("either", rf"(?<=(?<![\w.,])(?:1[89]|20)\d\d){VALUE_END}", _read_year)


def _read_year(scan: Scan, m: re.Match[str]) -> Mention:
    raw, start, end = m.group(NUMBER_GROUP), m.start(), m.end(NUMBER_GROUP)
    return Mention("year", start, end, raw, Year(int(raw)), start, end)


YEAR_KIND = MentionKind(
    name="year", order=110,
    doc="A year on its own: năm 2019, in 2019.",
    value_doc="the year (2019)",
    after_number=_year_after,
    attributes={"year": _YEAR},
)


def _year_range_alternatives(lex: Lexicon) -> list[Alternative]:
    return [Alternative("digit", rf"{BEFORE}(?P<yr_a>{YEAR})\s?[-–—]\s?(?P<yr_b>{YEAR}|\d\d(?!\d)){VALUE_END}",
                        _read_year_range)]


def _read_year_range(scan: Scan, m: re.Match[str]) -> Mention:
    a, b = m.group("yr_a"), m.group("yr_b")
    first, last = int(a), int(b) if len(b) == 4 else int(a[:2] + b)
    if len(b) == 2 and last < first:  # "1999-00" ends in 2000
        last += 100
    parts = {"first": Mention("year", m.start("yr_a"), m.end("yr_a"), a, Year(first)),
             "last": Mention("year", m.start("yr_b"), m.end("yr_b"), b, Year(last))}
    return Mention("year_range", m.start(), m.end(), m.group(), YearRange(first, last), parts=parts)


YEAR_RANGE = MentionKind(
    name="year_range", order=30,
    doc="A range of years: 2016-2020, 2018–19, 1999-00.",
    value_doc='"first/last" (2016/2020)',
    alternatives=_year_range_alternatives,
    parts={"first": "year", "last": "year"},
    attributes={"first": Attribute("its first year, a year", PartOf("first"), part="year"),
                "last": Attribute("its last year, a year", PartOf("last"), part="year")},
)
