"""Sentences: values become placeholders, then boundaries are marked; a claim never crosses one.

``encode`` is shown here in a readable form: ``<kind>`` for a placeholder and ``|`` for a
boundary.
"""

from __future__ import annotations

import pytest

from factcheck.extracting.claims import extract
from factcheck.extracting.patterns import BOUNDARY, PH_CLOSE, PH_OPEN, PLACEHOLDER
from factcheck.extracting.sentences import encode
from factcheck.loading.catalog import default_catalog

CATALOG = default_catalog()


def encoded(lang: str, text: str) -> str:
    language = CATALOG.languages[lang]
    mentions = language.scanner.scan(text)
    return encode(text, mentions, language.lexicon.abbreviations)


def readable(lang: str, text: str) -> str:
    shown = PLACEHOLDER.sub(lambda m: f"<{m.group(1)}>", encoded(lang, text))
    return shown.replace(BOUNDARY, "|")


def sentences(lang: str, text: str) -> list[str]:
    return [s.strip() for s in readable(lang, text).split("|") if s.strip()]


def claim_kinds(lang: str, text: str) -> list[str]:
    language = CATALOG.languages[lang]
    mentions = language.scanner.scan(text)
    enc = encode(text, mentions, language.lexicon.abbreviations)
    return [c.kind for c in extract(enc, mentions, language.patterns, CATALOG.list_fields)]


def test_each_mention_becomes_one_placeholder_with_its_index():
    text = "Đảng bộ có 25 tổ chức, gồm 11 đảng bộ và 14 chi bộ, với 2.340 đảng viên."
    enc = encoded("vi", text)
    assert [(k, int(i)) for k, i in PLACEHOLDER.findall(enc)] == [("number", 0), ("number", 1), ("number", 2),
                                                                   ("number", 3)]
    assert enc.count(PH_OPEN) == enc.count(PH_CLOSE) == 4


def test_a_hedge_goes_into_its_values_placeholder():
    assert readable("vi", "đạt trên 56,8% kế hoạch") == "đạt <percent> kế hoạch"
    assert readable("en", "more than 2,000 people") == "<number> people"


@pytest.mark.parametrize("lang, text, expected", [
    ("vi", "Doanh thu đạt 118,9 tỷ. Có 2.340 người.", ["Doanh thu đạt <number>.", "Có <number> người."]),
    ("vi", "Tổng cộng 1.234.567,89 đồng. Năm 2019 tăng 1.5 lần.",
     ["Tổng cộng <money>.", "Năm <year> tăng <number> lần."]),
    ("en", "Revenue was 118.9 million. It rose 2,340.5 times.", ["Revenue was <number>.", "It rose <number> times."]),
    ("en", "The value is 3.5. Then 4.", ["The value is <number>.", "Then <number>."]),
    ("en", "It cost $1.13bn. Then £600m.", ["It cost <money>.", "Then <money>."]),
])
def test_decimals_and_grouped_numbers_never_end_a_sentence(lang, text, expected):
    assert sentences(lang, text) == expected


@pytest.mark.parametrize("lang, text", [
    ("vi", "Ông A ở TP. HCM có 5 con."),
    ("vi", "Gặp PGS. Nguyễn Văn A và TS. Lê B."),
    ("en", "U.S. officials said 5 were hurt."),
    ("en", "Mr. Smith said 7 of 13 agreed."),
    ("en", "Dr. Jones and Mrs. Smith met."),
    ("en", "He met officials in the U.S. on Tuesday."),
    ("en", "Prices rose approx. 5 percent."),
    ("en", "The firm, e.g. the biggest, grew."),  # a lower-case word after a stop: no new sentence
])
def test_abbreviations_do_not_end_a_sentence(lang, text):
    assert BOUNDARY not in encoded(lang, text).rstrip()
    assert len(sentences(lang, text)) == 1


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "He won. She lost.", ["He won.", "She lost."]),
    ("en", "Really? Yes!", ["Really?", "Yes!"]),
    ("en", 'He said "It is 5." Then she left.', ['He said "It is <number>."', "Then she left."]),
    ("en", "It was (he said.) Then 4.", ["It was (he said.)", "Then <number>."]),
    ("en", "It is 5. 6 more came.", ["It is <number>.", "<number> more came."]),
    ("vi", "Xong rồi… Đi thôi.", ["Xong rồi…", "Đi thôi."]),
])
def test_sentence_ends(lang, text, expected):
    assert sentences(lang, text) == expected


def test_a_blank_line_ends_a_paragraph_and_a_sentence_without_a_stop():
    assert sentences("en", "A heading\n\nFirst paragraph has 5") == ["A heading", "First paragraph has <number>"]
    assert sentences("en", "First\r\n\r\nSecond") == ["First", "Second"]
    assert sentences("en", "First\n   \t\nSecond") == ["First", "Second"]


def test_a_short_line_ends_a_sentence():
    assert sentences("en", "Short line\nNext line") == ["Short line", "Next line"]
    assert sentences("vi", "Có 7/13 đảng viên mới\nđạt 53,8% kế hoạch.") == ["Có <fraction> đảng viên mới",
                                                                              "đạt <percent> kế hoạch."]


@pytest.mark.parametrize("text", [
    "The company said on Tuesday its profit rose 2% to $11.1bn from\n$10.9bn a year earlier, beating forecasts.",
    "The party said on Tuesday that it has 25 local organisations, comprising 11\ncommittees and 14 cells.",
    "Officials in the northern province said on Tuesday that nearly\n60% of the 1,200 homes were damaged.",
])
def test_a_wrapped_line_joins_the_next(text):
    assert len(sentences("en", text)) == 1


@pytest.mark.parametrize("text", [
    "The company said on Tuesday its profit rose 2% to a record high.\nIt expects more.",
    "The company said on Tuesday its profit rose 2% to a record high:\nmore is expected.",
    "Profit rose 2% to $11.1bn from\n$10.9bn.",  # a short line is not wrapped
])
def test_a_line_that_ends_a_sentence_or_is_short_is_not_joined(text):
    assert len(sentences("en", text)) == 2


def test_the_offsets_of_the_text_around_placeholders_are_kept():
    text = "kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch. Năm sau."
    enc = encoded("vi", text)
    assert enc.startswith("kết nạp được ") and enc.endswith(" Năm sau.")
    assert " đảng viên mới, đạt " in enc


@pytest.mark.parametrize("lang, text", [
    ("vi", "Xã kết nạp 7/13 đảng viên. Đạt 53,8% kế hoạch."),
    ("vi", "Có 7/13 đảng viên mới.\n\nĐạt 53,8% kế hoạch."),
    ("vi", "Có 7/13 đảng viên mới\nđạt 53,8% kế hoạch."),
    ("en", "Seven of the 13 districts reported a rise. Or 54% of them, say some."),
    ("en", "7 of 13 members voted.\n(54%)"),
    ("vi", "Thứ Tư.\n05/08/2020"),
    ("en", "Council meets Wednesday.\n\nAugust 5, 2020"),
    pytest.param("en", "The council met on Thursday. August 5, 2020 was the date chosen."),
    pytest.param("vi", "Hội nghị họp vào Chủ Nhật. 05/08/2020 là ngày bỏ phiếu."),
])
def test_a_claim_never_crosses_a_sentence(lang, text):
    assert claim_kinds(lang, text) == []


@pytest.mark.parametrize("lang, text, kind", [
    ("vi", "Xã kết nạp 7/13 đảng viên, đạt 53,8% kế hoạch.", "fraction_percent"),
    ("en", "Seven of the 13 districts, or 54% of them, reported a rise.", "fraction_percent"),
    ("en", "7 of 13 members voted (54%).", "fraction_percent"),
    ("vi", "Thứ Tư, 05/08/2020", "weekday_date"),
    ("en", "The party said on Tuesday that it has 25 local organisations, comprising 11\ncommittees and 14 cells.",
     "total_parts"),
    ("vi", "Ông A ở TP. HCM cho biết 7/13 đảng viên đạt 53,8%.", "fraction_percent"),
])
def test_the_same_values_in_one_sentence_make_a_claim(lang, text, kind):
    assert kind in claim_kinds(lang, text)
