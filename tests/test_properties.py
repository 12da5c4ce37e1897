"""Properties checked on generated inputs (hypothesis): offsets and value intervals.

- Offsets: however a text is stored (a BOM, CRLF or lone-CR line breaks, NFD or NFC
  Vietnamese, marks that compose with nothing), every mention, claim and finding span
  is an exact slice of the stored text, and the NFC map sends every prefix that ends
  at a character (not inside its marks) back to the stored prefix it came from.
- Intervals: a Num's interval always holds its nominal value, and +, -, * and / of
  two Nums hold every result of values taken from their intervals.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.checking.analysis import analyse
from factcheck.checking.values import Num, Undetermined
from factcheck.loading.catalog import default_catalog
from factcheck.reading.offsets import normalize
from factcheck.reading.sources import Source, read_document

NFC = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731

SENTENCES = [
    "6 tháng đầu năm 2020, Đảng bộ huyện Bình Liêu đã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch.",
    "Chủ tịch UBND huyện sẽ tiếp công dân vào Thứ Năm, 05/08/2020 tại trụ sở của huyện.",
    "Đảng bộ có 25 tổ chức cơ sở đảng trực thuộc, gồm 11 đảng bộ và 14 chi bộ, với 2.340 đảng viên.",
    "Năm 2020 doanh thu đạt 1.200 tỷ đồng, tăng 25% so với năm 2019 (1.000 tỷ đồng).",
    "Ông Nguyễn Văn A, 45 tuổi, sinh năm 1975, được bầu giữ chức Bí thư.",
    "Tỷ lệ hộ nghèo giảm 6,3%, từ 8,2% xuống còn 1,9%.",
]
BREAKS = ["\n", "\r\n", "\r", " ", "\r\n\r\n", "\n\n"]
MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"  # the five tones, circumflex, breve, horn


@st.composite
def stored_texts(draw: st.DrawFn) -> str:
    """Sentences with numbers, each stored NFC or NFD, between line breaks of every kind, with stray marks."""
    parts = []
    for sentence in draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5)):
        form = draw(st.sampled_from(["NFC", "NFD"]))
        text = unicodedata.normalize(form, sentence)
        if draw(st.booleans()):  # a mark on a character it cannot compose with (after a digit, a "%")
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(MARKS)) + text[at:]
        parts.append(text + draw(st.sampled_from(BREAKS)))
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=stored_texts(), bom=st.booleans())
def test_every_span_is_an_exact_slice_of_the_stored_text(text, bom, tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    doc = read_document(Source("doc.txt", file=str(path), lang="vi"))
    assert getattr(doc, "text", None) == text  # a Document, and the BOM is not part of its text
    analysis = analyse(doc, default_catalog())
    for m in analysis.mentions:
        assert 0 <= m.phrase_start <= m.start <= m.end <= len(text)
        assert text[m.start:m.end] == m.text and text[m.phrase_start:m.end] == m.phrase
    for claim in analysis.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
    for finding in analysis.findings:
        for span in finding.spans:
            assert text[span.start:span.end] == span.text


@settings(max_examples=120, deadline=None)
@given(text=stored_texts())
def test_the_nfc_map_sends_every_prefix_back_to_its_stored_prefix(text: str) -> None:
    norm = normalize(text)
    assert norm.text == NFC(text) or not unicodedata.is_normalized("NFC", norm.text)
    assert norm.stored(0) == 0 and norm.stored(len(norm.text)) == len(text)
    previous = 0
    for i in range(len(norm.text) + 1):
        at = norm.stored(i)
        assert previous <= at <= len(text)  # never backwards
        previous = at
        if i == len(norm.text) or not unicodedata.combining(norm.text[i]):  # a character's boundary, where spans end
            assert NFC(text[:at]) == NFC(norm.text[:i])


# --- value intervals -----------------------------------------------------------------------------------------

FINITE = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@st.composite
def nums(draw: st.DrawFn) -> tuple[Num, list[float]]:
    """A Num with its interval around the nominal value, and values from that interval (ends, nominal, inside)."""
    nominal = draw(FINITE)
    below, above = draw(st.floats(0, 1e6)), draw(st.floats(0, 1e6))
    num = Num(nominal, nominal - below, nominal + above)
    inside = [num.lo, num.hi, num.nominal, draw(st.floats(num.lo, num.hi))]
    return num, inside


@given(nums())
def test_an_interval_holds_its_nominal_value(a: tuple[Num, list[float]]) -> None:
    num, _ = a
    assert num.lo <= num.nominal <= num.hi
    assert (-num).lo <= (-num).nominal <= (-num).hi and abs(num).lo <= abs(num).nominal <= abs(num).hi


@pytest.mark.parametrize("op", ["+", "-", "*", "/"])
@settings(max_examples=300, deadline=None)
@given(a=nums(), b=nums())
def test_arithmetic_holds_every_result_of_values_from_the_intervals(op: str, a: tuple[Num, list[float]],
                                                                     b: tuple[Num, list[float]]) -> None:
    (x, xs), (y, ys) = a, b
    compute = {"+": lambda p, q: p + q, "-": lambda p, q: p - q, "*": lambda p, q: p * q, "/": lambda p, q: p / q}[op]
    if op == "/":
        assume(y.nominal != 0)
    try:
        result = compute(x, y)
    except Undetermined:
        pytest.fail("only a zero nominal divisor is undetermined")
    assert result.lo <= result.nominal <= result.hi
    for p in xs:
        for q in ys:
            if op == "/" and q == 0:
                continue
            value = compute(p, q)
            if not math.isnan(value):
                assert result.lo <= value <= result.hi, (p, q, value, result)
