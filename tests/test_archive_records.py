"""Archive records that used to break reports: lone surrogates, huge numeric ids, repeated ids;
and a re-run from the cache that must give the very same bytes as a run without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pytest

FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")
WRONG = "Năm 2020, xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch."


def run(cwd: Path, *args: str) -> tuple[int, dict[str, bytes], str]:
    """factcheck as a process writing every format: (exit status, format -> bytes, stderr)."""
    outputs = [f"--output={fmt}=out.{fmt}" for fmt in FORMATS[1:]]
    done = subprocess.run([sys.executable, "-m", "factcheck.cli.main", "run", *args, "--no-config", "--no-progress",
                           *outputs], cwd=cwd, capture_output=True, timeout=300,
                          env={**os.environ, "FACTCHECK_CATALOG_CACHE": str(cwd / "compiled")})
    reports = {"text": done.stdout, **{fmt: (cwd / f"out.{fmt}").read_bytes() for fmt in FORMATS[1:]}}
    return done.returncode, reports, done.stderr.decode("utf-8", "replace")


def test_lone_surrogates_in_a_record_become_u_fffd_in_every_format(tmp_path):
    # json.dumps writes a lone surrogate as the escape "\udc80": valid JSON, but not UTF-8 once decoded
    record = {"id": "bài\udc80số-1", "text": "Ghi chú \ud800. " + WRONG}
    (tmp_path / "news.jsonl").write_text(json.dumps(record) + "\n", encoding="ascii")
    status, reports, stderr = run(tmp_path, "news.jsonl", "-j", "1")
    assert status == 1, stderr
    for fmt, data in reports.items():
        text = data.decode("utf-8")  # strict: valid UTF-8
        shown = "bài\ufffdsố-1"
        assert (quote(shown) if fmt == "sarif" else shown) in text, fmt  # SARIF names it by URI
    finding = json.loads(reports["json"])["findings"][0]
    assert finding["path"] == "bài\ufffdsố-1" and finding["origin"] == "news.jsonl:1"
    stored = record["text"]
    assert [(s["text"], s["start"]) for s in finding["spans"]] == [  # offsets unchanged
        ("7/13", stored.index("7/13")), ("56,8%", stored.index("56,8%"))]
    ET.fromstring(reports["junit"])
    # cached: the same bytes
    assert run(tmp_path, "news.jsonl", "-j", "1")[1] == reports


def test_a_record_id_of_5000_digits_is_its_digits(tmp_path):
    digits = "9" * 5000
    (tmp_path / "news.jsonl").write_text(f'{{"id": {digits}, "text": {json.dumps(WRONG)}}}\n', encoding="utf-8")
    status, reports, stderr = run(tmp_path, "news.jsonl", "--no-cache")
    assert status == 1, stderr
    assert json.loads(reports["json"])["findings"][0]["path"] == digits


def test_records_that_share_an_id_are_located_each_in_its_own_text(tmp_path):
    lines = [json.dumps({"id": "same", "text": WRONG}, ensure_ascii=False),
             json.dumps({"id": "same", "text": "Tiêu đề\nMở đầu. " + WRONG}, ensure_ascii=False)]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, reports, stderr = run(tmp_path, "news.jsonl", "--no-cache")
    assert status == 1, stderr
    findings = json.loads(reports["json"])["findings"]
    assert [(f["path"], f["origin"], f["spans"][0]["line"], f["spans"][0]["column"], f["spans"][0]["text"])
            for f in findings] == [("same", "news.jsonl:1", 1, 27, "7/13"), ("same", "news.jsonl:2", 2, 35, "7/13")]
    text = reports["text"].decode("utf-8")
    assert " --> same:1:27 (record at news.jsonl:1)" in text and " --> same:2:35 (record at news.jsonl:2)" in text
    assert "2 | Mở đầu. Năm 2020, xã kết nạp được 7/13" in text
    page = reports["html"].decode("utf-8")  # two documents, each with its own origin and its own paragraph
    assert page.count('<span class="origin">(news.jsonl:1)</span>') == 1
    assert page.count('<span class="origin">(news.jsonl:2)</span>') == 1
    assert "Mở đầu. Năm 2020" in page


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cached_and_uncached_runs_of_an_archive_give_the_same_bytes(tmp_path, jobs):
    # 300 records: enough that --jobs 2 hands them to worker processes, which parse the records themselves
    with (tmp_path / "news.jsonl").open("w", encoding="utf-8") as f:
        for i in range(300):
            text = f"Tin số {i}\nMở đầu. {WRONG}" if i % 7 == 0 else f"Tin số {i}: xã có {i} hộ."
            f.write(json.dumps({"id": f"r{i % 50}", "text": text}, ensure_ascii=False) + "\n")
    uncached = run(tmp_path, "news.jsonl", "-j", jobs, "--no-cache")
    first = run(tmp_path, "news.jsonl", "-j", jobs)
    second = run(tmp_path, "news.jsonl", "-j", jobs)
    assert uncached[0] == first[0] == second[0] == 1
    for fmt in FORMATS:
        assert first[1][fmt] == uncached[1][fmt], fmt
        assert second[1][fmt] == uncached[1][fmt], fmt
    assert not (tmp_path / "compiled").exists() or "not trusted" not in second[2]
    findings = json.loads(second[1]["json"])["findings"]
    assert findings[0]["spans"][0]["line"] == 2 and findings[0]["origin"] == "news.jsonl:1"
