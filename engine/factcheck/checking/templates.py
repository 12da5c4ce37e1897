"""Message and fix templates: literal text with ``{expression}`` and ``{expression:spec}`` holes.

The holes are found by :meth:`string.Formatter.parse` (the standard reading of braces:
``{{`` and ``}}`` for literal braces); each hole's text is then split at its last ``:``
when what follows is a format spec, so a colon inside a text constant stays in the
expression. Every expression is compiled and checked like a rule's ``assert``. A format
spec may not ask for a width or precision over :data:`MAX_FORMAT_SIZE`, and a rendered
text is at most :data:`MAX_RENDERED_CHARS` long: a template can never ask for gigabytes.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Collection, Mapping

from ..extracting.kinds import KINDS, MentionKind
from .expressions import Evaluator, Expression, ExpressionError, FieldType, LimitError, compile_expression
from .values import FieldValue, Num, as_num, plain_number

MAX_FORMAT_SIZE = 50  # the largest width or precision in a format spec
MAX_RENDERED_CHARS = 2000  # the longest message or fix

_FORMAT_SPEC = re.compile(r"[<>=^]?[+\- ]?#?0?(?P<width>\d*)[,_]?(?:\.(?P<precision>\d+))?[a-zA-Z%]?")
# Formatter gives '!' (a conversion) and '[' ']' (an index) meanings of their own inside a
# hole; expressions use them otherwise ('!=', text[0]), so they are hidden while parsing.
_HIDDEN = {"!": "\ue011", "[": "\ue012", "]": "\ue013"}
_HIDE = str.maketrans(_HIDDEN)
_SHOW = str.maketrans({v: k for k, v in _HIDDEN.items()})


@dataclass
class Template:
    source: str
    parts: list[str | tuple[Expression, str]]


def compile_template(source: str, names: Collection[str], fields: Mapping[str, FieldType] | None = None,
                     kinds: Mapping[str, MentionKind] = KINDS) -> Template:
    """A message or fix: literal text with {expression} or {expression:spec} holes."""
    if any(c in source for c in _HIDDEN.values()):
        raise ExpressionError("the template holds a character reserved for the engine (U+E011-U+E013)")
    try:
        pieces = list(string.Formatter().parse(source.translate(_HIDE)))
    except ValueError as exc:
        raise ExpressionError(_parse_error(str(exc))) from None
    parts: list[str | tuple[Expression, str]] = []
    for literal, hole, spec, _ in pieces:  # no conversion: '!' is hidden
        if literal:
            if parts and isinstance(parts[-1], str):
                parts[-1] += literal.translate(_SHOW)
            else:
                parts.append(literal.translate(_SHOW))
        if hole is None:
            continue
        inner = (hole if not spec else f"{hole}:{spec}").translate(_SHOW)
        expression, fmt = _split_spec(inner)
        parts.append((compile_expression(expression, names, fields, kinds), fmt))
    return Template(source, parts)


def _parse_error(problem: str) -> str:
    if "Single '}'" in problem:
        return "single '}' in template (write '}}' for a brace)"
    if "Single '{'" in problem or "expected '}'" in problem or "unmatched '{'" in problem:
        return "'{' without its '}' in template"
    return f"not a valid template: {problem}"


def _split_spec(inner: str) -> tuple[str, str]:
    """(expression, format spec): the spec is what follows the last ':' when it is one."""
    head, colon, tail = inner.rpartition(":")
    spec = _FORMAT_SPEC.fullmatch(tail) if colon else None
    if spec is None:
        return inner, ""
    for what in ("width", "precision"):
        size = spec.group(what)
        if size and int(size) > MAX_FORMAT_SIZE:
            raise ExpressionError(f"format {what} {int(size)} in {{{inner}}} is too large (at most {MAX_FORMAT_SIZE})")
    return head, tail


def render(template: Template, evaluator: Evaluator, decimal: str = ".", group: str = ",",
           scale: float = 1.0) -> str:
    """Fill a template; numbers use ``decimal``/``group`` (the text's own, for fixes) and
    are written in units of ``scale`` (a fix for "35 tỷ" writes 30, not 30000000000).

    A value that is nothing (a percentage's unit when it has none) is written as nothing,
    not as "None". Raises LimitError when the text would be longer than MAX_RENDERED_CHARS.
    """
    out: list[str] = []
    length = 0
    for part in template.parts:
        if isinstance(part, str):
            text = part
        else:
            text = _written(evaluator.run(part[0]), part[1], decimal, group, scale)
        length += len(text)
        if length > MAX_RENDERED_CHARS:
            raise LimitError(f"the text would be longer than {MAX_RENDERED_CHARS} characters")
        out.append(text)
    return "".join(out)


def _written(value: object, spec: str, decimal: str, group: str, scale: float) -> str:
    if value is None:
        return ""
    if isinstance(value, FieldValue) and spec:
        value = value.num()  # "{pct:.1f}": the number, written like any computed one
    if isinstance(value, (Num, float, int)) and not isinstance(value, bool):
        if scale != 1.0:
            value = as_num(value) / scale
        text = format(value, spec) if spec else (str(value) if isinstance(value, Num) else plain_number(value))
        return text.translate({ord("."): decimal, ord(","): group}) if (decimal, group) != (".", ",") else text
    if isinstance(value, str) and len(value) > MAX_RENDERED_CHARS:
        raise LimitError(f"the text would be longer than {MAX_RENDERED_CHARS} characters")
    return format(value, spec) if spec else str(value)
