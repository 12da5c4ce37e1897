"""A facts table: the records a newsroom keeps (entity, measure, period, value, unit, source),
and the lexicon of their names that the figure matcher looks them up by.

Built once per run from every facts source, immutable afterwards (a run's threads and worker
processes share it, and it pickles with the catalog it is bound to). Names are compared in NFC
and lower case, so "Huyện Bình Liêu" in a table finds "huyện Bình Liêu" in a text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

#: A record's period as written in a table: a year, a quarter, a month or a day.
_PERIOD = re.compile(r"^(\d{4})(?:-?Q([1-4])|-(\d{1,2})(?:-(\d{1,2}))?)?$", re.IGNORECASE)
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def fold(text: str) -> str:
    """A name as names are compared: NFC, lower case, one space between words."""
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


@dataclass(frozen=True, slots=True)
class Period:
    """A record's period: ``key`` as a text states it ("2020", "2020-06", "2020-08-05"; "2020-Q2"
    for a quarter, which a text never states by that key) and the days it covers."""

    key: str
    first: dt.date
    last: dt.date


def parse_period(raw: str) -> Period | None:
    """``2020``, ``2020-Q2``, ``2020-06`` or ``2020-08-05`` as a period; ValueError for anything else."""
    m = _PERIOD.match(raw.strip())
    if not m:
        raise ValueError(f"{raw!r} is not a period (2020, 2020-Q2, 2020-06 or 2020-08-05)")
    year = int(m.group(1))
    if m.group(2):
        q = int(m.group(2))
        last_month = 3 * q
        return Period(f"{year}-Q{q}", dt.date(year, last_month - 2, 1),
                      dt.date(year, last_month, calendar.monthrange(year, last_month)[1]))
    if m.group(4):
        day = dt.date(year, int(m.group(3)), int(m.group(4)))  # ValueError for 2020-02-30
        return Period(day.isoformat(), day, day)
    if m.group(3):
        month = int(m.group(3))
        if not 1 <= month <= 12:
            raise ValueError(f"{raw!r}: no month {month}")
        return Period(f"{year}-{month:02d}", dt.date(year, month, 1),
                      dt.date(year, month, calendar.monthrange(year, month)[1]))
    return Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def unit_kind(unit: str) -> str:
    """What a record's unit measures as the scanner reads values: count, percent, money or quantity."""
    if not unit:
        return "count"
    if unit == "%":
        return "percent"
    return "money" if _CURRENCY.match(unit) else "quantity"


@dataclass(frozen=True, slots=True)
class Fact:
    """One record: ``value`` in ``unit`` ("" for a count, "%", a currency code such as VND, or a
    pint unit such as hectare) for an entity, a measure and a period (None: a figure of no period),
    from a source; ``origin`` says where it was read ("facts.csv:12")."""

    entity: str
    measure: str
    period: Period | None
    value: float
    unit: str
    source: str
    url: str
    origin: str


@dataclass(frozen=True)
class FactTable:
    """Every record of a run's facts sources, and the names they go by.

    ``entities`` maps a folded alias to the entities it names (more than one: the name is
    ambiguous); ``measures`` maps a language code to its folded aliases and the measures they
    name ("*" holds the names a table gives for every language); ``names`` gives each measure's
    name per language, for messages; ``digest`` changes when any record or name does.
    """

    facts: dict[tuple[str, str], tuple[Fact, ...]]
    entities: dict[str, frozenset[str]]
    measures: dict[str, dict[str, frozenset[str]]]
    names: dict[str, dict[str, str]]
    digest: str
    sources: tuple[str, ...] = ()
    longest_alias: int = field(default=1)

    def __len__(self) -> int:
        return sum(len(v) for v in self.facts.values())

    def entities_in(self, text: str) -> dict[str, set[str]]:
        """The entities whose aliases occur in ``text`` as whole words: entity -> aliases found."""
        words = re.findall(r"[^\W_]+", fold(text))
        found: dict[str, set[str]] = {}
        for i in range(len(words)):
            for n in range(min(self.longest_alias, len(words) - i), 0, -1):
                alias = " ".join(words[i : i + n])
                for entity in self.entities.get(alias, ()):
                    found.setdefault(entity, set()).add(alias)
        return found

    def measures_named(self, words: str, lang: str) -> frozenset[str]:
        """The measures ``words`` name in ``lang`` (or in every language)."""
        key = fold(words)
        return self.measures.get(lang, {}).get(key, frozenset()) | self.measures.get("*", {}).get(key, frozenset())

    def measure_name(self, measure: str, lang: str) -> str:
        """How a measure is named in ``lang``: its first alias there, else its key."""
        return self.names.get(measure, {}).get(lang) or measure

    def match(self, figures: list[Any], mentions: list[Any], encoded: str, lang: str, published: dt.date | None,
              words: Any) -> tuple[list[Any], list[tuple[Any, str]]]:
        """``stated_figure`` claims for the figures a record fits, and what became of every figure
        (see matching.py; called by the per-document pipeline through the catalog)."""
        from .matching import match_figures

        return match_figures(self, figures, mentions, encoded, lang, published, words)
