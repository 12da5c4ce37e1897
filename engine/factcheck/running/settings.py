"""A run's settings, layered: flag > configuration file > default.

:class:`RunSettings` says how a session reads and checks its inputs;
:func:`configured_rules` gives the rules of a configuration and some flags.

Flags that repeat (``--rules``, ``--only``, ``--disable``) add to the configuration's
lists; the others replace its value. The configuration's rule ids, params and
language are checked against the rules loaded, each problem located in the file.
The shared default catalog is never changed: a severity override makes new rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from ..checking.suppressions import rule_names
from ..loading.catalog import Catalog, default_catalog, load_catalog
from ..loading.config import Config, ConfigFileError
from ..loading.yamlsource import SourceError, did_you_mean
from ..reading.selection import FileFilter

if TYPE_CHECKING:
    from ..loading.rule_files import Rule
    from ..reading.archives import RecordFields


@dataclass(frozen=True)
class RunSettings:
    """How a session reads and checks its inputs.

    ``lang`` and ``published`` apply to every input (None: detected per document);
    ``files`` drops some files (the configuration's include/exclude, ``--diff-base``);
    ``fields`` says which fields of an archive's records to read; ``jobs`` worker
    processes check the files (1: this process); ``engine="dask"`` runs on the cluster
    at ``scheduler`` (None: a local one).
    """

    lang: str | None = None
    published: dt.date | None = None
    files: FileFilter | None = None
    fields: RecordFields | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None


@dataclass(frozen=True)
class Rules:
    """The catalog a run uses, and every rule name that exists in it, run or not."""

    catalog: Catalog
    known: frozenset[str]


def configured_rules(config: Config, rules: Iterable[Path] = (), only: Sequence[str] = (),
                     disable: Sequence[str] = ()) -> Rules:
    """The rules of the configuration plus the flags'; ConfigError lists every problem."""
    spec = config.spec
    dirs = [config.folder / d for d in spec.rules] + list(rules)
    base = load_catalog(dirs) if dirs else default_catalog()
    names = rule_names(base.rules)
    errors = _check_names(config, base, names)
    if errors:
        raise ConfigFileError(errors)
    catalog = base
    if spec.params:
        overrides: dict[str, dict[str, Any]] = {}
        for name, values in spec.params.items():
            overrides.setdefault(names[name], {}).update(values)
        catalog = load_catalog(dirs, overrides)
    catalog = catalog.select([*spec.only, *only], [*spec.disable, *disable])
    severity = {names[name]: level for name, level in spec.severity.items()}
    if severity:
        catalog = replace(catalog, rules=[_with_severity(r, severity.get(r.id)) for r in catalog.rules])
    return Rules(catalog, frozenset(names))


def file_filter(config: Config, changed: frozenset[Path] | None = None) -> FileFilter:
    """What the configuration's include/exclude (and ``--diff-base``) let a run read."""
    return FileFilter(config.folder, tuple(config.spec.include), tuple(config.spec.exclude), changed)


def _with_severity(rule: Rule, severity: str | None) -> Rule:
    if severity is None or severity == rule.severity:
        return rule
    return replace(rule, spec=rule.spec.replace(severity=severity))


def _check_names(config: Config, catalog: Catalog, names: dict[str, str]) -> list[SourceError | str]:
    spec, errors = config.spec, []

    def unknown(key: tuple[str | int, ...], name: str) -> None:
        errors.append(config.error(key, f"unknown rule {name!r}{did_you_mean(name, names)}"))

    for field_name in ("only", "disable"):
        for i, name in enumerate(getattr(spec, field_name)):
            if name not in names:
                unknown((field_name, i), name)
    for name in spec.severity:
        if name not in names:
            unknown(("severity", name), name)
    by_id = {r.id: r for r in catalog.rules}
    for name, values in spec.params.items():
        if name not in names:
            unknown(("params", name), name)
            continue
        declared = by_id[names[name]].spec.params
        for param, value in values.items():
            key = ("params", name, param)
            if param not in declared:
                have = f"its params: {', '.join(sorted(declared))}" if declared else "it declares none"
                errors.append(config.error(key, f"{names[name]} has no param {param!r}"
                                                f"{did_you_mean(param, declared)} ({have})"))
            elif _kind(value) != _kind(declared[param]):
                errors.append(config.error(key, f"expected {_kind(declared[param])} like the rule's default "
                                                f"{declared[param]!r}, not {value!r}"))
    if spec.lang is not None and spec.lang not in catalog.languages:
        errors.append(config.error(("lang",), f"no language pack for {spec.lang!r}"
                                              f" (known: {', '.join(sorted(catalog.languages))})"))
    return sorted(errors, key=lambda e: (getattr(e, "line", 0), getattr(e, "column", 0)))


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    return "a number" if isinstance(value, (int, float)) else "a string"
