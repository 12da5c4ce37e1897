"""Dates, weekdays, years and year ranges."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

from ..lazyregex import LazyRegex
from ..lexicon import BEFORE, DAY, MONTH, SP, VALUE_END, WORD_END, WORD_START, YEAR, YEAR2, alternation
from ..value_types import Date, Mention, Month, Number, Weekday, Year, YearRange
from .base import Alternative, Attribute, MentionKind, PartOf, Scan, Shorter
from .numbers import NUMBER_GROUP, count, make_fraction, read_number

if TYPE_CHECKING:
    from ..lexicon import DateTemplate, Lexicon


# --- date ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DateFormat:
    """One date format: its own regex, which of its named groups hold the day, month and year, and
    how the pack reads it (its own cues, what it is where it is no date).

    The scanner's alternative for a format captures nothing: every group of the scanner's regex
    costs each match it makes (a match object holds a slot for each), and most matches are
    numbers. A date's reader matches the format's own regex again where the scanner found it."""

    regex: LazyRegex
    rules: DateTemplate
    day: str | None
    month: str | None
    month_name: str | None
    year: str | None
    year2: str | None
    day2: str | None  # the last day of a day range that writes its month once ("4-6 March")


def _date_alternatives(lex: Lexicon) -> list[Alternative]:
    """One alternative per format of the pack ("{d}/{m}/{y}", "ngày {d} tháng {m}", "{month} {d}, {y}"),
    but one for a run of day ranges led by a digit ("{d}{to}{d2}/{m}/{y}", "{d}{to}{d2}/{m}"): one test
    of what they start with (two days, their link and a sign after the last) spares trying each of them
    at every number, and at every range of numbers ("từ 5 đến 10 người")."""
    alternatives: list[Alternative] = []
    run: list[tuple[str, DateFormat]] = []  # day ranges led by a digit, of one link

    def end_run() -> None:
        if run:
            after = {_after_last_day(fmt.rules.template) for _, fmt in run}
            sign = "" if "" in after else f"[{''.join(sorted(after))}]"
            guard = rf"(?=\d\d?\s*(?:{run[0][1].rules.link})\s*\d\d?{sign})"
            fmts = tuple(fmt for _, fmt in run)
            alternatives.append(Alternative("digit", guard + "(?:" + "|".join(rx for rx, _ in run) + ")",
                                            partial(_read_day_ranges, fmts), _own_regexes(*fmts)))
            run.clear()

    for rules in lex.date_formats:
        regex, fmt, digit_led = _date_format(lex, rules)
        if fmt.day2 and digit_led:
            if run and run[0][1].rules.link != rules.link:
                end_run()
            run.append((regex, fmt))
            continue
        end_run()
        alternatives.append(Alternative("digit" if digit_led else "word", regex,
                                        partial(_read_day_range if fmt.day2 else _read_date, fmt), _own_regexes(fmt)))
    end_run()
    return alternatives


def _own_regexes(*fmts: DateFormat) -> tuple[LazyRegex, ...]:
    return tuple(rx for f in fmts for rx in (f.regex, f.rules.cue, f.rules.not_before) if rx is not None)


def _after_last_day(template: str) -> str:
    """What a day range's template writes right after its last day, as a regex character class item
    ("/" in "{d}{to}{d2}/{m}", any space in "{d}{to}{d2} {month}"; "" when nothing is written there)."""
    rest = template.split("{d2}", 1)[1]
    if not rest or rest.startswith("{"):
        return ""
    return r"\s" if rest[0] == " " else re.escape(rest[0])


def _date_format(lex: Lexicon, rules: DateTemplate) -> tuple[str, DateFormat, bool]:
    """A date format's piece of the scanner (capturing nothing), the format with its own regex, and
    whether a digit leads it."""
    slots = {"d": DAY, "m": MONTH, "y": YEAR, "yy": YEAR2, "month": lex.month_names + r"\.?", "d2": DAY}
    used: set[str] = set()
    pieces, captured = [], []
    for literal, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", rules.template):
        if literal:
            literal = SP.join(re.escape(w) for w in literal.split(" "))  # " tháng " -> SP tháng SP
            pieces.append(literal)
            captured.append(literal)
        if slot == "to":  # what joins the days of a range: "4-6", "24 and 26", "20/30"
            pieces.append(rf"\s*(?:{rules.link})\s*")
            captured.append(pieces[-1])
        elif slot:
            used.add(slot)
            pieces.append(f"(?:{slots[slot]})")
            captured.append(f"(?P<{slot}>{slots[slot]})")
    digit_led = rules.template.startswith(("{d}", "{m}", "{y}", "{yy}"))
    lead = BEFORE if digit_led else WORD_START
    regex = LazyRegex(f"{lead}{''.join(captured)}{VALUE_END}", re.IGNORECASE)  # as the scanner reads it

    def group(slot: str) -> str | None:
        return slot if slot in used else None

    fmt = DateFormat(regex, rules, group("d"), group("m"), group("month"), group("y"), group("yy"), group("d2"))
    return f"{lead}{''.join(pieces)}{VALUE_END}", fmt, digit_led


def _date_lead_words(lex: Lexicon) -> set[str]:
    """Words with which a date starts before its digits: "ngày 5 tháng 8", "August 5"."""
    words: set[str] = set()
    for rules in lex.date_formats:
        first = rules.template.split("{", 1)[0].split()
        if first:
            words.add(first[0].lower())
        elif rules.template.startswith("{month}"):
            words.update(m.rstrip(".") for m in lex.months)
    return words


def _read_date(fmt: DateFormat, scan: Scan, found: re.Match[str]) -> Mention | None:
    lex, text = scan.lex, scan.text
    m = _own_match(fmt, scan, found)
    start, end = m.start(), m.end()
    if fmt.rules.ambiguous and not _reads_as_date(scan, m, fmt.rules):
        if not fmt.rules.fraction:  # d-m that is not a date by context: a range or a score ("10-12 tuổi", "3-1")
            return None
        # d/m that is not a date by context: a fraction ("7/12 đảng viên")
        if lex.not_fraction_after.search(text, max(0, start - 25), start):
            return None
        assert fmt.day is not None and fmt.month is not None
        part, whole = Number(*read_number(scan, m, fmt.day)), Number(*read_number(scan, m, fmt.month))
        return make_fraction(start, end, text, count(m.start(fmt.day), m.end(fmt.day), m.group(fmt.day), part),
                             count(m.start(fmt.month), m.end(fmt.month), m.group(fmt.month), whole))
    month, year = _month_and_year(lex, m, fmt)
    day = int(m.group(fmt.day)) if fmt.day else None
    return _dated(start, end, text, day, month, year, scan.published)


def _own_match(fmt: DateFormat, scan: Scan, found: re.Match[str]) -> re.Match[str]:
    """The format's own match where the scanner found it: the same text, with its groups."""
    m = fmt.regex.match(scan.text, found.start())
    assert m is not None and m.end() == found.end(), (fmt.rules.template, found.group())
    return m


def _read_day_range(fmt: DateFormat, scan: Scan, found: re.Match[str]) -> list[Mention] | Shorter:
    """Two days of one month written once ("4-6 March", "March 11-20", "từ 20-26/10", "7 và 8/3"): two
    dates, the first spanning its day (and a month name before it), both in the year the last has or
    is given. Where a d/m is no date here, its first number is read alone ("8-9/10 điểm")."""
    assert fmt.day is not None and fmt.day2 is not None
    m = _own_match(fmt, scan, found)
    if fmt.rules.ambiguous and not _reads_as_date(scan, m):
        return Shorter(m.end(fmt.day))
    (month, year), last = _month_and_year(scan.lex, m, fmt), int(m.group(fmt.day2))
    slots = [g for g in (fmt.day, fmt.day2, fmt.month, fmt.month_name, fmt.year, fmt.year2) if g]
    split = m.start(fmt.day2)
    spans = ((min(m.start(g) for g in slots if m.start(g) < split), m.end(fmt.day), int(m.group(fmt.day))),
             (split, max(m.end(g) for g in slots if m.start(g) >= split), last))
    dates = [_dated(start, end, scan.text, day, month, year, scan.published, last) for start, end, day in spans]
    if not all(dates):
        return Shorter(m.end(fmt.day))  # "30-31/4" is no pair of dates (no 31 April): its first number alone
    return [d for d in dates if d is not None]


def _read_day_ranges(fmts: tuple[DateFormat, ...], scan: Scan, m: re.Match[str]) -> list[Mention] | Shorter:
    """A day range of whichever of ``fmts`` matched (they share one alternative, tried in their order)."""
    return _read_day_range(next(f for f in fmts if f.regex.match(scan.text, m.start())), scan, m)


def _month_and_year(lex: Lexicon, m: re.Match[str], fmt: DateFormat) -> tuple[int, int | None]:
    if fmt.month:
        month = int(m.group(fmt.month))
    else:
        assert fmt.month_name is not None
        month = lex.months.get(m.group(fmt.month_name).rstrip(".").lower(), 0)
    if fmt.year:
        return month, int(m.group(fmt.year))
    if fmt.year2:
        yy = int(m.group(fmt.year2))
        return month, 2000 + yy if yy < lex.two_digit_year_pivot else 1900 + yy
    return month, None


def _dated(start: int, end: int, text: str, day: int | None, month: int, year: int | None,
           published: dt.date | None, year_of: int | None = None) -> Mention | None:
    """A date mention: a day, or a month when ``day`` is None ("tháng 9/2020", "August 2020"). A day
    without its year takes the one that puts it (or the day ``year_of`` of its month) nearest the
    publication date."""
    if day is None:
        return Mention("date", start, end, text[start:end], Month(year, month))
    assumed = False
    if year is None and published is not None:
        year, assumed = _nearest_year(day if year_of is None else year_of, month, published), True
    if year is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            return None  # 31/4 is not a date; nor, read as a fraction, anything to check
    return Mention("date", start, end, text[start:end], Date(year, month, day, assumed))


def _reads_as_date(scan: Scan, m: re.Match[str], rules: DateTemplate | None = None) -> bool:
    """Whether an ambiguous d/m is a date: after a date cue, alone in brackets, in a range with
    another date ("30/4 và 1/5") or right after a weekday ("Thứ năm 29/9"). A format with cues of
    its own (a d-m) takes no brackets ("(2-1)" is a score), nor a count after it ("ngày 3-4 lần")."""
    lex, text, found = scan.lex, scan.text, scan.found
    start, end = m.start(), m.end()
    own = rules.cue if rules is not None else None
    if own is not None and rules is not None and rules.not_before is not None and rules.not_before.match(text, end):
        return False  # "ngày 3-4 lần": three or four times a day
    if (own or lex.date_cue).search(text, max(0, start - 25), start):
        return True
    if own is None and lex.bracketed_dates and text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")":
        # "(27/4)" is a date, unless it glosses a value just before it: "58,3% (7/12)"
        before = found[-1] if found else None
        return not (before is not None and before.kind in lex.bracket_glosses
                    and start - before.end <= lex.bracket_within)
    if found and found[-1].kind == "date" and lex.date_link.fullmatch(text, found[-1].end, start):
        return True  # the second of "30/4 và 1/5", "30/4-1/5"
    if (found and found[-1].kind == "weekday" and lex.weekday_link.fullmatch(text, found[-1].end, start)
            and _weekday_context(lex, text, found[-1].start)):
        return True  # a weekday names the day after it: "Thứ năm 29/9" (not "Lần thứ hai 7/12 đại biểu")
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
    return linked and _weekday_context(lex, text, mention.start)


def _weekday_context(lex: Lexicon, text: str, start: int) -> bool:
    """A line start, punctuation or one of the pack's weekday_after words stands before ``start``."""
    j = start
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
    # a year is written, never assumed: a rule on a date|year field ("between 1989 and 2003") reads it alike
    attributes={"year": _YEAR,
                "year_assumed": Attribute("false: a year is always written", _year_assumed)},
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
