"""The mention kinds: each declared once, with its piece of the scanner, its reader and
what rules may read from it (see base.py).

To add a kind (a clock time, an ordinal), declare a :class:`MentionKind` beside these
and list it in ``SHIPPED``: the scanner, ``factcheck explain``, the pattern language,
the claim kinds' field types and the rule checker all take it from there.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Mapping

from .base import COMMON, Alternative, Attribute, MentionKind, PartOf, Scan
from .dates import DATE, WEEKDAY, YEAR_KIND, YEAR_RANGE
from .figures import FACT, FIGURE
from .numbers import DURATION, FRACTION, MONEY, NUMBER, PERCENT, QUANTITY

__all__ = ["COMMON", "MENTION_KINDS", "PART_KINDS", "SHIPPED", "Alternative", "Attribute", "MentionKind", "PartOf",
           "Scan", "by_name"]

#: The shipped kinds, in the order the documentation lists them.
SHIPPED: tuple[MentionKind, ...] = (NUMBER, PERCENT, FRACTION, MONEY, QUANTITY, DATE, WEEKDAY, YEAR_KIND,
                                    YEAR_RANGE, DURATION, FIGURE, FACT)

#: Their names: a claim field's ``type`` and a pattern's ``{name:kind}`` are one of them.
MENTION_KINDS: tuple[str, ...] = tuple(k.name for k in SHIPPED)

#: Compound kinds and the kinds of their parts.
PART_KINDS: Mapping[str, Mapping[str, str]] = MappingProxyType({k.name: k.parts for k in SHIPPED if k.parts})


def by_name(kinds: Iterable[MentionKind] = SHIPPED) -> Mapping[str, MentionKind]:
    """The kinds by name (a name declared twice is a mistake in the code)."""
    declared = tuple(kinds)
    table = {k.name: k for k in declared}
    if len(table) != len(declared):
        raise ValueError("a mention kind is declared twice")
    return MappingProxyType(table)


#: The shipped kinds by name.
KINDS: Mapping[str, MentionKind] = by_name()
