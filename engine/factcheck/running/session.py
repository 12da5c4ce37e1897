"""A session: what a run needs, held once — the rules, the result cache and the settings.

The command line, ``factcheck.check`` and ``factcheck.check_paths`` all check through a
:class:`Linter`. The rules are loaded when a text first needs them (a run whose every
input is cached never loads them); after that nothing in a check changes the session,
so many threads may share one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection, Iterable, Iterator, Sequence, Union

from ..checking.findings import Finding, Report
from ..checking.rule_warnings import note_key
from ..errors import ConfigError
from ..reading.documents import Document, ReadError
from ..reading.sources import Source, read_document, sources_from_paths
from .runner import Plan, RuleSupply, run
from .settings import Rules, RunSettings, configured_facts, configured_rules
from .work import Result, check_source

if TYPE_CHECKING:
    from ..facts.table import FactTable
    from ..loading.catalog import Catalog
    from ..loading.config import Config
    from .resultcache import ResultCache

#: What a session checks with: a catalog, the rules of a configuration, or a function
#: giving them when first needed (None: the shipped catalog).
RulesLike = Union["Catalog", Rules, Callable[[], Rules], None]


class UnknownLanguage(ConfigError):
    """The language asked for has no language pack among the rules loaded (``flag`` says which
    setting asked: --lang for the texts, --message-lang for the messages)."""

    def __init__(self, lang: str, known: Collection[str], flag: str = "--lang"):
        self.lang, self.known, self.flag = lang, sorted(known), flag
        super().__init__([f"no language pack for {lang!r} (known: {', '.join(self.known)})"])


class Linter:
    """Checks texts and paths with one set of rules, one result cache and one set of settings.

        >>> linter = Linter()
        >>> [f.rule for f in linter.check("kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch", lang="vi")]
        ['ratio-percent']

    ``rules`` is a catalog (default: the shipped one), or a function giving the rules
    when first needed; ``settings`` says how inputs are read and checked; ``cache``
    keeps the results of files checked before.
    """

    def __init__(self, rules: RulesLike = None, settings: RunSettings | None = None,
                 cache: ResultCache | None = None) -> None:
        self.settings = settings or RunSettings()
        self.cache = cache
        self._rules = RuleSupply(_with_facts(_loader(rules), self.settings.facts))

    @classmethod
    def from_config(cls, config: Config, rule_paths: Sequence[Path] = (), only: Sequence[str] = (),
                    disable: Sequence[str] = (), settings: RunSettings | None = None,
                    cache: ResultCache | None = None) -> "Linter":
        """A session with the rules of a configuration plus these flags' (folders, rules run, rules left out).

        Every problem in the rules and the configuration raises ConfigError (UnknownLanguage
        for a ``settings.lang`` without a pack) here, before anything is read; only when
        ``cache`` has seen these settings load without error are the rules left to load
        when first needed.
        """
        chosen = settings or RunSettings(lang=config.spec.lang)
        if chosen.facts is None and config.spec.facts:
            chosen = replace(chosen, facts=configured_facts(config))

        def load() -> Rules:
            rules = configured_rules(config, rule_paths, only, disable)
            if chosen.lang is not None and chosen.lang not in rules.catalog.languages:
                raise UnknownLanguage(chosen.lang, rules.catalog.languages)
            if chosen.message_lang is not None and chosen.message_lang not in rules.catalog.languages:
                raise UnknownLanguage(chosen.message_lang, rules.catalog.languages, "--message-lang")
            if cache is not None:
                cache.remember_settings()
            if chosen.message_lang is not None or chosen.keep_checked:
                rules = replace(rules, catalog=rules.catalog.writing(chosen.message_lang, chosen.keep_checked))
            return rules

        linter = cls(load, chosen, cache)
        if cache is None or not cache.settings_known():
            linter.catalog  # noqa: B018 -- loaded now: every problem is found before anything is read
        return linter

    @property
    def catalog(self) -> Catalog:
        """The rules checked with (loaded on first use)."""
        return self._rules.catalog()

    @property
    def known_rules(self) -> Collection[str]:
        """Every rule name that exists, run or not (a suppression may name a rule this run leaves out)."""
        return self._rules.known() or self.catalog.rule_names

    @property
    def rules_loaded(self) -> bool:
        """Whether the rules have been loaded yet."""
        return self._rules.loaded

    def check(self, text: str | Source, lang: str | None = None, published: dt.date | str | None = None,
              path: str = "<text>") -> list[Finding]:
        """Findings for one text (less those its suppression comments silence), sorted.

        ``lang`` and ``published`` default to the session's settings (no language:
        detected). A Source may be given instead of a text. ValueError when the text
        cannot be checked (a language without a pack).
        """
        source = text if isinstance(text, Source) else Source(
            path, text=text, lang=lang or self.settings.lang, published=as_date(published) or self.settings.published)
        result = check_source(source, self._rules.catalog, self._rules.known)
        if result.error is not None:
            raise ValueError(result.error.message)
        return result.findings

    def check_paths(self, paths: Iterable[str], on_result: Callable[[Result], None] | None = None,
                    keep_paths: bool = True) -> Report:
        """Findings for files, folders, globs, ``-`` or JSON Lines archives; unreadable inputs in ``errors``.

        Suppression comments silence findings; a warning for each one that silences nothing
        (malformed, or naming no rule) is in ``Report.notes``. ``on_result`` sees each result
        as it comes (for a progress display); ``keep_paths=False`` leaves ``Report.paths``
        empty (only JUnit needs every path, and on a large archive the list is most of the
        memory a run keeps).
        """
        s = self.settings
        inputs = s.files.select(paths) if s.files is not None and s.files.active else paths
        # worker processes parse an archive's records themselves (the parent only finds the lines)
        sources = sources_from_paths(inputs, s.lang, s.published, s.fields, lazy_records=s.jobs > 1 and s.engine == "local",
                                     limit=s.max_document_bytes)
        plan = Plan(self._rules, jobs=s.jobs, cache=self.cache, engine=s.engine, scheduler=s.scheduler)
        return collect(run(sources, plan), on_result, keep_paths)

    def documents(self, paths: Iterable[str]) -> Iterator[Document | ReadError]:
        """Each input read as a document (with the session's language and date), or why it could not be."""
        s = self.settings
        for source in sources_from_paths(paths, s.lang, s.published, s.fields, limit=s.max_document_bytes):
            yield source if isinstance(source, ReadError) else read_document(source)


def collect(results: Iterable[Result], on_result: Callable[[Result], None] | None = None,
            keep_paths: bool = True) -> Report:
    """A report of results: texts kept only for files with findings, findings sorted.

    Texts and readings are keyed by document (an archive record's origin, else its path:
    two records may share an id), as ``Finding.document`` names them."""
    report = Report()
    texts: dict[str, str] = {}
    noted: set[str] = set()  # a rule's warning is given once per run, not once per document
    for result in results:
        if on_result is not None:
            on_result(result)
        if result.error is not None:
            report.errors.append(result.error)
        for note in result.notes:
            if note_key(note) not in noted:
                noted.add(note_key(note))
                report.notes.append(note)
        if not result.counted:
            continue
        report.files += 1
        if keep_paths:
            report.paths.append(result.path)
        document = result.origin or result.path
        if result.reading is not None:
            report.readings[document] = result.reading
        if result.findings:
            report.findings.extend(result.findings)
            report.rule_docs.update(result.docs)
            texts[document] = result.text or ""
    report.texts = texts
    report.findings.sort(key=Finding.sort_key)
    return report


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A date, or an ISO date string read as one."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _loader(rules: RulesLike) -> Callable[[], tuple[Catalog, Collection[str] | None]]:
    if callable(rules) and not isinstance(rules, Rules):
        given = rules
        return lambda: _pair(given())
    if isinstance(rules, Rules):
        return lambda: _pair(rules)
    catalog = rules

    def shipped_or_given() -> tuple[Catalog, Collection[str] | None]:
        from ..loading.catalog import default_catalog

        return catalog or default_catalog(), None

    return shipped_or_given


def _with_facts(load: Callable[[], tuple[Catalog, Collection[str] | None]], facts: FactTable | None
                ) -> Callable[[], tuple[Catalog, Collection[str] | None]]:
    """The rules ``load`` gives, bound to ``facts`` when there are some."""
    if facts is None:
        return load

    def bound() -> tuple[Catalog, Collection[str] | None]:
        catalog, known = load()
        return catalog.with_facts(facts), known

    return bound


def _pair(rules: Rules) -> tuple[Catalog, Collection[str] | None]:
    return rules.catalog, rules.known
