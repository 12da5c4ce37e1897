"""Conversions and multiples as news writes them (rules/lang/*-measures.yaml, the packs' units).

Each case is our own writing: a phrasing that must be read with exactly its values, or a
trap that must not be (a currency has no rate to convert with; a range is no old value).
"""

from __future__ import annotations

import pytest

from factcheck.checking.analysis import analyse
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document

CATALOG = default_catalog()
KINDS = ("conversion", "multiple", "multiple_fall")


def read(lang: str, text: str) -> list[tuple[str, dict[str, str]]]:
    return [(c.kind, {k: v.mention.text for k, v in c.fields.items()})
            for c in analyse(Document("t", text, lang), CATALOG).claims if c.kind in KINDS]


def findings(lang: str, text: str) -> list[tuple[str, list[str], str]]:
    return [(f.rule, [s.text for s in f.spans], f.message) for f in analyse(Document("t", text, lang), CATALOG).findings]


READ = [
    ("vi", "Quãng đường dài 300 dặm, tương đương 483 km.",
     [("conversion", {"value": "300 dặm", "converted": "483 km"})]),
    ("vi", "Tàu cách bờ 20 hải lý, tức khoảng 37 km.", [("conversion", {"value": "20 hải lý", "converted": "37 km"})]),
    ("vi", "Ngọn núi cao 1.500 feet (tương đương 457 mét).",
     [("conversion", {"value": "1.500 feet", "converted": "457 mét"})]),
    ("vi", "Con cá nặng 50 pound (khoảng 23 kg).", [("conversion", {"value": "50 pound", "converted": "23 kg"})]),
    ("en", "The pipeline runs 300 miles, or about 483 km, to the coast.",
     [("conversion", {"value": "300 miles", "converted": "483 km"})]),
    ("en", "A card holds two gigabytes (2,000,000,000 bytes).",
     [("conversion", {"value": "two gigabytes", "converted": "2,000,000,000 bytes"})]),
    ("vi", "Doanh thu xuất khẩu tăng gấp 4 lần, đạt 80 tỷ đồng, từ 20 tỷ đồng năm trước.",
     [("multiple", {"old": "20 tỷ đồng", "new": "80 tỷ đồng", "factor": "4"})]),
    ("vi", "Lượng khách tăng gấp đôi, đạt 30.000 lượt, từ 15.000 lượt năm trước.",
     [("multiple", {"old": "15.000", "new": "30.000", "factor": "2"})]),
    ("vi", "Số ca mắc mới giảm 5 lần so với tháng trước, từ 2.000 ca xuống còn 400 ca.",
     [("multiple_fall", {"old": "2.000", "new": "400", "factor": "5"})]),
    ("en", "The number of members doubled from 15,000 in 2018 to 30,000 last year.",
     [("multiple", {"old": "15,000", "new": "30,000", "factor": "2"})]),
    ("en", "Operating profit halved to 80 mln crowns in 1986 from 162 mln in 1985.",
     [("multiple", {"old": "162 mln", "new": "80 mln", "factor": "0.5"})]),
]

NOT_READ = [
    ("vi", "Giải thưởng trị giá 40 triệu peso, tương đương 2 triệu USD."),  # money: no rate in the text
    ("vi", "Lô hàng nặng 5.000 pound (tương đương 60 triệu đồng)."),
    ("en", "The reward is 40 million pesos, or about $2 million."),
    ("en", "Those earning over $30,000 (£15,000) are four times more likely to own one."),
    ("vi", "Sản lượng tăng 20 tấn, tương đương 5%."),  # a change and its percentage
    ("vi", "Số ca nhiễm thực tế có thể cao gấp 20 lần so với báo cáo."),  # the base is named, not given
    ("vi", "Giá vé từ 100.000 đến 150.000 đồng, tăng gấp đôi so với mức thông thường."),  # a range
    ("en", "Sales doubled in 2019, while costs rose to 40 mln from 35 mln."),  # another clause's values
    ("en", "The number of members doubled last year, the club said on Monday."),
]


@pytest.mark.parametrize("lang, text, expected", READ, ids=[t[:40] for _, t, _ in READ])
def test_conversions_and_multiples_are_read(lang, text, expected):
    assert read(lang, text) == expected


@pytest.mark.parametrize("lang, text", NOT_READ, ids=[t[:40] for _, t in NOT_READ])
def test_traps_are_not_read(lang, text):
    assert read(lang, text) == []


def test_wrong_conversions_and_multiples_are_reported():
    assert findings("vi", "Quãng đường dài 300 dặm, tương đương 583 km.") == [
        ("unit-conversion", ["300 dặm", "583 km"], "300 dặm là 482,8 km, nhưng bài viết ghi 583 km")]
    assert findings("vi", "Số ca mắc mới giảm 5 lần so với tháng trước, từ 2.000 ca xuống còn 800 ca.") == [
        ("multiple-fall", ["2.000", "800", "5"], "2.000 gấp 2,50 lần 800, không phải 5 lần như bài viết ghi")]
    assert findings("en", "The number of members doubled from 15,000 in 2018 to 45,000 last year.") == [
        ("multiple", ["15,000", "45,000"], "45,000 is 3.00 times 15,000, not the 2 times the text states")]
