"""Typed values: what a mention states, one small frozen type per kind of value.

A number knows its precision and the scale word it was written with ("35 tỷ" is
35 × 10⁹), a date knows which of its parts the text gave, a weekday is a weekday.
Nothing here tells values apart by the shape of a string: a check asks for what it
needs (``Date.year``, ``Number.amount``) and gets it, or gets None when the text did
not say.

``plain()`` is the value as ``factcheck explain`` shows it and a rule's ``.value``
reads it: a number for numbers, the ISO string of a date, "2016/2020" for a range.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Plain = float | int | str | None


class Value:
    """Base of the typed values."""

    __slots__ = ()

    def plain(self) -> Plain:
        """The value as explain shows it and ``.value`` reads it."""
        raise NotImplementedError

    def as_number(self) -> Number | None:
        """The stated number this value is, for arithmetic; None when it is no number."""
        return None

    def stated_precision(self) -> float | None:
        """The unit of the last stated digit, when the value is a stated number."""
        return None


@dataclass(frozen=True, slots=True)
class Number(Value):
    """A number as stated. ``amount`` has the scale word applied ("35 tỷ" is 3.5e10,
    ``scale`` 1e9); ``precision`` is the unit of the last stated digit in the same
    terms; ``exact`` is true for counts, whose value is not rounded ("2.340 đảng viên")."""

    amount: float
    precision: float
    exact: bool
    scale: float

    def plain(self) -> Plain:
        return self.amount

    def as_number(self) -> Number:
        return self

    def stated_precision(self) -> float:
        return self.precision


@dataclass(frozen=True, slots=True)
class Percent(Number):
    """A percentage ("56,8%"), or a number of percentage points ("3 điểm phần trăm")."""

    points: bool

    @property
    def unit(self) -> str:
        return "points" if self.points else "%"


@dataclass(frozen=True, slots=True)
class Money(Number):
    """An amount of money; ``currency`` is an ISO code."""

    currency: str

    @property
    def unit(self) -> str:
        return self.currency


@dataclass(frozen=True, slots=True)
class Quantity(Number):
    """A measured quantity; ``unit`` is a pint unit name ("km", "hectare", "km**2")."""

    unit: str


@dataclass(frozen=True, slots=True)
class Duration(Number):
    """A length of time; ``unit`` is year, month, week, day, hour or minute."""

    unit: str


@dataclass(frozen=True, slots=True)
class Fraction(Value):
    """A part of a whole ("7/13", "7 of 13"): both are counts."""

    part: Number
    whole: Number

    def plain(self) -> Plain:
        return self.part.amount / self.whole.amount if self.whole.amount else None

    def as_number(self) -> Number | None:
        if not self.whole.amount:
            return None
        return Number(self.part.amount / self.whole.amount, 0.0, True, 1.0)


@dataclass(frozen=True, slots=True)
class Year(Value):
    """A year on its own ("năm 2019")."""

    year: int

    def plain(self) -> Plain:
        return self.year

    def as_number(self) -> Number:
        return Number(float(self.year), 1.0, True, 1.0)

    def stated_precision(self) -> float:
        return 1.0

    def days(self) -> tuple[dt.date, dt.date]:
        return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)


@dataclass(frozen=True, slots=True)
class YearRange(Value):
    """A range of years ("2016-2020", "2018–19")."""

    first: int
    last: int

    def plain(self) -> Plain:
        return f"{self.first}/{self.last}"


@dataclass(frozen=True, slots=True)
class Date(Value):
    """A day. ``year`` is None when the text gave none and no publication date was
    known; ``year_assumed`` when it was taken from the publication date."""

    year: int | None
    month: int
    day: int
    year_assumed: bool

    def plain(self) -> Plain:
        return self.date().isoformat() if self.year is not None else None

    def date(self) -> dt.date:
        """The calendar day (ValueError without a year: ask ``year`` first)."""
        if self.year is None:
            raise ValueError("a date without a year")
        return dt.date(self.year, self.month, self.day)

    def days(self) -> tuple[dt.date, dt.date] | None:
        if self.year is None:
            return None
        day = self.date()
        return day, day


@dataclass(frozen=True, slots=True)
class Month(Value):
    """A month of a year ("tháng 9/2020", "August 2020")."""

    year: int | None
    month: int

    def plain(self) -> Plain:
        return f"{self.year:04d}-{self.month:02d}" if self.year is not None else None

    def days(self) -> tuple[dt.date, dt.date] | None:
        if self.year is None:
            return None
        last = calendar.monthrange(self.year, self.month)[1]
        return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)


@dataclass(frozen=True, slots=True)
class Weekday(Value):
    """A day of the week: 0 for Monday … 6 for Sunday."""

    index: int

    def plain(self) -> Plain:
        return self.index

    @property
    def name(self) -> str:
        """Its English name: "Wednesday"."""
        return WEEKDAY_NAMES[self.index]


@dataclass(frozen=True, slots=True)
class Figure(Value):
    """A stated number read as a figure: what it counts (``measure``, the words after it, in
    lower case), whose it is (``owner``, the named subject of its clause, in lower case; ""
    when the clause names none) and when (``period``: "2020", "2020-06", "2020-08-05",
    "present" when the text says hiện nay / this year, "" when it says nothing)."""

    number: Number
    measure: str
    owner: str
    period: str

    def plain(self) -> Plain:
        return self.number.amount

    def as_number(self) -> Number:
        return self.number

    def stated_precision(self) -> float:
        return self.number.precision


@dataclass(frozen=True, slots=True)
class Record(Value):
    """What a facts source records for a stated figure it was matched to: ``amount`` in the
    unit of the stated figure (converted with pint when the source uses another), the record
    as the source gives it (``recorded``: "245 hectare"), whose and what it is, its period
    ("2020", "2020-Q2"; "" for a figure of no period), its source (a title and a URL), and how
    its period was chosen (``match``: exact, timeless or latest)."""

    amount: float
    unit: str
    recorded: str
    entity: str
    measure: str
    period: str
    source: str
    url: str
    match: str

    def plain(self) -> Plain:
        return self.amount

    def as_number(self) -> Number:
        return Number(self.amount, 0.0, True, 1.0)


@dataclass(slots=True)
class Mention:
    """A value stated in the text, where it stands.

    ``start``/``end`` cover the value itself ("56,8%"); ``phrase_start`` also covers
    its hedge ("trên 56,8%"), and ``phrase`` is that text. ``number_start`` and
    ``number_end`` cover the figure a fix rewrites ("56,8" of "56,8%", "35" of "35 tỷ
    đồng"); they are -1 for values that are no stated number. A compound value's
    ``parts`` are mentions of their own (a fraction's part and whole).
    """

    kind: str
    start: int
    end: int
    text: str
    value: Value
    number_start: int = -1
    number_end: int = -1
    hedge: str | None = None
    phrase_start: int = -1
    phrase: str = ""  # the value with its hedge as written; its text when it has none
    parts: dict[str, Mention] | None = None
