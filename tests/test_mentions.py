"""Mentions: what the scanner finds in a text, per language — kinds, exact spans, values,
precision, units, hedges — and the look-alikes it must leave alone.

Each table row is one text; the scanner runs on it alone (``Scanner.scan``), so offsets
are into that text. The last tests run the whole pipeline to check that NFD input gives
the same mentions once offsets are mapped back.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from factcheck.checking.analysis import analyse
from factcheck.extracting.mentions import Mention
from factcheck.extracting.value_types import (
    Date,
    Duration,
    Fraction,
    Money,
    Month,
    Number,
    Percent,
    Quantity,
    Weekday,
    Year,
    YearRange,
)
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

CATALOG = default_catalog()


def scan(lang: str, text: str, published: dt.date | None = None) -> list[Mention]:
    return CATALOG.languages[lang].scanner.scan(text, published)


def the_mention(lang: str, text: str, span: str, published: dt.date | None = None) -> Mention:
    """The one mention whose text is ``span``; its offsets must slice exactly that out of ``text``."""
    found = [m for m in scan(lang, text, published) if m.text == span]
    assert len(found) == 1, f"{span!r} in {text!r}: {[(m.kind, m.text) for m in scan(lang, text, published)]}"
    m = found[0]
    assert (m.start, m.end) == (text.index(span), text.index(span) + len(span))
    assert text[m.start : m.end] == span
    return m


def kinds_and_texts(lang: str, text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in scan(lang, text)]


def row(lang: str, text: str, *expected, marks=(), id: str | None = None):
    return pytest.param(lang, text, *expected, marks=marks, id=id or f"{lang}:{text}")


# --- numbers: (lang, text, span, value, precision, exact) --------------------------------------------

NUMBERS = [
    row("vi", "có 2.340 đảng viên", "2.340", 2340, 1, True),
    row("vi", "đạt 118,9 điểm", "118,9", 118.9, 0.1, False),
    row("vi", "tổng cộng 1.234.567,89 điểm", "1.234.567,89", 1234567.89, 0.01, False),
    row("vi", "tăng 1.5 lần", "1.5", 1.5, 0.1, False),  # a lone "1.5" is a decimal, not a group
    row("vi", "mỗi 2.340,5 suất", "2.340,5", 2340.5, 0.1, False),
    row("vi", "bảy người", "bảy", 7, 1, True),
    row("vi", "mười người", "mười", 10, 1, True),
    row("vi", "dân số 1,2 triệu người", "1,2 triệu", 1.2e6, 1e5, False),
    row("vi", "1.5 triệu lượt", "1.5 triệu", 1.5e6, 1e5, False),
    row("en", "2,340 members", "2,340", 2340, 1, True),
    row("en", "118.9 runs", "118.9", 118.9, 0.1, False),
    row("en", "1,234,567.89 in all", "1,234,567.89", 1234567.89, 0.01, False),
    row("en", "sales of 1.13bn units", "1.13bn", 1.13e9, 1e7, False),
    row("en", "2.5 billion people", "2.5 billion", 2.5e9, 1e8, False),
    row("en", "output of 1.508 mln a year", "1.508 mln", 1.508e6, 1e3, False),  # Reuters
    row("en", "a dozen eggs", "dozen", 12, 1, True),
]


@pytest.mark.parametrize("lang, text, span, value, precision, exact", NUMBERS)
def test_numbers_are_read_in_the_languages_format(lang, text, span, value, precision, exact):
    m = the_mention(lang, text, span)
    assert type(m.value) is Number
    assert (m.kind, m.value.exact, m.hedge) == ("number", exact, None)
    assert m.value.amount == pytest.approx(value)
    assert m.value.precision == pytest.approx(precision)


@pytest.mark.parametrize("lang, text, span, figure, scale", [
    row("vi", "vốn 35 tỷ đồng", "35 tỷ đồng", "35", 1e9),
    row("vi", "dân số 1,2 triệu người", "1,2 triệu", "1,2", 1e6),
    row("vi", "thu 118,5 nghìn tỷ đồng", "118,5 nghìn tỷ đồng", "118,5", 1e12),
    row("en", "revenue of $1.13bn", "$1.13bn", "1.13", 1e9),
    row("en", "US$5 million", "US$5 million", "5", 1e6),
    row("en", "2,340 members", "2,340", "2,340", 1),
    row("vi", "đạt trên 56,8% kế hoạch", "56,8%", "56,8", 1),
])
def test_a_stated_number_keeps_its_scale_and_where_its_figure_is(lang, text, span, figure, scale):
    """"35 tỷ" is 35 × 1e9: the scale word's factor is kept, and where the "35" stands (a fix rewrites it)."""
    m = the_mention(lang, text, span)
    assert m.value.scale == scale
    assert text[m.number_start : m.number_end] == figure


EN_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


@pytest.mark.parametrize("value, word", list(enumerate(EN_WORDS, start=1)), ids=EN_WORDS)
def test_english_number_words_one_to_twenty(value, word):
    text = f"There were {word} people."
    m = the_mention("en", text, word)
    assert (m.kind, m.value) == ("number", Number(value, 1.0, True, 1.0))
    assert the_mention("en", text.upper(), word.upper()).value.amount == value  # case does not matter


def test_the_same_digits_read_differently_in_each_language():
    assert the_mention("vi", "có 2.340 người", "2.340").value.amount == 2340
    assert the_mention("en", "has 2.340 points", "2.340").value.amount == pytest.approx(2.34)
    assert the_mention("vi", "có 2,340 người", "2,340").value.amount == pytest.approx(2.34)
    assert the_mention("en", "has 2,340 points", "2,340").value.amount == 2340


# --- thousands grouped with a plain space, where the pack says outlets write them -----------------------

@pytest.mark.parametrize("lang, text, span, value", [
    row("vi", "có 2 340 đảng viên", "2 340", 2340),  # LANGUAGE-NOTES: some outlets group with a space
    row("vi", "đạt 1 234 567 lượt khách", "1 234 567", 1234567),
    row("vi", "thu 15 000 đồng mỗi người", "15 000 đồng", 15000),
    row("vi", "sản lượng 2 340,5 tấn gạo", "2 340,5 tấn", 2340.5),
    row("vi", "tỷ lệ 1 200 phần trăm", "1 200 phần trăm", 1200),
    row("vi", "có 2 019 người dự", "2 019", 2019),  # grouped digits are a number, never a year
])
def test_vietnamese_thousands_grouped_with_a_space(lang, text, span, value):
    m = the_mention(lang, text, span)
    assert m.value.amount == value and m.value.precision == (0.1 if "," in span else 1)


@pytest.mark.parametrize("lang, text, expected", [
    # right after another number: which digits go together is anyone's guess
    row("vi", "năm 2020 2 340 đảng viên", [("year", "2020"), ("number", "2"), ("number", "340")]),
    # a table's columns of figures, with no word after them
    row("vi", "Jun 213 213 208 211\nJul 206", [("number", "213"), ("number", "213"), ("number", "208"),
                                               ("number", "211"), ("number", "206")]),
    row("vi", "giá 152,5 153 151 151", [("number", "152,5"), ("number", "153"), ("number", "151"), ("number", "151")]),
    # after a word that takes a number of its own
    row("vi", "trong tháng 12 345 hộ được hỗ trợ", [("number", "12"), ("number", "345")]),
    row("vi", "ngày 5 100 người tham gia", [("number", "5"), ("number", "100")]),
    # a clock time is not a group of three digits; a phone number is a look-alike
    row("vi", "lúc 7 30 sáng", [("number", "7"), ("number", "30")]),
    row("vi", "gọi 0904 130 130 để biết", []),
    # not followed by a word: "(2 340)" is left as it was
    row("vi", "số đảng viên (2 340)", [("number", "2"), ("number", "340")]),
    # only where the pack says so: English groups with commas
    row("en", "has 2 340 members", [("number", "2"), ("number", "340")]),
])
def test_a_plain_space_groups_only_where_the_reading_is_safe(lang, text, expected):
    assert kinds_and_texts(lang, text) == expected


# --- percentages: (lang, text, span, value, precision, unit) ----------------------------------------

PERCENTS = [
    row("vi", "đạt trên 56,8% kế hoạch", "56,8%", 56.8, 0.1, "%"),
    row("vi", "đạt 56,8 % kế hoạch", "56,8 %", 56.8, 0.1, "%"),
    row("vi", "tăng 20%/năm", "20%", 20, 1, "%"),
    row("vi", "chiếm 15 phần trăm", "15 phần trăm", 15, 1, "%"),
    row("vi", "giảm 3 điểm phần trăm", "3 điểm phần trăm", 3, 1, "points"),
    row("en", "up 5 percent", "5 percent", 5, 1, "%"),
    row("en", "up 5 per cent", "5 per cent", 5, 1, "%"),
    row("en", "up 4 pct", "4 pct", 4, 1, "%"),
    row("en", "a rate of 12.5%", "12.5%", 12.5, 0.1, "%"),
    row("en", "rose 3 percentage points", "3 percentage points", 3, 1, "points"),
]


@pytest.mark.parametrize("lang, text, span, value, precision, unit", PERCENTS)
def test_percentages(lang, text, span, value, precision, unit):
    m = the_mention(lang, text, span)
    assert type(m.value) is Percent
    assert (m.kind, m.value.unit, m.value.exact) == ("percent", unit, False)
    assert m.value.amount == pytest.approx(value)
    assert m.value.precision == pytest.approx(precision)


def test_a_per_year_percentage_ends_at_its_sign():
    assert kinds_and_texts("vi", "tăng 20%/năm") == [("percent", "20%")]


# --- fractions: (lang, text, span, part text, part, whole text, whole) -------------------------------

FRACTIONS = [
    row("vi", "kết nạp được 7/13 đảng viên", "7/13", "7", 7, "13", 13),
    row("vi", "đạt 51,62% (2.235/4.330 học sinh)", "2.235/4.330", "2.235", 2235, "4.330", 4330),
    row("vi", "303/306 giảng viên", "303/306", "303", 303, "306", 306),
    row("vi", "có 7 trên 13 xã", "7 trên 13", "7", 7, "13", 13),
    row("vi", "7/12 đảng viên", "7/12", "7", 7, "12", 12),  # d/m-shaped, but no date cue
    row("en", "7 of 13 members", "7 of 13", "7", 7, "13", 13),
    row("en", "7 out of 13 members", "7 out of 13", "7", 7, "13", 13),
    row("en", "seven of the 13 districts", "seven of the 13", "seven", 7, "13", 13),
    row("en", "12 of its 13 branches", "12 of its 13", "12", 12, "13", 13),
    row("en", "7/13 of them", "7/13", "7", 7, "13", 13),
]


@pytest.mark.parametrize("lang, text, span, part_text, part, whole_text, whole", FRACTIONS)
def test_fractions_and_their_parts(lang, text, span, part_text, part, whole_text, whole):
    m = the_mention(lang, text, span)
    assert m.kind == "fraction" and m.value == Fraction(Number(part, 1.0, True, 1.0), Number(whole, 1.0, True, 1.0))
    assert m.value.plain() == pytest.approx(part / whole)
    p, w = m.parts["part"], m.parts["whole"]
    assert (p.kind, p.text, p.value) == ("number", part_text, Number(part, 1.0, True, 1.0))
    assert (w.kind, w.text, w.value) == ("number", whole_text, Number(whole, 1.0, True, 1.0))
    assert text[p.start : p.end] == part_text and text[w.start : w.end] == whole_text
    assert m.start == p.start < p.end <= w.start < w.end == m.end


def test_a_percentage_glossed_by_a_fraction_in_brackets():
    assert kinds_and_texts("vi", "58,3% (7/12)") == [("percent", "58,3%"), ("fraction", "7/12")]


def test_of_a_year_is_not_a_fraction():
    assert kinds_and_texts("en", "one of 2019's best") == []


# --- money and quantities: (lang, text, span, kind, value, precision, unit) ---------------------------

AMOUNTS = [
    row("en", "revenue of $1.13bn", "$1.13bn", "money", 1.13e9, 1e7, "USD"),
    row("en", "about £600m", "£600m", "money", 6e8, 1e6, "GBP"),
    row("en", "from $639m", "$639m", "money", 6.39e8, 1e6, "USD"),
    row("en", "US$5 million", "US$5 million", "money", 5e6, 1e5, "USD"),  # one digit is read to two
    row("en", "$1 billion", "$1 billion", "money", 1e9, 1e8, "USD"),
    row("en", "$1.2 billion", "$1.2 billion", "money", 1.2e9, 1e8, "USD"),
    row("en", "€3.5 billion", "€3.5 billion", "money", 3.5e9, 1e8, "EUR"),
    row("en", "1,508 mln dlrs", "1,508 mln dlrs", "money", 1.508e9, 1e6, "USD"),
    row("vi", "vốn 1.100 tỷ đồng", "1.100 tỷ đồng", "money", 1.1e12, 1e9, "VND"),
    row("vi", "vay 5 triệu USD", "5 triệu USD", "money", 5e6, 1e5, "USD"),
    row("vi", "vay 50 triệu USD", "50 triệu USD", "money", 5e7, 1e6, "USD"),
    row("vi", "thu 118,5 nghìn tỷ đồng", "118,5 nghìn tỷ đồng", "money", 118.5e12, 1e11, "VND"),
    row("en", "100 miles (161 km)", "100 miles", "quantity", 100, 1, "mile"),
    row("en", "100 miles (161 km)", "161 km", "quantity", 161, 1, "km"),
    row("vi", "dài 161 km", "161 km", "quantity", 161, 1, "km"),
    row("vi", "trồng 1.200 ha rừng", "1.200 ha", "quantity", 1200, 1, "hectare"),
    row("vi", "2.340,5 tấn gạo", "2.340,5 tấn", "quantity", 2340.5, 0.1, "tonne"),
    row("vi", "rộng 5 km²", "5 km²", "quantity", 5, 1, "km**2"),
]


@pytest.mark.parametrize("lang, text, span, kind, value, precision, unit", AMOUNTS)
def test_money_and_quantities_carry_their_unit(lang, text, span, kind, value, precision, unit):
    m = the_mention(lang, text, span)
    assert type(m.value) is {"money": Money, "quantity": Quantity}[kind]
    assert (m.kind, m.value.unit, m.value.exact) == (kind, unit, False)
    assert m.value.amount == pytest.approx(value)
    assert m.value.precision == pytest.approx(precision)


# --- dates: (lang, text, span, value, unit) -----------------------------------------------------------

DATES = [
    row("vi", "Thứ Tư, 05/08/2020", "05/08/2020", "2020-08-05", "day"),
    row("vi", "ngày 5/8/2020", "5/8/2020", "2020-08-05", "day"),
    row("vi", "hôm ngày 5 tháng 8 năm 2020", "ngày 5 tháng 8 năm 2020", "2020-08-05", "day"),
    row("vi", "5-8-2020", "5-8-2020", "2020-08-05", "day"),
    row("vi", "5.8.2020", "5.8.2020", "2020-08-05", "day"),
    row("vi", "Chủ nhật 15/5/05", "15/5/05", "2005-05-15", "day"),
    row("vi", "2020-08-05", "2020-08-05", "2020-08-05", "day"),
    row("vi", "trong tháng 9/2020 là", "tháng 9/2020", "2020-09", "month"),
    row("vi", "tháng 01/2020", "tháng 01/2020", "2020-01", "month"),
    row("vi", "tháng 9 năm 2020", "tháng 9 năm 2020", "2020-09", "month"),
    row("en", "on August 5, 2020", "August 5, 2020", "2020-08-05", "day"),
    row("en", "on 5 August 2020", "5 August 2020", "2020-08-05", "day"),
    row("en", "on 2020-08-05", "2020-08-05", "2020-08-05", "day"),
    row("en", "in August 2020", "August 2020", "2020-08", "month"),
]


@pytest.mark.parametrize("lang, text, span, value, unit", DATES)
def test_dates_in_each_format(lang, text, span, value, unit):
    m = the_mention(lang, text, span)
    year, month, *day = (int(p) for p in value.split("-"))
    assert m.kind == "date" and m.value.plain() == value
    assert m.value == (Date(year, month, day[0], False) if unit == "day" else Month(year, month))


@pytest.mark.parametrize("lang, text, span, month, day", [
    row("vi", "ngày 30/4", "30/4", 4, 30),
    row("en", "on Aug. 5", "Aug. 5", 8, 5),
])
def test_a_date_without_a_year_has_no_value_until_the_publication_date_gives_one(lang, text, span, month, day):
    m = the_mention(lang, text, span)
    assert (m.kind, m.value, m.value.plain()) == ("date", Date(None, month, day, False), None)
    dated = the_mention(lang, text, span, published=dt.date(2020, 8, 10))
    assert dated.value == Date(2020, month, day, True)  # the year assumed from the publication date
    assert dated.value.plain() == f"2020-{month:02d}-{day:02d}"


def test_the_year_assumed_is_the_one_nearest_the_publication_date():
    m = the_mention("vi", "ngày 30/12", "30/12", published=dt.date(2021, 1, 3))
    assert m.value == Date(2020, 12, 30, True)


@pytest.mark.parametrize("lang, text, span, year", [
    row("vi", "Chủ nhật 15/5/49", "15/5/49", 2049),
    row("vi", "Chủ nhật 15/5/50", "15/5/50", 1950),
])
def test_a_two_digit_year_turns_at_the_packs_pivot(lang, text, span, year):
    assert the_mention(lang, text, span).value.year == year


def test_an_impossible_day_is_no_date():
    assert kinds_and_texts("vi", "31/4/2021") == []


# --- d/m resolved by context: (lang, text, expected mentions) -----------------------------------------

DAY_MONTH = [
    row("vi", "ngày 30/4", [("date", "30/4")]),
    row("vi", "vào (27/4), đoàn đi", [("date", "27/4")]),
    row("vi", "dịp 30/4 và 1/5", [("date", "30/4"), ("date", "1/5")]),
    row("vi", "ngày 30/4-1/5", [("date", "30/4"), ("date", "1/5")]),
    row("vi", "nghỉ lễ 30/4 - 1/5", [("date", "30/4"), ("date", "1/5")]),
    row("vi", "kết nạp 7/12 đảng viên", [("fraction", "7/12")]),
    row("vi", "đạt 58,3% (7/12)", [("percent", "58,3%"), ("fraction", "7/12")]),
    row("vi", "30/4 và 1/5", [("date", "30/4"), ("date", "1/5")]),
    row("vi", "kỳ nghỉ 30/4-1/5", [("date", "30/4"), ("date", "1/5")]),
]


@pytest.mark.parametrize("lang, text, expected", DAY_MONTH)
def test_day_month_is_a_date_or_a_fraction_by_context(lang, text, expected):
    assert kinds_and_texts(lang, text) == expected


# --- weekdays: (lang, text, span, value, English name) --------------------------------------------------

WEEKDAYS = [
    row("vi", "Thứ Tư, 05/08/2020", "Thứ Tư", 2, "Wednesday"),
    row("vi", "Chủ Nhật tuần này", "Chủ Nhật", 6, "Sunday"),
    row("vi", "thứ 2, 05/08/2020", "thứ 2", 0, "Monday"),
    row("vi", "Thứ 4, 05/08/2020", "Thứ 4", 2, "Wednesday"),
    row("vi", "vào thứ Ba (27/4)", "thứ Ba", 1, "Tuesday"),
    row("vi", "CN 15/5/05", "CN", 6, "Sunday"),
    row("en", "on Wednesday", "Wednesday", 2, "Wednesday"),
    row("en", "Sat 5 August 2020", "Sat", 5, "Saturday"),
    row("en", "Wed. Aug. 5, 2020", "Wed.", 2, "Wednesday"),
    row("en", "They met on Wednesday. Then", "Wednesday", 2, "Wednesday"),
    row("vi", "T2, 05/08/2020", "T2", 0, "Monday"),
]


@pytest.mark.parametrize("lang, text, span, value, name", WEEKDAYS)
def test_weekdays(lang, text, span, value, name):
    m = the_mention(lang, text, span)
    assert (m.kind, m.value, m.value.name) == ("weekday", Weekday(value), name)


@pytest.mark.parametrize("lang, text", [
    row("vi", "lần thứ tư"),  # the fourth time
    row("vi", "ngày thứ 4"),  # the fourth day
    row("vi", "Thứ Tư"),  # "thứ" + word is a weekday only next to a date
    row("en", "Sat"),  # an abbreviation is a weekday only before a date
])
def test_weekday_forms_that_are_also_ordinals_need_a_date(lang, text):
    assert kinds_and_texts(lang, text) == []


# --- years, year ranges, durations --------------------------------------------------------------------

def test_a_year():
    m = the_mention("vi", "tăng 25% so với năm 2019", "2019")
    assert (m.kind, m.value) == ("year", Year(2019))


@pytest.mark.parametrize("lang, text, span, value, first, last", [
    row("vi", "nhiệm kỳ 2015-2020", "2015-2020", "2015/2020", ("2015", 2015), ("2020", 2020)),
    row("en", "in 2018–20", "2018–20", "2018/2020", ("2018", 2018), ("20", 2020)),
    row("en", "the 2016-2020 plan", "2016-2020", "2016/2020", ("2016", 2016), ("2020", 2020)),
    row("en", "in 1999-00", "1999-00", "1999/2000", ("1999", 1999), ("00", 2000)),
])
def test_year_ranges_and_their_first_and_last_years(lang, text, span, value, first, last):
    m = the_mention(lang, text, span)
    assert (m.kind, m.value, m.value.plain()) == ("year_range", YearRange(first[1], last[1]), value)
    for name, (part_text, year) in (("first", first), ("last", last)):
        part = m.parts[name]
        assert (part.kind, part.text, part.value, text[part.start : part.end]) == (
            "year", part_text, Year(year), part_text)


@pytest.mark.parametrize("lang, text, span, value, unit", [
    row("vi", "trong 5 năm qua", "5 năm", 5, "year"),
    row("vi", "6 tháng đầu năm 2020", "6 tháng", 6, "month"),
    row("vi", "sau 3 tuần", "3 tuần", 3, "week"),
    row("en", "a five-year plan", "five-year", 5, "year"),
    row("en", "for 5 years", "5 years", 5, "year"),
    row("en", "in 3 weeks", "3 weeks", 3, "week"),
])
def test_durations(lang, text, span, value, unit):
    m = the_mention(lang, text, span)
    assert (m.kind, m.value) == ("duration", Duration(value, 1.0, True, 1.0, unit))


# --- hedges: (lang, text, span, hedge, phrase) ----------------------------------------------------------

HEDGES = [
    row("vi", "đạt trên 56,8% kế hoạch", "56,8%", "over", "trên 56,8%"),
    row("vi", "hơn 30 xã", "30", "over", "hơn 30"),
    row("vi", "khoảng 100 người", "100", "about", "khoảng 100"),
    row("vi", "ước tính 5.000 người", "5.000", "about", "ước tính 5.000"),
    row("vi", "gần 4.100 hộ", "4.100", "nearly", "gần 4.100"),
    row("vi", "xấp xỉ 20%", "20%", "nearly", "xấp xỉ 20%"),
    row("vi", "dưới 5%", "5%", "under", "dưới 5%"),
    row("vi", "chưa đến 10%", "10%", "under", "chưa đến 10%"),
    row("vi", "khoảng 1,2 triệu đồng", "1,2 triệu đồng", "about", "khoảng 1,2 triệu đồng"),
    row("en", "more than 2,000 people", "2,000", "over", "more than 2,000"),
    row("en", "at least 5 times", "5", "over", "at least 5"),
    row("en", "nearly 60% of voters", "60%", "nearly", "nearly 60%"),
    row("en", "almost 10 years ago", "10 years", "nearly", "almost 10 years"),
    row("en", "an estimated 5,000 people", "5,000", "about", "an estimated 5,000"),
    row("en", "approx. 500 people", "500", "about", "approx. 500"),  # a hedge ending in a dot
    row("vi", "tăng lên 12,2% (khoảng 1,7 triệu người)", "1,7 triệu", "about", "khoảng 1,7 triệu"),
    row("en", "around 40 homes", "40", "about", "around 40"),
    row("en", "less than 3%", "3%", "under", "less than 3%"),
    row("en", "fewer than 20 people", "20", "under", "fewer than 20"),
    row("en", "Nearly seven of the 13", "seven of the 13", "nearly", "Nearly seven of the 13"),
]


@pytest.mark.parametrize("lang, text, span, hedge, phrase", HEDGES)
def test_hedges_are_named_and_kept_in_the_phrase(lang, text, span, hedge, phrase):
    m = the_mention(lang, text, span)
    assert m.hedge == hedge
    assert text[m.phrase_start : m.end] == phrase


@pytest.mark.parametrize("lang, text, span", [
    row("vi", "trên địa bàn có 5 xã", "5"),  # "trên" as a preposition, not before the number
    row("vi", "lên tới 500 người", "500"),  # "up to" is not a bound
    row("en", "up to 500 people", "500"),
    row("vi", "có 7 trên 13 xã", "7 trên 13"),  # "trên" as a fraction connector
])
def test_no_hedge(lang, text, span):
    m = the_mention(lang, text, span)
    assert (m.hedge, m.phrase_start) == (None, m.start)


@pytest.mark.parametrize("lang, text, span, hedge", [
    row("en", "Officials in the northern province said on Tuesday that nearly\n60% of homes", "60%", "nearly"),
    row("en", "The figures are in the table below\n\n25 organisations", "25", None),
    row("vi", "Xem số liệu ở bảng dưới\n\n25 tổ chức cơ sở đảng", "25", None),
])
def test_a_hedge_reaches_across_a_wrapped_line_but_not_a_paragraph(lang, text, span, hedge):
    assert the_mention(lang, text, span).hedge == hedge


# --- look-alikes: (lang, text, every mention expected) -----------------------------------------------

LOOKALIKES = [
    row("vi", "Nghị định số 100/2019/NĐ-CP", []),
    row("vi", "Quyết định 1234/QĐ-UBND", []),
    row("vi", "Công văn số 45/UBND-VX", []),
    row("vi", "Thông tư 01/2021/TT-BGDĐT", []),
    row("vi", "Nghị quyết 36/NQ-TW", []),
    row("vi", "Luật số 39/2007", []),
    row("vi", "quý 1/2021", []),
    row("vi", "đợt 7/2003", []),
    row("vi", "thị lực 20/20", []),
    row("vi", "dịch COVID-19", []),
    row("vi", "nhóm G7", []),
    row("vi", "mạng 4G", []),
    row("vi", "gọi 0913.456.789", []),
    row("vi", "điện thoại (024) 3825 1234", []),
    row("vi", "lúc 08:11", []),
    row("vi", "lúc 10h30", []),
    row("vi", "từ 6-7h", []),
    row("vi", "thắng 3-1", []),
    row("vi", "tỉ số 2 - 0", []),
    row("vi", "ở phút 52'", []),
    row("vi", "[GMT+7]", []),
    row("vi", "tỷ lệ sử dụng giường đạt 154,66/95", []),
    row("vi", "tỷ lệ khỏi ra viện 72,68/65%", []),
    row("vi", "Tằng A Sám (thứ 2, trái sang)", []),
    row("vi", "lần thứ 2 (17/3)", [("date", "17/3")]),
    row("vi", "Kỳ họp thứ 3, ngày 5/6", [("date", "5/6")]),
    row("vi", "Theo Nghị định số 100/2019/NĐ-CP, mức phạt là 5 triệu đồng",
        [("money", "5 triệu đồng")]),
    row("vi", "Thứ Tư, 05/08/2020, 08:11 [GMT+7]", [("weekday", "Thứ Tư"), ("date", "05/08/2020")]),
    row("vi", "phục vụ 24/7", []),
    row("en", "open 24/7", []),
    row("en", "vision 20/20", []),
    row("en", "after 9/11", []),
    row("en", "on 8/5/2020", []),  # month and day order unclear
    row("en", "fiscal 2003/2004", []),
    row("en", "COVID-19 cases", []),
    row("en", "the G7 summit", []),
    row("en", "a 4G network", []),
    row("en", "at 8:30", []),
    row("en", "at 10.30am", []),
    row("en", "a 3-1 win", []),
    row("en", "a 7-2 vote", []),
    row("en", "call (202) 555-0143", []),
    row("en", "the 1990s", []),
    row("en", "the 21st", []),
    row("en", "[GMT+7]", []),
]


@pytest.mark.parametrize("lang, text, expected", LOOKALIKES)
def test_lookalikes_give_no_value_of_the_wrong_kind(lang, text, expected):
    assert kinds_and_texts(lang, text) == expected


# --- NFD input --------------------------------------------------------------------------------------------

NFC_TEXTS = [
    "Thứ Tư, 05/08/2020. Đảng bộ đã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch.",
    "Doanh thu khoảng 1,2 triệu đồng, gần 4.100 hộ, dưới 5%, nhiệm kỳ 2015-2020, trong 6 tháng.",
    "Quyết định 1234/QĐ-UBND ngày 30/4; (thứ 2, trái sang) có 7/12 đảng viên.",
]


@pytest.mark.parametrize("nfc", NFC_TEXTS)
def test_nfd_input_gives_the_same_mentions_at_stored_offsets(nfc):
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    seen = {form: analyse(Document("<t>", text, "vi"), CATALOG).mentions for form, text in (("nfc", nfc), ("nfd", nfd))}
    assert len(seen["nfd"]) == len(seen["nfc"]) > 0
    for m, twin in zip(seen["nfd"], seen["nfc"]):
        assert (m.kind, m.value, m.hedge) == (twin.kind, twin.value, twin.hedge)
        assert nfd[m.start : m.end] == m.text and nfd[m.phrase_start : m.end] == m.phrase
        assert unicodedata.normalize("NFC", m.text) == twin.text
        assert unicodedata.normalize("NFC", m.phrase) == twin.phrase
        assert unicodedata.normalize("NFC", nfd[: m.start]) == nfc[: twin.start]


@pytest.mark.parametrize("text, lang", [
    ("Kế hoạch phát triển đến năm 2023\n\nNăm 2023, tỉnh có 25 xã.", "vi"),
    ("Doanh thu đạt 5\n\ntriệu đồng trong năm.", "vi"),
    ("The plan runs to 2030\n\nYears of work are ahead, said the mayor.", "en"),
    ("Sales reached 40\r\n\r\nmillion units, the firm said.", "en"),
])
def test_a_value_never_spans_a_blank_line(text, lang):
    """A headline ending in a number and a paragraph starting with a unit or scale word are two things."""
    mentions = analyse(Document("<text>", text, lang), default_catalog()).mentions
    assert mentions and all("\n\n" not in m.text and "\n\r\n" not in m.text for m in mentions)
    assert all(m.kind != "duration" for m in mentions)


def test_a_value_may_still_be_wrapped_once():
    mentions = analyse(Document("<text>", "Kỳ hạn vay là 5 -\nnăm kể từ ngày ký.", "vi"), default_catalog()).mentions
    assert [(m.kind, m.text) for m in mentions] == [("duration", "5 -\nnăm")]
