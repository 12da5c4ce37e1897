"""Shared fixtures: caches kept in temporary folders, the project root, the seed sentence, and the CLI run in-process."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from typer.testing import CliRunner

from factcheck.cli.main import app

ROOT = Path(__file__).resolve().parents[1]

#: The seed's genuine error: 7/13 is 53.8 %, not "over 56.8 %".
SEED_SENTENCE = ("6 tháng đầu năm 2020, Đảng bộ huyện Bình Liêu đã kết nạp được 7/13 đảng viên mới, "
                 "đạt trên 56,8% kế hoạch.")
#: A wrong weekday: 5 Aug 2020 was a Wednesday.
WRONG_WEEKDAY = "Chủ tịch UBND huyện sẽ tiếp công dân vào Thứ Năm, 05/08/2020 tại trụ sở của huyện."
# hypothesis keeps no example database and writes its other files (.hypothesis/ in the working directory, the
# checkout) to a temporary folder, set before collection and removed after the run
settings.register_profile("factcheck", database=None)
settings.load_profile("factcheck")
_HYPOTHESIS_HOME = Path(tempfile.mkdtemp(prefix="factcheck-hypothesis-"))
set_hypothesis_home_dir(_HYPOTHESIS_HOME)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_HYPOTHESIS_HOME, ignore_errors=True)

#: Every variable that says where factcheck keeps a cache (tests/test_isolation.py runs tests without them).
CACHE_VARIABLES = ("FACTCHECK_CATALOG_CACHE", "FACTCHECK_CACHE_DIR", "XDG_CACHE_HOME")


@pytest.fixture(scope="session", autouse=True)
def caches_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The compiled catalogs and any other user cache go to one temporary folder for the whole run
    (shared: a catalog is built once per run), never to the user's home; set for the session, so
    module fixtures and subprocesses (the guide's commands, pre-commit's hook) see it too."""
    folder = tmp_path_factory.mktemp("caches")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FACTCHECK_CATALOG_CACHE", str(folder / "catalogs"))
        patch.setenv("XDG_CACHE_HOME", str(folder / "xdg"))
        patch.setenv("FACTCHECK_CACHE_DIR", str(folder / "results"))
        yield folder


@pytest.fixture(autouse=True)
def results_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's result cache in a folder of its own (never the checkout's .factcheck_cache/): a test
    that counts the documents analysed is not served results another test left."""
    folder = tmp_path_factory.mktemp("results")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def seed_sentence() -> str:
    return SEED_SENTENCE


@pytest.fixture
def wrong_weekday() -> str:
    return WRONG_WEEKDAY


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the project root, so paths read as they do in the demo (``seeds/...``)."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def cli(in_root: Path):
    """``cli("run", "seeds/")``: the CLI's result (exit_code, stdout, stderr), run from the project root."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def golden(root: Path):
    """``golden("seeds.json", actual)``: compare a whole output with its reviewed file in reports/.

    To regenerate after a deliberate change, run
        FACTCHECK_UPDATE_GOLDEN=1 pytest tests/test_reports.py
    then read ``git diff reports/`` as a reviewer would before committing it.
    """

    def compare(name: str, actual: str) -> None:
        path = root / "reports" / name
        if os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1":
            path.write_text(actual, encoding="utf-8", newline="\n")
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"

    return compare


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``folder({"checks/a.yaml": text, ...})``: a user rule folder ``u`` in the working directory
    (a text is written as UTF-8; bytes as they are)."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str | bytes]) -> str:
        for name, content in files.items():
            path = tmp_path / "u" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return "u"

    return make
