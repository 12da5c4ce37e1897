"""How ``run`` and ``baseline create`` check their inputs: processes, the result cache, archives,
progress, the Dask engine, all set on one session (``Linter``). The rules are loaded as late as
possible: a run whose every input is cached never loads them (once they have loaded without
error with the same settings)."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Iterator, Optional, Sequence

import typer

from .common import (
    ConfigOpt,
    NoConfigOpt,
    facts_or_exit,
    fail,
    project_config,
    project_linter,
    published_date,
    with_rules_or_exit,
)

if TYPE_CHECKING:
    from ..checking.findings import Report
    from ..loading.config import Config
    from ..reading.archives import RecordFields
    from ..running.resultcache import ResultCache


class Engine(str, Enum):
    local = "local"
    dask = "dask"


JobsOpt = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, help="Worker processes (default: the number of CPUs; 1 checks in this process).")]
NoCacheOpt = Annotated[bool, typer.Option(
    "--no-cache", help="Neither read nor write the result cache, and write no cache of any kind.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option(
    "--cache-dir", help="The result cache folder (default: $FACTCHECK_CACHE_DIR, else .factcheck_cache/ "
                        "beside the configuration file or here).")]
NoProgressOpt = Annotated[bool, typer.Option("--no-progress", help="No progress bar, even in a terminal.")]
EngineOpt = Annotated[Engine, typer.Option("--engine", help="local (this machine) or dask (a Dask cluster).")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. tcp://host:8786 (default: a local cluster).")]
TextFieldOpt = Annotated[str, typer.Option("--text-field", help="In .jsonl archives, the field with the text.")]
IdFieldOpt = Annotated[str, typer.Option("--id-field", help="In .jsonl archives, the field that names a record.")]
LangFieldOpt = Annotated[Optional[str], typer.Option("--lang-field", help="In .jsonl archives, a record's language.")]
MessageLangOpt = Annotated[str, typer.Option(
    "--message-lang", metavar="LANG", help="Language of the messages: en, vi, or auto (each document's own).")]
MaxDocumentOpt = Annotated[Optional[float], typer.Option(
    "--max-document-mb", min=0.001, metavar="MB",
    help="The largest document checked (default 20, or max-document-mb in factcheck.yaml); a larger one is one error.")]
DateFieldOpt = Annotated[Optional[str], typer.Option(
    "--date-field", help="In .jsonl archives, a record's publication date (YYYY-MM-DD...).")]


@dataclass
class Execution:
    """How to check: worker processes, the cache, the engine, progress and archive fields."""

    jobs: int | None = None
    cache: bool = True
    cache_dir: Path | None = None
    engine: Engine = Engine.local
    scheduler: str | None = None
    progress: bool = True
    fields: dict[str, Any] = field(default_factory=dict)
    max_document_mb: float | None = None  # the flag; else the configuration's; else the default

    def record_fields(self) -> RecordFields:
        from ..reading.archives import RecordFields

        return RecordFields(**{k: v for k, v in self.fields.items() if v is not None})


def checked(paths: Sequence[str], config: Config, rules: Sequence[Path], only: Sequence[str],
            disable: Sequence[str], lang: str | None, published: str | None, how: Execution,
            changed: frozenset[Path] | None = None, fmt: str = "text", keep_paths: bool = True,
            message_lang: str | None = None, keep_checked: bool = False, facts: Sequence[str] = ()) -> Report:
    """The report of a session with the configuration's settings and these flags; problems in the rules
    or the configuration exit 2 before anything is read; warnings about the inputs go to standard error.
    ``message_lang`` writes every message in one language (None: each document's); ``keep_checked``
    keeps the claims that hold (for the html report); ``facts`` are the ``--facts`` sources, added to the
    configuration's. With --no-cache no cache of any kind is written."""
    with _no_compiled_cache(not how.cache):
        return _checked(paths, config, rules, only, disable, lang, published, how, changed, fmt, keep_paths,
                        message_lang, keep_checked, facts)


@contextmanager
def _no_compiled_cache(off: bool) -> Iterator[None]:
    """With --no-cache, no cache of any kind is written: not the compiled rules either (a signed
    entry is still read; worker processes started meanwhile inherit the setting)."""
    from ..loading.catalog_cache import READ_ONLY_ENV

    before = os.environ.get(READ_ONLY_ENV)
    if off:
        os.environ[READ_ONLY_ENV] = "1"
    try:
        yield
    finally:
        if off and before is None:
            del os.environ[READ_ONLY_ENV]
        elif off and before is not None:
            os.environ[READ_ONLY_ENV] = before


def _checked(paths: Sequence[str], config: Config, rules: Sequence[Path], only: Sequence[str],
             disable: Sequence[str], lang: str | None, published: str | None, how: Execution,
             changed: frozenset[Path] | None, fmt: str, keep_paths: bool, message_lang: str | None,
             keep_checked: bool, facts: Sequence[str]) -> Report:
    from ..running.progress import ProgressDisplay, progress_wanted
    from ..running.settings import RunSettings, file_filter

    when = published_date(published)
    if how.scheduler is not None and how.engine is not Engine.dask:
        fail("--scheduler needs --engine dask")
    if how.engine is Engine.dask:
        _require_dask()
    table = facts_or_exit(config, facts)
    settings = RunSettings(lang=lang or config.spec.lang, published=when, files=file_filter(config, changed),
                           fields=how.record_fields(), jobs=how.jobs or os.cpu_count() or 1,
                           engine=how.engine.value, scheduler=how.scheduler,
                           message_lang=message_lang, keep_checked=keep_checked, facts=table,
                           max_document_bytes=_document_budget(how, config))
    cache = _cache(config, rules, only, disable, lang, when, how,
                   {"message_lang": message_lang, **({"html": True} if keep_checked else {}),
                    **({"facts": table.digest} if table is not None else {})})
    linter = project_linter(config, rules, only, disable, settings, cache)
    display = ProgressDisplay(sys.stderr, progress_wanted(fmt, sys.stderr, not how.progress))
    try:
        with display:
            report = with_rules_or_exit(lambda: linter.check_paths(paths, display.update, keep_paths))
    except (OSError, TimeoutError) as exc:
        if how.engine is not Engine.dask:
            raise
        fail(f"--engine dask: cannot reach the scheduler {how.scheduler or '(local)'}: {exc}")
    for note in report.notes:
        typer.echo(note, err=True)
    if cache is not None and cache.rejected:  # once, not per file
        typer.echo(f"factcheck: {cache.rejected} result cache entr{'y' if cache.rejected == 1 else 'ies'} in "
                   f"{cache.folder.as_posix()} not trusted ({cache.problem}); checked again", err=True)
    return report


def _document_budget(how: Execution, config: Config) -> int:
    """The per-document budget in bytes: the flag, else the configuration's, else the default."""
    from ..reading.documents import DEFAULT_MAX_BYTES

    mb = how.max_document_mb or config.spec.max_document_mb
    return int(mb * 1_000_000) if mb else DEFAULT_MAX_BYTES


def _require_dask() -> None:
    from ..running.distributed import DaskMissing, require_dask

    try:
        require_dask()
    except DaskMissing as exc:
        fail(str(exc))


def _cache(config: Config, rules: Sequence[Path], only: Sequence[str], disable: Sequence[str], lang: str | None,
           when: object, how: Execution, output: dict[str, Any] | None = None) -> ResultCache | None:
    """The result cache for these settings (None when turned off, or on a cluster, which reads its own files)."""
    if not how.cache or how.engine is Engine.dask:
        return None
    from ..errors import ConfigError
    from ..loading.fingerprints import shipped_rules_dir
    from ..running.resultcache import ResultCache, cache_folder, settings_key

    spec = config.spec
    try:
        shipped = shipped_rules_dir()
    except ConfigError:
        return None  # the rules will not load: the run stops before anything is read
    dirs = [shipped, *(config.folder / d for d in spec.rules), *rules]
    if not all(d.exists() for d in dirs):
        return None
    options = {"only": [*spec.only, *only], "disable": [*spec.disable, *disable], "severity": spec.severity,
               "params": spec.params, "lang": lang or spec.lang, "published": when, **(output or {})}
    return ResultCache(cache_folder(how.cache_dir, config.folder), settings_key(dirs, options))


def clean_cache(config: Config, cache_dir: Path | None) -> None:
    """``factcheck cache clean``: remove the result cache folder and the compiled rules cache."""
    from ..loading import catalog_cache
    from ..running.resultcache import cache_folder, clean

    folder = cache_folder(cache_dir, config.folder)
    try:
        removed = clean(folder)
        compiled = catalog_cache.clean()
    except (ValueError, OSError) as exc:
        fail(str(exc))
    typer.echo(f"Removed {folder.as_posix()}." if removed else f"No cache at {folder.as_posix()}.")
    if compiled is not None:
        typer.echo(f"Removed the compiled rules cached in {compiled.as_posix()}.")


cache_app = typer.Typer(help="The result cache (files checked before are not checked again).", no_args_is_help=True)


@cache_app.command("clean")
def cache_clean(
    cache_dir: CacheDirOpt = None,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """Remove the result cache folder (.factcheck_cache/ beside the configuration file, or --cache-dir) and the
    compiled rules cache (the user's cache folder, e.g. ~/.cache/factcheck, or $FACTCHECK_CATALOG_CACHE)."""
    clean_cache(project_config(config, no_config), cache_dir)
