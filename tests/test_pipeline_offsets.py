"""End to end: whatever form the text is stored in, every span is an exact slice of it."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import factcheck
from factcheck.reports import render

NFC = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
PREFIX = "Bình Liêu: Chú trọng công tác phát triển đảng viên\r\n\r\nThứ Tư, 05/08/2020, 08:11 [GMT+7]\r\n\r\n"


def as_nfc(sentence: str, tmp_path: Path) -> tuple[str, list[factcheck.Finding]]:
    return sentence, factcheck.check(sentence)


def as_nfd(sentence: str, tmp_path: Path) -> tuple[str, list[factcheck.Finding]]:
    text = unicodedata.normalize("NFD", sentence)
    return text, factcheck.check(text)


def after_crlf_lines(sentence: str, tmp_path: Path) -> tuple[str, list[factcheck.Finding]]:
    text = PREFIX + sentence + "\r\n"
    return text, factcheck.check(text)


def from_file_with_bom(sentence: str, tmp_path: Path) -> tuple[str, list[factcheck.Finding]]:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (PREFIX + sentence).encode("utf-8"))
    report = factcheck.check_paths([str(path)])
    assert report.errors == []
    return report.texts[path.as_posix()], report.findings


FORMS = [pytest.param(f, id=f.__name__) for f in (as_nfc, as_nfd, after_crlf_lines, from_file_with_bom)]


def assert_exact_spans(text: str, finding: factcheck.Finding, expected: list[tuple[str, str]]) -> None:
    """Each span is a slice of the stored text, found where the NFC text has it, with the expected label."""
    assert [(NFC(s.text), s.label) for s in finding.spans] == expected
    for span in finding.spans:
        assert text[span.start : span.end] == span.text
        assert NFC(text[span.start : span.end]) == NFC(span.text)
    # the first span starts where its text first occurs in the stored text
    assert finding.spans[0].start == text.index(finding.spans[0].text)


@pytest.mark.parametrize("form", FORMS)
def test_fraction_and_percent_spans_are_exact_in_every_form(form, seed_sentence, tmp_path):
    text, findings = form(seed_sentence, tmp_path)
    [finding] = findings
    assert finding.rule == "ratio-percent"
    assert_exact_spans(text, finding, [("7/13", "fraction"), ("56,8%", "stated percentage")])
    # ASCII values are stored unchanged even when the letters around them are decomposed
    assert [s.text for s in finding.spans] == ["7/13", "56,8%"]
    assert NFC(finding.message) == "7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"
    assert finding.evidence == {"computed": 53.846, "stated": 56.8, "hedge": "over"}
    assert finding.fix is not None and (finding.fix.span, finding.fix.replacement) == (1, "53,8")


@pytest.mark.parametrize("form", FORMS)
def test_a_span_of_vietnamese_letters_is_exact_in_every_form(form, wrong_weekday, tmp_path):
    text, findings = form(wrong_weekday, tmp_path)
    [finding] = findings  # the prefix's "Thứ Tư, 05/08/2020" is right and raises nothing
    assert finding.rule == "weekday-date"
    assert_exact_spans(text, finding, [("Thứ Năm", "weekday"), ("05/08/2020", "date")])
    assert NFC(finding.message) == "05/08/2020 là Thứ Tư, nhưng bài viết ghi Thứ Năm"
    weekday = finding.spans[0]
    assert weekday.end - weekday.start == len(weekday.text)  # 7 code points in NFC, 10 in NFD
    assert len(weekday.text) == (10 if form.__name__ == "as_nfd" else 7)


def test_lines_and_columns_after_crlf_count_stored_code_points(seed_sentence, tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (PREFIX + seed_sentence + "\r\n").encode("utf-8"))
    report = factcheck.check_paths([str(path)])
    spans = json.loads(render(report, "json"))["findings"][0]["spans"]
    start = len(PREFIX) + seed_sentence.index("7/13")
    assert [{k: s[k] for k in ("start", "end", "line", "column", "end_line", "end_column", "text")}
            for s in spans] == [
        {"start": start, "end": start + 4, "line": 5, "column": 63, "end_line": 5, "end_column": 67,
         "text": "7/13"},
        {"start": start + 29, "end": start + 34, "line": 5, "column": 92, "end_line": 5, "end_column": 97,
         "text": "56,8%"},
    ]
