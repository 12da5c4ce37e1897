"""Inputs that are not plain files: FIFOs, link loops, folders and files the user may not read,
UTF-32 and binary data. Each is one error line naming it; the rest of the run goes on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

import factcheck
from factcheck.reading.documents import ReadError, Unreadable, decode, expand

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n"
ENGINE = Path(__file__).resolve().parents[1] / "engine"


def factcheck_process(*args: str, cwd: Path, timeout: float = 60, user: list[str] | None = None,
                      python: str = sys.executable, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``factcheck`` run as a process (so a hang is a timeout, not a stuck test run)."""
    command = [*(user or []), python, "-m", "factcheck.cli.main", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "docs" / "sub" / "b.txt").write_text(WRONG, encoding="utf-8")
    return tmp_path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_or_in_a_folder_is_skipped_with_one_error_not_waited_on(docs):
    os.mkfifo(docs / "docs" / "pipe.txt")
    os.mkfifo(docs / "named.txt")
    done = factcheck_process("run", "docs", "named.txt", "--no-config", "--no-cache", "--format", "json", cwd=docs)
    report = json.loads(done.stdout)
    assert report["errors"] == [
        {"path": "docs/pipe.txt", "message": "is a FIFO, not a regular file: skipped"},
        {"path": "named.txt", "message": "is a FIFO, not a regular file: skipped"}]
    assert [f["path"] for f in report["findings"]] == ["docs/a.txt", "docs/sub/b.txt"]
    assert done.returncode == 2


def test_a_glob_enters_each_real_folder_once_through_link_loops(docs, monkeypatch):
    monkeypatch.chdir(docs)
    os.symlink("..", docs / "docs" / "sub" / "up")  # one loop: docs/sub/up -> docs
    assert [s for _, s in expand(["docs/**/*.txt"])] == ["docs/a.txt", "docs/sub/b.txt"]
    report = factcheck.check_paths(["docs/**/*.txt"])
    assert (report.files, [f.path for f in report.findings]) == (2, ["docs/a.txt", "docs/sub/b.txt"])


def test_two_link_loops_end(docs):
    # two loops made the number of paths grow without bound (glob followed every link)
    os.symlink("..", docs / "docs" / "sub" / "up")
    os.symlink(".", docs / "docs" / "here")
    os.symlink("../sub", docs / "docs" / "sub" / "again")
    done = factcheck_process("run", "docs/**", "--no-config", "--no-cache", "--format", "json", cwd=docs, timeout=60)
    report = json.loads(done.stdout)
    assert (report["summary"]["files"], report["errors"]) == (2, [])


def test_a_folder_that_cannot_be_listed_is_an_error_and_the_rest_is_checked(docs, monkeypatch):
    monkeypatch.chdir(docs)
    (docs / "docs" / "secret").mkdir()
    real_scandir = os.scandir

    def scandir(path: str = ".") -> object:  # as for a user without read permission on the folder
        if os.path.basename(str(path)) == "secret":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = factcheck.check_paths(["docs"])
    assert [(e.path, e.message) for e in report.errors] == [("docs/secret", "cannot list the folder: Permission denied")]
    assert report.files == 2
    report = factcheck.check_paths(["docs/secret"])  # named: the same error, never "no problems in 0 files"
    assert [(e.path, e.message) for e in report.errors] == [("docs/secret", "cannot list the folder: Permission denied")]
    report = factcheck.check_paths(["docs/**/*.txt"])
    assert [(e.path, e.message) for e in report.errors] == [("docs/secret", "cannot list the folder: Permission denied")]
    assert report.files == 2


def test_a_file_in_a_folder_that_cannot_be_searched_is_one_error(docs, monkeypatch):
    monkeypatch.chdir(docs)
    real_stat, real_open = os.stat, os.open

    def denied(path: object) -> bool:
        return "sub" in Path(str(path)).parts

    def stat(path: object, *args: object, **kw: object) -> os.stat_result:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kw)  # type: ignore[arg-type]

    def open_(path: object, *args: object, **kw: object) -> int:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "open", open_)
    for args in (["docs/**/*.txt"], ["docs"], ["docs/sub/b.txt", "docs/a.txt"]):
        report = factcheck.check_paths(args)
        assert [(e.path, e.message) for e in report.errors] == [("docs/sub/b.txt", "cannot read: Permission denied")]
        assert [f.path for f in report.findings] == ["docs/a.txt"]


def _as_nobody() -> tuple[list[str], str, dict[str, str]] | None:
    """How to run this package's CLI as the unprivileged user ``nobody``, when the tests run as
    root and one can: (command prefix, python, environment). None when not."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("setpriv") is None:
        return None
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    paths = os.pathsep.join([str(ENGINE), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for python, env in ((sys.executable, {}), (shutil.which(f"python{version}") or "", {"PYTHONPATH": paths}),
                        ("/usr/bin/python3", {"PYTHONPATH": paths})):
        if not python:
            continue
        probe = [*prefix, python, "-c", f"import sys, factcheck; assert sys.version_info[:2] == {sys.version_info[:2]}"]
        try:
            if subprocess.run(probe, capture_output=True, env={**os.environ, **env}, timeout=60).returncode == 0:
                return prefix, python, env
        except (OSError, subprocess.TimeoutExpired):
            continue
    return None


def test_permissions_as_a_user_without_them():
    """The same as the monkeypatched tests above, for real: a folder without read permission, and
    one without search permission, run as ``nobody`` (root ignores file modes)."""
    how = _as_nobody()
    if how is None:
        pytest.skip("needs root, setpriv and a Python that the user nobody can run with this package")
    prefix, python, env = how
    top = Path(tempfile.mkdtemp())
    try:
        os.chmod(top, 0o755)
        for name in ("docs/a.txt", "docs/noread/b.txt", "docs/nosearch/c.txt"):
            (top / name).parent.mkdir(parents=True, exist_ok=True)
            (top / name).write_text(WRONG, encoding="utf-8")
            os.chmod(top / name, 0o644)
        os.chmod(top / "docs", 0o755)
        os.chmod(top / "docs" / "noread", 0o311)
        os.chmod(top / "docs" / "nosearch", 0o644)
        env = {**env, "HOME": str(top), "FACTCHECK_CATALOG_CACHE": "off"}
        for args in (["docs"], ["docs/**/*.txt"]):
            done = factcheck_process("run", *args, "--no-config", "--no-cache", "--format", "json", cwd=top,
                                     user=prefix, python=python, env=env)
            assert done.returncode == 2, done.stderr
            report = json.loads(done.stdout)
            assert [f["path"] for f in report["findings"]] == ["docs/a.txt"]
            assert {(e["path"], e["message"]) for e in report["errors"]} == {
                ("docs/noread", "cannot list the folder: Permission denied"),
                ("docs/nosearch/c.txt", "cannot read: Permission denied")}
    finally:
        for folder in ("noread", "nosearch"):
            os.chmod(top / "docs" / folder, 0o755)
        shutil.rmtree(top)


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_a_bom_is_decoded(codec):
    bom = b"\xff\xfe\x00\x00" if codec.endswith("le") else b"\x00\x00\xfe\xff"
    assert decode(bom + WRONG.encode(codec)) == (WRONG, "utf-32")


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe" + "Đạt 7/13".encode("utf-32-le"), "binary file (mostly NUL or control characters), not text"),
    ("Đạt 7/13".encode("utf-32-le"), "binary file (contains NUL bytes), not text"),
    (b"\xef\xbb\xbf" + b"\x01\x02\x03\x04 7/13", "binary file (mostly NUL or control characters), not text"),
])
def test_text_that_decodes_to_mostly_control_characters_is_refused(data, message):
    with pytest.raises(Unreadable, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode(data)


def test_a_utf32_file_is_checked_not_passed_silently(tmp_path):
    path = tmp_path / "u32.txt"
    path.write_bytes(b"\xff\xfe\x00\x00" + WRONG.encode("utf-32-le"))
    [finding] = factcheck.check_paths([str(path)]).findings
    assert [s.text for s in finding.spans] == ["7/13", "56,8%"]


def test_expand_reports_rather_than_raises(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert list(expand(["missing/*.txt"])) == [(Path("missing/*.txt"), "missing/*.txt")]
    assert isinstance(next(iter(factcheck.check_paths(["missing/*.txt"]).errors)), ReadError)
