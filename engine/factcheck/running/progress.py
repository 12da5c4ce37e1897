"""A progress bar on standard error for long runs in a terminal (files, megabytes, findings so far).

It is shown only for the text format, only when standard error is a terminal, and
only once a run is long (more than ``MIN_INPUTS`` inputs or ``MIN_SECONDS``): machine
formats and logs stay clean.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import IO, Any

from .work import Result

MIN_INPUTS = 20
MIN_SECONDS = 1.0


def progress_wanted(fmt: str, stream: IO[str] | Any, disabled: bool = False) -> bool:
    """Whether a run may show progress: the text format, on a terminal, not turned off."""
    if disabled or fmt != "text":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed stream
        return False


class ProgressDisplay:
    """Counts results as they come and, once the run is long, draws them on ``stream``."""

    def __init__(self, stream: IO[str] | Any, enabled: bool = True):
        self.enabled = enabled
        self.stream = stream
        self.inputs = self.files = self.findings = self.size = 0
        self._start = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> "ProgressDisplay":
        self._start = time.monotonic()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def update(self, result: Result) -> None:
        """Count one result (and draw, when the run has become long enough to show)."""
        self.inputs += 1
        self.files += result.counted
        self.findings += len(result.findings)
        self.size += result.size
        if not self.enabled:
            return
        if self._bar is None:
            if self.inputs <= MIN_INPUTS and time.monotonic() - self._start <= MIN_SECONDS:
                return
            self._open()
        self._bar.update(self._task, completed=self.inputs, files=self.files,
                         mb=self.size / 1e6, findings=self.findings)

    def _open(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream, stderr=True)
        self._bar = Progress(SpinnerColumn(), TextColumn("checking"), BarColumn(),
                             TextColumn("{task.fields[files]} files · {task.fields[mb]:.1f} MB · "
                                        "{task.fields[findings]} findings"),
                             TimeElapsedColumn(), console=console, transient=True)
        self._task = self._bar.add_task("checking", total=None, files=0, mb=0.0, findings=0)
        self._bar.start()
