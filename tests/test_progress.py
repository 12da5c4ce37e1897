"""Progress: a bar on standard error for long text runs in a terminal, and never anywhere else."""

from __future__ import annotations

import io
import json

import pytest

from factcheck.running import progress
from factcheck.running.progress import ProgressDisplay, progress_wanted
from factcheck.running.work import Result


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt, tty, disabled, wanted", [
    ("text", True, False, True),
    ("text", False, False, False),  # a pipe or a log
    ("text", True, True, False),  # --no-progress
    ("json", True, False, False),
    ("sarif", True, False, False),
    ("junit", True, False, False),
    ("github", True, False, False),
    ("markdown", True, False, False),
])
def test_when_progress_is_shown(fmt, tty, disabled, wanted):
    stream = Terminal() if tty else io.StringIO()
    assert progress_wanted(fmt, stream, disabled) is wanted


def test_a_closed_stream_is_no_terminal():
    stream = io.StringIO()
    stream.close()  # isatty() raises
    assert progress_wanted("text", stream) is False
    assert progress_wanted("text", object()) is False


def test_the_bar_appears_only_once_the_run_is_long(monkeypatch):
    monkeypatch.setattr(progress, "MIN_SECONDS", 3600.0)
    stream = Terminal()
    with ProgressDisplay(stream) as display:
        for i in range(progress.MIN_INPUTS):
            display.update(Result(f"{i}.txt", counted=True, size=1000))
        assert not display.shown and stream.getvalue() == ""
        display.update(Result("last.txt", findings=[object()] * 2, counted=True, size=1000))  # type: ignore[list-item]
        assert display.shown
    assert (display.files, display.findings, display.size) == (progress.MIN_INPUTS + 1, 2, 21000)
    assert not display.shown  # stopped (and, being transient, cleared) at the end


def test_a_disabled_display_only_counts():
    stream = Terminal()
    with ProgressDisplay(stream, enabled=False) as display:
        for i in range(50):
            display.update(Result(f"{i}.txt", counted=True))
    assert display.files == 50 and stream.getvalue() == ""


def test_machine_output_stays_clean(cli, tmp_path):
    from treegen import make_tree

    tree = make_tree(tmp_path / "tree", 30)
    result = cli("run", str(tree), "--format", "json", "--no-cache")
    json.loads(result.stdout)
    assert result.stderr == ""
