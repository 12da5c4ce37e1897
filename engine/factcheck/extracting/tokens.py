"""Words and values of one sentence, as frames and breakdowns read them.

A sentence of the encoded text (values replaced by placeholders) becomes a list of
tokens: a value (its mention kind and index), a word (lower-cased, and whether it began
with a capital), or one sign. Phrases (anchors, markers, cues) are tuples of words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .patterns import PH_CLOSE, PH_OPEN
from .value_types import Mention

_TOKEN = re.compile(rf"{PH_OPEN}(\w+)#(\d+){PH_CLOSE}|[^\W_]+(?:['’][^\W\d_]+)?|[^\w\s]")
CONTEXT = frozenset({"year", "date", "year_range", "weekday"})  # values a marker may skip: "to 40 in 2021"

Phrase = tuple[str, ...]


def phrase(text: str) -> Phrase:
    """A marker or anchor as the tokens it must match (lower case)."""
    return tuple(m.group().lower() for m in _TOKEN.finditer(text))


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # the word or sign, lower-cased; "" for a value
    kind: str  # the value's mention kind; "" for a word
    index: int  # the value's mention index; -1 for a word
    capital: bool = False  # the word starts with a capital letter ("Sư đoàn 304": a name, not a count)


def tokenize(sentence: str) -> list[Token]:
    tokens = []
    lowered = sentence.lower()
    if len(lowered) != len(sentence):  # lower-casing moved offsets: read the words one by one
        lowered = ""
    for m in _TOKEN.finditer(sentence):
        kind = m.group(1)
        if kind is not None:
            tokens.append(Token("", kind, int(m.group(2))))
        else:
            start, end = m.span()
            word = lowered[start:end] if lowered else m.group().lower()
            tokens.append(Token(word, "", -1, sentence[start].isupper()))
    return tokens


def at_phrase(tokens: list[Token], at: int, p: Phrase) -> bool:
    """The phrase's words stand at ``at`` (a plain loop: this runs for every token a cue could start at)."""
    if at < 0 or at + len(p) > len(tokens):
        return False
    for k, word in enumerate(p):
        if tokens[at + k].text != word:
            return False
    return True


def starting(phrases: Iterable[Phrase]) -> dict[str, tuple[Phrase, ...]]:
    """Phrases by their first word, the longest first: a token is looked up once, not tried against all."""
    first: dict[str, list[Phrase]] = {}
    for p in phrases:
        if p:
            first.setdefault(p[0], []).append(p)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in first.items()}


def amount(m: Mention) -> float:
    """A value's number (0 when it states none)."""
    number = m.value.as_number()
    return number.amount if number is not None else 0.0


def unit(m: Mention) -> str | None:
    """A value's unit: a currency, a pint unit, % or points; None for a bare number."""
    return getattr(m.value, "unit", None)


def same_unit(a: Mention, b: Mention) -> bool:
    """Two values measured alike: both percentages, or amounts whose units (when both have one) agree."""
    if (a.kind == "percent") != (b.kind == "percent"):
        return False
    ua, ub = unit(a), unit(b)
    if a.kind == "percent":
        return ua == ub
    if ua and ub:
        return ua == ub
    return True
