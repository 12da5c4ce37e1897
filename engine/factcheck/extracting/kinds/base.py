"""What a mention kind declares: its piece of the scanner, how a match becomes a value,
and what rules may read from it.

The scanner is one alternation tried left to right (see mentions.py). A kind adds
*alternatives* to it, in the place its ``order`` gives (a date before a fraction, a
look-alike code before either), and may add a reading of what *follows a number*: a
number is read once, then the kinds' ``after_number`` pieces are tried in order
("56,8%" a percentage, "35 tỷ đồng" money, …, a bare number last). A reader turns a
match into a Mention, or None for a look-alike.

Every function here is a module-level one, so a compiled scanner pickles with the
catalog cache.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Callable, Iterable, Literal, Mapping, Sequence

from ..value_types import Mention

if TYPE_CHECKING:
    from ..lexicon import Lexicon

#: Where a value of an alternative can start: a digit, anything else, or either. (What
#: follows a number starts where the number does.)
Lead = Literal["digit", "word", "either"]


@dataclass(slots=True)
class Scan:
    """One scan of one text: what readers and checks read besides the match."""

    lex: Lexicon
    text: str
    published: dt.date | None
    found: list[Mention]  # the mentions found so far, in order


Reader = Callable[[Scan, "re.Match[str]"], "Mention | None"]


@dataclass(frozen=True, slots=True)
class Alternative:
    """One piece of the scanner's regex (holding its own named groups) and its reader."""

    lead: Lead
    regex: str
    read: Reader


@dataclass(frozen=True, slots=True)
class Attribute:
    """What a rule may read from a field of this kind, as ``field.name``.

    ``part`` names the kind of mention it gives, for a compound's part (a fraction's
    ``part`` is a number): rules may read that part's attributes in turn. A reader
    that gives None means the text did not say, and the rule cannot be evaluated,
    unless ``optional`` (a hedge may be absent).
    """

    doc: str
    read: Callable[[Mention], object]
    part: str | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class PartOf:
    """Reads a compound mention's part: ``PartOf("whole")`` of "7/13" is the mention "13"."""

    name: str

    def __call__(self, m: Mention) -> Mention | None:
        return (m.parts or {}).get(self.name)


def _no_alternatives(lex: Lexicon) -> Sequence[Alternative]:
    return ()


def _no_words(lex: Lexicon) -> Iterable[str]:
    return ()


@dataclass(frozen=True)
class MentionKind:
    """One kind of value the scanner finds: the one place that says how it is written,
    read and offered to rules."""

    name: str
    doc: str
    order: int  # its place in the scanner: lower is tried first
    value_doc: str  # what ``.value`` is for this kind, for the rule reference
    alternatives: Callable[[Lexicon], Sequence[Alternative]] = _no_alternatives
    after_number: Callable[[Lexicon], Alternative] | None = None
    attributes: Mapping[str, Attribute] = field(default_factory=dict)
    parts: Mapping[str, str] = field(default_factory=dict)  # a compound's parts and their kinds
    hedged: bool = False  # "trên 56,8%": a hedge before it is read
    start_words: Callable[[Lexicon], Iterable[str]] = _no_words  # words a value can begin with ("thứ hai")
    start_signs: Callable[[Lexicon], Iterable[str]] = _no_words  # signs a value can begin with ("$", "€")
    lead_words: Callable[[Lexicon], Iterable[str]] = _no_words  # words right before its digits ("ngày 5")
    keep: Callable[[Scan, int], bool] | None = None  # after the scan: is found[i] a value after all?

    def offers(self) -> dict[str, Attribute]:
        """Every attribute a rule may read from a field of this kind."""
        return {**COMMON, **self.attributes}


def _plain_value(m: Mention) -> object:
    return m.value.plain()


def _phrase(m: Mention) -> str:
    return m.phrase or m.text


#: What every field offers, whatever its kind.
COMMON: Mapping[str, Attribute] = {
    "value": Attribute("the value: a number; a date's ISO text", _plain_value, optional=True),
    "text": Attribute("the value as written (56,8%)", attrgetter("text")),
    "phrase": Attribute("the value with its hedge as written (trên 56,8%)", _phrase),
    "start": Attribute("where the value starts in the text (a code-point offset)", attrgetter("start")),
    "end": Attribute("where it ends", attrgetter("end")),
    "kind": Attribute("its mention kind (percent)", attrgetter("kind")),
}


def hedge_attributes() -> dict[str, Attribute]:
    """What a stated number offers: its hedge and its precision."""
    return {
        "hedge": Attribute("over, under, nearly or about (none when the text states it plainly)",
                           attrgetter("hedge"), optional=True),
        "precision": Attribute("the unit of the last stated digit (0.1 for 56,8)", attrgetter("value.precision")),
    }
