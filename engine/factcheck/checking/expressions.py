"""Rule expressions: Python expression syntax, checked when loaded, evaluated safely.

``where``, ``assert`` and the ``{...}`` parts of messages are parsed once, checked
against the claim kind's fields (and the attributes their mention kinds offer), the
rule's params and the function library (so a typo is an error before any document is
read), and evaluated with simpleeval: no attribute starting with ``_``, no imports, no
I/O, bounded powers and strings.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any, Collection, Mapping

from ..extracting.kinds import KINDS, MentionKind
from .functions import FUNCTIONS, Context, bind
from .values import FieldValue, Num, as_num, attributes_of, plain_number

_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Call, ast.Name, ast.Attribute,
    ast.Constant, ast.keyword, ast.Load, ast.IfExp, ast.Subscript,
    ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod,
    ast.Pow, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
)


class ExpressionError(ValueError):
    """An expression that cannot be used; the message says why."""


@dataclass
class Expression:
    source: str
    tree: ast.AST = field(repr=False)


@dataclass(frozen=True)
class FieldType:
    """What a claim field holds: a value of one of these mention kinds, or a list of them."""

    kinds: frozenset[str]
    is_list: bool = False


def compile_expression(source: str, names: Collection[str], fields: Mapping[str, FieldType] | None = None,
                       kinds: Mapping[str, MentionKind] = KINDS) -> Expression:
    """Parse and check one expression; ``names`` are the fields and params it may use,
    ``fields`` what the fields hold (an attribute must be one their kinds offer)."""
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        column = min(max(exc.offset or 0, 1), len(source.strip()) + 1)  # EOF errors may say 0
        raise ExpressionError(f"not a valid expression: {exc.msg} (column {column})") from None
    functions = FUNCTIONS
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise ExpressionError(f"{type(node).__name__.lower()} is not allowed in a rule expression")
        if isinstance(node, ast.Attribute):
            _check_attribute(node, fields or {}, kinds)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise ExpressionError("only the library's functions may be called")
            fname = node.func.id
            if fname not in functions:
                raise ExpressionError(f"unknown function {fname!r}{_suggest(fname, functions)}")
            _check_arity(fname, node)
        elif isinstance(node, ast.Name) and node.id not in names and node.id not in functions:
            if node.id not in ("True", "False", "None"):
                raise ExpressionError(f"unknown name {node.id!r}{_suggest(node.id, set(names) | set(functions))}")
    return Expression(source, tree.body)


def _check_attribute(node: ast.Attribute, fields: Mapping[str, FieldType], kinds: Mapping[str, MentionKind]) -> None:
    """The attribute is one the value's kinds offer (any kind's, when its kind is not known)."""
    attr = node.attr
    if attr.startswith("_"):
        raise ExpressionError(f"attribute {attr!r} is not allowed")
    base = node.value
    if isinstance(base, ast.Name) and base.id in fields and fields[base.id].is_list:
        raise ExpressionError(f"{base.id} is a list: read {attr!r} of one of its values ({base.id}[0].{attr})")
    every = attributes_of(kinds, kinds)
    held = _kinds_of(base, fields, kinds)
    offered = every if held is None else attributes_of(held, kinds)
    if attr in offered:
        return
    if held is None or attr not in every:
        raise ExpressionError(f"unknown attribute {attr!r}{_suggest(attr, offered)}")
    what = "/".join(sorted(held))
    hint = _suggest(attr, offered) or f" (a {what} offers {', '.join(sorted(offered))})"
    raise ExpressionError(f"{ast.unparse(base)} is a {what}: it has no attribute {attr!r}{hint}")


def _kinds_of(node: ast.AST, fields: Mapping[str, FieldType], kinds: Mapping[str, MentionKind]
              ) -> frozenset[str] | None:
    """The mention kinds a value of the expression may be; None when not known here."""
    if isinstance(node, ast.Name) and node.id in fields and not fields[node.id].is_list:
        return fields[node.id].kinds
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in fields:
        return fields[node.value.id].kinds if fields[node.value.id].is_list else None
    if isinstance(node, ast.Attribute):
        held = _kinds_of(node.value, fields, kinds)
        if held is None:
            return None
        parts = {kinds[k].attributes[node.attr].part for k in held if k in kinds and node.attr in kinds[k].attributes}
        found = frozenset(p for p in parts if p is not None)
        return found or None
    return None


def _check_arity(name: str, node: ast.Call) -> None:
    try:
        FUNCTIONS[name].signature.bind(*node.args, **{k.arg: k.value for k in node.keywords if k.arg})
    except TypeError as exc:
        raise ExpressionError(f"{name}(): {exc}") from None


def _suggest(word: str, choices: Any) -> str:
    from ..errors import did_you_mean

    return did_you_mean(word, sorted(choices))


class Evaluator:
    """Evaluates compiled expressions for one rule on one claim.

    Made afresh for every evaluation: its names (the claim's fields, the rule's params)
    and the :class:`~factcheck.checking.functions.Context` its functions record their
    evidence in belong to that evaluation alone, so evaluations in several threads at
    once never meet.
    """

    def __init__(self, params: dict[str, Any], names: dict[str, Any]):
        from simpleeval import SimpleEval  # imported when a rule first runs, not at start-up

        self.context = Context()
        self._eval = SimpleEval(functions=bind(self.context), names={**params, **names})

    @property
    def evidence(self) -> dict[str, Any]:
        """The evidence of the last check a function made."""
        return self.context.evidence

    def run(self, expr: Expression) -> Any:
        return self._eval.eval(expr.source, previously_parsed=expr.tree)


# --- message templates ----------------------------------------------------------------

_FORMAT_SPEC = re.compile(r"^[<>=^]?[+\- ]?#?0?\d*[,_]?(?:\.\d+)?[a-zA-Z%]?$")


@dataclass
class Template:
    source: str
    parts: list[str | tuple[Expression, str]]


def compile_template(source: str, names: Collection[str], fields: Mapping[str, FieldType] | None = None,
                     kinds: Mapping[str, MentionKind] = KINDS) -> Template:
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
        parts.append((compile_expression(expr_src, names, fields, kinds), spec))
        i = j
    if literal:
        parts.append("".join(literal))
    return Template(source, parts)


def render(template: Template, evaluator: Evaluator, decimal: str = ".", group: str = ",",
           scale: float = 1.0) -> str:
    """Fill a template; numbers use ``decimal``/``group`` (the text's own, for fixes) and
    are written in units of ``scale`` (a fix for "35 tỷ" writes 30, not 30000000000)."""
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
            if scale != 1.0:
                value = as_num(value) / scale
            text = format(value, spec) if spec else (str(value) if isinstance(value, Num) else plain_number(value))
            if (decimal, group) != (".", ","):
                text = text.translate({ord("."): decimal, ord(","): group})
            out.append(text)
        elif isinstance(value, FieldValue):
            out.append(format(value, spec))
        else:
            out.append(format(value, spec) if spec else str(value))
    return "".join(out)
