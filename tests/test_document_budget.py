"""The per-document budget: a document too large to check (or that runs out of memory) is one
error for that document, and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import factcheck
from factcheck.checking import analysis

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n"
LIMIT_MESSAGE = ("too large to check: {mb} MB, over the limit of 0.001 MB "
                 "(--max-document-mb, or max-document-mb in factcheck.yaml)")


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("small.txt").write_text(WRONG, encoding="utf-8")
    Path("big.txt").write_text(WRONG * 40, encoding="utf-8")  # 2.6 KB
    return tmp_path


def test_a_document_over_the_budget_is_one_error_and_the_rest_is_checked(cli, docs):
    result = cli("run", "big.txt", "small.txt", "--max-document-mb", "0.001", "-f", "json", "--no-cache")
    report = json.loads(result.stdout)
    size = len((WRONG * 40).encode("utf-8"))
    assert report["errors"] == [{"path": "big.txt", "message": LIMIT_MESSAGE.format(mb=f"{size / 1e6:.1f}")}]
    assert [f["path"] for f in report["findings"]] == ["small.txt"]
    assert result.exit_code == 2


def test_the_budget_comes_from_the_configuration_too(cli, docs):
    Path("factcheck.yaml").write_text("max-document-mb: 0.001\n", encoding="utf-8")
    report = json.loads(cli("run", "big.txt", "small.txt", "-f", "json", "--no-cache").stdout)
    assert [e["path"] for e in report["errors"]] == ["big.txt"]
    Path("factcheck.yaml").write_text("max-document-mb: 0\n", encoding="utf-8")
    bad = cli("run", "small.txt")
    assert bad.exit_code == 2 and "max-document-mb" in bad.stderr and "greater than 0" in bad.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_archive_record_over_the_budget_is_one_error(cli, docs, jobs):
    lines = [json.dumps({"id": "big", "text": WRONG * 40}, ensure_ascii=False),
             json.dumps({"id": "small", "text": WRONG}, ensure_ascii=False)]
    Path("news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = json.loads(cli("run", "news.jsonl", "--max-document-mb", "0.001", "-f", "json", "-j", jobs,
                            "--no-cache").stdout)
    assert [(e["path"], e["message"][:18]) for e in report["errors"]] == [("news.jsonl:1", "too large to check")]
    assert [f["path"] for f in report["findings"]] == ["small"]


def test_the_library_has_a_default_budget(docs):
    from factcheck.reading.documents import DEFAULT_MAX_BYTES

    assert DEFAULT_MAX_BYTES == 20_000_000
    report = factcheck.check_paths(["big.txt"], max_document_bytes=1000)
    assert report.errors[0].message.startswith("too large to check: 0.0 MB")  # 2.6 KB


def test_running_out_of_memory_on_one_document_loses_only_that_document(docs, monkeypatch):
    real = analysis.analyse

    def analyse(doc, catalog):  # type: ignore[no-untyped-def]
        if doc.path == "big.txt":
            raise MemoryError
        return real(doc, catalog)

    monkeypatch.setattr(analysis, "analyse", analyse)
    report = factcheck.check_paths(["big.txt", "small.txt"])
    assert [(e.path, e.message.split(" (")[0]) for e in report.errors] == [("big.txt", "ran out of memory checking it")]
    assert [f.path for f in report.findings] == ["small.txt"]
