"""Stated numbers: numbers, percentages, money, quantities, durations and fractions.

All but fractions share one reading: a number is read once, then what follows it
decides the kind ("56,8%", "1.100 tỷ đồng", "161 km", "5 năm", or nothing).
"""

from __future__ import annotations

import re
from operator import attrgetter
from typing import TYPE_CHECKING

from ..lexicon import BEFORE, NOTHING, SP, VALUE_END, WORD_END, parse_number, scaled_precision
from ..value_types import Duration, Fraction, Mention, Money, Number, Percent, Quantity
from .base import Alternative, Attribute, MentionKind, PartOf, Scan, hedge_attributes

if TYPE_CHECKING:
    from ..lexicon import Lexicon

#: The group every after_number piece follows: the number itself.
NUMBER_GROUP = "v_n"


def _key(words: str) -> str:
    """A matched word as the tables hold it: one space between words, lower case."""
    return " ".join(words.split()).lower()


#: A number as read: amount (scale applied), precision, exact, scale. A tuple, not a
#: Number: most readings become a Percent, Money or Quantity, and building one frozen
#: value per mention (not two) keeps scanning fast.
Reading = tuple[float, float, bool, float]


def read_number(scan: Scan, m: re.Match[str], group: str, scale_group: str | None = None) -> Reading:
    """The number in ``group``, times the scale word in ``scale_group`` when there is one."""
    raw = m.group(group)
    amount, precision = parse_number(raw, scan.lex)
    scale_word = m.group(scale_group) if scale_group else None
    if not scale_word:
        return amount, precision, precision == 1.0, 1.0
    factor = scan.lex.scales[_key(scale_word)]
    return amount * factor, scaled_precision(raw, precision) * factor, False, factor


def _stated(kind: str, m: re.Match[str], value: Number) -> Mention:
    """A mention of a number and what follows it (the match starts with the number)."""
    start = m.start()
    return Mention(kind, start, m.end(), m.group(), value, start, m.end(NUMBER_GROUP))


# --- number --------------------------------------------------------------------------------

def _number_after(lex: Lexicon) -> Alternative:
    return Alternative("either", rf"(?P<num_scale>{lex.scale})?(?![^\W\d_])", _read_number)


def _read_number(scan: Scan, m: re.Match[str]) -> Mention:
    return _stated("number", m, Number(*read_number(scan, m, NUMBER_GROUP, "num_scale")))


def _number_words(lex: Lexicon) -> list[str]:
    return list(lex.words)


NUMBER = MentionKind(
    name="number", order=120, hedged=True,
    doc="A number on its own: 2.340, 118,9, 1,2 triệu, seven, a dozen.",
    value_doc="the number, with its scale word applied (1,2 triệu is 1200000)",
    after_number=_number_after, start_words=_number_words,
    attributes={**hedge_attributes(),
                "scale": Attribute("the factor of its scale word: 1e9 for 35 tỷ, 1 without one",
                                   attrgetter("value.scale"))},
)


# --- percent ----------------------------------------------------------------------------------

def _percent_after(lex: Lexicon) -> Alternative:
    return Alternative("either", rf"\s?(?P<pct_sign>{lex.percent_signs})(?![^\W\d_])", _read_percent)


def _read_percent(scan: Scan, m: re.Match[str]) -> Mention:
    amount, precision = parse_number(m.group(NUMBER_GROUP), scan.lex)
    points = _key(m.group("pct_sign")) in scan.lex.point_signs
    return _stated("percent", m, Percent(amount, precision, False, 1.0, points))


def _unit(doc: str) -> dict[str, Attribute]:
    return {"unit": Attribute(doc, attrgetter("value.unit"))}


PERCENT = MentionKind(
    name="percent", order=70, hedged=True,
    doc="A percentage (56,8%, 15 phần trăm, 5 per cent) or percentage points (3 điểm phần trăm).",
    value_doc="the number of percent (56.8)",
    after_number=_percent_after,
    attributes={**hedge_attributes(),
                **_unit("% for a percentage, points for percentage points")},
)


# --- money --------------------------------------------------------------------------------------

def _money_alternatives(lex: Lexicon) -> list[Alternative]:
    """A currency symbol before the number: $1.13bn, US$5 million, £600m."""
    return [Alternative(
        "word",
        rf"(?P<ma_c>{lex.currency_symbols_rx})\s?(?P<ma_n>{lex.digits})(?:(?P<ma_x>{lex.suffix})|(?P<ma_s>{lex.scale}))?"
        rf"(?:\s?(?P<ma_w>{lex.currency_words_rx}){WORD_END})?",
        _read_money_symbol)]


def _read_money_symbol(scan: Scan, m: re.Match[str]) -> Mention:
    lex = scan.lex
    raw = m.group("ma_n")
    amount, precision = parse_number(raw, lex)
    exact, factor = precision == 1.0, 1.0
    if m.group("ma_x"):
        factor = lex.suffix_scales[m.group("ma_x")]
    elif m.group("ma_s"):
        factor = lex.scales[_key(m.group("ma_s"))]
    if factor != 1.0:
        exact, precision = False, scaled_precision(raw, precision)
    value = Money(amount * factor, precision * factor, exact, factor, lex.currency_symbols[m.group("ma_c")])
    return Mention("money", m.start(), m.end(), m.group(), value, m.start("ma_n"), m.end("ma_n"))


def _money_after(lex: Lexicon) -> Alternative:
    """A currency word after the number: 1.100 tỷ đồng, 5 triệu USD, 1,508 mln dlrs."""
    return Alternative("either", rf"(?P<money_scale>{lex.scale})?\s?(?P<money_word>{lex.currency_words_rx}){WORD_END}",
                       _read_money_word)


def _read_money_word(scan: Scan, m: re.Match[str]) -> Mention:
    currency = scan.lex.currency_words[_key(m.group("money_word"))]
    return _stated("money", m, Money(*read_number(scan, m, NUMBER_GROUP, "money_scale"), currency))


def _currency_start_words(lex: Lexicon) -> list[str]:
    return [c for c in lex.currency_symbols if c[0].isalnum()]  # "US$5"


def _currency_start_signs(lex: Lexicon) -> list[str]:
    return [c[0] for c in lex.currency_symbols if not c[0].isalnum()]  # "$5", "€3"


MONEY = MentionKind(
    name="money", order=80, hedged=True,
    doc="An amount of money: $1.13bn, US$5 million, 1.100 tỷ đồng.",
    value_doc="the amount, scale applied ($1.13bn is 1130000000)",
    alternatives=_money_alternatives, after_number=_money_after,
    start_words=_currency_start_words, start_signs=_currency_start_signs,
    attributes={**hedge_attributes(),
                **_unit("its currency, an ISO code (USD, VND)"),
                "scale": Attribute("the factor of its scale word (1e9 for tỷ, bn)", attrgetter("value.scale"))},
)


# --- quantity ------------------------------------------------------------------------------------

def _quantity_after(lex: Lexicon) -> Alternative:
    return Alternative("either", rf"(?P<qty_scale>{lex.scale})?[\s-]?(?P<qty_unit>{lex.units_rx})(?![\w²³])",
                       _read_quantity)


def _read_quantity(scan: Scan, m: re.Match[str]) -> Mention:
    amount, precision, _, scale = read_number(scan, m, NUMBER_GROUP, "qty_scale")
    unit = scan.lex.units[" ".join(m.group("qty_unit").split())]
    return _stated("quantity", m, Quantity(amount, precision, False, scale, unit))


def _unit_text(m: Mention) -> str:
    """The unit as the text writes it ("km" in "161 km", "mile" in "3.1-mile")."""
    return re.sub(r"^[\d.,\s\u00a0-]+", "", m.text) or str(getattr(m.value, "unit", ""))


QUANTITY = MentionKind(
    name="quantity", order=90, hedged=True,
    doc="A quantity with its unit: 161 km, 1.200 ha, 5 km², 100 miles.",
    value_doc="the number of units",
    after_number=_quantity_after,
    attributes={**hedge_attributes(),
                **_unit("its unit, as pint names it (km, hectare, km**2)"),
                "unit_text": Attribute("its unit as the text writes it (km, mile)", _unit_text)},
)


# --- duration -------------------------------------------------------------------------------------

def _duration_after(lex: Lexicon) -> Alternative:
    # "5 năm", "5-year", "20 - year": spaces and a hyphen, at most one line break (never a blank line:
    # a headline's "năm 2023" is not a duration with the next paragraph's "Năm")
    return Alternative("either", rf"(?:{SP}?-{SP}?|{SP})(?P<dur_unit>{lex.durations_rx}){WORD_END}", _read_duration)


def _read_duration(scan: Scan, m: re.Match[str]) -> Mention:
    amount, precision = parse_number(m.group(NUMBER_GROUP), scan.lex)
    unit = scan.lex.durations[m.group("dur_unit").lower()]
    return _stated("duration", m, Duration(amount, precision, True, 1.0, unit))


DURATION = MentionKind(
    name="duration", order=100, hedged=True,
    doc="A length of time: 5 năm, 6 tháng, a five-year plan, 3 weeks.",
    value_doc="the number of units",
    after_number=_duration_after,
    attributes={**hedge_attributes(),
                **_unit("year, month, week, day, hour or minute")},
)


# --- fraction ----------------------------------------------------------------------------------------

def _fraction_alternatives(lex: Lexicon) -> list[Alternative]:
    """7/13, and "7 of 13", "seven of the 13", "7 trên 13" where the pack has connectors."""
    words = (
        rf"|(?P<fr_c>{lex.whole}){SP}{lex.fraction_connectors}{SP}(?:{lex.determiners}{SP})?(?P<fr_d>{lex.whole})"
        rf"{VALUE_END}" if lex.fraction_connectors != NOTHING else "")
    return [Alternative("either", rf"{BEFORE}(?P<fr_a>{lex.integer})\s?/\s?(?P<fr_b>{lex.integer}){VALUE_END}{words}",
                        _read_fraction)]


def count(start: int, end: int, raw: str, n: Number) -> Mention:
    """A count that is part of a compound value (the 7 of 7/13)."""
    return Mention("number", start, end, raw, n, start, end)


def _read_fraction(scan: Scan, m: re.Match[str]) -> Mention | None:
    lex, text = scan.lex, scan.text
    a, b = ("fr_a", "fr_b") if m.group("fr_a") is not None else ("fr_c", "fr_d")
    if lex.not_fraction_after.search(text, max(0, m.start() - 25), m.start()):
        return None
    whole = Number(*read_number(scan, m, b))
    first, last = lex.years_not_wholes
    if b == "fr_d" and first <= whole.amount <= last and lex.group not in m.group(b):
        return None  # "one of 2019's best": a year, not a whole
    part = Number(*read_number(scan, m, a))
    return make_fraction(m.start(), m.end(), text, count(m.start(a), m.end(a), m.group(a), part),
                         count(m.start(b), m.end(b), m.group(b), whole))


def make_fraction(start: int, end: int, text: str, part: Mention, whole: Mention) -> Mention:
    """A fraction of two counts, each a mention of its own."""
    assert isinstance(part.value, Number) and isinstance(whole.value, Number)
    return Mention("fraction", start, end, text[start:end], Fraction(part.value, whole.value),
                   parts={"part": part, "whole": whole})


FRACTION = MentionKind(
    name="fraction", order=60, hedged=True,
    doc="A part of a whole: 7/13, 7 of 13, seven of the 13, 7 trên 13.",
    value_doc="part / whole (0.5385 for 7/13)",
    alternatives=_fraction_alternatives,
    parts={"part": "number", "whole": "number"},
    attributes={"hedge": hedge_attributes()["hedge"],
                "part": Attribute("its numerator, a number (7 of 7/13)", PartOf("part"), part="number"),
                "whole": Attribute("its denominator, a number (13 of 7/13)", PartOf("whole"), part="number")},
)
