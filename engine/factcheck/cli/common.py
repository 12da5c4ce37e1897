"""What the commands share: option types, the error exit, and the set-up of a check
(configuration, rules, inputs) with every problem printed before anything is read."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Callable, NoReturn, Optional, Sequence, TypeVar

import typer

if TYPE_CHECKING:
    from ..checking.baseline import Key
    from ..checking.findings import Report
    from ..facts.table import FactTable
    from ..loading.catalog import ConfigError
    from ..loading.config import Config
    from ..running.resultcache import ResultCache
    from ..running.session import Linter
    from ..running.settings import RunSettings

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
T = TypeVar("T")


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


RulesOpt = Annotated[list[Path], typer.Option("--rules", help="Add a folder (or file) of rules; repeatable.")]
OnlyOpt = Annotated[list[str], typer.Option("--only", help="Run only this rule (id or alias); repeatable.")]
DisableOpt = Annotated[list[str], typer.Option("--disable", help="Do not run this rule; repeatable.")]
LangOpt = Annotated[Optional[str], typer.Option("--lang", help="Language of the texts (default: detected).")]
PublishedOpt = Annotated[
    Optional[str], typer.Option("--published", help="Publication date, YYYY-MM-DD (default: dateline or front matter).")
]
ConfigOpt = Annotated[Optional[Path], typer.Option(
    "--config", help="Configuration file (default: factcheck.yaml, or the tool.factcheck table of "
                     "pyproject.toml, found walking up from here).")]
NoConfigOpt = Annotated[bool, typer.Option("--no-config", help="Ignore any configuration file.")]
FactsOpt = Annotated[list[str], typer.Option(
    "--facts", metavar="SOURCE", help="Reference facts to check stated figures against: a CSV, JSON Lines or YAML file, "
                                      "or a database URL (sqlite:///facts.db reads its table facts); repeatable.")]


def fail(message: str) -> NoReturn:
    """Print ``factcheck: message`` on standard error and exit 2."""
    typer.echo(f"factcheck: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def published_date(value: str | None) -> dt.date | None:
    """``--published`` as a date; exits 2 when it is not one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--published: {value!r} is not a date (YYYY-MM-DD)")


def use_color(color: Color, stream: object) -> bool:
    """Whether to colour: asked for, or a terminal without NO_COLOR."""
    if color is Color.always:
        return True
    if color is Color.never or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def project_config(path: Path | None, disabled: bool, rules: Sequence[Path] = ()) -> Config:
    """The configuration in force (``rules``: the folders the flags add); every problem in it printed, then exit 2."""
    from ..loading.catalog import ConfigError
    from ..loading.config import resolve_config
    from ..reports import FORMATS

    try:
        return resolve_config(path, disabled, formats=FORMATS, extra_rules=[r for r in rules if r.exists()])
    except ConfigError as exc:
        _problems(exc, "in the configuration")


def facts_or_exit(config: Config, extra: Sequence[str] = ()) -> FactTable | None:
    """The facts of the configuration and of ``--facts`` in one table (None: none given); every
    problem in them printed, then exit 2."""
    from ..errors import ConfigError
    from ..running.settings import configured_facts

    try:
        return configured_facts(config, extra)
    except ConfigError as exc:
        _problems(exc, "in the facts")


def project_linter(config: Config, rules: Sequence[Path] = (), only: Sequence[str] = (), disable: Sequence[str] = (),
                   settings: RunSettings | None = None, cache: ResultCache | None = None) -> Linter:
    """The session a command checks with: the configuration's rules and the flags'; problems printed, then exit 2."""
    from ..running.session import Linter

    return with_rules_or_exit(lambda: Linter.from_config(config, rules, only, disable, settings, cache))


def with_rules_or_exit(step: Callable[[], T]) -> T:
    """``step()``, or exit 2 printing every problem when the rules or the configuration cannot be used
    (a session may load its rules in the middle of a run, when the cache said they would load)."""
    from ..loading.catalog import ConfigError
    from ..loading.config import ConfigFileError
    from ..running.session import UnknownLanguage

    try:
        return step()
    except UnknownLanguage as exc:
        if exc.flag == "--message-lang":
            fail(f"--message-lang {exc.lang!r}: expected auto or one of {', '.join(exc.known)}")
        fail(f"{exc.flag} {exc.lang!r}: no language pack (known: {', '.join(exc.known)})")
    except ConfigError as exc:
        _problems(exc, "in the configuration" if isinstance(exc, ConfigFileError) else "in the rules")


def _problems(exc: ConfigError, where: str) -> NoReturn:
    for err in exc.errors:
        typer.echo(f"error: {err}", err=True)
    n = len(exc.errors)
    fail(f"{n} problem{'s' if n != 1 else ''} {where}; nothing was checked")


def read_baseline_or_exit(path: Path) -> Counter[Key]:
    """The keys of a baseline file; exit 2 with the reason when it cannot be used."""
    from ..checking.baseline import BaselineError, read_baseline

    try:
        return read_baseline(path)
    except BaselineError as exc:
        fail(str(exc))


def changed_files_or_exit(ref: str) -> frozenset[Path]:
    """The files changed since a git ref; exit 2 with git's message when git cannot say."""
    from ..reading.selection import GitError, changed_files

    try:
        return changed_files(ref)
    except GitError as exc:
        fail(f"--diff-base {ref}: {exc}")


def rendered(report: Report, fmt: str, color: bool, version: str, fail_on: str = "error") -> str:
    """The report in one format (JUnit's test cases fail as the run does, by ``--fail-on``)."""
    from ..reports import render

    return render(report, fmt, version=version, color=color, fail_on=fail_on)


def write_stdout(text: str) -> str | None:
    """Write a report to standard output; the reason it could not be (closed, a full disk,
    a closed pipe), if not. After a failure, standard output is pointed at the null device
    so that Python's own flush at exit does not fail again with a traceback."""
    stream = sys.stdout
    try:
        if stream is None:  # started with standard output closed
            raise OSError(errno.EBADF, "standard output is closed")
        stream.write(text)
        stream.flush()
    except OSError as exc:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno() if stream is not None else 1)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass
        return f"cannot write the report to standard output: {exc.strerror or exc}"
    return None


def write_text(target: Path, text: str) -> str | None:
    """Write an --output file, making its folder; the reason it could not be, if not."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        return f"cannot write {target}: {exc.strerror or exc}"
    return None
