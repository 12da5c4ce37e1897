"""A run that checked nothing, or could not write its report, never passes silently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch."


def factcheck(cwd: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "factcheck.cli.main", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, **kw)  # type: ignore[call-overload]


def test_a_folder_of_archives_is_checked(cli, tmp_path, monkeypatch):
    # the README's own example: "factcheck run archive/" on a folder holding only .jsonl archives
    monkeypatch.chdir(tmp_path)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "news.jsonl").write_text(json.dumps({"id": "a1", "text": WRONG}) + "\n", encoding="utf-8")
    result = cli("run", "archive/", "-f", "json", "--no-cache")
    report = json.loads(result.stdout)
    assert (result.exit_code, report["summary"]["files"], [f["path"] for f in report["findings"]]) == (1, 1, ["a1"])


def test_a_run_that_finds_nothing_to_check_exits_2_and_says_so(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "image.png").write_bytes(b"\x89PNG")
    result = cli("run", "empty")
    assert result.exit_code == 2
    assert result.stderr == ("factcheck: nothing was checked: no text files (.txt, .md, .html, ...) or .jsonl "
                             "archives in empty\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_standard_output_still_writes_the_output_files_and_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "factcheck.cli.main", "run", "a.txt", "--no-cache",
                               "--output", "json=out/report.json"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "factcheck: cannot write the report to standard output: No space left on device\n"
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]["error"] == 1


def test_a_closed_standard_output_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    code = "import os, sys; os.close(1); from factcheck.cli.main import main; sys.argv = ['factcheck'] + sys.argv[1:]; main()"
    done = subprocess.run([sys.executable, "-c", code, "run", "a.txt", "--no-cache", "--output", "junit=junit.xml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "factcheck: cannot write the report to standard output: Bad file descriptor\n"
    assert (tmp_path / "junit.xml").read_text(encoding="utf-8").startswith("<?xml")
