"""The pre-commit hook, run by the real pre-commit in a fresh repository.

pre-commit installs the hook from this repository's HEAD (the committed
.pre-commit-hooks.yaml and code) into a virtualenv of its own, once for the module:
slow (up to a minute, most of it pip), so marked ``slow``: a plain ``pytest``
leaves it out, ``.ci/run`` runs it (``pytest -m "slow or not slow"``).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRONG = "Đảng bộ huyện Bình Liêu đã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch.\n"
RIGHT = "Đảng bộ huyện Bình Liêu đã kết nạp được 7/13 đảng viên mới, đạt trên 53,8% kế hoạch.\n"
HEADLINE = "error[ratio-percent]: 7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None,
                       reason="pre-commit is not installed (pip install -e '.[test]')"),
]


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose .pre-commit-config.yaml uses this repository's hook at HEAD."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: pre-commit installs hooks from a repository")
    if subprocess.run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], cwd=ROOT).returncode != 0:
        pytest.fail(".pre-commit-hooks.yaml is not committed: pre-commit installs the hook from HEAD")
    path = tmp_path_factory.mktemp("project")
    git(path, "init", "-q")
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {git(ROOT, 'rev-parse', 'HEAD')}\n"
        f"    hooks: [{{id: factcheck}}]\n", encoding="utf-8")
    (path / "factcheck.yaml").write_text("exclude: [drafts/]\n", encoding="utf-8")
    (path / "drafts").mkdir()
    (path / "batch").mkdir()
    batch = {f"batch/{i}.md": WRONG for i in range(12)}
    for name, text in {"article.md": f"# Bình Liêu\n\n{WRONG}", "clean.md": f"# Bình Liêu\n\n{RIGHT}",
                       "notes.txt": WRONG, "tool.py": f"# {WRONG}", "drafts/article.md": WRONG, **batch}.items():
        (path / name).write_text(text, encoding="utf-8")
    git(path, "add", ".")
    return path


def pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "factcheck", "--color", "never",
                           "--files", *files], cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_the_hook_fails_on_an_article_with_the_seeds_error_and_prints_the_finding(repo):
    result = pre_commit(repo, "article.md", "clean.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "factcheck (numbers and dates in prose)" in result.stdout and "Failed" in result.stdout
    assert HEADLINE + "\n --> article.md:3:41" in result.stdout
    assert "clean.md" not in result.stdout.split(HEADLINE, 1)[1]
    assert "Found 1 error in 2 files." in result.stdout


def test_the_hook_passes_on_a_clean_article(repo):
    result = pre_commit(repo, "clean.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout and "error[" not in result.stdout


def test_the_hook_takes_text_files_but_not_code_and_follows_the_projects_config(repo):
    result = pre_commit(repo, "notes.txt")
    assert result.returncode == 1 and HEADLINE + "\n --> notes.txt:1:41" in result.stdout
    result = pre_commit(repo, "tool.py")  # not a document: not passed to the hook
    assert result.returncode == 0 and "(no files to check)Skipped" in result.stdout
    result = pre_commit(repo, "drafts/article.md")  # excluded by the project's factcheck.yaml
    assert result.returncode == 0 and "Passed" in result.stdout


def test_many_files_are_checked_by_one_factcheck_with_one_summary(repo):
    """In parallel, pre-commit would split twelve files into batches, each with its own summary."""
    result = pre_commit(repo, *(f"batch/{i}.md" for i in range(12)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.count("Found ") == 1 and "Found 12 errors in 12 files." in result.stdout
