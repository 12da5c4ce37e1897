"""The functions a rule expression may call: one registry, declared once.

Each function is declared here with what the rest of the tool needs to know of it:
its parameters (from its signature), which of them must be numbers (a text param
passed there is an error at load), the evidence it records for a finding, and which
parameter is the stated value that a rule's ``fix`` replaces. The load-time checker,
the evaluator, ``factcheck explain``, ``docs/rules.md`` and the rule schema all read
this registry; nothing else lists the functions.

A function receives the :class:`Context` of the one evaluation it is part of (a new
one for every claim and rule) and records its evidence there, so evaluations running
in several threads at once never see each other's.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, Callable

from ..extracting.value_types import Date, Month, Quantity, Weekday, Year
from .values import FieldValue, Num, Undetermined, as_num, evidence_number, stated_range


@dataclass(slots=True)
class Context:
    """What one evaluation of one rule on one claim records: the evidence of its last
    check, and the stated fields that ``agrees`` compared with."""

    evidence: dict[str, Any] = field(default_factory=dict)
    stated: list[FieldValue] = field(default_factory=list)


@dataclass(frozen=True)
class Function:
    """One function of the rule language."""

    name: str
    implementation: Callable[..., Any]  # called as implementation(context, *args, **kwargs)
    signature: inspect.Signature  # the parameters a rule passes (the context left out)
    numbers: tuple[str, ...]  # parameters that take numbers
    evidence: tuple[str, ...]  # the evidence it records
    stated: str | None  # the parameter holding the stated value a fix replaces
    summary: str  # the first line of its documentation

    def usage(self) -> str:
        """How a rule calls it: ``agrees(x, stated, tolerance=0.0, about=0.05)``."""
        return f"{self.name}{self.signature}"


FUNCTIONS: dict[str, Function] = {}

#: The longest text (or list) an expression may build: repeated or joined texts stop here.
MAX_TEXT_CHARS = 10_000


def _function(name: str | None = None, *, numbers: tuple[str, ...] = (), evidence: tuple[str, ...] = (),
              stated: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a function of the rule language (its first parameter is the Context)."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        full = inspect.signature(fn)
        params = [p.replace(annotation=p.empty) for p in list(full.parameters.values())[1:]]
        for declared in (*numbers, *([stated] if stated else [])):
            if not any(p.name == declared or p.kind is p.VAR_POSITIONAL for p in params):
                raise TypeError(f"{fn.__name__}: no parameter {declared!r}")
        public = (name or fn.__name__).rstrip("_")
        doc = inspect.getdoc(fn) or ""
        FUNCTIONS[public] = Function(public, fn, full.replace(parameters=params, return_annotation=inspect.Signature.empty),
                                     numbers, evidence, stated, doc.split("\n\n")[0].replace("\n", " "))
        return fn

    return register


def bind(context: Context) -> dict[str, Callable[..., Any]]:
    """Every function, bound to one evaluation's context (what the evaluator calls)."""
    return {name: partial(f.implementation, context) for name, f in FUNCTIONS.items()}


# --- judging stated values ------------------------------------------------------------------------

@_function(numbers=("x", "tolerance", "about"), evidence=("computed", "stated", "hedge"), stated="stated")
def agrees(ctx: Context, x: Any, stated: Any, tolerance: float = 0.0, about: float = 0.05) -> bool:
    """x is consistent with the stated value, read with its precision and hedge.

    ``tolerance`` widens the accepted range by that much on each side, in the stated
    value's units; ``about`` is the relative slack of "about"/"khoảng".
    """
    if not isinstance(stated, FieldValue):
        raise TypeError("agrees() compares with a field of the claim, such as pct")
    number = as_num(x)
    written, hedge = stated.stated(), stated.mention.hedge
    value = written.amount
    lo, hi = stated_range(value, written.precision, hedge, about)
    lo, hi = lo - tolerance, hi + tolerance
    eps = 1e-9 * max(1.0, abs(value))
    ctx.evidence = {"computed": evidence_number(number.nominal), "stated": evidence_number(value),
                    "hedge": hedge}
    ctx.stated.append(stated)
    return number.hi >= lo - eps and number.lo <= hi + eps


@_function(numbers=("x", "y", "rel", "abs"), evidence=("computed", "stated"))
def close(ctx: Context, x: Any, y: Any, rel: float = 0.0, abs: float = 0.0) -> bool:  # noqa: A002 (the rule's keyword)
    """x and y are within ``rel`` (relative to the larger) or ``abs`` of each other,
    allowing for the rounding of both."""
    a, b = as_num(x), as_num(y)
    gap = max(0.0, a.lo - b.hi, b.lo - a.hi)
    scale = max(math.fabs(a.nominal), math.fabs(b.nominal))
    ctx.evidence = {"computed": evidence_number(a.nominal), "stated": evidence_number(b.nominal)}
    return gap <= max(abs, rel * scale) + 1e-9 * max(1.0, scale)


# --- arithmetic ------------------------------------------------------------------------------------------

@_function("sum", numbers=("items", "start"))
def sum_(ctx: Context, items: Any, start: Any = 0) -> Num:
    """The sum of a list of values, keeping the rounding of each."""
    total = as_num(start)
    for item in items:
        total = total + as_num(item)
    return total


@_function("min", numbers=("items",))
def min_(ctx: Context, *items: Any) -> Any:
    """The smallest of some values (or of one list)."""
    return min(items[0] if len(items) == 1 else items, key=lambda v: as_num(v).nominal)


@_function("max", numbers=("items",))
def max_(ctx: Context, *items: Any) -> Any:
    """The largest of some values (or of one list)."""
    return max(items[0] if len(items) == 1 else items, key=lambda v: as_num(v).nominal)


@_function("abs", numbers=("x",))
def abs_(ctx: Context, x: Any) -> Any:
    """The absolute value."""
    return abs(x)


@_function("round", numbers=("x", "ndigits"))
def round_(ctx: Context, x: Any, ndigits: int = 0) -> float:
    """x rounded to ``ndigits`` decimals."""
    return round(as_num(x).nominal, ndigits)


@_function(numbers=("x",))
def value(ctx: Context, x: Any) -> float:
    """The nominal number of a field or computed value."""
    return as_num(x).nominal


@_function(numbers=("old", "new"))
def pct_change(ctx: Context, old: Any, new: Any) -> Num:
    """Percentage change from old to new."""
    return (as_num(new) - as_num(old)) / as_num(old) * 100


# --- lists and text ------------------------------------------------------------------------------------

@_function("len")
def len_(ctx: Context, items: Any) -> int:
    """How many items a list (or characters a text) has."""
    return len(items)


@_function()
def join(ctx: Context, items: Any, sep: str = " + ") -> str:
    """The items as written, joined: "11 + 14"."""
    texts = [str(i) for i in items]
    length = sum(map(len, texts)) + len(str(sep)) * max(0, len(texts) - 1)
    if length > MAX_TEXT_CHARS:  # measured before it is built: nested joins multiply
        raise ValueError(f"join() would make a text of {length} characters (at most {MAX_TEXT_CHARS})")
    return str(sep).join(texts)


# --- dates ----------------------------------------------------------------------------------------------

def _value(x: Any) -> Any:
    """What a date function reads: a field's typed value, or what the expression gave."""
    return x.mention.value if isinstance(x, FieldValue) else x


def _written(x: Any) -> str:
    return repr(x.text) if isinstance(x, FieldValue) else repr(x)


def _date(x: Any) -> dt.date:
    raw = _value(x)
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, Date) and raw.year is not None:
        return raw.date()
    raise Undetermined(f"{_written(x)} is not a full date")


@_function()
def weekday(ctx: Context, date: Any) -> int:
    """0 for Monday … 6 for Sunday."""
    return _date(date).weekday()


@_function()
def weekday_name(ctx: Context, x: Any, lang: str = "en") -> str:
    """The name of a date's weekday, or of a weekday field, in English or (``lang``) a CLDR locale's words."""
    raw = _value(x)
    day = raw.index if isinstance(raw, Weekday) else _date(x).weekday()
    return Weekday(day).name if lang == "en" else _weekday_names(lang)[day]


@lru_cache(maxsize=16)
def _weekday_names(locale: str) -> tuple[str, ...]:
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(locale).days["format"]["wide"]
    except (UnknownLocaleError, ValueError) as exc:
        raise Undetermined(f"no weekday names for {locale!r}: {exc}") from None
    return tuple(names[i] for i in range(7))


@_function()
def years(ctx: Context, a: Any, b: Any) -> int:
    """Whole years from a to b (years, dates or months with their year, or year ranges' ends)."""
    def year(v: Any) -> int:
        raw = _value(v)
        if isinstance(raw, (Year, Date, Month)) and raw.year is not None:
            return raw.year
        if isinstance(raw, dt.date):
            return raw.year
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return int(raw)
        raise Undetermined(f"{_written(v)} is not a year, nor a date with its year")
    return year(b) - year(a)


def _span(x: Any) -> tuple[dt.date, dt.date]:
    """The first and last day a date, month or year may mean."""
    raw = _value(x)
    if isinstance(raw, dt.date):
        return raw, raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1000 <= raw <= 9999:
        raw = Year(int(raw))  # a year an expression writes: after(date, 2020)
    days = raw.days() if isinstance(raw, (Date, Month, Year)) else None
    if days is None:
        raise Undetermined(f"{_written(x)} is not a date, month or year")
    return days


@_function(evidence=("first", "second"))
def after(ctx: Context, a: Any, b: Any) -> bool:
    """a is certainly later than b (every day a may mean is after every day b may mean)."""
    a_first, a_last = _span(a)
    b_first, b_last = _span(b)
    ctx.evidence = {"first": a_first.isoformat() if a_first == a_last else f"{a_first}/{a_last}",
                    "second": b_first.isoformat() if b_first == b_last else f"{b_first}/{b_last}"}
    return a_first > b_last


@_function(evidence=("first", "second"))
def before(ctx: Context, a: Any, b: Any) -> bool:
    """a is certainly earlier than b."""
    return bool(after(ctx, b, a))


# --- units -----------------------------------------------------------------------------------------------

def _quantity(x: Any, function: str) -> tuple[FieldValue, Quantity]:
    """``x``, a quantity field, and its value (Undetermined for anything else)."""
    if not isinstance(x, FieldValue) or not isinstance(x.mention.value, Quantity):
        raise Undetermined(f"{function}() needs a quantity with a unit")
    return x, x.mention.value


@_function(numbers=("quantity",))
def to(ctx: Context, quantity: Any, unit: str) -> Num:
    """A quantity converted to ``unit`` (pint), keeping its interval."""
    from .units import convert

    field_value, stated = _quantity(quantity, "to")
    return field_value.num() * convert(1.0, stated.unit, unit)


@_function()
def dimension(ctx: Context, quantity: Any) -> str:
    """The physical dimension of a quantity's unit, as pint writes it ("[length]")."""
    from .units import dimensionality

    return dimensionality(_quantity(quantity, "dimension")[1].unit)


@_function()
def same_dimension(ctx: Context, a: Any, b: Any) -> bool:
    """Both quantities measure the same thing (length, area, mass …)."""
    return bool(dimension(ctx, a) == dimension(ctx, b))
