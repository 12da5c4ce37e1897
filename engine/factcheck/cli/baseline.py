"""``factcheck baseline create``: record today's findings, so that ``run --baseline`` reports only new ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import (
    ConfigOpt,
    DisableOpt,
    LangOpt,
    NoConfigOpt,
    OnlyOpt,
    PublishedOpt,
    RulesOpt,
    fail,
    project_config,
    write_text,
)
from .run import CacheDirOpt, Execution, JobsOpt, NoCacheOpt, checked

baseline_app = typer.Typer(help="Record today's findings, so that runs with --baseline report only new ones.",
                           no_args_is_help=True)


@baseline_app.command("create")
def baseline_create(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for standard input.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The baseline file to write.")] = Path(
        "factcheck-baseline.json"),
    lang: LangOpt = None,
    published: PublishedOpt = None,
    rules: RulesOpt = [],
    only: OnlyOpt = [],
    disable: DisableOpt = [],
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Record the findings of these paths in a baseline file (nothing is written if an input cannot be read)."""
    from ..checking.baseline import baseline_text

    cfg = project_config(config, no_config, rules)
    report = checked(paths, cfg, rules, only, disable, lang, published, Execution(jobs, not no_cache, cache_dir),
                     fmt="baseline")
    if report.errors:
        for err in report.errors:
            typer.echo(f"error: {err.path}: {err.message}", err=True)
        n = len(report.errors)
        fail(f"{n} input{'s' if n != 1 else ''} could not be read; no baseline written")
    text, n = baseline_text(output, report.findings)
    if (problem := write_text(output, text)) is not None:
        fail(problem)
    typer.echo(f"Recorded {n} finding{'' if n == 1 else 's'} from {report.files} "
               f"file{'' if report.files == 1 else 's'} in {output.as_posix()}.")
