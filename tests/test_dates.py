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
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

CATALOG = default_catalog()


def mentions(lang: str, text: str, kind: str) -> list[tuple[str, object]]:
    """(text, value) of every mention of ``kind``."""
    return [(m.text, m.value) for m in analyse(Document("<t>", text, lang), CATALOG).mentions if m.kind == kind]


def claims(lang: str, text: str, kind: str, published: str | None = None) -> list[dict[str, str]]:
    """Each claim of ``kind`` as {field: the bound text} (an implied number as its value)."""
    import datetime as dt

    day = dt.date.fromisoformat(published) if published else None
    analysis = analyse(Document("<t>", text, lang, day), CATALOG)

    def shown(b: Binding) -> str:
        return b.mention.text if b.index >= 0 else f"{b.mention.value:g}"

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
    assert [(m.text, m.value, m.detail) for m in found] == [
        ("28", "2019-12-28", "year assumed from the publication date"),
        ("30/12", "2019-12-30", "year assumed from the publication date")]


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
