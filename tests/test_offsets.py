"""Offsets: matching on NFC text, reporting offsets into the text as stored; lines and columns."""

from __future__ import annotations

import unicodedata

import pytest

from factcheck.checking.analysis import analyse
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document
from factcheck.reading.offsets import LineIndex, normalize

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
NFC = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731


def test_nfc_text_is_its_own_normal_form_and_maps_to_itself():
    text = "Đảng bộ có 25 tổ chức, gồm 11 đảng bộ và 14 chi bộ."
    norm = normalize(text)
    assert norm.text is text
    assert [norm.stored(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_nfd_vietnamese_maps_every_character_boundary_back():
    stored = NFD("Thứ Năm, 05/08/2020: kết nạp được 7/13 đảng viên, đạt trên 56,8%.")
    norm = normalize(stored)
    assert norm.text == NFC(stored)
    assert len(norm.text) < len(stored)
    for i in range(len(norm.text) + 1):
        assert NFC(stored[: norm.stored(i)]) == norm.text[:i], i
    assert norm.stored(len(norm.text)) == len(stored)
    # "ứ" is three stored code points (u, horn, acute): the word after it starts three later
    assert norm.stored(norm.text.index("Năm")) == stored.index("N")


def test_every_mention_of_the_nfd_seed_maps_back_to_its_exact_stored_text(root):
    nfc = (root / "seeds" / "binh-lieu-2020-08-05.txt").read_text(encoding="utf-8")
    stored = NFD(nfc)
    seen_nfc = analyse(Document("seed", nfc, "vi"), default_catalog()).mentions
    seen_nfd = analyse(Document("seed", stored, "vi"), default_catalog()).mentions
    assert [(m.kind, m.value) for m in seen_nfd] == [(m.kind, m.value) for m in seen_nfc]
    assert len(seen_nfd) == 20
    for m, twin in zip(seen_nfd, seen_nfc):
        assert stored[m.start : m.end] == m.text
        assert NFC(m.text) == twin.text
        assert stored[m.phrase_start : m.end] == m.phrase
        assert NFC(stored[: m.start]) == nfc[: twin.start]  # the same place, counted in stored code points
    weekday = seen_nfd[0]  # "Thứ Tư" at 52-58 in NFC; the stored text before it has 11 more code points
    assert (weekday.kind, NFC(weekday.text), weekday.start, weekday.end) == ("weekday", "Thứ Tư", 63, 72)
    assert weekday.start == len(NFD(nfc[:52]))


def test_a_mark_that_does_not_compose_stays_inside_the_span_it_follows():
    # "%" takes no accent: NFC leaves "%\u0301" as two code points; the span of "56,8%" must still end after "%"
    stored = NFD("đạt trên 56,8%") + "\u0301 kế hoạch"
    norm = normalize(stored)
    end = norm.text.index("%") + 1
    assert stored[norm.stored(end - 5) : norm.stored(end)] == "56,8%"
    for i in range(len(norm.text) + 1):
        assert NFC(stored[: norm.stored(i)]) == norm.text[:i], i


@pytest.mark.parametrize("text", [
    pytest.param("dòng một\r\ndòng hai\r\n\r\ndòng bốn", id="crlf"),
    pytest.param("dòng một\rdòng hai\r\rdòng bốn", id="lone-cr"),
    pytest.param("dòng một\ndòng hai\r\n\rdòng bốn", id="mixed"),
])
def test_line_and_column_after_any_line_break(text):
    idx = LineIndex(text)
    assert [idx.line_text(n) for n in (1, 2, 3, 4)] == ["dòng một", "dòng hai", "", "dòng bốn"]
    assert idx.line_col(0) == (1, 1)
    assert idx.line_col(text.index("hai")) == (2, 6)
    assert idx.line_col(text.index("bốn")) == (4, 6)
    assert idx.line_col(len(text)) == (4, 9)  # the end of the text: after the last character
    assert idx.line_col(text.index("một") + 3) == (1, 9)  # a line break belongs to the line it ends


def test_crlf_is_one_line_break_not_two():
    text = "a\r\nb"
    idx = LineIndex(text)
    assert idx.starts == [0, 3]
    assert [idx.line_col(i) for i in range(5)] == [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]


def test_columns_count_stored_code_points_so_nfd_text_has_later_columns():
    stored = NFD("Thứ Năm, 05/08/2020")
    assert LineIndex(stored).line_col(stored.index("05")) == (1, 13)
    assert LineIndex(NFC(stored)).line_col(NFC(stored).index("05")) == (1, 10)
