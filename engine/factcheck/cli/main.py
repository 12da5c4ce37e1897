"""The command line: a thin layer over the library's session (``factcheck.Linter``).

Exit codes (decided after every readable file is checked): 2 for a usage or
configuration error, or an input that could not be read; else 1 if a finding is at
or above ``--fail-on``; else 0.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__
from .baseline import baseline_app
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    Color,
    ConfigOpt,
    DisableOpt,
    FactsOpt,
    FailOn,
    LangOpt,
    NoConfigOpt,
    OnlyOpt,
    PublishedOpt,
    RulesOpt,
    changed_files_or_exit,
    facts_or_exit,
    fail,
    project_config,
    project_linter,
    published_date,
    read_baseline_or_exit,
    rendered,
    use_color,
    write_stdout,
    write_text,
)
from .run import (
    CacheDirOpt,
    DateFieldOpt,
    Engine,
    EngineOpt,
    Execution,
    IdFieldOpt,
    JobsOpt,
    LangFieldOpt,
    MaxDocumentOpt,
    MessageLangOpt,
    NoCacheOpt,
    NoProgressOpt,
    SchedulerOpt,
    TextFieldOpt,
    cache_app,
    checked,
)

app = typer.Typer(
    name="factcheck",
    help="Check the numbers and dates in prose: fractions and their percentages, totals and parts, "
         "weekdays and dates.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List and show the rules.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(baseline_app, name="baseline")
app.add_typer(cache_app, name="cache")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """factcheck: a linter for the numbers and dates in prose."""


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for standard input.")],
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="Output format (default: text).")] = None,
    output: Annotated[list[str], typer.Option("--output", "-o", help="Also write FORMAT=PATH; repeatable.")] = [],
    fail_on: Annotated[Optional[FailOn], typer.Option(
        "--fail-on", help="Lowest severity that makes the exit code 1 (default: error).")] = None,
    lang: LangOpt = None,
    published: PublishedOpt = None,
    rules: RulesOpt = [],
    only: OnlyOpt = [],
    disable: DisableOpt = [],
    color: Annotated[Color, typer.Option("--color", help="Colour the text report.")] = Color.auto,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline", help="Report only findings not recorded in this baseline file.")] = None,
    diff_base: Annotated[Optional[str], typer.Option(
        "--diff-base", metavar="REF", help="Check only the files changed since this git ref (and untracked ones).")] = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    no_progress: NoProgressOpt = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    text_field: TextFieldOpt = "text",
    id_field: IdFieldOpt = "id",
    lang_field: LangFieldOpt = None,
    date_field: DateFieldOpt = None,
    max_document_mb: MaxDocumentOpt = None,
    message_lang: MessageLangOpt = "auto",
    facts: FactsOpt = [],
) -> None:
    """Check documents (files, folders, globs, -, .jsonl archives) and report what does not add up."""
    from ..checking.findings import SEVERITY_RANK, Report
    from ..reports import FORMATS, render

    cfg = project_config(config, no_config, rules)
    fmt = format or cfg.spec.format or "text"
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    outputs = []
    for item in output:
        out_format, sep, out_path = item.partition("=")
        if not sep or out_format not in FORMATS or not out_path:
            fail(f"--output {item!r}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}")
        outputs.append((out_format, Path(out_path)))
    level = fail_on.value if fail_on is not None else cfg.spec.fail_on or "error"
    recorded = read_baseline_or_exit(baseline) if baseline is not None else None
    changed = changed_files_or_exit(diff_base) if diff_base is not None else None
    how = Execution(jobs, not no_cache, cache_dir, engine, scheduler, not no_progress,
                    {"text": text_field, "id": id_field, "lang": lang_field, "date": date_field}, max_document_mb)
    # only JUnit names the clean files; other formats need not keep a list of every path
    keep_paths = "junit" in {fmt, *(f for f, _ in outputs)}
    report = checked(paths, cfg, rules, only, disable, lang, published, how, changed, fmt, keep_paths,
                     message_lang=None if message_lang == "auto" else message_lang,
                     keep_checked="html" in {fmt, *(f for f, _ in outputs)}, facts=facts)
    if recorded is not None and baseline is not None:
        from ..checking.baseline import filter_baseline

        report.findings, report.hidden = filter_baseline(report.findings, recorded, baseline)
    if changed is not None and not report.files and not report.errors:
        report, note = Report(), f"No files changed since {diff_base}."
        unwritten = [write_text(target, note + "\n" if kind == "text" else
                                render(report, kind, version=__version__, color=False)) for kind, target in outputs]
        if fmt != "text":
            typer.echo(note, err=True)
        unwritten.append(write_stdout(note + "\n" if fmt == "text" else
                                      render(report, fmt, version=__version__, color=False)))
        _exit_if_unwritten(unwritten)
        raise typer.Exit(EXIT_OK)
    # the --output files first: a standard output that cannot be written (a full disk, a closed
    # pipe) must not lose them; every output is tried, then the run fails as a usage error would
    unwritten = [write_text(target, rendered(report, kind, False, __version__, level)) for kind, target in outputs]
    unwritten.append(write_stdout(rendered(report, fmt, use_color(color, sys.stdout), __version__, level)))
    _exit_if_unwritten(unwritten)
    if not report.files:  # a run that checked nothing must not pass silently
        _nothing_checked(paths, bool(report.errors))
    if report.errors:
        raise typer.Exit(EXIT_ERROR)
    if level != "never" and report.worst() >= SEVERITY_RANK[level]:
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


def _nothing_checked(paths: list[str], unreadable: bool) -> None:
    """Say why a run checked no file: exit 2 when there was nothing to check at all; files the
    configuration's include/exclude left out are its choice (a pre-commit hook passes such files)."""
    from ..reading.documents import ReadError, expand

    found = not unreadable and any(not isinstance(item, ReadError) for item in expand(paths))
    if found:
        typer.echo("factcheck: nothing was checked: the configuration's include/exclude leaves out every file given",
                   err=True)
        return
    why = "no input could be read" if unreadable else "no text files (.txt, .md, .html, ...) or .jsonl archives"
    typer.echo(f"factcheck: nothing was checked: {why} in {', '.join(paths)}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _exit_if_unwritten(problems: list[str | None]) -> None:
    """Exit 2, naming each --output that could not be written (a CI gate must not read it as findings)."""
    unwritten = [p for p in problems if p is not None]
    for problem in unwritten:
        typer.echo(f"factcheck: {problem}", err=True)
    if unwritten:
        raise typer.Exit(EXIT_ERROR)


@app.command("test")
def test_rules(
    rules: Annotated[list[Path], typer.Argument(help="Rule folders or files to add to the shipped ones.")] = [],
    select: Annotated[Optional[str], typer.Option("-k", help="Only cases whose id contains this.")] = None,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="List every case.")] = False,
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
) -> None:
    """Run the examples embedded in rule files and language patterns (and the configuration's rule folders)."""
    from ..running.ruletests import rule_cases

    cfg = project_config(config, no_config, rules)  # its rule folders only: the examples are written for the defaults
    # the examples carry their own facts
    catalog = project_linter(cfg.with_settings(only=[], disable=[], severity={}, params={}, facts=[]), rules).catalog
    passed, failed = 0, []
    for cid, run_case in rule_cases(catalog):
        if select and select not in cid:
            continue
        result = run_case()
        if result.ok:
            passed += 1
        else:
            failed.append(result)
        if verbose:
            typer.echo(f"{cid} {'PASSED' if result.ok else 'FAILED'}")
        elif not result.ok:
            typer.echo(f"{cid} FAILED")
    for result in failed:
        typer.echo(f"\n___ {result.id} ___ ({result.source})\n{result.detail}")
    total = passed + len(failed)
    summary = f"{len(failed)} failed, {passed} passed" if failed else f"{passed} passed"
    typer.echo(f"\n{summary} ({total} case{'s' if total != 1 else ''})")
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command()
def explain(
    file: Annotated[str, typer.Argument(help="One document (or - for standard input).")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    lang: LangOpt = None,
    published: PublishedOpt = None,
    rules: RulesOpt = [],
    config: ConfigOpt = None,
    no_config: NoConfigOpt = False,
    facts: FactsOpt = [],
) -> None:
    """Show every value and claim found in one document, and how each rule judged it (and each stated
    figure, with the record it was matched to or why none was)."""
    from ..checking.analysis import analyse
    from ..reading.documents import ReadError
    from ..reports.explain import as_dict, as_text
    from ..running.settings import RunSettings

    if format not in ("text", "json"):  # a bad flag stops the run before anything is read
        fail(f"--format {format!r}: expected text or json")
    cfg = project_config(config, no_config, rules)
    settings = RunSettings(lang=lang or cfg.spec.lang, published=published_date(published), facts=facts_or_exit(cfg, facts))
    linter = project_linter(cfg, rules, settings=settings)
    items = list(linter.documents([file]))
    if len(items) != 1:
        fail(f"explain takes one document; {file!r} gives {len(items)}")
    doc = items[0]
    if isinstance(doc, ReadError):
        fail(f"{doc.path}: {doc.message}")
    analysis = analyse(doc, linter.catalog)
    if format == "json":
        import json

        typer.echo(json.dumps(as_dict(analysis), ensure_ascii=False, indent=2))
    else:
        typer.echo(as_text(analysis), nl=False)


@rules_app.command("list")
def rules_list(rules: RulesOpt = [], config: ConfigOpt = None, no_config: NoConfigOpt = False) -> None:
    """Every rule a run uses (after the configuration's selection): id, severity, claim kind, languages, file."""
    catalog = project_linter(project_config(config, no_config, rules).with_settings(facts=[]), rules).catalog
    rows = [("ID", "SEVERITY", "KIND", "LANGUAGES", "FILE")]
    for rule in sorted(catalog.rules, key=lambda r: r.id):
        langs = ",".join(rule.spec.langs or sorted(catalog.languages))
        rows.append((rule.id, rule.severity, rule.spec.applies_to, langs, rule.path))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="A rule id or alias.")], rules: RulesOpt = [],
               config: ConfigOpt = None, no_config: NoConfigOpt = False) -> None:
    """One rule (as the configuration sets it, enabled or not): what it checks, its expressions, an example."""
    from ..reports.explain import describe_rule

    catalog = project_linter(project_config(config, no_config, rules).with_settings(only=[], disable=[], facts=[]),
                             rules).catalog
    try:
        one = catalog.select(only=[rule_id])
    except Exception as exc:
        fail(str(exc))
    typer.echo(describe_rule(one.rules[0], one), nl=False)


@app.command()
def schema(
    what: Annotated[str, typer.Argument(help="rule, lang, lang-extension, kinds or config.")] = "rule",
) -> None:
    """Print the JSON Schema of rule files (or language packs, kinds, the configuration file) for editors."""
    import json

    from ..loading.schema_export import SCHEMA_FILES, json_schema

    try:
        typer.echo(json.dumps(json_schema(what), ensure_ascii=False, indent=2))
    except KeyError:
        fail(f"schema {what!r}: expected {', '.join(SCHEMA_FILES)}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
