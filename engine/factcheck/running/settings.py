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

from ..loading.catalog import Catalog, default_catalog, load_catalog
from ..loading.config import Config, ConfigFileError, replaced, rule_problems
from ..reading.documents import DEFAULT_MAX_BYTES
from ..reading.selection import FileFilter

if TYPE_CHECKING:
    from ..facts.table import FactTable
    from ..loading.rule_files import Rule
    from ..reading.archives import RecordFields


@dataclass(frozen=True)
class RunSettings:
    """How a session reads and checks its inputs.

    ``lang`` and ``published`` apply to every input (None: detected per document);
    ``files`` drops some files (the configuration's include/exclude, ``--diff-base``);
    ``fields`` says which fields of an archive's records to read; ``jobs`` worker
    processes check the files (1: this process); ``engine="dask"`` runs on the cluster
    at ``scheduler`` (None: a local one); ``message_lang`` writes every message in one
    language (None: each document's); ``keep_checked`` keeps the claims that hold (for
    the html report); ``facts`` are the reference facts stated figures are checked against
    (see :func:`configured_facts` and ``factcheck.load_facts``); ``max_document_bytes`` is
    the per-document budget: a larger file, standard input or archive record is one error,
    found before it is read, and the rest are still checked (None: no limit).
    """

    lang: str | None = None
    published: dt.date | None = None
    files: FileFilter | None = None
    fields: RecordFields | None = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    message_lang: str | None = None
    keep_checked: bool = False
    facts: FactTable | None = None
    max_document_bytes: int | None = DEFAULT_MAX_BYTES


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
    names = base.rule_names
    errors = rule_problems(config, base)
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


def configured_facts(config: Config, extra: Sequence[str | Path] = ()) -> FactTable | None:
    """The facts of the configuration's ``facts:`` and of ``extra`` sources (``--facts``: files or
    database URLs), in one table; None when there are none. ConfigError lists every problem."""
    from ..facts.sources import FactSource, load_facts, sources_of

    sources = [*sources_of(config.spec.facts, config.folder), *(FactSource.named(e) for e in extra)]
    return load_facts(sources) if sources else None


def file_filter(config: Config, changed: frozenset[Path] | None = None) -> FileFilter:
    """What the configuration's include/exclude (and ``--diff-base``) let a run read."""
    return FileFilter(config.folder, tuple(config.spec.include), tuple(config.spec.exclude), changed)


def _with_severity(rule: Rule, severity: str | None) -> Rule:
    if severity is None or severity == rule.severity:
        return rule
    return replace(rule, spec=replaced(rule.spec, severity=severity))
