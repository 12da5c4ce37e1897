"""Which files a run reads: .gitignore-style include/exclude patterns (pathspec), with ``!``, in linear time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.reading.selection import FileFilter


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ["content/a.md", "content/old/b.md", "content/old/keep.md", "drafts/c.md", "drafts/keep.md",
                 "notes.old.md", "deep/x/y/notes.old.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def checked(cli, *args: str) -> list[str]:
    report = json.loads(cli("run", *args, "-f", "json", "--no-cache").stdout)
    return sorted({f["path"] for f in report["findings"]})


def test_a_negated_pattern_takes_back_what_the_patterns_before_it_matched(cli, project):
    (project / "factcheck.yaml").write_text(
        "exclude: [drafts/, '!drafts/keep.md', '*.old.md']\ninclude: ['content/**', '!content/old/**', "
        "'content/old/keep.md', 'drafts/**']\n", encoding="utf-8")
    assert checked(cli, ".") == ["content/a.md", "content/old/keep.md", "drafts/keep.md"]
    assert checked(cli, "notes.old.md", "drafts/c.md", "content/old/b.md") == ["content/old/b.md"]  # named: no include


def test_patterns_follow_gitignore(project):
    keep = FileFilter(project, include=("*.md",), exclude=("old", "/deep/**/notes.*.md", "!content/old/keep.md"))
    kept = {name: keep.keeps(project / name, named=False) for name in
            ["content/a.md", "content/old/b.md", "content/old/keep.md", "notes.old.md", "deep/x/y/notes.old.md"]}
    assert kept == {"content/a.md": True, "content/old/b.md": False, "content/old/keep.md": True,
                    "notes.old.md": True, "deep/x/y/notes.old.md": False}


def test_a_pattern_with_many_stars_on_a_long_name_takes_linear_time(tmp_path):
    """Python's regexes took minutes here (``*a*a*...*c`` backtracks on a name of a's without a c)."""
    code = ("import sys; from pathlib import Path; from factcheck.reading.selection import FileFilter; "
            "root = Path(sys.argv[1]); f = FileFilter(root, include=('*a' * 12 + '*c',), exclude=('*a' * 12 + '*c',)); "
            "print([f.keeps(root / ('a' * n + '.md'), named=False) for n in (50, 5000, 200000)])")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (0, "[False, False, False]\n"), done.stderr


def test_a_pattern_that_is_no_pattern_is_a_located_configuration_error(cli, project):
    (project / "factcheck.yaml").write_text("fail-on: warning\nexclude: [drafts/, '!']\n", encoding="utf-8")
    result = cli("run", ".")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("error: factcheck.yaml:2:20: exclude: not a .gitignore-style pattern")
