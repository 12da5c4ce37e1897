"""Rule expressions: Python expression syntax, checked when loaded, evaluated safely.

``where``, ``assert`` and the ``{...}`` parts of messages are parsed once, checked
against the claim kind's fields (and the attributes their mention kinds offer), the
rule's params and the function library (so a typo is an error before any document is
read), and evaluated with simpleeval: no attribute starting with ``_``, no imports, no
I/O.

A rule can never make the engine do unbounded work: an expression is refused at load
when it is too long or too deeply nested, or when it raises a constant to a power, or
repeats or %-formats a text, beyond the limits below; at run time powers, repeated
texts and joined lists are bounded too (the evaluation is then undetermined, with the
reason).
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Collection, Mapping

from ..extracting.kinds import KINDS, MentionKind
from .functions import FUNCTIONS, MAX_TEXT_CHARS, Context, bind
from .values import attributes_of

_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Call, ast.Name, ast.Attribute,
    ast.Constant, ast.keyword, ast.Load, ast.IfExp, ast.Subscript,
    ast.And, ast.Or, ast.Not, ast.USub, ast.UAdd, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod,
    ast.Pow, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is, ast.IsNot,
)

#: Limits on one expression (the shipped rules' largest: 114 characters, 8 levels, 42 nodes).
MAX_EXPRESSION_CHARS = 500
MAX_EXPRESSION_DEPTH = 24
MAX_EXPRESSION_NODES = 200
#: A power whose result would need more bits than this is refused (at load when its
#: operands are constants, else at run time): 4000000**4000000 took 28 s per claim.
MAX_POWER_BITS = 4096


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
    text = source.strip()
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExpressionError(f"the expression is {len(text)} characters long (at most {MAX_EXPRESSION_CHARS})")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        column = min(max(exc.offset or 0, 1), len(text) + 1)  # EOF errors may say 0
        raise ExpressionError(f"not a valid expression: {exc.msg} (column {column})") from None
    except (RecursionError, MemoryError):  # the parser's own limits
        raise ExpressionError("the expression is nested too deeply") from None
    _check_size(tree)
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
        elif isinstance(node, ast.BinOp):
            _check_constant_operation(node)
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


def _check_size(tree: ast.AST) -> None:
    """Few enough nodes, nested shallowly enough (walked without recursion: a deep tree
    is what is being refused)."""
    count, pending = 0, [(tree, 1)]
    while pending:
        node, depth = pending.pop()
        count += 1
        if depth > MAX_EXPRESSION_DEPTH:
            raise ExpressionError(f"the expression is nested more than {MAX_EXPRESSION_DEPTH} levels deep")
        if count > MAX_EXPRESSION_NODES:
            raise ExpressionError(f"the expression has more than {MAX_EXPRESSION_NODES} parts")
        pending.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _constant(node: ast.AST) -> Any:
    """The value of a constant sub-expression (numbers, texts, and arithmetic on them
    within the run-time limits), or None when it depends on the claim."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _constant(node.operand)
        return (-inner if isinstance(node.op, ast.USub) else inner) if isinstance(inner, (int, float)) else None
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        left, right = _constant(node.left), _constant(node.right)
        if left is None or right is None:
            return None
        try:
            return OPERATORS[type(node.op)](left, right)
        except ArithmeticError:  # 1/0 is judged at run time like any other undetermined value
            return None
        except (ValueError, TypeError) as exc:
            raise ExpressionError(str(exc)) from None
    return None


def _check_constant_operation(node: ast.BinOp) -> None:
    """What can be refused before any claim: a power or a repeated text that would be too
    large, ``%`` formatting of a text (``'%1000000000d' % 5`` asks for a gigabyte), and a
    division by a constant zero."""
    if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        raise ExpressionError("'%' formatting of text is not allowed: write {expression:spec} in the message")
    if isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)) and _constant(node.right) == 0:
        # it would be undetermined on every claim, as if the values were at fault
        raise ExpressionError(f"{ast.unparse(node)} divides by zero: the check could never be made")
    if isinstance(node.op, (ast.Pow, ast.Mult)):
        _constant(node)  # raises ExpressionError when the operation exceeds a limit


def _check_arity(name: str, node: ast.Call) -> None:
    try:
        FUNCTIONS[name].signature.bind(*node.args, **{k.arg: k.value for k in node.keywords if k.arg})
    except TypeError as exc:
        raise ExpressionError(f"{name}(): {exc}") from None


def _suggest(word: str, choices: Any) -> str:
    from ..errors import did_you_mean

    return did_you_mean(word, sorted(choices))


# --- bounded operators -------------------------------------------------------------------------

class LimitError(ValueError):
    """An operation that would exceed one of the limits on what a rule may compute."""


def _power(base: Any, exponent: Any) -> Any:
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log2(abs(base)) > MAX_POWER_BITS:
            raise LimitError(f"{base} ** {exponent} is too large (more than {MAX_POWER_BITS} bits)")
    return base ** exponent


def _sized(result_length: int) -> None:
    if result_length > MAX_TEXT_CHARS:
        raise LimitError(f"a text or list of {result_length} items is too long (at most {MAX_TEXT_CHARS})")


def _multiply(a: Any, b: Any) -> Any:
    for seq, times in ((a, b), (b, a)):
        if isinstance(seq, (str, list)) and isinstance(times, int) and not isinstance(times, bool):
            _sized(len(seq) * times)
    return a * b


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, (str, list)) and isinstance(b, (str, list)):
        _sized(len(a) + len(b))
    return a + b


def _modulo(a: Any, b: Any) -> Any:
    if isinstance(a, str):
        raise LimitError("'%' formatting of text is not allowed")
    return a % b


#: The operators expressions may use, each bounded; shared by every evaluation (never changed).
OPERATORS: dict[type, Callable[..., Any]] = {
    ast.Add: _add, ast.Sub: operator.sub, ast.Mult: _multiply, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Pow: _power, ast.Mod: _modulo,
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Gt: operator.gt, ast.Lt: operator.lt,
    ast.GtE: operator.ge, ast.LtE: operator.le, ast.Not: operator.not_, ast.USub: operator.neg,
    ast.UAdd: operator.pos, ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_, ast.IsNot: operator.is_not,
}


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
        self._eval = SimpleEval(operators=OPERATORS, functions=bind(self.context), names={**params, **names})

    @property
    def evidence(self) -> dict[str, Any]:
        """The evidence of the last check a function made."""
        return self.context.evidence

    def run(self, expr: Expression) -> Any:
        return self._eval.eval(expr.source, previously_parsed=expr.tree)
