"""Baselines: record today's findings, then report only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.loading.catalog import default_catalog

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch."
WRONG_2 = "Phường kết nạp được 12/13 đảng viên, đạt 95,3% kế hoạch."


@pytest.fixture
def folder(in_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    default_catalog()  # cached with rule paths relative to where it loads: load it from the root, as other tests expect
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(f"Báo cáo.\n{WRONG}\n", encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text(f"# B\n\n{WRONG_2}\n", encoding="utf-8")
    return tmp_path


def test_create_records_each_finding_by_path_rule_and_span_texts(cli, folder):
    result = cli("baseline", "create", "docs")
    assert (result.exit_code, result.stdout) == (0, "Recorded 2 findings from 2 files in factcheck-baseline.json.\n")
    assert json.loads((folder / "factcheck-baseline.json").read_text(encoding="utf-8")) == {
        "version": 1, "tool": "factcheck", "findings": [
            {"path": "docs/a.txt", "rule": "ratio-percent", "spans": "7/13|56,8%", "count": 1},
            {"path": "docs/b.md", "rule": "ratio-percent", "spans": "12/13|95,3%", "count": 1},
        ]}


def test_a_run_with_the_baseline_reports_only_new_findings_and_says_how_many_it_hid(cli, folder):
    cli("baseline", "create", "docs", "--output", "ci/baseline.json")
    result = cli("run", "docs", "--baseline", "ci/baseline.json")
    assert (result.exit_code, result.stdout) == (0, "No problems found in 2 files; 2 hidden by the baseline.\n")
    # edits above a recorded finding keep it hidden; a new finding is reported
    (folder / "docs" / "a.txt").write_text(f"Tiêu đề mới.\n\nĐoạn mới.\n{WRONG}\n{WRONG_2}\n", encoding="utf-8")
    result = cli("run", "docs", "--baseline", "ci/baseline.json")
    assert result.exit_code == 1
    assert result.stdout.startswith("error[ratio-percent]: 12/13 = 92,3%, nhưng bài viết ghi 95,3%\n"
                                    " --> docs/a.txt:5:")
    assert result.stdout.endswith("Found 1 error in 2 files; 2 hidden by the baseline.\n")
    report = json.loads(cli("run", "docs", "--baseline", "ci/baseline.json", "-f", "json").stdout)
    assert [f["path"] for f in report["findings"]] == ["docs/a.txt"]
    assert report["summary"]["error"] == 1


def test_a_key_recorded_once_absorbs_one_finding(cli, folder):
    cli("baseline", "create", "docs")
    (folder / "docs" / "a.txt").write_text(f"{WRONG}\n\n{WRONG}\n", encoding="utf-8")
    report = json.loads(cli("run", "docs", "--baseline", "factcheck-baseline.json", "-f", "json").stdout)
    assert [(f["path"], f["spans"][0]["line"]) for f in report["findings"]] == [("docs/a.txt", 3)]


def test_baseline_paths_are_relative_to_the_baseline_file(cli, folder, monkeypatch):
    cli("baseline", "create", "docs", "-o", "factcheck-baseline.json")
    monkeypatch.chdir(folder / "docs")
    result = cli("run", ".", "--baseline", "../factcheck-baseline.json")
    assert (result.exit_code, result.stdout) == (0, "No problems found in 2 files; 2 hidden by the baseline.\n")


NOT_A_BASELINE = "factcheck: baseline bad.json: not a factcheck baseline (version 1, as 'factcheck baseline create' writes): "


@pytest.mark.parametrize("content, message", [
    ('{"version": ', "factcheck: baseline bad.json:1:13: not valid JSON: Expecting value\n"),
    ('{"version": 2, "findings": []}', NOT_A_BASELINE + "version: expected 1, not 2\n"),
    ('{"version": 1, "findings": [{"path": "a.txt", "rule": "r"}]}', NOT_A_BASELINE + "findings[0].spans: missing\n"),
    # what is wrong, in the file's terms: no class name of ours, no "valid dictionary"
    ("[]", NOT_A_BASELINE + "the file: expected an object, not []\n"),
    ('{"version": 1, "findings": {}}', NOT_A_BASELINE + "findings: expected a list, not {}\n"),
    ('{"version": 1, "findings": [{"path": "a", "rule": "r", "spans": "x", "count": 0}], "tol": 1}',
     NOT_A_BASELINE + "findings[0].count: expected at least 1, not 0; tol: unknown key\n"),
    (None, "factcheck: baseline bad.json: no such file (make one with: factcheck baseline create)\n"),
])
def test_a_corrupt_or_missing_baseline_exits_2_before_reading(cli, folder, content, message):
    if content is not None:
        (folder / "bad.json").write_text(content, encoding="utf-8")
    result = cli("run", "docs", "missing.txt", "--baseline", "bad.json")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_create_writes_nothing_when_an_input_cannot_be_read(cli, folder):
    result = cli("baseline", "create", "docs", "missing.txt")
    assert result.exit_code == 2
    assert result.stderr == ("error: missing.txt: no such file\n"
                             "factcheck: 1 input could not be read; no baseline written\n")
    assert not (folder / "factcheck-baseline.json").exists()


def test_create_follows_the_configuration(cli, folder):
    (folder / "factcheck.yaml").write_text("exclude: ['*.md']\n", encoding="utf-8")
    result = cli("baseline", "create", "docs")
    assert result.stdout == "Recorded 1 finding from 1 file in factcheck-baseline.json.\n"
