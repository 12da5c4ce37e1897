"""The catalog: claim kinds, language packs and rules from the shipped folder and the user's.

Loading reports every problem in every file at once (as a ConfigError), before any
document is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import ConfigError, did_you_mean
from .fingerprints import shipped_rules_dir

if TYPE_CHECKING:  # loading needs these; a catalog read from the cache imports them as it unpickles
    from ..facts.table import FactTable
    from .languages import Language
    from .rule_files import Rule
    from .schema import KindSpec
    from .yamlsource import SourceError

__all__ = ["Catalog", "ConfigError", "default_catalog", "load_catalog", "shipped_rules_dir"]


@dataclass(frozen=True)
class Catalog:
    """Claim kinds, language packs and rules, immutable once built: every thread and
    every document of a run reads the same catalog, and nothing in a check changes it."""

    kinds: dict[str, KindSpec]
    languages: dict[str, Language]
    rules: list[Rule]
    dirs: list[Path] = field(default_factory=list)
    #: the language findings are written in (a code), or None: each document's own
    message_lang: str | None = None
    #: keep each claim that holds, with its arithmetic, and the paragraphs with claims (the html report)
    keep_checked: bool = False
    #: the reference facts stated figures are checked against (None: no facts given)
    facts: FactTable | None = None
    #: per claim kind, the fields that hold a list
    list_fields: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)
    #: each rule id and alias mapped to its id (suppression comments name either)
    rule_names: dict[str, str] = field(init=False, repr=False, compare=False)
    #: each language's decimal and group symbols, for messages written in it
    number_symbols: dict[str, tuple[str, str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from ..checking.suppressions import rule_names

        object.__setattr__(self, "list_fields", {name: frozenset(f for f, spec in kind.fields.items() if spec.list)
                                                 for name, kind in self.kinds.items()})
        object.__setattr__(self, "rule_names", rule_names(self.rules))
        object.__setattr__(self, "number_symbols", {code: (language.lexicon.decimal, language.lexicon.group)
                                                    for code, language in self.languages.items()})

    def select(self, only: Iterable[str] = (), disable: Iterable[str] = ()) -> "Catalog":
        """The same catalog with only some rules (by id or alias); unknown ids are errors."""
        only, disable = list(only), list(disable)
        names = {n: r.id for r in self.rules for n in [r.id, *r.spec.aliases]}
        unknown = [n for n in only + disable if n not in names]
        if unknown:
            raise ConfigError([f"unknown rule {n!r}{did_you_mean(n, names)}" for n in unknown])
        keep = {names[n] for n in only} if only else {r.id for r in self.rules}
        keep -= {names[n] for n in disable}
        return replace(self, rules=[r for r in self.rules if r.id in keep])

    def writing(self, message_lang: str | None, keep_checked: bool = False) -> "Catalog":
        """The same rules, their findings written in ``message_lang`` (None: the document's language);
        ``keep_checked`` also keeps what the html report shows of the claims that hold."""
        return replace(self, message_lang=message_lang, keep_checked=keep_checked)

    def with_facts(self, facts: FactTable | None) -> "Catalog":
        """The same rules, stated figures checked against ``facts`` (None: against none)."""
        return replace(self, facts=facts)


def load_catalog(extra: Iterable[str | Path] = (), overrides: dict[str, dict[str, Any]] | None = None) -> Catalog:
    """Kinds, languages and rules from the shipped folder plus ``extra`` folders or files.

    A catalog built from the same files (and overrides) is reused from the compiled
    catalog cache (see catalog_cache.py): validating and compiling are skipped.
    """
    from . import catalog_cache

    paths = [Path(item) for item in extra]
    missing = [p for p in paths if not p.exists()]
    dirs = [shipped_rules_dir(), *(p for p in paths if p.exists())]
    entry = None if missing else catalog_cache.key(dirs, overrides)
    if entry is not None:
        cached = catalog_cache.read(entry)
        if cached is not None:
            return cached
    catalog = _build(dirs, missing, overrides)
    if entry is not None:
        catalog_cache.write(entry, catalog)
    return catalog


def _build(dirs: list[Path], missing: list[Path], overrides: dict[str, dict[str, Any]] | None) -> Catalog:
    from .frozen import freeze
    from .languages import load_kinds, load_languages
    from .rule_files import load_rules, rule_files

    errors: list[SourceError | str] = [f"{p.as_posix()}: no such rules folder or file" for p in missing]
    source_errors: list[SourceError] = []
    kinds = load_kinds([d for d in dirs if d.is_dir()], source_errors)
    if source_errors:  # every pattern and rule would fail on the missing kinds: report the cause only
        raise ConfigError(errors + source_errors)
    languages = load_languages([d for d in dirs if d.is_dir()], kinds, source_errors)
    # a pack that failed to load would make every rule naming its language wrong too: check
    # the rules' languages only against packs that all loaded
    rules = load_rules(rule_files(dirs), kinds, source_errors, overrides, None if source_errors else languages)
    errors.extend(source_errors)
    if errors:
        raise ConfigError(errors)
    # from here on the specs are plain records: running needs no pydantic model
    for language in languages.values():
        language.spec = freeze(language.spec)
        language.pattern_specs = [(freeze(p), f) for p, f in language.pattern_specs]
        language.frame_specs = [(freeze(p), f) for p, f in language.frame_specs]
        language.breakdown_specs = [(freeze(p), f) for p, f in language.breakdown_specs]
        language.ratio_specs = [(freeze(p), f) for p, f in language.ratio_specs]
        language.named_ratio_specs = [(freeze(p), f) for p, f in language.named_ratio_specs]
        language.share_specs = [(freeze(p), f) for p, f in language.share_specs]
    frozen_kinds = freeze(kinds)
    for rule in rules:
        rule.spec, rule.kind = freeze(rule.spec), frozen_kinds[rule.spec.applies_to]
    return Catalog(frozen_kinds, languages, rules, dirs)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return load_catalog()
