"""JSON Lines archives: each record checked as a document and reported by its id; bad records are errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from factcheck.reading.archives import RecordFields, read_archive
from factcheck.reading.documents import ReadError
from factcheck.reading.sources import Source

WRONG = "Năm 2020, xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch."
RIGHT = "Năm 2020, xã kết nạp được 7/13 đảng viên mới, đạt 53,8% kế hoạch."
WEEKDAY = "The council meets on Thursday, 5 August 2020."


def lines() -> list[str]:
    return [
        json.dumps({"id": "a1", "text": WRONG}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3", "body": WRONG}),
        "",
        json.dumps({"id": 5, "text": RIGHT}, ensure_ascii=False),
        json.dumps({"text": WRONG}, ensure_ascii=False),
        json.dumps({"id": "a7", "text": WEEKDAY, "language": "en", "date": "2020-08-01T10:00:00Z"}),
    ]


@pytest.fixture(params=["news.jsonl", "news.jsonl.gz"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / request.param
    data = ("\n".join(lines()) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def test_records_are_reported_by_id_and_bad_lines_by_archive_and_line(cli, archive, monkeypatch):
    monkeypatch.chdir(archive.parent)
    name = archive.name
    result = cli("run", name, "--format", "json", "--lang-field", "language", "--date-field", "date")
    assert result.exit_code == 2  # two records could not be read
    report = json.loads(result.stdout)
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [
        ("ratio-percent", "a1"), ("weekday-date", "a7"), ("ratio-percent", f"{name}:6")]
    first = report["findings"][0]
    assert first["spans"][0]["line"] == 1 and first["spans"][0]["text"] == "7/13"
    assert report["errors"] == [
        {"path": f"{name}:2", "message": "invalid JSON: Expecting property name enclosed in double quotes (column 2)"},
        {"path": f"{name}:3", "message": "no 'text' field"}]
    assert report["summary"]["files"] == 4
    assert set(report) == {"tool", "findings", "errors", "summary"}  # the contract, nothing added


def test_the_text_report_says_where_a_record_was_read(cli, archive, monkeypatch):
    monkeypatch.chdir(archive.parent)
    out = cli("run", archive.name, "--no-cache").stdout
    assert f" --> a1:1:27 (record at {archive.name}:1)" in out
    assert f"error: {archive.name}:2: invalid JSON" in out


def test_the_text_field_and_id_field_can_be_named(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.jsonl").write_text(json.dumps({"key": "k1", "body": WRONG}, ensure_ascii=False) + "\n", encoding="utf-8")
    report = json.loads(cli("run", "x.jsonl", "--text-field", "body", "--id-field", "key", "-f", "json").stdout)
    assert [f["path"] for f in report["findings"]] == ["k1"] and report["errors"] == []


def test_records_are_streamed_one_at_a_time(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(1000):
            f.write(json.dumps({"id": f"r{i}", "text": RIGHT}, ensure_ascii=False) + "\n")
    records = read_archive(path, "big.jsonl", RecordFields())
    first = next(records)
    assert isinstance(first, Source) and (first.path, first.origin) == ("r0", "big.jsonl:1")
    assert sum(1 for _ in records) == 999  # the generator reads on as asked


def test_a_record_language_and_date_come_before_the_flags(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "text": "x", "lang": "en", "date": "2020-08-05"},
        {"id": "2", "text": "x", "lang": "", "date": "2020"}]) + "\n", encoding="utf-8")
    import datetime as dt

    fields = RecordFields(lang="lang", date="date")
    one, two = read_archive(path, "a.jsonl", fields, lang="vi", published=dt.date(2021, 1, 1))
    assert isinstance(one, Source) and isinstance(two, Source)
    assert (one.lang, one.published) == ("en", dt.date(2020, 8, 5))
    assert (two.lang, two.published) == ("vi", dt.date(2021, 1, 1))


def test_a_missing_archive_and_a_truncated_gzip(tmp_path):
    assert list(read_archive(tmp_path / "no.jsonl", "no.jsonl", RecordFields())) == [ReadError("no.jsonl", "no such file")]
    whole = gzip.compress(("\n".join(json.dumps({"id": str(i), "text": RIGHT}) for i in range(200)) + "\n").encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    items = list(read_archive(cut, "cut.jsonl.gz", RecordFields()))
    assert isinstance(items[-1], ReadError) and "cannot read the archive" in items[-1].message
    assert all(isinstance(i, Source) for i in items[:-1])


@pytest.mark.filterwarnings("error::RuntimeWarning")  # the rules must travel to the workers
def test_worker_processes_read_the_records_and_report_the_same(cli, archive, monkeypatch, tmp_path):
    # with --jobs 2 the parent only finds each line; the workers read and parse the records
    from factcheck.running import runner

    monkeypatch.setattr(runner, "POOL_MIN_BYTES", 0)
    monkeypatch.chdir(archive.parent)
    many = archive.parent / ("many" + "".join(archive.suffixes))
    data = ("\n".join(lines() * 10) + "\n").encode("utf-8")
    many.write_bytes(gzip.compress(data) if many.suffix == ".gz" else data)
    args = ("run", many.name, "--no-cache", "--format", "json", "--lang-field", "language", "--date-field", "date")
    one, two = cli(*args, "--jobs", "1"), cli(*args, "--jobs", "2")
    assert one.stdout == two.stdout and (one.exit_code, two.exit_code) == (2, 2)
    report = json.loads(two.stdout)
    assert len(report["findings"]) == 30 and len(report["errors"]) == 20
    assert report["errors"][0] == {"path": f"{many.name}:2",
                                   "message": "invalid JSON: Expecting property name enclosed in double quotes (column 2)"}


def test_a_lazily_read_record_is_found_where_it_is(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines()) + "\n").encode("utf-8"))
    from factcheck.reading.archives import parse_record
    from factcheck.reading.sources import content

    located = list(read_archive(path, "news.jsonl", RecordFields(), lazy=True))
    assert [s.line for s in located] == [1, 2, 3, 5, 6, 7]  # the empty line 4 is skipped
    first = parse_record(content(located[0]), located[0])
    assert isinstance(first, Source) and first.path == "a1" and first.text == WRONG  # the BOM is not part of it
    bad = parse_record(content(located[1]), located[1])
    assert isinstance(bad, ReadError) and bad.path == "news.jsonl:2"
