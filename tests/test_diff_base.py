"""--diff-base REF: only the files changed since a git ref (and untracked ones) are checked."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck.loading.catalog import default_catalog
from factcheck.reports import FORMATS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch."


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(in_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with three documents, each with the same error, committed; run from inside it."""
    default_catalog()  # cached with rule paths relative to where it loads: load it from the root, as other tests expect
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "test@example.com")
    git(tmp_path, "config", "user.name", "test")
    (tmp_path / "docs").mkdir()
    for name in ("a.txt", "b.md", "c.md"):
        (tmp_path / "docs" / name).write_text(f"{name}\n{WRONG}\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "docs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def checked(cli, *args: str) -> list[str]:
    result = cli("run", *args, "-f", "json")
    return [f["path"] for f in json.loads(result.stdout)["findings"]]


def test_only_changed_staged_and_untracked_files_are_checked(cli, repo):
    (repo / "docs" / "a.txt").write_text(f"changed\n{WRONG}\n", encoding="utf-8")  # modified, not staged
    (repo / "docs" / "new.md").write_text(WRONG, encoding="utf-8")  # untracked
    (repo / "docs" / "staged.md").write_text(WRONG, encoding="utf-8")
    git(repo, "add", "docs/staged.md")
    (repo / "build").mkdir()
    (repo / "build" / "ignored.md").write_text(WRONG, encoding="utf-8")  # ignored by git
    assert checked(cli, ".", "--diff-base", "HEAD") == ["docs/a.txt", "docs/new.md", "docs/staged.md"]
    assert checked(cli, "docs/b.md", "docs/new.md", "--diff-base", "HEAD") == ["docs/new.md"]  # named files too
    result = cli("run", "docs", "--diff-base", "HEAD")
    assert result.stdout.endswith("Found 3 errors in 3 files.\n")


def test_changes_since_an_older_commit_and_from_a_subfolder(cli, repo, monkeypatch):
    (repo / "docs" / "b.md").write_text(f"edited\n{WRONG}\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "edit b")
    git(repo, "rm", "-q", "docs/c.md")  # deleted: nothing to check, and no "no such file"
    monkeypatch.chdir(repo / "docs")
    result = cli("run", ".", "--diff-base", "HEAD~1", "-f", "json")
    assert result.exit_code == 1
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["b.md"]
    assert json.loads(result.stdout)["errors"] == []


def test_no_changed_files_exits_0_and_says_so(cli, repo):
    result = cli("run", ".", "--diff-base", "HEAD")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No files changed since HEAD.\n", "")
    (repo / "notes.py").write_text("x = 1\n", encoding="utf-8")  # changed, but not a document
    assert cli("run", ".", "--diff-base", "HEAD").stdout == "No files changed since HEAD.\n"


def test_no_changed_files_still_gives_a_valid_report_in_other_formats(cli, repo):
    outputs = ["--output", "json=out/report.json"]
    if "sarif" in FORMATS:
        outputs += ["--output", "sarif=out/report.sarif"]
    result = cli("run", ".", "--diff-base", "HEAD", "-f", "json", *outputs)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["files"] == 0
    assert result.stderr == "No files changed since HEAD.\n"
    assert json.loads((repo / "out" / "report.json").read_text(encoding="utf-8"))["findings"] == []
    if "sarif" in FORMATS:
        assert json.loads((repo / "out" / "report.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_a_bad_ref_exits_2_before_reading(cli, repo):
    result = cli("run", ".", "missing.txt", "--diff-base", "no-such-branch")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "factcheck: --diff-base no-such-branch: not a commit in this repository: 'no-such-branch'\n"


def test_outside_a_repository_exits_2(cli, tmp_path, monkeypatch):
    outside = tmp_path / "outside"
    outside.mkdir()
    default_catalog()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = cli("run", ".", "--diff-base", "HEAD")
    assert result.exit_code == 2
    assert "not a git repository" in result.stderr


@pytest.mark.parametrize("ref", ["--output=../victim.txt", "-p", "HEAD --output=x", "no-such-ref"])
def test_a_diff_base_that_is_not_a_commit_is_refused_never_passed_as_an_option(cli, repo, ref):
    victim = repo.parent / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    result = cli("run", "docs", "--diff-base", ref)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: --diff-base {ref}: not a commit in this repository: {ref!r}\n"
    assert victim.read_text(encoding="utf-8") == "keep me\n"  # git wrote nothing
