"""Rule expressions: Python expression syntax, checked when loaded, evaluated safely.

``where``, ``assert`` and the ``{...}`` parts of messages are parsed once, checked
against the claim kind's fields, the rule's params and the function library (so a
typo is an error before any document is read), and evaluated with simpleeval: no
attribute starting with ``_``, no imports, no I/O, bounded powers and strings.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..extracting.mentions import WEEKDAY_NAMES
from .values import FIELD_ATTRIBUTES, FieldValue, Num, Undetermined, as_num, plain_number, stated_range

_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Call, ast.Name, ast.Attribute,
    ast.Constant, ast.keyword, ast.Load, ast.IfExp, ast.Subscript,
    ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod,
    ast.Pow, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
)


class ExpressionError(ValueError):
    """An expression that cannot be used; the message says why."""


class Library:
    """The functions every rule may call. One instance per evaluator; it records the
    evidence of the last check it made, for the finding to carry."""

    def __init__(self) -> None:
        self.evidence: dict[str, Any] = {}
        self.stated: list[FieldValue] = []

    def functions(self) -> dict[str, Callable[..., Any]]:
        return {
            "agrees": self.agrees, "close": self.close, "sum": self.sum, "min": self.min, "max": self.max,
            "abs": abs, "round": self.round, "len": len, "join": self.join, "weekday": self.weekday,
            "weekday_name": self.weekday_name, "years": self.years, "to": self.to, "pct_change": self.pct_change,
            "value": self.value, "after": self.after, "before": self.before,
            "same_dimension": self.same_dimension, "dimension": self.dimension,
        }

    def agrees(self, x: Any, stated: FieldValue, tolerance: float = 0.0, about: float = 0.05) -> bool:
        """x is consistent with the stated value read with its precision and hedge.

        ``tolerance`` widens the accepted range by that much on each side, in the
        stated value's units; ``about`` is the relative slack of "about"/"khoảng".
        """
        if not isinstance(stated, FieldValue):
            raise TypeError("agrees() compares with a field of the claim, such as pct")
        x = as_num(x)
        value = float(stated.value)
        lo, hi = stated_range(value, stated.precision, stated.hedge, about)
        lo, hi = lo - tolerance, hi + tolerance
        eps = 1e-9 * max(1.0, abs(value))
        self.evidence = {"computed": evidence_number(x.nominal), "stated": evidence_number(value),
                         "hedge": stated.hedge}
        self.stated.append(stated)
        return x.hi >= lo - eps and x.lo <= hi + eps

    def close(self, x: Any, y: Any, rel: float = 0.0, abs: float = 0.0) -> bool:
        """x and y are within ``rel`` (relative to the larger) or ``abs`` of each other,
        allowing for the rounding of both."""
        a, b = as_num(x), as_num(y)
        gap = max(0.0, a.lo - b.hi, b.lo - a.hi)
        scale = max(math.fabs(a.nominal), math.fabs(b.nominal))
        self.evidence = {"computed": evidence_number(a.nominal), "stated": evidence_number(b.nominal)}
        return gap <= max(abs, rel * scale) + 1e-9 * max(1.0, scale)

    @staticmethod
    def sum(items: Any, start: Any = 0) -> Num:
        total = as_num(start)
        for item in items:
            total = total + as_num(item)
        return total

    @staticmethod
    def min(*items: Any) -> Any:
        return min(items[0] if len(items) == 1 else items, key=lambda v: as_num(v).nominal)

    @staticmethod
    def max(*items: Any) -> Any:
        return max(items[0] if len(items) == 1 else items, key=lambda v: as_num(v).nominal)

    @staticmethod
    def round(x: Any, ndigits: int = 0) -> float:
        return round(as_num(x).nominal, ndigits)

    @staticmethod
    def join(items: Any, sep: str = " + ") -> str:
        return sep.join(str(i) for i in items)

    @staticmethod
    def value(x: Any) -> float:
        """The nominal number of a field or computed value."""
        return as_num(x).nominal

    @staticmethod
    def _date(x: Any) -> dt.date:
        raw = x.value if isinstance(x, FieldValue) else x
        if isinstance(raw, dt.date):
            return raw
        if not isinstance(raw, str) or len(raw) != 10:
            raise Undetermined(f"{getattr(x, 'text', x)!r} is not a full date")
        return dt.date.fromisoformat(raw)

    def weekday(self, date: Any) -> int:
        """0 for Monday … 6 for Sunday."""
        return self._date(date).weekday()

    def weekday_name(self, x: Any) -> str:
        """The English name of a date's weekday, or of a weekday field."""
        if isinstance(x, FieldValue) and x.kind == "weekday":
            return WEEKDAY_NAMES[int(x.value)]
        return WEEKDAY_NAMES[self.weekday(x)]

    def years(self, a: Any, b: Any) -> int:
        """Whole years from a to b (years, dates or year ranges' ends)."""
        def year(v: Any) -> int:
            raw = v.value if isinstance(v, FieldValue) else v
            if isinstance(raw, (int, float)):
                return int(raw)
            return self._date(v).year if isinstance(raw, str) and len(raw) == 10 else int(str(raw)[:4])
        return year(b) - year(a)

    @staticmethod
    def to(quantity: Any, unit: str) -> Num:
        """A quantity converted to ``unit`` (pint), keeping its interval."""
        from .units import convert

        if not isinstance(quantity, FieldValue) or not quantity.unit:
            raise Undetermined("to() needs a quantity with a unit")
        n = quantity.num()
        factor = convert(1.0, quantity.unit, unit)
        return n * factor

    @staticmethod
    def _span(x: Any) -> tuple[dt.date, dt.date]:
        """The first and last day a date, month or year may mean."""
        raw = x.value if isinstance(x, FieldValue) else x
        if isinstance(raw, dt.date):
            return raw, raw
        if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1000 <= raw <= 9999:
            return dt.date(int(raw), 1, 1), dt.date(int(raw), 12, 31)
        if isinstance(raw, str):
            try:
                if len(raw) == 10:
                    day = dt.date.fromisoformat(raw)
                    return day, day
                if len(raw) == 7:
                    first = dt.date.fromisoformat(raw + "-01")
                    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
                    return first, following - dt.timedelta(days=1)
            except ValueError:
                pass
        raise Undetermined(f"{getattr(x, 'text', x)!r} is not a date, month or year")

    def after(self, a: Any, b: Any) -> bool:
        """a is certainly later than b (every day a may mean is after every day b may mean)."""
        a_first, a_last = self._span(a)
        b_first, b_last = self._span(b)
        self.evidence = {"first": a_first.isoformat() if a_first == a_last else f"{a_first}/{a_last}",
                         "second": b_first.isoformat() if b_first == b_last else f"{b_first}/{b_last}"}
        return a_first > b_last

    def before(self, a: Any, b: Any) -> bool:
        """a is certainly earlier than b."""
        return self.after(b, a)

    @staticmethod
    def dimension(quantity: Any) -> str:
        """The physical dimension of a quantity's unit, as pint writes it ("[length]")."""
        from .units import dimensionality

        if not isinstance(quantity, FieldValue) or not quantity.unit:
            raise Undetermined("dimension() needs a quantity with a unit")
        return dimensionality(quantity.unit)

    def same_dimension(self, a: Any, b: Any) -> bool:
        """Both quantities measure the same thing (length, area, mass …)."""
        return self.dimension(a) == self.dimension(b)

    @staticmethod
    def pct_change(old: Any, new: Any) -> Num:
        """Percentage change from old to new."""
        return (as_num(new) - as_num(old)) / as_num(old) * 100


FUNCTION_NAMES = tuple(Library().functions())


def evidence_number(x: float) -> float | int:
    """A number for the report's evidence: 33, not 33.0; three decimals at most."""
    x = round(float(x), 3)
    return int(x) if x.is_integer() else x


@dataclass
class Expression:
    source: str
    tree: ast.AST = field(repr=False)


def compile_expression(source: str, names: set[str]) -> Expression:
    """Parse and check one expression; ``names`` are the fields and params it may use."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        column = min(max(exc.offset or 0, 1), len(source.strip()) + 1)  # EOF errors may say 0
        raise ExpressionError(f"not a valid expression: {exc.msg} (column {column})") from None
    functions = Library().functions()
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise ExpressionError(f"{type(node).__name__.lower()} is not allowed in a rule expression")
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("_"):
                raise ExpressionError(f"attribute {node.attr!r} is not allowed")
            if node.attr not in FIELD_ATTRIBUTES:
                raise ExpressionError(f"unknown attribute {node.attr!r}{_suggest(node.attr, FIELD_ATTRIBUTES)}")
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise ExpressionError("only the library's functions may be called")
            fname = node.func.id
            if fname not in functions:
                raise ExpressionError(f"unknown function {fname!r}{_suggest(fname, functions)}")
            _check_arity(fname, functions[fname], node)
        elif isinstance(node, ast.Name) and node.id not in names and node.id not in functions:
            if node.id not in ("True", "False", "None"):
                raise ExpressionError(f"unknown name {node.id!r}{_suggest(node.id, names | set(functions))}")
    return Expression(source, tree.body)


def _check_arity(name: str, fn: Callable[..., Any], node: ast.Call) -> None:
    try:
        inspect.signature(fn).bind(*node.args, **{k.arg: k.value for k in node.keywords if k.arg})
    except TypeError as exc:
        raise ExpressionError(f"{name}(): {exc}") from None
    except ValueError:  # builtins without a signature (len, abs)
        pass


def _suggest(word: str, choices: Any) -> str:
    from ..errors import did_you_mean

    return did_you_mean(word, sorted(choices))


class Evaluator:
    """Evaluates compiled expressions against one claim's fields at a time."""

    def __init__(self, params: dict[str, Any]):
        self.library = Library()
        from simpleeval import SimpleEval  # imported when a rule first runs, not at start-up

        self._eval = SimpleEval(functions=self.library.functions(), names={})
        self.params = params

    def bind(self, names: dict[str, Any]) -> None:
        self._eval.names = {**self.params, **names}
        self.library.evidence = {}
        self.library.stated = []

    def run(self, expr: Expression) -> Any:
        return self._eval.eval(expr.source, previously_parsed=expr.tree)


# --- message templates ----------------------------------------------------------------

_FORMAT_SPEC = re.compile(r"^[<>=^]?[+\- ]?#?0?\d*[,_]?(?:\.\d+)?[a-zA-Z%]?$")


@dataclass
class Template:
    source: str
    parts: list[str | tuple[Expression, str]]


def compile_template(source: str, names: set[str]) -> Template:
    """A message or fix: literal text with {expression} or {expression:spec} holes."""
    parts: list[str | tuple[Expression, str]] = []
    i, literal = 0, []
    while i < len(source):
        ch = source[i]
        if ch in "{}" and source[i : i + 2] in ("{{", "}}"):
            literal.append(ch)
            i += 2
            continue
        if ch == "}":
            raise ExpressionError("single '}' in template (write '}}' for a brace)")
        if ch != "{":
            literal.append(ch)
            i += 1
            continue
        depth, j = 1, i + 1
        while j < len(source) and depth:
            depth += {"{": 1, "}": -1}.get(source[j], 0)
            j += 1
        if depth:
            raise ExpressionError("'{' without its '}' in template")
        inner = source[i + 1 : j - 1]
        expr_src, spec = inner, ""
        if ":" in inner:
            head, _, tail = inner.rpartition(":")
            if _FORMAT_SPEC.match(tail):
                expr_src, spec = head, tail
        if literal:
            parts.append("".join(literal))
            literal = []
        parts.append((compile_expression(expr_src, names), spec))
        i = j
    if literal:
        parts.append("".join(literal))
    return Template(source, parts)


def render(template: Template, evaluator: Evaluator, decimal: str = ".", group: str = ",") -> str:
    """Fill a template; numbers use ``decimal``/``group`` (the text's own, for fixes)."""
    out = []
    for part in template.parts:
        if isinstance(part, str):
            out.append(part)
            continue
        expr, spec = part
        value = evaluator.run(expr)
        if isinstance(value, FieldValue) and spec:
            value = value.num()  # "{pct:.1f}": the number, written like any computed one
        if isinstance(value, (Num, float, int)) and not isinstance(value, bool):
            text = format(value, spec) if spec else (str(value) if isinstance(value, Num) else plain_number(value))
            if decimal != ".":
                text = text.translate({ord("."): decimal, ord(","): group})
            out.append(text)
        elif isinstance(value, FieldValue):
            out.append(format(value, spec))
        else:
            out.append(format(value, spec) if spec else str(value))
    return "".join(out)
