"""Rules can never run code, read files or make the engine do unbounded work.

Each attempt is either refused when the rule loads, with the reason, or bounded when it
runs: the evaluation of that rule on that claim is then undetermined, with the reason,
and nothing escapes from the engine.
"""

from __future__ import annotations

import time

import pytest

from factcheck.checking import units
from factcheck.checking.expressions import Evaluator, ExpressionError, LimitError, compile_expression
from factcheck.checking.functions import MAX_TEXT_CHARS, bind
from factcheck.checking.templates import MAX_RENDERED_CHARS, compile_template, render
from factcheck.checking.values import FieldValue, Undetermined
from factcheck.extracting.value_types import Mention, Number, Percent, Quantity, Value

NAMES = {"part", "whole", "pct", "parts", "value"}


def fields() -> dict[str, object]:
    def mention(kind: str, text: str, value: float, unit: str | None = None) -> FieldValue:
        typed: Value = Number(value, 1.0, True, 1.0)
        if kind == "percent":
            typed = Percent(value, 0.1, False, 1.0, False)
        elif kind == "quantity":
            typed = Quantity(value, 1.0, False, 1.0, unit or "")
        return FieldValue(Mention(kind, 0, len(text), text, typed))

    parts = [mention("number", "11", 11.0), mention("number", "14", 14.0)]
    return {"part": mention("number", "7", 7.0), "whole": mention("number", "13", 13.0),
            "pct": mention("percent", "56,8%", 56.8, "%"), "parts": parts,
            "value": mention("quantity", "100 km", 100.0, "km")}


REFUSED_AT_LOAD = [
    # attributes that lead out of the sandbox
    ("part.__class__", "attribute '__class__' is not allowed"),
    ("part.__class__.__mro__", "attribute '__mro__' is not allowed"),
    ("part.mention", "unknown attribute 'mention'"),
    ("part.owner.text", "unknown attribute 'owner'"),
    ("pct.text.format", "unknown attribute 'format'"),
    ("join.__globals__", "attribute '__globals__' is not allowed"),
    ("(lambda: 0)()", "only the library's functions may be called"),
    ("__import__('os').system('true')", "only the library's functions may be called"),
    ("open('/etc/passwd')", "unknown function 'open'"),
    ("eval('1')", "unknown function 'eval'"),
    ("[c for c in ().__class__.__bases__]", "listcomp is not allowed in a rule expression"),
    ("0.__class__", "not a valid expression: invalid decimal literal"),
    # work without bound
    ("10**10**10 > 0", "10 ** 10000000000 is too large (more than 4096 bits)"),
    ("4000000**4000000 > 0", "4000000 ** 4000000 is too large (more than 4096 bits)"),
    ("(10**400)**400 > 0", "10000"),  # the base folded first, then refused: its digits start the message
    ("len('a' * 10**10) > 0", "a text or list of 10000000000 items is too long (at most 10000)"),
    ("len('%1000000000d' % 5) > 0", "'%' formatting of text is not allowed: write {expression:spec} in the message"),
    ("part / 0 > 1", "part / 0 divides by zero: the check could never be made"),
    (" + ".join(["part"] * 600) + " > 0", "the expression is 4201 characters long (at most 500)"),
    (" + ".join(["1"] * 50_000), "the expression is 199997 characters long (at most 500)"),
    ("-" * 30 + "part", "the expression is nested more than 24 levels deep"),
    ("max(" + "1," * 240 + "1)", "the expression has more than 200 parts"),
    ("(" * 300 + "part" + ")" * 300, "the expression is 604 characters long (at most 500)"),
]


@pytest.mark.parametrize("source, message", REFUSED_AT_LOAD, ids=[s[:40] for s, _ in REFUSED_AT_LOAD])
def test_refused_at_load(source, message):
    with pytest.raises(ExpressionError) as exc:
        compile_expression(source, NAMES)
    assert str(exc.value).startswith(message)


TEMPLATES_REFUSED = [
    ("{part.__class__.__mro__}", "attribute '__mro__' is not allowed"),
    ("{part.mention}", "unknown attribute 'mention'"),
    ("{0.__class__}", "not a valid expression: invalid decimal literal"),
    ("{pct!r}", "not a valid expression"),  # no conversions: '!' belongs to the expression
    ("{pct:{part.__class__}}", "not a valid expression"),  # no field inside a spec
    ("{pct:>1000000000}", "format width 1000000000 in {pct:>1000000000} is too large (at most 50)"),
    ("{pct:.1000000000f}", "format precision 1000000000 in {pct:.1000000000f} is too large (at most 50)"),
    ("{'%1000000000d' % 5}", "'%' formatting of text is not allowed"),
    ("{pct / 0}", "pct / 0 divides by zero"),
]


@pytest.mark.parametrize("source, message", TEMPLATES_REFUSED, ids=[s for s, _ in TEMPLATES_REFUSED])
def test_templates_refused_at_load(source, message):
    with pytest.raises(ExpressionError) as exc:
        compile_template(source, NAMES)
    assert message in str(exc.value)


BOUNDED_AT_RUN_TIME = [
    ("len(pct.text) ** 4000000", LimitError, "5 ** 4000000 is too large (more than 4096 bits)"),
    ("pct.value ** 4000000", OverflowError, ""),
    ("pct.text * len(pct.text) * 4000", LimitError, "a text or list of 100000 items is too long"),
    ("pct.text % 5", LimitError, "'%' formatting of text is not allowed"),
    ("len(parts * 10**6)", LimitError, "a text or list of 2000000 items is too long"),
    ("join(parts, join(parts, join(parts, join(parts, pct.text * 2000))))", ValueError,
     "join() would make a text of 10004 characters (at most 10000)"),
    ("pct.text * 10**10", LimitError, "a text or list of 50000000000 items is too long"),
    ("0[0]", TypeError, "not subscriptable"),  # str.format's index into its arguments is no index here
    ("to(value, 'km**')", Undetermined, "unknown unit"),
    ("to(value, '(')", Undetermined, "unknown unit"),
    ("to(value, pct.text * 20)", Undetermined, "a unit of 100 characters is not one (at most 64)"),
]


@pytest.mark.parametrize("source, error, message", BOUNDED_AT_RUN_TIME, ids=[s[:40] for s, *_ in BOUNDED_AT_RUN_TIME])
def test_bounded_at_run_time(source, error, message):
    started = time.perf_counter()
    with pytest.raises(error) as exc:
        Evaluator({}, fields()).run(compile_expression(source, NAMES))
    assert message in str(exc.value)
    assert time.perf_counter() - started < 5  # refused before the work: 4000000**4000000 took 28 s


def test_a_unit_pint_cannot_read_is_undetermined_whatever_pint_raises():
    for unit in ("km**", "(", "*".join(["km"] * 3000), "km)", "1/", "[length]"):
        with pytest.raises(Undetermined):
            units.factor("km", unit)
    with pytest.raises(Undetermined, match="a unit of 8999 characters is not one"):
        units.dimensionality("*".join(["km"] * 3000))


def test_a_rendered_text_is_bounded():
    evaluator = Evaluator({}, fields())
    long = compile_template("{pct.text * 1000}" * 3, NAMES)  # 5,000 characters each
    with pytest.raises(LimitError, match=f"longer than {MAX_RENDERED_CHARS} characters"):
        render(long, evaluator)
    assert len(render(compile_template("{pct.text * 300}", NAMES), evaluator)) == 1500
    assert MAX_TEXT_CHARS >= MAX_RENDERED_CHARS


def test_no_value_is_written_as_nothing():
    evaluator = Evaluator({}, fields())
    assert render(compile_template("[{value.unit}] [{pct.hedge}] [{part.hedge}]", NAMES), evaluator) == "[km] [] []"


def test_the_functions_a_rule_sees_are_only_the_library():
    assert not any(name.startswith("_") for name in bind(None))  # type: ignore[arg-type]
