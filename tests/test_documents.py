"""Documents: decoding, inputs (files, folders, globs, stdin), front matter and language."""

from __future__ import annotations

import datetime as dt
import io
import sys
import unicodedata
from pathlib import Path

import pytest

import factcheck
from factcheck.checking.analysis import analyse
from factcheck.loading.catalog import default_catalog
from factcheck.reading.documents import Document, ReadError, expand, front_matter_date
from factcheck.reading.sources import Source, read_document

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def cp1258(text: str) -> bytes:
    """``text`` in Windows-1258, which has â, ê, ơ, ư, đ... but writes the five tones as combining marks.

    ``text.encode('cp1258')`` alone fails on "ầ" or "ộ", so each letter is split into
    its precomposed base and its tone, the way legacy Vietnamese files store it.
    """
    out = []
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in TONE_MARKS))
        out.append((base + "".join(c for c in marks if c in TONE_MARKS)).encode("cp1258"))
    return b"".join(out)


def read_bytes(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Document | ReadError:
    path = tmp_path / name
    path.write_bytes(data)
    return read_document(Source(name, file=str(path)))


def only_finding(paths: list[str]) -> tuple[factcheck.Report, factcheck.Finding]:
    report = factcheck.check_paths(paths)
    assert report.errors == [] and len(report.findings) == 1, (report.errors, report.findings)
    return report, report.findings[0]


# --- decoding ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data, encoding", [
    pytest.param("đạt trên 56,8%".encode("utf-8"), "utf-8", id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + "đạt trên 56,8%".encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
    pytest.param(b"\xff\xfe" + "đạt trên 56,8%".encode("utf-16-le"), "utf-16", id="utf-16-le-bom"),
    pytest.param(b"\xfe\xff" + "đạt trên 56,8%".encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
])
def test_unicode_encodings_decode_to_the_same_text_without_bom(tmp_path, data, encoding):
    doc = read_bytes(tmp_path, data)
    assert isinstance(doc, Document)
    assert doc.text == "đạt trên 56,8%"  # no "\ufeff" left at the start
    assert doc.encoding == encoding
    assert doc.path == "doc.txt"


def test_offsets_in_a_file_with_bom_exclude_the_bom(tmp_path, seed_sentence):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + seed_sentence.encode("utf-8"))
    report, finding = only_finding([str(tmp_path / "bom.txt")])
    assert [(s.start, s.end, s.text) for s in finding.spans] == [(62, 66, "7/13"), (91, 96, "56,8%")]
    assert seed_sentence[62:66] == "7/13"


def test_windows_1258_file_is_read_and_checked_with_offsets_into_the_decoded_text(tmp_path, seed_sentence):
    text = "Bình Liêu: Chú trọng công tác phát triển đảng viên.\n\n" + seed_sentence + "\n"
    data = cp1258(text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really a legacy file: the detector has to find the encoding
    doc = read_bytes(tmp_path, data, "legacy.txt")
    assert isinstance(doc, Document)
    assert doc.encoding == "cp1258"
    # cp1258 stores tones as combining marks, so the text is decomposed; it is kept as decoded
    assert doc.text == data.decode("cp1258")
    assert unicodedata.normalize("NFC", doc.text) == text
    report, finding = only_finding([str(tmp_path / "legacy.txt")])
    stored = report.texts[finding.path]
    assert stored == doc.text
    assert finding.rule == "ratio-percent"
    assert [s.text for s in finding.spans] == ["7/13", "56,8%"]
    for span in finding.spans:
        assert stored[span.start : span.end] == span.text
    assert finding.spans[0].start == stored.index("7/13")
    assert unicodedata.normalize("NFC", finding.message) == "7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"


def test_empty_file_is_read_and_has_no_findings(tmp_path):
    doc = read_bytes(tmp_path, b"", "empty.txt")
    assert isinstance(doc, Document) and doc.text == ""
    report = factcheck.check_paths([str(tmp_path / "empty.txt")])
    assert (report.files, report.findings, report.errors) == (1, [], [])


@pytest.mark.parametrize("data", [
    pytest.param(b"\x00\x01\x02abc\x00def", id="nul-in-valid-utf-8"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", id="png-header"),
])
def test_binary_file_is_one_clear_read_error(tmp_path, data):
    error = read_bytes(tmp_path, data, "image.dat")
    assert error == ReadError("image.dat", "binary file (contains NUL bytes), not text")
    report = factcheck.check_paths([str(tmp_path / "image.dat")])
    assert report.files == 0 and report.findings == []
    assert [e.message for e in report.errors] == ["binary file (contains NUL bytes), not text"]


def test_missing_path_is_a_read_error_and_the_others_are_still_read(tmp_path, seed_sentence):
    (tmp_path / "seed.txt").write_text(seed_sentence, encoding="utf-8")
    missing = (tmp_path / "missing.txt").as_posix()
    report = factcheck.check_paths([missing, str(tmp_path / "seed.txt")])
    assert [(e.path, e.message) for e in report.errors] == [(missing, "no such file")]
    assert report.files == 1
    assert [f.rule for f in report.findings] == ["ratio-percent"]


# --- inputs: folders, globs, stdin ------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path, monkeypatch) -> Path:
    """docs/ with text files at two depths, a hidden folder, a hidden file and an image."""
    monkeypatch.chdir(tmp_path)
    for name in ["docs/b.md", "docs/a.txt", "docs/sub/c.txt", "docs/sub/d.markdown", "docs/z.TXT",
                 "docs/.hidden/e.txt", "docs/.f.txt", "docs/image.png"]:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text("Xã có 500 hộ.", encoding="utf-8")
    return tmp_path


def test_folder_is_walked_in_sorted_order_for_text_files(tree):
    shown = [s for _, s in expand(["docs"])]
    assert shown == ["docs/a.txt", "docs/b.md", "docs/sub/c.txt", "docs/sub/d.markdown", "docs/z.TXT"]
    assert [s for _, s in expand(["docs/"])] == shown  # a trailing slash changes nothing
    assert [p for p, _ in expand(["docs"])] == [Path(s) for s in shown]


def test_globs_are_expanded_sorted_and_a_file_named_directly_is_read_whatever_its_suffix(tree):
    assert [s for _, s in expand(["docs/*.txt"])] == ["docs/a.txt"]
    assert [s for _, s in expand(["docs/**/*.txt"])] == ["docs/a.txt", "docs/sub/c.txt"]
    assert [s for _, s in expand(["docs/image.png"])] == ["docs/image.png"]


def test_a_folder_a_glob_matches_is_walked_once(tree):
    # as the shell would pass it: "docs/*" gives docs/sub, a folder, not an unreadable file
    assert [s for _, s in expand(["docs/*"])] == [
        "docs/a.txt", "docs/b.md", "docs/image.png", "docs/sub/c.txt", "docs/sub/d.markdown", "docs/z.TXT"]
    # "docs/**" matches docs/ itself (walked first), docs/sub and every file: each is read once, and a
    # file the glob names is read whatever its suffix, like a file named directly
    assert [s for _, s in expand(["docs/**"])] == [
        "docs/a.txt", "docs/b.md", "docs/sub/c.txt", "docs/sub/d.markdown", "docs/z.TXT", "docs/image.png"]
    report = factcheck.check_paths(["docs/s*"])
    assert (report.files, report.errors) == (2, [])


def test_a_glob_that_matches_nothing_is_reported_as_unreadable(tree):
    assert list(factcheck.Linter().documents(["docs/*.rst"])) == [ReadError("docs/*.rst", "no such file")]


def test_the_current_folder_shows_paths_without_a_leading_dot(tree, monkeypatch):
    monkeypatch.chdir(tree / "docs")
    assert [s for _, s in expand(["."])] == ["a.txt", "b.md", "sub/c.txt", "sub/d.markdown", "z.TXT"]
    assert [s for _, s in expand(["./sub", "./*.md", "./"])][:3] == ["sub/c.txt", "sub/d.markdown", "b.md"]


def test_dash_reads_standard_input_as_bytes(monkeypatch, seed_sentence):
    data = b"\xef\xbb\xbf" + seed_sentence.encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = factcheck.Linter().documents(["-"])
    assert isinstance(doc, Document)
    assert (doc.path, doc.text, doc.kind) == ("-", seed_sentence, "text")  # the BOM is not part of the text


def test_binary_standard_input_is_a_read_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x00\x01")))
    assert list(factcheck.Linter().documents(["-"])) == [ReadError("-", "binary file (contains NUL bytes), not text")]


# --- publication date and language ------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: Lịch công tác\ndate: 2021-04-25\n---\nNội dung.", dt.date(2021, 4, 25)),
    ("---\r\npublished: '2021-04-25'\r\n---\r\nNội dung.", dt.date(2021, 4, 25)),
    ("---\ndate: 2021-02-30\n---\n", None),  # not a date
    ("Nội dung.\n---\ndate: 2021-04-25\n---\n", None),  # not at the start: not front matter
    ("---\ntitle: no date\n---\n", None),
])
def test_front_matter_date(text, expected):
    assert front_matter_date(text) == expected


def test_front_matter_date_gives_a_day_month_date_its_year(tmp_path):
    # 27/4/2021 was a Tuesday; without the front matter the year is unknown and nothing is checked
    body = "Xã có 500 hộ, trong đó 120 hộ nghèo. Vào thứ Hai (27/4), đoàn của huyện sẽ lên đường đến xã.\n"
    (tmp_path / "plain.md").write_text(body, encoding="utf-8")
    (tmp_path / "dated.md").write_text("---\ndate: 2021-04-25\n---\n" + body, encoding="utf-8")
    assert factcheck.check_paths([str(tmp_path / "plain.md")]).findings == []
    _, finding = only_finding([str(tmp_path / "dated.md")])
    assert finding.rule == "weekday-date"
    assert finding.message == "27/4 là Thứ Ba, nhưng bài viết ghi thứ Hai"
    assert [s.text for s in finding.spans] == ["thứ Hai", "27/4"]


@pytest.mark.parametrize("text, lang", [
    ("Đảng bộ huyện có 25 tổ chức cơ sở đảng, gồm 11 đảng bộ và 14 chi bộ.", "vi"),
    (unicodedata.normalize("NFD", "Trong năm, Đảng bộ đã kết nạp được 12/13 đảng viên mới."), "vi"),
    ("The party has 25 organisations, comprising 11 committees and 14 cells.", "en"),
])
def test_language_is_detected(text, lang):
    analysis = analyse(Document("<text>", text), default_catalog())
    assert analysis.document.lang == lang


def test_a_short_vietnamese_text_without_common_words_is_still_vietnamese():
    text = "Vào thứ Hai (27/4), đoàn sẽ lên đường đến xã."
    assert analyse(Document("<text>", text), default_catalog()).document.lang == "vi"


def test_detected_language_decides_how_numbers_are_read(seed_sentence):
    # read as Vietnamese, "56,8%" is 56.8 and the seed's error is found
    [finding] = factcheck.check(seed_sentence, lang=None)
    assert finding.evidence == {"computed": 53.846, "stated": 56.8, "hedge": "over"}
