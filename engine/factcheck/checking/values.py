"""Values in rule expressions: stated numbers read with their precision and hedge.

A stated number is an interval, not a point: "$11.1bn" is anything in [11.05, 11.15),
"trên 56,8%" anything from 56.75 up. Arithmetic on intervals keeps the nominal value
(for messages) and the bounds (for judging), so a check only fails when no reading
of the stated figures could make the text right.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Mapping

from ..extracting.kinds import KINDS, MentionKind
from ..extracting.value_types import Mention, Number, Plain

_INF = math.inf


class Undetermined(Exception):
    """A value the check needs is not known (a date without a year, a zero whole)."""


class Num:
    """A nominal value with the interval of values the text allows."""

    __slots__ = ("nominal", "lo", "hi")

    def __init__(self, nominal: float, lo: float | None = None, hi: float | None = None):
        self.nominal = float(nominal)
        self.lo = self.nominal if lo is None else float(lo)
        self.hi = self.nominal if hi is None else float(hi)

    def __repr__(self) -> str:
        return f"Num({self.nominal:g} in [{self.lo:g}, {self.hi:g}])"

    # arithmetic ------------------------------------------------------------------
    def __add__(self, other: Any) -> "Num":
        o = as_num(other)
        return Num(self.nominal + o.nominal, self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, other: Any) -> "Num":
        o = as_num(other)
        return Num(self.nominal - o.nominal, self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, other: Any) -> "Num":
        return as_num(other) - self

    def __mul__(self, other: Any) -> "Num":
        o = as_num(other)
        products = [a * b for a in (self.lo, self.hi) for b in (o.lo, o.hi) if not math.isnan(a * b)]
        return Num(self.nominal * o.nominal, min(products, default=-_INF), max(products, default=_INF))

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> "Num":
        o = as_num(other)
        if o.nominal == 0:
            raise Undetermined("division by zero")
        if o.lo <= 0 <= o.hi:  # the divisor may be zero: anything goes
            return Num(self.nominal / o.nominal, -_INF, _INF)
        quotients = [a / b for a in (self.lo, self.hi) for b in (o.lo, o.hi) if not math.isinf(b) or not math.isinf(a)]
        return Num(self.nominal / o.nominal, min(quotients), max(quotients))

    def __rtruediv__(self, other: Any) -> "Num":
        return as_num(other) / self

    def __neg__(self) -> "Num":
        return Num(-self.nominal, -self.hi, -self.lo)

    def __abs__(self) -> "Num":
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Num(abs(self.nominal), 0.0, max(-self.lo, self.hi))

    # comparisons use the nominal value: they are for preconditions ("whole > 0");
    # judging agreement is agrees()'s job, which uses the bounds.
    def __float__(self) -> float:
        return self.nominal

    def __lt__(self, other: Any) -> bool:
        return self.nominal < float(as_num(other))

    def __le__(self, other: Any) -> bool:
        return self.nominal <= float(as_num(other))

    def __gt__(self, other: Any) -> bool:
        return self.nominal > float(as_num(other))

    def __ge__(self, other: Any) -> bool:
        return self.nominal >= float(as_num(other))

    def __eq__(self, other: Any) -> bool:
        try:
            return self.nominal == float(as_num(other))
        except TypeError:
            return NotImplemented

    def __hash__(self) -> int:
        return hash(self.nominal)

    def __format__(self, spec: str) -> str:
        return format(self.nominal, spec) if spec else plain_number(self.nominal)

    def __str__(self) -> str:
        return plain_number(self.nominal)

    def __round__(self, ndigits: int | None = None) -> float:
        return round(self.nominal, ndigits)


class FieldValue:
    """A claim field in an expression: its mention's number, with what a rule may ask of it.

    What a rule may read (``pct.unit``, ``range.first``) is declared by the mention's
    kind (extracting/kinds/); the rule checker refuses, at load, an attribute the
    field's kinds do not offer. Reading one the value does not have (the year of a date
    written without one) makes the check undetermined.
    """

    __slots__ = ("mention", "owner", "kinds")

    def __init__(self, mention: Mention, owner: Mention | None = None,
                 kinds: Mapping[str, MentionKind] = KINDS):
        self.mention = mention
        self.owner = owner or mention
        self.kinds = kinds

    # what every kind offers, read directly (the hot ones)
    @property
    def value(self) -> Plain:
        return self.mention.value.plain()

    @property
    def text(self) -> str:
        return self.mention.text

    @property
    def phrase(self) -> str:
        return self.mention.phrase or self.mention.text

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end

    @property
    def kind(self) -> str:
        return self.mention.kind

    def __getattr__(self, name: str) -> Any:
        """An attribute the mention's kind declares (``pct.unit``, ``fraction.part``)."""
        if name.startswith("_"):
            raise AttributeError(name)
        kind = self.kinds.get(self.mention.kind)
        attribute = kind.attributes.get(name) if kind is not None else None
        if attribute is None:
            raise Undetermined(f"a {self.mention.kind} has no {name}")
        result = attribute.read(self.mention)
        if result is None and not attribute.optional:
            raise Undetermined(f"{self.mention.text!r} has no {name}")
        if attribute.part is not None:
            assert isinstance(result, Mention)
            return FieldValue(result, self.owner, self.kinds)
        return result

    def stated(self) -> Number:
        """The stated number this field is (Undetermined when it is none)."""
        number = self.mention.value.as_number()
        if number is None:
            raise Undetermined(f"{self.mention.text!r} is not a number")
        return number

    def num(self) -> Num:
        """The interval of values this stated number allows."""
        number = self.stated()
        hedge = self.mention.hedge
        if number.exact and hedge is None:
            return Num(number.amount)
        # a count is exact, but its hedge still reads in its unit: "gần 4.100" is 4,098–4,100
        unit = number.precision if (hedge or not number.exact) else 0.0
        lo, hi = stated_range(number.amount, unit, hedge)
        return Num(number.amount, lo, hi)

    def __format__(self, spec: str) -> str:
        if spec:
            return format(self.num(), spec)
        return self.text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"FieldValue({self.mention.kind} {self.text!r})"

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, FieldValue):
            return self.value == other.value
        if isinstance(other, Num):
            return other == self.num()
        return bool(self.value == other)

    def __hash__(self) -> int:
        return id(self)

    # arithmetic and ordering go through the interval
    def __add__(self, o: Any) -> Num: return self.num() + as_num(o)
    def __radd__(self, o: Any) -> Num: return as_num(o) + self.num()
    def __sub__(self, o: Any) -> Num: return self.num() - as_num(o)
    def __rsub__(self, o: Any) -> Num: return as_num(o) - self.num()
    def __mul__(self, o: Any) -> Num: return self.num() * as_num(o)
    def __rmul__(self, o: Any) -> Num: return as_num(o) * self.num()
    def __truediv__(self, o: Any) -> Num: return self.num() / as_num(o)
    def __rtruediv__(self, o: Any) -> Num: return as_num(o) / self.num()
    def __neg__(self) -> Num: return -self.num()
    def __abs__(self) -> Num: return abs(self.num())
    def __float__(self) -> float: return float(self.num())
    def __lt__(self, o: Any) -> bool: return self.num() < as_num(o)
    def __le__(self, o: Any) -> bool: return self.num() <= as_num(o)
    def __gt__(self, o: Any) -> bool: return self.num() > as_num(o)
    def __ge__(self, o: Any) -> bool: return self.num() >= as_num(o)


def attributes_of(kinds: Iterable[str], declared: Mapping[str, MentionKind] = KINDS) -> frozenset[str]:
    """The attributes a field of any of these kinds offers."""
    return frozenset(name for k in kinds if k in declared for name in declared[k].offers())


#: Every attribute some kind offers: what an expression may read on a value whose kind
#: is not known when it is checked (``min(parts).text``).
FIELD_ATTRIBUTES = attributes_of(KINDS)


def as_num(x: Any) -> Num:
    if isinstance(x, Num):
        return x
    if isinstance(x, FieldValue):
        return x.num()
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise TypeError(f"not a number: {x!r}")
    return Num(float(x))


HEDGE_WORDS = {"over": "over", "under": "under", "nearly": "nearly", "about": "about"}


def stated_range(value: float, unit: float | None, hedge: str | None,
                 about: float = 0.05) -> tuple[float, float]:
    """The values consistent with a stated number read with its precision and hedge.

    none: within half a unit of the last digit; over: at least value − half a unit;
    under: at most value + half a unit; nearly: from two units below to half a unit
    above; about: within ``about`` (relative) of the value.
    """
    half = (unit or 0.0) / 2
    if hedge == "over":
        return value - half, _INF
    if hedge == "under":
        return -_INF, value + half
    if hedge == "nearly":
        return value - 2 * (unit or 0.0), value + half
    if hedge == "about":
        slack = max(abs(value) * about, half)
        return value - slack, value + slack
    return value - half, value + half


def plain_number(x: float) -> str:
    """A number as a person would write it in a message: 25, 53.846, 1200000."""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.3f}".rstrip("0").rstrip(".")


def evidence_number(x: float) -> float | int:
    """A number for the report's evidence: 33, not 33.0; three decimals at most."""
    x = round(float(x), 3)
    return int(x) if x.is_integer() else x
