"""Dates as news writes them: weekdays named before their date, day ranges, date ranges,
and a length of time stated beside the dates or years it spans.

Each phrasing is read from texts of our own (not the corpora's), and its look-alikes
are not: "ngày thứ 4 của chiến dịch" is a day's number, "8-9/10 điểm" a mark out of ten.
"""

from __future__ import annotations

import pytest

import factcheck
from factcheck.checking.analysis import analyse
from factcheck.extracting.claims import Binding
from factcheck.extracting.value_types import Date, Year
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

CATALOG = default_catalog()


def mentions(lang: str, text: str, kind: str) -> list[tuple[str, object]]:
    """(text, value) of every mention of ``kind`` (its value as ``.value`` reads it: a date's ISO text)."""
    return [(m.text, m.value.plain()) for m in analyse(Document("<t>", text, lang), CATALOG).mentions if m.kind == kind]


def claims(lang: str, text: str, kind: str, published: str | None = None) -> list[dict[str, str]]:
    """Each claim of ``kind`` as {field: the bound text} (an implied number as its value)."""
    import datetime as dt

    day = dt.date.fromisoformat(published) if published else None
    analysis = analyse(Document("<t>", text, lang, day), CATALOG)

    def shown(b: Binding) -> str:
        return b.mention.text if b.index >= 0 else f"{b.mention.value.plain():g}"

    return [{name: shown(v) for name, v in c.fields.items() if not isinstance(v, list)}
            for c in analysis.claims if c.kind == kind]


# --- a weekday after "ngày" or "phiên", and a weekday right before a d/m ---------------------------------

WEEKDAYS = [
    ("Giá dầu giảm nhẹ ngày thứ Ba (14/3), sau hai phiên tăng.", "thứ Ba", "14/3"),
    ("Giá vàng kết phiên thứ Năm (8/6) ở mức cao nhất trong tuần.", "thứ Năm", "8/6"),
    ("Sân vận động kín chỗ vào ngày thứ bảy 9/9, với 40.000 khán giả.", "thứ bảy", "9/9"),
    ("Lịch thi đấu\nThứ năm 21/9, 20h: đội A gặp đội B", "Thứ năm", "21/9"),
]


@pytest.mark.parametrize("text, day, date", WEEKDAYS)
def test_a_weekday_after_ngay_or_phien_is_read_with_its_date(text, day, date):
    assert claims("vi", text, "weekday_date") == [{"day": day, "date": date}]


@pytest.mark.parametrize("text", [
    "Hôm nay là ngày thứ 4 của chiến dịch tiêm chủng.",
    "Đây là ngày thứ hai của hội nghị, với 300 đại biểu.",
    "Lần thứ hai 7/12 đại biểu tán thành.",  # an ordinal, then a fraction
    "phiên thứ 3 của kỳ họp",
])
def test_an_ordinal_day_or_session_stays_an_ordinal(text):
    assert mentions("vi", text, "weekday") == []
    assert claims("vi", text, "weekday_date") == []


def test_a_wrong_weekday_after_phien_is_found():
    findings = factcheck.check("Giá vàng kết phiên thứ Năm (9/6) ở mức cao nhất trong tuần.", lang="vi",
                               published="2023-06-10")
    assert [(f.rule, [s.text for s in f.spans]) for f in findings] == [("weekday-date", ["thứ Năm", "9/6"])]
    assert findings[0].message == "9/6 là Thứ Sáu, nhưng bài viết ghi thứ Năm"


def test_an_ordinal_before_a_fraction_leaves_it_a_fraction():
    assert mentions("vi", "Lần thứ hai 7/12 đại biểu tán thành.", "fraction") == [("7/12", 7 / 12)]
    assert mentions("vi", "Sân kín chỗ vào thứ bảy 9/9.", "date") == [("9/9", None)]


# --- day ranges that write their month once: two dates -----------------------------------------------------

DAY_RANGES = [
    ("en", "The indoor championships run on 12-14 February 2010.", [("12", "2010-02-12"), ("14 February 2010", "2010-02-14")]),
    ("en", "Tickets sold between 3 and 5 October 1999 were refunded.", [("3", "1999-10-03"), ("5 October 1999", "1999-10-05")]),
    ("en", "The fair opens on May 2-6, 1988, in Frankfurt.", [("May 2", "1988-05-02"), ("6, 1988", "1988-05-06")]),
    ("en", "maize for July 10/25, 1987 shipment", [("July 10", "1987-07-10"), ("25, 1987", "1987-07-25")]),
    ("vi", "Hội chợ diễn ra từ 12-15/11/2019 tại Hà Nội.", [("12", "2019-11-12"), ("15/11/2019", "2019-11-15")]),
    ("vi", "Đoàn công tác từ 2 - 4.6.2018, tại Đà Nẵng.", [("2", "2018-06-02"), ("4.6.2018", "2018-06-04")]),
    ("vi", "Lễ hội tổ chức vào ngày 9 và 10-2-2019.", [("9", "2019-02-09"), ("10-2-2019", "2019-02-10")]),
]


@pytest.mark.parametrize("lang, text, dates", DAY_RANGES)
def test_a_day_range_is_two_dates(lang, text, dates):
    assert mentions(lang, text, "date") == dates


def test_a_day_range_without_its_year_takes_the_year_of_its_last_day():
    import datetime as dt

    found = analyse(Document("<t>", "Giải đấu diễn ra từ 28-30/12.", "vi", dt.date(2020, 1, 3)), CATALOG).mentions
    assert [(m.text, m.value.plain(), m.value.year_assumed) for m in found if isinstance(m.value, Date)] == [
        ("28", "2019-12-28", True),  # the year assumed from the publication date
        ("30/12", "2019-12-30", True)]


@pytest.mark.parametrize("lang, text, expected", [
    ("vi", "Học sinh đạt 8-9/10 điểm ở môn toán.", [("number", "8"), ("fraction", "9/10")]),  # marks out of ten
    ("vi", "Khoảng 7 và 8/10 học sinh đỗ.", [("number", "7"), ("fraction", "8/10")]),
    ("vi", "Đội nhà thắng 3-1 trước đội khách.", []),  # a score
    ("vi", "Lớp học dành cho trẻ từ 10-12 tuổi.", []),  # an age range
    ("en", "Rates were cut on March 2 to 6 pct.", [("date", "March 2"), ("percent", "6 pct")]),
    ("en", "The team won 3-1 on Saturday.", [("weekday", "Saturday")]),
])
def test_what_only_looks_like_a_day_range(lang, text, expected):
    found = analyse(Document("<t>", text, lang), CATALOG).mentions
    assert [(m.kind, m.text) for m in found] == expected


# --- date ranges: date_order --------------------------------------------------------------------------------

DATE_ORDERS = [
    ("en", "The indoor championships run on 12-14 February 2010.", {"start": "12", "end": "14 February 2010"}),
    ("en", "Trading in the April 1-10 period was thin.", {"start": "April 1", "end": "10"}),
    ("en", "The clubs meet on the weekend of 15/16 October 2011.", {"start": "15", "end": "16 October 2011"}),
    ("en", "Jobs were lost between 1991 and 1998.", {"start": "1991", "end": "1998"}),
    ("en", "a shortfall for the years from 2008 to 2012", {"start": "2008", "end": "2012"}),
    ("vi", "Tuần qua (5/6 - 10/6), giá vàng giảm mạnh.", {"start": "5/6", "end": "10/6"}),
    ("vi", "Hội chợ diễn ra từ 12-15/11/2019 tại Hà Nội.", {"start": "12", "end": "15/11/2019"}),
    ("vi", "Từ ngày 2/3/2022 đến hết ngày 30/3/2022: nhận hồ sơ.", {"start": "2/3/2022", "end": "30/3/2022"}),
    ("vi", "Tàu chạy từ 20/1/2019 (tức 15/12 âm lịch) đến 3/2/2019.", {"start": "20/1/2019", "end": "3/2/2019"}),
    ("vi", "Từ năm 2011 đến năm 2015, huyện xây mới 12 trường học.", {"start": "2011", "end": "2015"}),
]


@pytest.mark.parametrize("lang, text, expected", DATE_ORDERS)
def test_a_date_range_is_read_as_start_and_end(lang, text, expected):
    assert claims(lang, text, "date_order") == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "Matches are on 24 and 26 December."),  # two days, not a range
    ("en", "The bill covers 1988 and 1987 crops."),
    ("en", "Sales rose 4% in 1999 to 2,010 units."),
    ("vi", "Hai phiên 5/6 và 10/6 giá vàng giảm mạnh."),
    ("vi", "Năm 2011 có 12 trường, đến năm 2015 có 20 trường."),
])
def test_dates_that_are_no_range_give_no_date_order(lang, text):
    assert claims(lang, text, "date_order") == []


# --- a length of time and the dates it spans: duration_dates, read both ways -------------------------------

DURATIONS = [
    ("vi", "Học sinh được nghỉ liền 5 ngày, từ 29/4 đến hết 3/5/2022.", "5 ngày", "29/4", "3/5/2022"),
    ("vi", "Trong 2 ngày 14-15/8/2020, hội chợ mở cửa miễn phí.", "2 ngày", "14", "15/8/2020"),
    ("vi", "Lệnh cấm kéo dài 3 tháng, bắt đầu từ ngày 1/6/2020 và kết thúc vào ngày 31/8/2020.", "3 tháng",
     "1/6/2020", "31/8/2020"),
    ("vi", "Lễ hội diễn ra từ 10/2 đến 12/2/2021 (3 ngày).", "3 ngày", "10/2", "12/2/2021"),
    ("vi", "Lễ kỷ niệm 75 năm Cách mạng Tháng Tám (19/8/1945 - 19/8/2020) diễn ra tại Hà Nội.", "75 năm",
     "19/8/1945", "19/8/2020"),
    ("en", "The ten-day festival, from 3 to 12 June 2011, drew 40,000 visitors.", "ten-day", "3", "12 June 2011"),
    ("en", "He spent four years in office from 2001 to 2005.", "four years", "2001", "2005"),
]


@pytest.mark.parametrize("lang, text, duration, start, end", DURATIONS)
def test_a_length_of_time_is_read_with_its_dates_both_ways(lang, text, duration, start, end):
    analysis = analyse(Document("<t>", text, lang), CATALOG)
    found = [c for c in analysis.claims if c.kind == "duration_dates"]
    assert [{k: b.mention.text for k, b in c.fields.items() if b.index >= 0} for c in found] == \
        [{"duration": duration, "start": start, "end": end}] * 2
    assert [c.fields["inclusive"].mention.value.plain() for c in found] == [0, 1]  # the time between, then both end days
    assert found[0].group == found[1].group >= 0 and [c.primary for c in found] == [True, False]


@pytest.mark.parametrize("lang, text", [
    ("vi", "Sau 2 ngày nghỉ, từ 3/5 đến 10/5 trường học bình thường."),  # words between: not the span's length
    ("vi", "Trong 2 ngày 5/6 và 10/6/2020, hội chợ mở cửa miễn phí."),  # two days listed, not a range
    ("vi", "Kỷ niệm 75 năm Cách mạng Tháng Tám, ngày 19/8/2020 - 2/9/2020 có nhiều hoạt động."),
    ("en", "Two days later, on 3 June 2011, the festival closed."),
])
def test_a_length_beside_dates_it_does_not_span_is_not_read(lang, text):
    assert claims(lang, text, "duration_dates") == []


def test_a_length_of_time_holds_if_either_count_does():
    both_ends = "Kỳ nghỉ lễ kéo dài 4 ngày (từ 30/4 đến 3/5/2021)."
    between = "Kỷ niệm 46 năm ngày giải phóng (30/4/1975 - 30/4/2021)."
    assert factcheck.check(both_ends, lang="vi") == [] and factcheck.check(between, lang="vi") == []
    findings = factcheck.check("Kỳ nghỉ lễ kéo dài 6 ngày (từ 30/4 đến 3/5/2021).", lang="vi", published="2021-04-20")
    assert [(f.rule, [s.text for s in f.spans]) for f in findings] == [
        ("duration-matches-dates", ["6 ngày", "30/4", "3/5/2021"])]
    assert findings[0].message == ("từ 30/4 đến 3/5/2021 là 3 ngày, hoặc 4 nếu tính cả hai đầu, "
                                   "nhưng bài viết ghi 6 ngày")


def test_a_hedged_or_rounded_length_of_time_reads_with_its_precision():
    assert factcheck.check("Dữ liệu trải dài gần 60 năm (từ ngày 1/1/1960 đến ngày 31/12/2018).", lang="vi") == []
    assert factcheck.check("Lệnh cấm kéo dài 6 tháng, bắt đầu từ ngày 24/4/2021 và kết thúc ngày 31/10/2021.",
                           lang="vi") == []  # 6.2 months: 6 to the month
    findings = factcheck.check("Dữ liệu trải dài gần 60 năm (từ ngày 1/1/1950 đến ngày 31/12/2018).", lang="vi")
    assert [f.rule for f in findings] == ["duration-matches-dates"]
    assert "là 69 năm, hoặc 69 nếu tính cả hai đầu" in findings[0].message


@pytest.mark.parametrize("start, end, unit, between, both", [
    ("2021-04-30", "2021-05-03", "day", 3, 4),
    ("1975-04-30", "2021-04-30", "year", 46, 46.003),
    ("2021-04-24", "2021-10-31", "month", 6.226, 6.258),
    ("2017-09-01", "2017-10-01", "month", 1, 1.032),
    ("2021-03-01", "2021-03-29", "week", 4, 4.143),
])
def test_elapsed_counts_the_time_between_two_days_or_both_ends(start, end, unit, between, both):
    from factcheck.checking.functions import Context, elapsed
    from factcheck.checking.values import FieldValue
    from factcheck.extracting.mentions import Mention

    def day(iso: str) -> FieldValue:
        year, month, day = (int(n) for n in iso.split("-"))
        return FieldValue(Mention("date", 0, 1, iso, Date(year, month, day, False)))

    assert round(elapsed(Context(), day(start), day(end), unit).nominal, 3) == between
    assert round(elapsed(Context(), day(start), day(end), unit, 1).nominal, 3) == both


def test_elapsed_between_years_or_months_is_the_interval_they_allow():
    from factcheck.checking.functions import Context, elapsed
    from factcheck.checking.values import FieldValue
    from factcheck.extracting.mentions import Mention

    years = elapsed(Context(), FieldValue(Mention("year", 0, 1, "2006", Year(2006))),
                    FieldValue(Mention("year", 0, 1, "2017", Year(2017))), "year")
    assert (years.nominal, round(years.lo, 2), round(years.hi, 2)) == (11, 10.0, 12.0)


# --- a pattern whose words read several ways: its readings, checked at load ------------------------------

@pytest.mark.parametrize("readings, message", [
    ("[{inclusive: 0}, {inclusiv: 1}]", "duration_dates has no field 'inclusiv' (did you mean 'inclusive'?)"),
    ("[{inclusive: 0}, {}]", "field 'inclusive' must be given by every reading, and by nothing else"),
    ("[{start: 0}, {start: 1}]", "field 'start' is a date|year: a reading cannot make it a number"),
])
def test_a_patterns_readings_are_checked_against_its_kind(tmp_path, readings, message):
    from factcheck.loading.catalog import ConfigError, load_catalog

    lang = tmp_path / "u" / "lang" / "vi.yaml"
    lang.parent.mkdir(parents=True)
    lang.write_text("code: vi\npatterns:\n  - id: p1\n    kind: duration_dates\n"
                    '    match: "{duration:duration} từ {start:date} đến {end:date}"\n'
                    f"    readings: {readings}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_catalog([str(tmp_path / "u")])
    assert [e.message for e in exc.value.errors] == [message]


def test_a_months_name_is_not_a_number():
    assert mentions("vi", "Cách mạng Tháng Tám thành công năm 1945.", "number") == []
    assert mentions("vi", "Mỗi tháng hai lần, đoàn đến thăm 8 hộ.", "number") == [("hai", 2.0), ("8", 8.0)]


@pytest.mark.parametrize("text, durations", [
    ("Chính sách được duy trì trong ba năm (2015-2018).", [("ba năm", 3.0)]),
    ("Hạn chót lùi thêm một tháng.", [("một tháng", 1.0)]),
    ("Ba tôi năm nay 60 tuổi, một người rất nghiêm.", []),  # ba: father; một: a
    ("Hằng năm ngày 2/9 là ngày Quốc khánh.", []),
])
def test_ba_and_mot_count_only_before_a_duration_word(text, durations):
    assert mentions("vi", text, "duration") == durations


def test_a_length_in_words_is_read_with_its_years():
    assert claims("vi", "Chính sách được duy trì trong ba năm (2015-2018).", "duration_years") == [
        {"duration": "ba năm", "range": "2015-2018"}]


@pytest.mark.parametrize("fmt, message", [
    ('{format: "{d}{to}{dd} {month}"}', "unknown slot {dd} in '{d}{to}{dd} {month}'"),
    ('{format: "{d}-{d2} {month}"}', "a day range needs {d}, {to} and {d2}: '{d}-{d2} {month}'"),
    ('{format: "{d}{to}{d2} {month}", link: "[-"}', "not a valid regular expression"),
])
def test_a_day_range_format_is_checked_where_it_is_written(tmp_path, fmt, message):
    from factcheck.loading.catalog import ConfigError, load_catalog
    from factcheck.loading.fingerprints import shipped_rules_dir

    pack = (shipped_rules_dir() / "lang" / "en.yaml").read_text(encoding="utf-8")
    pack = pack.replace("code: en\n", "code: xx\n").replace("  formats:\n", f"  formats:\n    - {fmt}\n", 1)
    (tmp_path / "u" / "lang").mkdir(parents=True)
    (tmp_path / "u" / "lang" / "xx.yaml").write_text(pack, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_catalog([str(tmp_path / "u")])
    errors = [str(e) for e in exc.value.errors]
    assert len(errors) == 1 and message in errors[0] and "xx.yaml:" in errors[0] and "dates.formats" in errors[0]


# --- a day and month written with a dash: a date only after the words that announce one ------------------

@pytest.mark.parametrize("text, dates", [
    ("Chiều 6-11, hội nghị khai mạc tại Hà Nội.", ["6-11"]),
    ("Học sinh được nghỉ từ ngày 30-4 đến hết ngày 3-5-2021.", ["30-4", "3-5-2021"]),
    ("Ngày 30-4 và 1-5 là ngày nghỉ lễ.", ["30-4", "1-5"]),
    ("Chương trình kéo dài đến hết 31-12.", ["31-12"]),
    ("Lớp học dành cho trẻ từ 10-12 tuổi.", []),  # a range after "từ"
    ("Đội nhà thắng 3-1 trước đội khách.", []),  # a score
    ("Người dân nghỉ mùng 1-2 Tết.", []),  # days of Tết, not 1 February
    ("Lãi suất tăng 10-12% trong năm.", []),
])
def test_a_day_and_month_with_a_dash_is_a_date_only_where_announced(text, dates):
    assert [t for t, _ in mentions("vi", text, "date")] == dates
    assert mentions("vi", text, "fraction") == []


def test_a_weekday_with_a_dashed_date_is_checked():
    assert claims("vi", "Hôm thứ Ba (27-4), đoàn công tác lên đường.", "weekday_date") == [
        {"day": "thứ Ba", "date": "27-4"}]
    findings = factcheck.check("Hôm thứ Hai (27-4), đoàn công tác lên đường.", lang="vi", published="2021-04-28")
    assert [(f.rule, [s.text for s in f.spans]) for f in findings] == [("weekday-date", ["thứ Hai", "27-4"])]


@pytest.mark.parametrize("text, dates", [
    ("Giá gas tăng từ hôm qua (1-2), theo các công ty.", ["1-2"]),
    ("Video trận Tottenham - Manchester United (2-1) thu hút nhiều người xem.", []),  # a score in brackets
    ("Lá tươi nấu nước ngậm, ngày 3-4 lần.", []),  # three or four times a day
])
def test_a_dashed_day_and_month_in_brackets_or_before_a_count(text, dates):
    assert [t for t, _ in mentions("vi", text, "date")] == dates
