"""Values: interval arithmetic on stated numbers, and the range a stated number allows."""

from __future__ import annotations

import math

import pytest

from factcheck.checking.values import FIELD_ATTRIBUTES, FieldValue, Num, Undetermined, as_num, plain_number, stated_range
from factcheck.extracting.value_types import Date, Fraction, Mention, Money, Month, Number, Percent, Value, Year, YearRange

INF = math.inf


def field(kind: str, text: str, value: Value, hedge: str | None = None, start: int = 0) -> FieldValue:
    """A claim field made by hand from a mention, as the engine makes it."""
    mention = Mention(kind, start, start + len(text), text, value, hedge=hedge)
    mention.phrase = {None: "", "over": "trên ", "nearly": "gần "}.get(hedge, "") + text
    return FieldValue(mention)


def number(text: str, amount: float, precision: float = 1.0, exact: bool = True, hedge: str | None = None
           ) -> FieldValue:
    return field("number", text, Number(amount, precision, exact, 1.0), hedge)


def percent(text: str, amount: float, precision: float, hedge: str | None = None, start: int = 0) -> FieldValue:
    return field("percent", text, Percent(amount, precision, False, 1.0, False), hedge, start)


def bounds(n: Num) -> tuple[float, float, float]:
    return (pytest.approx(n.nominal), pytest.approx(n.lo), pytest.approx(n.hi))


# --- Num ------------------------------------------------------------------------------------------------

def test_a_plain_number_is_a_point():
    assert (Num(5).nominal, Num(5).lo, Num(5).hi) == (5.0, 5.0, 5.0)
    assert repr(Num(53.8, 53.75, 53.85)) == "Num(53.8 in [53.75, 53.85])"


A = Num(1, 0.5, 1.5)
B = Num(2, 1.5, 2.5)


@pytest.mark.parametrize("result, expected", [
    (A + B, (3, 2, 4)),
    (A + 1, (2, 1.5, 2.5)),
    (1 + A, (2, 1.5, 2.5)),
    (A - B, (-1, -2, 0)),
    (B - A, (1, 0, 2)),
    (10 - A, (9, 8.5, 9.5)),
    (A * B, (2, 0.75, 3.75)),
    (3 * A, (3, 1.5, 4.5)),
    (Num(2, -1, 3) * Num(3, 2, 4), (6, -4, 12)),
    (A / B, (0.5, 0.2, 1.0)),
    (1 / Num(2, 1, 4), (0.5, 0.25, 1)),
    (Num(1, 1, INF) / Num(2, 1, 3), (0.5, 1 / 3, INF)),
    (-A, (-1, -1.5, -0.5)),
    (abs(Num(-1, -3, 2)), (1, 0, 3)),
    (abs(Num(-2, -3, -1)), (2, 1, 3)),
    (abs(A), (1, 0.5, 1.5)),
])
def test_interval_arithmetic_keeps_the_nominal_value_and_the_bounds(result, expected):
    assert bounds(result) == expected


def test_dividing_by_an_interval_that_contains_zero_allows_anything():
    q = Num(1) / Num(1, -1, 2)
    assert (q.nominal, q.lo, q.hi) == (1, -INF, INF)
    q = Num(6, 5, 7) / Num(3, 0, 6)  # zero at the edge is still a possible divisor
    assert (q.nominal, q.lo, q.hi) == (2, -INF, INF)


def test_dividing_by_zero_is_undetermined():
    with pytest.raises(Undetermined, match="division by zero"):
        Num(1) / Num(0, -1, 1)
    with pytest.raises(Undetermined):
        Num(1) / 0


def test_comparisons_use_the_nominal_value():
    n = Num(5, 0, 10)
    assert n < 6 and n <= 5 and n > 4 and n >= 5 and n == 5 and not n == 6
    assert n == Num(5, 4, 6) and hash(n) == hash(5.0)
    assert float(n) == 5.0 and round(Num(53.846), 1) == 53.8


def test_formatting():
    assert f"{Num(53.846153):.1f}" == "53.8"
    assert f"{Num(25.0)}" == str(Num(25.0)) == "25"
    assert str(Num(53.846153)) == "53.846"


@pytest.mark.parametrize("x, text", [(25.0, "25"), (53.846153, "53.846"), (1.5, "1.5"), (1_200_000.0, "1200000"),
                                     (0.1 + 0.2, "0.3"), (INF, "∞"), (-INF, "-∞"), (-2.0, "-2")])
def test_plain_number(x, text):
    assert plain_number(x) == text


@pytest.mark.parametrize("bad", [True, "5", None, [1]])
def test_only_numbers_take_part_in_arithmetic(bad):
    with pytest.raises(TypeError):
        as_num(bad)


# --- stated_range: DESIGN.md's table ---------------------------------------------------------------------

@pytest.mark.parametrize("value, unit, hedge, expected", [
    (56.8, 0.1, None, (56.75, 56.85)),  # rounds to the stated value
    (56.8, 0.1, "over", (56.75, INF)),  # >= stated - half a unit
    (5, 1, "under", (-INF, 5.5)),  # <= stated + half a unit
    (4100, 1, "nearly", (4098, 4100.5)),  # stated - 2 units .. stated + half
    (60, 1, "nearly", (58, 60.5)),
    (100, 1, "about", (95, 105)),  # within 5 %
    (5000, 1, "about", (4750, 5250)),
    (1.2e6, 1e5, "about", (1.14e6, 1.26e6)),
    (5, 1, "about", (4.5, 5.5)),  # never narrower than the rounding itself
    (25, 0, None, (25, 25)),
])
def test_stated_range_for_each_hedge(value, unit, hedge, expected):
    assert stated_range(value, unit, hedge) == pytest.approx(expected)


def test_about_takes_its_relative_slack_as_a_parameter():
    assert stated_range(100, 1, "about", about=0.1) == pytest.approx((90, 110))


# --- FieldValue ------------------------------------------------------------------------------------------

def test_a_field_reads_as_its_mention():
    pct = percent("56,8%", 56.8, 0.1, hedge="over", start=3691)
    assert (pct.value, pct.text, pct.phrase, pct.precision, pct.hedge, pct.start, pct.end, pct.unit, pct.kind) == (
        56.8, "56,8%", "trên 56,8%", 0.1, "over", 3691, 3696, "%", "percent")
    assert str(pct) == f"{pct}" == "56,8%"
    assert f"{pct:.2f}" == "56.80"


def test_the_attributes_rules_may_read():
    assert FIELD_ATTRIBUTES >= {"value", "text", "phrase", "precision", "hedge", "start", "end", "unit", "kind",
                                "part", "whole", "first", "last", "year", "year_assumed", "unit_text", "scale"}
    assert not {"mention", "owner", "num", "stated", "kinds"} & FIELD_ATTRIBUTES
    assert not [name for name in FIELD_ATTRIBUTES if name.startswith("_")]


@pytest.mark.parametrize("f, expected", [
    (number("7", 7.0), (7, 7, 7)),  # a count is exact
    (percent("56,8%", 56.8, 0.1), (56.8, 56.75, 56.85)),
    (field("money", "$11.1bn", Money(11.1e9, 1e8, False, 1e9, "USD")), (11.1e9, 11.05e9, 11.15e9)),
    (percent("56,8%", 56.8, 0.1, hedge="over"), (56.8, 56.75, INF)),
    # a hedged count reads in its unit, as DESIGN.md's table says: over 30 is from 29.5 up
    (number("30", 30.0, hedge="over"), (30, 29.5, INF)),
    (number("5", 5.0, hedge="under"), (5, -INF, 5.5)),
    (number("100", 100.0, hedge="about"), (100, 95, 105)),
    (field("year", "2019", Year(2019)), (2019, 2019, 2019)),  # a year is a number too: value(born)
    (field("fraction", "7/13", Fraction(Number(7.0, 1.0, True, 1.0), Number(13.0, 1.0, True, 1.0))),
     (7 / 13, 7 / 13, 7 / 13)),
])
def test_a_fields_number_is_the_interval_it_allows(f, expected):
    assert bounds(f.num()) == expected


def test_nearly_a_count_allows_a_little_less():
    n = number("4.100", 4100.0, hedge="nearly").num()
    assert n.lo == 4098 and 4100 <= n.hi <= 4100.5


def test_arithmetic_on_fields_goes_through_their_intervals():
    part, whole = number("7", 7.0), number("13", 13.0)
    assert bounds(part / whole * 100) == (700 / 13,) * 3
    a = percent("33,3%", 33.3, 0.1)
    assert bounds(a + percent("66,7%", 66.7, 0.1)) == (100, 99.9, 100.1)
    assert bounds(100 - a) == (66.7, 66.65, 66.75)
    assert bounds(-a) == (-33.3, -33.35, -33.25)
    assert part < whole and whole > 12 and part >= 7 and part <= 7 and float(whole) == 13
    assert part == 7 and part == Num(7) and part == number("7", 7.0, exact=False) and not part == whole


def test_a_compound_fields_parts():
    seven, thirteen = Number(7.0, 1.0, True, 1.0), Number(13.0, 1.0, True, 1.0)
    fraction = Mention("fraction", 10, 14, "7/13", Fraction(seven, thirteen), parts={
        "part": Mention("number", 10, 11, "7", seven), "whole": Mention("number", 12, 14, "13", thirteen)})
    f = FieldValue(fraction)
    assert (f.part.text, f.part.value, f.whole.text, f.whole.value) == ("7", 7.0, "13", 13.0)
    assert f.part.owner is fraction and f.whole.start == 12
    years = FieldValue(Mention("year_range", 0, 9, "2015-2020", YearRange(2015, 2020), parts={
        "first": Mention("year", 0, 4, "2015", Year(2015)), "last": Mention("year", 5, 9, "2020", Year(2020))}))
    assert years.value == "2015/2020"
    assert (years.first.value, years.last.value, years.first.year, years.last.year) == (2015, 2020, 2015, 2020)


@pytest.mark.parametrize("f, attribute, message", [
    (percent("56,8%", 56.8, 0.1), "part", "a percent has no part"),
    (number("7", 7.0), "first", "a number has no first"),
    (number("7", 7.0), "year", "a number has no year"),
    (field("date", "27/4", Date(None, 4, 27, False)), "year", "'27/4' has no year"),  # not given, not known
    (field("date", "tháng 9/2020", Month(2020, 9)), "day", "'tháng 9/2020' has no day"),
])
def test_what_a_field_lacks_is_undetermined(f, attribute, message):
    with pytest.raises(Undetermined, match=message):
        getattr(f, attribute)


@pytest.mark.parametrize("f, year", [
    (field("year", "2019", Year(2019)), 2019),
    (field("date", "05/08/2020", Date(2020, 8, 5, False)), 2020),
    (field("date", "tháng 9/2020", Month(2020, 9)), 2020),
])
def test_a_fields_year(f, year):
    assert f.year == year


def test_a_dates_parts_and_whether_its_year_was_assumed():
    written = field("date", "5/8/2020", Date(2020, 8, 5, False))
    assumed = field("date", "5/8", Date(2020, 8, 5, True))
    assert (written.day, written.month, written.year, written.year_assumed, written.value) == (
        5, 8, 2020, False, "2020-08-05")
    assert assumed.year_assumed and assumed.value == "2020-08-05"
    assert not field("date", "tháng 9/2020", Month(2020, 9)).year_assumed


def test_a_value_that_is_not_a_number_is_undetermined_in_arithmetic():
    with pytest.raises(Undetermined, match="'27/4' is not a number"):
        field("date", "27/4", Date(None, 4, 27, False)) + 1
