"""Rule expressions: the function library, load-time checks, templates and rendering."""

from __future__ import annotations

import pytest

from factcheck.checking.expressions import Evaluator, ExpressionError, FieldType, compile_expression
from factcheck.checking.functions import Context, bind
from factcheck.checking.templates import compile_template, render
from factcheck.checking.values import FieldValue, Num, Undetermined, evidence_number
from factcheck.extracting.value_types import Date, Mention, Money, Month, Number, Percent, Quantity, Value, Weekday, Year


def field(kind: str, text: str, value: Value, hedge: str | None = None) -> FieldValue:
    return FieldValue(Mention(kind, 0, len(text), text, value, hedge=hedge))


def count(n: int) -> FieldValue:
    return field("number", str(n), Number(float(n), 1.0, True, 1.0))


def pct(text: str, hedge: str | None = None) -> FieldValue:
    """A stated percentage as written in Vietnamese ("56,8%")."""
    digits = text.rstrip("%").replace(",", ".")
    decimals = len(digits.partition(".")[2])
    return field("percent", text, Percent(float(digits), 10.0 ** -decimals, False, 1.0, False), hedge=hedge)


def money(text: str, value: float, precision: float) -> FieldValue:
    return field("money", text, Money(value, precision, False, 1.0, "USD"))


def quantity(text: str, value: float, unit: str) -> FieldValue:
    return field("quantity", text, Quantity(value, 1.0, False, 1.0, unit))


SEVEN_OF_13 = count(7) / count(13) * 100  # 53.846...


class Library:
    """The rule functions bound to one evaluation's context, called as a rule calls them."""

    def __init__(self) -> None:
        self.context = Context()
        self._functions = bind(self.context)

    def __getattr__(self, name: str):
        return self._functions[name]

    @property
    def evidence(self):
        return self.context.evidence

    @property
    def stated(self):
        return self.context.stated


@pytest.fixture
def lib() -> Library:
    return Library()


# --- agrees: DESIGN.md's examples -------------------------------------------------------------------------

@pytest.mark.parametrize("stated, hedge, holds", [
    ("56,8%", "over", False),  # the seed's error: 7/13 is 53.8 %, not over 56.8 %
    ("53,8%", "over", True),
    ("53,8%", None, True),
    ("53,9%", None, False),
    ("54%", None, True),
    ("55%", "nearly", True),  # 53 .. 55.5
    ("56%", "nearly", False),  # 54 .. 56.5
    ("50%", "about", False),  # 47.5 .. 52.5
    ("55%", "about", True),  # 52.25 .. 57.75
    ("54%", "under", True),  # .. 54.5
    ("53%", "under", False),  # .. 53.5
])
def test_agrees_with_seven_of_thirteen(lib, stated, hedge, holds):
    assert lib.agrees(SEVEN_OF_13, pct(stated, hedge)) is holds


def test_a_computed_change_is_an_interval_because_its_inputs_are_rounded(lib):
    # "rose 2% to $11.1bn from $10.9bn": 1.83 %, and $11.1bn may be anything in [11.05, 11.15)
    change = lib.pct_change(money("$10.9bn", 10.9e9, 1e8), money("$11.1bn", 11.1e9, 1e8))
    assert change.nominal == pytest.approx(1.8349, abs=1e-4)
    assert (change.lo, change.hi) == (pytest.approx(0.1 / 10.95 * 100), pytest.approx(0.3 / 10.85 * 100))
    assert lib.agrees(change, pct("2%"))
    assert not lib.agrees(change, pct("4%"))


def test_only_the_intervals_make_a_rounded_change_agree(lib):
    # "jumped 76% to $1.13bn from $639m": 76.8 % from the nominal figures, which rounds to 77
    change = lib.pct_change(money("$639m", 639e6, 1e6), money("$1.13bn", 1.13e9, 1e7))
    assert change.nominal == pytest.approx(76.84, abs=0.01)
    assert lib.agrees(change, pct("76%"))
    points = lib.pct_change(Num(639e6), Num(1.13e9))
    assert not lib.agrees(points, pct("76%"))


def test_agrees_records_its_evidence(lib):
    assert not lib.agrees(SEVEN_OF_13, pct("56,8%", "over"))
    assert lib.evidence == {"computed": 53.846, "stated": 56.8, "hedge": "over"}
    assert [s.text for s in lib.stated] == ["56,8%"]


def test_agrees_may_be_widened(lib):
    assert not lib.agrees(SEVEN_OF_13, pct("55%"))
    assert lib.agrees(SEVEN_OF_13, pct("55%"), tolerance=1)
    assert not lib.agrees(SEVEN_OF_13, pct("58%", "about"))
    assert lib.agrees(SEVEN_OF_13, pct("58%", "about"), about=0.1)


def test_agrees_compares_with_a_field(lib):
    with pytest.raises(TypeError, match="agrees\\(\\) compares with a field of the claim"):
        lib.agrees(SEVEN_OF_13, 53.8)


# --- close, sum and the small functions ---------------------------------------------------------------

@pytest.mark.parametrize("x, y, kwargs, holds", [
    (Num(100), Num(103), {"rel": 0.05}, True),
    (Num(100), Num(103), {"rel": 0.01}, False),
    (Num(100), Num(103), {"abs": 3}, True),
    (Num(100), Num(103), {}, False),
    (Num(160.934), quantity("161 km", 161.0, "km"), {}, True),  # the rounding of both
    (Num(160.4), quantity("161 km", 161.0, "km"), {}, False),
])
def test_close(lib, x, y, kwargs, holds):
    assert lib.close(x, y, **kwargs) is holds


def test_sum_over_fields(lib):
    total = lib.sum([count(11), count(14)])
    assert (total.nominal, total.lo, total.hi) == (25, 25, 25)
    assert lib.agrees(total, count(25)) and not lib.agrees(lib.sum([count(11), count(15)]), count(25))


def test_rounded_shares_may_miss_a_hundred_by_their_rounding(lib):
    shares = [pct("33,3%"), pct("33,3%"), pct("33,3%")]
    total = lib.sum(shares)
    assert total.nominal == pytest.approx(99.9)
    assert lib.close(total, Num(100))
    assert not lib.close(lib.sum([pct("33%"), pct("33%"), pct("32%")]), Num(100))


def test_small_functions(lib):
    parts = [count(11), count(14), count(2)]
    assert lib.min(parts).text == "2" and lib.max(parts).text == "14"
    assert lib.min(count(3), Num(2.5)) == 2.5
    assert lib.round(SEVEN_OF_13, 1) == 53.8
    assert lib.join(parts) == "11 + 14 + 2" and lib.join(parts, ", ") == "11, 14, 2"
    assert lib.value(pct("56,8%")) == 56.8


def test_weekday_and_its_name(lib):
    date = field("date", "05/08/2020", Date(2020, 8, 5, False))
    assert lib.weekday(date) == 2
    assert lib.weekday_name(date) == "Wednesday"
    assert lib.weekday_name(field("weekday", "Thứ Năm", Weekday(3))) == "Thursday"


@pytest.mark.parametrize("date", [field("date", "27/4", Date(None, 4, 27, False)),
                                  field("date", "tháng 9/2020", Month(2020, 9))])
def test_the_weekday_of_a_date_without_a_day_or_year_is_undetermined(lib, date):
    with pytest.raises(Undetermined, match="is not a full date"):
        lib.weekday(date)


def test_years(lib):
    first, last = field("year", "2015", Year(2015)), field("year", "2020", Year(2020))
    assert lib.years(first, last) == 5
    assert lib.years(field("date", "05/08/2010", Date(2010, 8, 5, False)),
                     field("date", "tháng 9/2020", Month(2020, 9))) == 10
    assert lib.years(first, 2019) == 4


def test_to_converts_a_quantity_with_its_interval(lib):
    miles = quantity("100 miles", 100.0, "mile")
    km = lib.to(miles, "km")
    assert (km.nominal, km.lo, km.hi) == (pytest.approx(160.934, abs=1e-3), pytest.approx(99.5 * 1.609344),
                                          pytest.approx(100.5 * 1.609344))
    back = lib.to(quantity("161 km", 161.0, "km"), "mile")
    assert back.nominal == pytest.approx(100.04, abs=0.01)
    assert lib.close(lib.to(miles, "km"), quantity("161 km", 161.0, "km"))
    assert lib.to(quantity("1.200 ha", 1200.0, "hectare"), "km**2").nominal == pytest.approx(12)


@pytest.mark.parametrize("quantity, unit, message", [
    (quantity("100 miles", 100.0, "mile"), "kg", "cannot convert mile to kg"),
    (quantity("100 miles", 100.0, "mile"), "furlongz", "unknown unit"),
    (count(100), "km", "to\\(\\) needs a quantity with a unit"),
    (Num(100), "km", "to\\(\\) needs a quantity with a unit"),
])
def test_to_what_cannot_be_converted_is_undetermined(lib, quantity, unit, message):
    with pytest.raises(Undetermined, match=message):
        lib.to(quantity, unit)


def test_pct_change(lib):
    assert lib.pct_change(Num(200), Num(150)).nominal == -25
    with pytest.raises(Undetermined):
        lib.pct_change(Num(0), Num(5))


@pytest.mark.parametrize("x, expected", [(53.84615, 53.846), (33.0, 33), (2.0000001, 2), (-0.5, -0.5)])
def test_evidence_numbers_are_plain(x, expected):
    assert evidence_number(x) == expected and type(evidence_number(x)) is type(expected)


# --- compile_expression --------------------------------------------------------------------------------

NAMES = {"part", "whole", "pct", "threshold"}


EXPRESSION_ERRORS = [
    ("agree(part / whole * 100, pct)", "unknown function 'agree' (did you mean 'agrees'?)"),
    ("sun([part, whole])", "unknown function 'sun' (did you mean 'sum'?)"),
    ("frobnicate(part)", "unknown function 'frobnicate'"),
    ("parts > 0", "unknown name 'parts' (did you mean 'part'?)"),
    ("wholes > 0", "unknown name 'wholes' (did you mean 'whole'?)"),
    ("zzz > 0", "unknown name 'zzz'"),
    ("part._mention", "attribute '_mention' is not allowed"),
    ("part.__class__", "attribute '__class__' is not allowed"),
    ("part.valu", "unknown attribute 'valu' (did you mean 'value'?)"),
    ("part.mention", "unknown attribute 'mention'"),
    ("lambda x: x", "lambda is not allowed in a rule expression"),
    ("[x for x in part]", "listcomp is not allowed in a rule expression"),
    ("{x: 1 for x in part}", "dictcomp is not allowed in a rule expression"),
    ("[1, 2]", "list is not allowed in a rule expression"),
    ("(1, 2)", "tuple is not allowed in a rule expression"),
    ("f'{part}'", "joinedstr is not allowed in a rule expression"),
    ("__import__('os')", "unknown function '__import__'"),
    ("import os", "not a valid expression: invalid syntax"),
    ("part.text.upper()", "only the library's functions may be called"),
    ("agrees(part)", "agrees(): missing a required argument: 'stated'"),
    ("agrees(part, pct, 1, 2, 3)", "agrees(): too many positional arguments"),
    ("agrees(part, pct, tol=1)", "agrees(): got an unexpected keyword argument 'tol'"),
    ("weekday(part, pct)", "weekday(): too many positional arguments"),
    ("to(part)", "to(): missing a required argument: 'unit'"),
    ("part part", "not a valid expression: invalid syntax (column 6)"),
    ("part +", "not a valid expression: invalid syntax"),
]


@pytest.mark.parametrize("source", ["part >", "1 +"])
def test_an_expression_that_ends_too_soon_names_a_real_column(source):
    with pytest.raises(ExpressionError) as exc:
        compile_expression(source, NAMES)
    assert "(column 0)" not in str(exc.value)


@pytest.mark.parametrize("source", [
    "agrees(part / whole * 100, pct)",
    "whole > 0 and part <= whole",
    "agrees(part / whole * 100, pct, tolerance=threshold)",
    "pct.hedge == 'over' or pct.value < 100",
    "part if whole > 0 else None",
    "len(pct.text) > 2 and not True",
    "abs(part - whole) >= 0",
])
def test_valid_expressions_compile(source):
    assert compile_expression(source, NAMES).source == source


FIELDS = {
    "part": FieldType(frozenset({"number"})), "pct": FieldType(frozenset({"percent"})),
    "parts": FieldType(frozenset({"number"}), is_list=True), "range": FieldType(frozenset({"year_range"})),
    "date": FieldType(frozenset({"date"})), "old": FieldType(frozenset({"number", "money", "quantity", "percent"})),
}


@pytest.mark.parametrize("source, message", [
    ("pct.year", "pct is a percent: it has no attribute 'year' (a percent offers end, hedge, kind, phrase, precision,"),
    ("part.unit", "part is a number: it has no attribute 'unit' (a number offers end, hedge, kind, phrase,"),
    ("date.hedge", "date is a date: it has no attribute 'hedge'"),
    ("range.first.unit", "range.first is a year: it has no attribute 'unit'"),
    ("range.year", "range is a year_range: it has no attribute 'year'"),
    ("pct.yaer", "unknown attribute 'yaer'"),
    ("date.yaer", "unknown attribute 'yaer' (did you mean 'year'?)"),  # the suggestion is one the field offers
    ("pct.uint", "unknown attribute 'uint' (did you mean 'unit'?)"),
    ("parts.text", "parts is a list: read 'text' of one of its values (parts[0].text)"),
])
def test_an_attribute_the_fields_kinds_do_not_offer_is_refused(source, message):
    with pytest.raises(ExpressionError) as exc:
        compile_expression(source, set(FIELDS), FIELDS)
    assert str(exc.value).startswith(message)


@pytest.mark.parametrize("source", [
    "range.first.year - range.last.year", "parts[0].text", "date.year_assumed or date.day > 1",
    "old.unit == '%'",  # a money, a quantity or a percentage has a unit: a number does not, and is undetermined
    "min(parts).text",  # of a value whose kind is not known here, any kind's attribute
    "pct.unit == 'points' and pct.precision < 1",
])
def test_an_attribute_one_of_the_fields_kinds_offers_is_accepted(source):
    assert compile_expression(source, set(FIELDS), FIELDS).source == source


def test_an_expression_runs_with_its_fields_and_params():
    evaluator = Evaluator({"threshold": 0.5}, {"part": count(7), "whole": count(13), "pct": pct("56,8%", "over")})
    check = compile_expression("agrees(part / whole * 100, pct, tolerance=threshold)", NAMES)
    assert evaluator.run(check) is False
    assert evaluator.evidence == {"computed": 53.846, "stated": 56.8, "hedge": "over"}
    evaluator = Evaluator({"threshold": 0.5}, {"part": count(7), "whole": count(13), "pct": pct("54%")})
    assert evaluator.run(check) is True
    assert evaluator.evidence == {"computed": 53.846, "stated": 54, "hedge": None}
    assert evaluator.run(compile_expression("pct.hedge", NAMES)) is None


# --- templates and rendering ---------------------------------------------------------------------------

def rendered(source: str, decimal: str = ".", group: str = ",", **names) -> str:
    evaluator = Evaluator({}, names)
    return render(compile_template(source, set(names)), evaluator, decimal, group)


SEED = {"part": count(7), "whole": count(13), "pct": pct("56,8%", "over")}


@pytest.mark.parametrize("source, expected", [
    ("{part / whole * 100:.1f}", "53.8"),
    ("{part}/{whole} = {part / whole * 100:.1f}%, but the text says {pct.text}",
     "7/13 = 53.8%, but the text says 56,8%"),
    ("{part / whole * 100}", "53.846"),
    ("{{literal}} {part}", "{literal} 7"),
    ("}}{{", "}{"),
    ("{pct}", "56,8%"),
    ("{pct.hedge}", "over"),
    ("{whole > part}", "True"),
    ("{part / whole * 100:>8.2f}|", "   53.85|"),
    ("{pct.value:.0f}", "57"),
    ("{whole != part}|{'wow!'}", "True|wow!"),  # '!' is the expression's, never a conversion
    ("{'a:b' if whole > part else 'c'}", "a:b"),  # a ':' splits off a spec only when one follows
    ("{pct.text[0]}", "5"),  # '[' indexes in the expression, not in a format argument
    ("{part / whole * 100:>{w}}", None),
])
def test_templates(source, expected):
    if expected is None:  # a field inside a spec is no spec: the whole is an expression, and not one
        with pytest.raises(ExpressionError, match="not a valid expression"):
            rendered(source, **SEED)
        return
    assert rendered(source, **SEED) == expected


TEMPLATE_ERRORS = [
    ("a } b", "single '}' in template (write '}}' for a brace)"),
    ("{part / whole", "'{' without its '}' in template"),
    ("{x:.1f}", "unknown name 'x'"),
    ("{part.valu}", "unknown attribute 'valu' (did you mean 'value'?)"),
    ("{[part, whole]}", "list is not allowed in a rule expression"),
]


@pytest.mark.parametrize("compile, source, message", [
    *[pytest.param(compile_expression, *case, id=f"expression:{case[0]}") for case in EXPRESSION_ERRORS],
    *[pytest.param(compile_template, *case, id=f"template:{case[0]}") for case in TEMPLATE_ERRORS],
])
def test_load_time_errors(compile, source, message):
    with pytest.raises(ExpressionError) as exc:
        compile(source, NAMES)
    assert str(exc.value).startswith(message)


@pytest.mark.parametrize("source, expected", [
    ("{part / whole * 100:.1f}", "53,8"),  # a fix in the text's own format
    ("{part / whole * 100}", "53,846"),
    ("{big:,.2f}", "1.234.567,89"),
    ("{pct}", "56,8%"),  # a field as written is left as written
    ("{part}/{whole}", "7/13"),
])
def test_render_in_vietnamese_number_format(source, expected):
    assert rendered(source, ",", ".", big=Num(1234567.891), **SEED) == expected


def test_render_a_formatted_field_in_vietnamese_number_format():
    assert rendered("{pct:.1f}", ",", ".", **SEED) == "56,8"
