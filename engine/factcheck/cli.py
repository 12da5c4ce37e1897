"""The command line: a thin layer over the library (``factcheck.check_paths`` and friends).

Exit codes (decided after every readable file is checked): 2 for a usage or
configuration error, or an input that could not be read; else 1 if a finding is at
or above ``--fail-on``; else 0.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

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

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """factcheck: a linter for the numbers and dates in prose."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"factcheck: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _catalog(rules: list[Path], only: list[str] = (), disable: list[str] = ()):  # type: ignore[assignment]
    from .catalog import ConfigError, default_catalog, load_catalog

    try:
        catalog = load_catalog(rules) if rules else default_catalog()
        return catalog.select(only, disable)
    except ConfigError as exc:
        for err in exc.errors:
            typer.echo(f"error: {err}", err=True)
        n = len(exc.errors)
        raise _fail(f"{n} problem{'s' if n != 1 else ''} in the rules; nothing was checked") from None


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--published: {value!r} is not a date (YYYY-MM-DD)") from None


def _use_color(color: Color, stream: object) -> bool:
    if color is Color.always:
        return True
    if color is Color.never or os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for standard input.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: text or json.")] = "text",
    output: Annotated[list[str], typer.Option("--output", "-o", help="Also write FORMAT=PATH; repeatable.")] = [],
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")] = FailOn.error,
    lang: LangOpt = None,
    published: PublishedOpt = None,
    rules: RulesOpt = [],
    only: OnlyOpt = [],
    disable: DisableOpt = [],
    color: Annotated[Color, typer.Option("--color", help="Colour the text report.")] = Color.auto,
) -> None:
    """Check documents and report what does not add up."""
    from .api import check_paths
    from .findings import SEVERITY_RANK
    from .reports import FORMATS, render

    outputs = []
    for item in output:
        fmt, sep, target = item.partition("=")
        if not sep or fmt not in FORMATS or not target:
            raise _fail(f"--output {item!r}: expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}")
        outputs.append((fmt, Path(target)))
    if format not in FORMATS:
        raise _fail(f"--format {format!r}: expected one of {', '.join(FORMATS)}")
    catalog = _catalog(rules, only, disable)
    if lang is not None and lang not in catalog.languages:
        raise _fail(f"--lang {lang!r}: no language pack (known: {', '.join(sorted(catalog.languages))})")
    report = check_paths(paths, lang=lang, published=_published(published), rules=catalog)
    sys.stdout.write(render(report, format, version=__version__, color=_use_color(color, sys.stdout)))
    for fmt, target in outputs:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(report, fmt, version=__version__, color=False), encoding="utf-8")
    if report.errors:
        raise typer.Exit(EXIT_ERROR)
    if fail_on is not FailOn.never and report.worst() >= SEVERITY_RANK[fail_on.value]:
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


@app.command("test")
def test_rules(
    rules: Annotated[list[Path], typer.Argument(help="Rule folders or files to add to the shipped ones.")] = [],
    select: Annotated[Optional[str], typer.Option("-k", help="Only cases whose id contains this.")] = None,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="List every case.")] = False,
) -> None:
    """Run the examples embedded in rule files and language patterns."""
    from .ruletests import rule_cases

    catalog = _catalog(rules)
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
) -> None:
    """Show every value and claim found in one document, and how each rule judged it."""
    from .documents import ReadError, read_inputs
    from .engine import analyse
    from .explain import as_dict, as_text

    if format not in ("text", "json"):  # a bad flag stops the run before anything is read
        raise _fail(f"--format {format!r}: expected text or json")
    catalog = _catalog(rules)
    items = list(read_inputs([file]))
    if len(items) != 1:
        raise _fail(f"explain takes one document; {file!r} gives {len(items)}")
    doc = items[0]
    if isinstance(doc, ReadError):
        raise _fail(f"{doc.path}: {doc.message}")
    doc.lang = lang or doc.lang
    doc.published = _published(published) or doc.published
    if doc.lang is not None and doc.lang not in catalog.languages:
        raise _fail(f"--lang {doc.lang!r}: no language pack")
    analysis = analyse(doc, catalog)
    if format == "json":
        import json

        typer.echo(json.dumps(as_dict(analysis), ensure_ascii=False, indent=2))
    else:
        typer.echo(as_text(analysis), nl=False)


@rules_app.command("list")
def rules_list(rules: RulesOpt = []) -> None:
    """Every rule: id, severity, claim kind, languages, file."""
    catalog = _catalog(rules)
    rows = [("ID", "SEVERITY", "KIND", "LANGUAGES", "FILE")]
    for rule in sorted(catalog.rules, key=lambda r: r.id):
        langs = ",".join(rule.spec.langs or sorted(catalog.languages))
        rows.append((rule.id, rule.severity, rule.spec.applies_to, langs, rule.path))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="A rule id or alias.")], rules: RulesOpt = []) -> None:
    """One rule: what it checks, its expressions, and an example finding."""
    from .explain import describe_rule

    catalog = _catalog(rules)
    try:
        one = catalog.select(only=[rule_id])
    except Exception as exc:
        raise _fail(str(exc)) from None
    typer.echo(describe_rule(one.rules[0], one), nl=False)


@app.command()
def schema(
    what: Annotated[str, typer.Argument(help="rule, lang, lang-extension or kinds.")] = "rule",
) -> None:
    """Print the JSON Schema of rule files (or language packs, or kinds) for editors."""
    import json

    from .schema_export import json_schema

    try:
        typer.echo(json.dumps(json_schema(what), ensure_ascii=False, indent=2))
    except KeyError:
        raise _fail(f"schema {what!r}: expected rule, lang, lang-extension or kinds") from None


def main() -> None:
    app()


if __name__ == "__main__":
    main()
