"""Matching stated figures to the records of a facts table.

A figure is matched only when nothing about it is in doubt: its measure names one measure of
the facts, its clause's subject names one entity (or points at the article's own place, "toàn
huyện", when the title or dateline names one place and the article names no other), the
sentence names no other entity, and one record fits its period (or several that agree). The
period is the one the text states, or the publication's year when it says "hiện nay"; a text
that states none is matched to the latest record begun by the publication date, marked
``latest`` (a rule's ``period: exact`` leaves such matches out). Otherwise the figure is not
checked, and the reason is what ``factcheck explain`` shows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..checking.units import factor
from ..checking.values import Undetermined
from ..extracting.claims import Binding, Claim
from ..extracting.figures import READER, StatedFigure
from ..extracting.patterns import BOUNDARY
from ..extracting.value_types import Figure, Mention, Money, Percent, Quantity, Record
from .table import Fact, FactTable, fold, unit_kind

if TYPE_CHECKING:
    from ..extracting.figures import FigureWords

_WORDS = re.compile(r"[^\W_]+")


def match_figures(table: FactTable, figures: list[StatedFigure], mentions: list[Mention], encoded: str, lang: str,
                  published: dt.date | None, words: FigureWords) -> tuple[list[Claim], list[tuple[StatedFigure, str]]]:
    """A ``stated_figure`` claim for each figure a record fits, and for every figure what
    became of it (the record it was matched to, or why none was)."""
    claims: list[Claim] = []
    notes: list[tuple[StatedFigure, str]] = []
    place: list[str | None] = []  # the article's one place, found when first needed
    for figure in figures:
        found = _record(table, figure, mentions, encoded, lang, published, words, place)
        if isinstance(found, str):
            notes.append((figure, found))
            continue
        record, fact = found
        stated = mentions[figure.index]
        shown = f"{fact.value:g}{' ' + fact.unit if fact.unit else ''} ({record.source}, {record.period or 'no period'})"
        implied = Mention("fact", -1, -1, shown, record)
        claims.append(Claim("stated_figure", READER, {"stated": Binding(figure.index, None, figure.figure, stated),
                                                       "fact": Binding(-1, None, implied, implied)},
                            stated.start, stated.end))
        notes.append((figure, f"matched ({record.match}) to {shown} from {fact.origin}"))
    return claims, notes


def _record(table: FactTable, figure: StatedFigure, mentions: list[Mention], encoded: str, lang: str,
            published: dt.date | None, words: FigureWords, place: list[str | None]) -> tuple[Record, Fact] | str:
    value = figure.figure.value
    assert isinstance(value, Figure)
    measures = table.measures_named(value.measure, lang)
    if len(measures) != 1:
        return (f"no measure of the facts is called {value.measure!r}" if not measures
                else f"{value.measure!r} names {len(measures)} measures of the facts")
    measure = next(iter(measures))
    entity = _entity(table, figure, encoded, words, place)
    if entity.startswith("!"):
        return entity[1:]
    facts = table.facts.get((entity, measure), ())
    if not facts:
        return f"the facts hold no {value.measure!r} of {entity!r}"
    stated = mentions[figure.index].value
    converted = [(f, f.value * k) for f in facts if (k := _factor(f.unit, stated)) is not None]
    if not converted:
        return f"the records of {entity!r} are in {facts[0].unit or 'a count'}, not in the text's unit"
    period = value.period
    if period == "present":
        if published is None:
            return "the text speaks of the present, but the publication date is not known"
        period = str(published.year)
    fitting = [(f, v) for f, v in converted if f.period is None or (period and f.period.key == period)]
    how = "exact" if any(f.period is not None for f, _ in fitting) else "timeless"
    if not fitting:
        if period:
            return f"no record of {entity!r} for {period}"
        if published is None:
            return "the text states no period, and the publication date is not known"
        begun = [(f, v) for f, v in converted if f.period is not None and f.period.first <= published]
        if not begun:
            return f"no record of {entity!r} begun by {published.isoformat()}"
        latest = max(f.period.first for f, _ in begun if f.period is not None)
        fitting = [(f, v) for f, v in begun if f.period is not None and f.period.first == latest]
        how = "latest"
    if len({round(v, 9) for _, v in fitting}) > 1:
        return f"{len(fitting)} records fit and disagree: " + ", ".join(f.origin for f, _ in fitting)
    fact, amount = fitting[0]
    unit = getattr(stated, "unit", "") if not isinstance(stated, Percent) else "%"
    recorded = f"{fact.value:g} {fact.unit}".strip()
    return Record(amount, str(unit or ""), recorded, fact.entity, table.measure_name(measure, lang),
                  fact.period.key if fact.period else "", fact.source, fact.url, how), fact


def _entity(table: FactTable, figure: StatedFigure, encoded: str, words: FigureWords, place: list[str | None]) -> str:
    """The entity a figure belongs to, or "!" and why none is known."""
    in_subject = table.entities_in(figure.subject)
    in_sentence = table.entities_in(figure.sentence)
    if len(in_subject) > 1:
        return "!the subject names " + " and ".join(sorted(in_subject))
    if in_subject:
        entity = next(iter(in_subject))
        others = sorted(set(in_sentence) - {entity})
        return f"!the sentence also names {', '.join(others)}" if others else entity
    subject = fold(figure.subject)
    if subject and not words.here.starting_at(subject.split(), 0) == len(subject.split()):
        return f"!its subject {figure.subject!r} is no entity of the facts"
    if in_sentence:
        return f"!the sentence names {', '.join(sorted(in_sentence))}, but not as the subject"
    if not place:
        place.append(_place_of_article(table, encoded, words))
    if place[0] is None:
        return "!no entity: the subject names none, and the article is not about one place of the facts"
    return place[0]


def _place_of_article(table: FactTable, encoded: str, words: FigureWords) -> str | None:
    """The one entity of the facts an article is about: named in its title or dateline (its
    first two lines), and no other entity, nor any other named place, in the whole text."""
    head = " ".join(encoded.split(BOUNDARY, 2)[:2])
    named = table.entities_in(head)
    if len(named) != 1 or set(table.entities_in(encoded)) != set(named):
        return None
    entity = next(iter(named))
    tokens = encoded.split()
    lows = [fold(t) for t in tokens]
    for i in range(len(tokens)):
        n = words.owners.starting_at(lows, i) if lows[i] in words.owners.by_first else 0
        if not n:
            continue
        after = _capitalised_run(tokens, i + n, 1)
        before = _capitalised_run(tokens, i - 1, -1)
        for name in ([*lows[i : i + n], *after] if after else [], [*before, *lows[i : i + n]] if before else []):
            if name and entity not in table.entities.get(fold(" ".join(_WORDS.findall(" ".join(name)))), ()):
                return None  # another place is named: the article is not about one
    return entity


def _capitalised_run(tokens: list[str], at: int, step: int) -> list[str]:
    run: list[str] = []
    while 0 <= at < len(tokens) and tokens[at][:1].isupper():
        run.append(fold(tokens[at]))
        at += step
    return run[::step]


def _factor(unit: str, stated: object) -> float | None:
    """How many of the stated value's unit one of the record's unit is; None when they measure
    different things (a count and an area, dong and dollars)."""
    kind = unit_kind(unit)
    if isinstance(stated, Percent):
        return 1.0 if kind == "percent" else None
    if isinstance(stated, Money):
        return 1.0 if kind == "money" and unit == stated.currency else None
    if isinstance(stated, Quantity):
        if kind != "quantity":
            return None
        try:
            return factor(unit, stated.unit)
        except Undetermined:
            return None
    return 1.0 if kind == "count" else None
