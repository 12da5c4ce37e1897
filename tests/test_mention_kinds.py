"""Mention kinds are declared once: a kind's piece of the scanner, its reader and what rules
may read from it live in one declaration (extracting/kinds/). A kind declared here, in
the test only, is scanned, shown by explain, offered to patterns and checked in rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

import pytest

from factcheck.checking.analysis import Analysis
from factcheck.checking.expressions import Evaluator, ExpressionError, FieldType, compile_expression
from factcheck.checking.values import FieldValue, Undetermined
from factcheck.extracting.kinds import KINDS, MENTION_KINDS, PART_KINDS, SHIPPED, Alternative, Attribute, MentionKind, Scan
from factcheck.extracting.mentions import Scanner
from factcheck.extracting.patterns import compile_pattern
from factcheck.extracting.sentences import encode
from factcheck.extracting.value_types import Mention, Value
from factcheck.loading.catalog import ConfigError, default_catalog, load_catalog
from factcheck.reading.documents import Document
from factcheck.reports.explain import as_dict

CATALOG = default_catalog()
DATELINE = "Thứ Tư, 05/08/2020, 08:11 [GMT+7]"


# --- a clock time: one declaration ---------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ClockTime(Value):
    hour: int
    minute: int

    def plain(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


def _clock_alternatives(lex: object) -> list[Alternative]:
    return [Alternative("digit", r"(?<![\w.,/])(?P<clock_h>[01]?\d|2[0-3])[:h](?P<clock_m>[0-5]\d)(?![\d:])",
                        _read_clock)]


def _read_clock(scan: Scan, m: re.Match[str]) -> Mention:
    return Mention("clock", m.start(), m.end(), m.group(), ClockTime(int(m.group("clock_h")), int(m.group("clock_m"))))


CLOCK = MentionKind(
    name="clock", order=45,  # before the look-alikes, which skip clock times ("08:11")
    doc="A time of day: 08:11, 10h30.", value_doc="HH:MM",
    alternatives=_clock_alternatives,
    attributes={"hour": Attribute("the hour (8)", attrgetter("value.hour")),
                "minute": Attribute("the minute (11)", attrgetter("value.minute"))},
)


@pytest.fixture(scope="module")
def with_clock() -> Scanner:
    return Scanner(CATALOG.languages["vi"].lexicon, (*SHIPPED, CLOCK))


def test_a_kind_declared_once_is_scanned(with_clock):
    assert [(m.kind, m.text) for m in CATALOG.languages["vi"].scanner.scan(DATELINE)] == [
        ("weekday", "Thứ Tư"), ("date", "05/08/2020")]  # shipped: a clock time is a look-alike
    found = with_clock.scan(DATELINE)
    assert [(m.kind, m.text) for m in found] == [("weekday", "Thứ Tư"), ("date", "05/08/2020"), ("clock", "08:11")]
    clock = found[2]
    assert clock.value == ClockTime(8, 11) and DATELINE[clock.start : clock.end] == "08:11"
    assert [(m.kind, m.text) for m in with_clock.scan("lúc 10h30 sáng nay")] == [("clock", "10h30")]


def test_a_declared_kind_is_shown_offered_to_patterns_and_read_by_rules(with_clock):
    found = with_clock.scan(DATELINE)
    clock = found[2]
    explained = as_dict(Analysis(Document("<t>", DATELINE, "vi"), found, []))["mentions"][2]
    assert explained == {"kind": "clock", "text": "08:11", "start": 20, "end": 25, "value": "08:11",
                         "parts": None, "precision": None, "hedge": None}
    assert "clock#2" in encode(DATELINE, with_clock.scan(DATELINE), frozenset())
    pattern = compile_pattern("p", "k", "{day:weekday} , {date:date} , {t:clock}", {}, (*MENTION_KINDS, "clock"))
    assert [c.kinds for c in pattern.captures] == [("weekday",), ("date",), ("clock",)]
    kinds = with_clock.kinds
    fields = {"t": FieldType(frozenset({"clock"}))}
    check = compile_expression("t.hour < 12 and t.minute == 11", {"t"}, fields, kinds)
    assert Evaluator({}, {"t": FieldValue(clock, kinds=kinds)}).run(check) is True
    with pytest.raises(ExpressionError, match="t is a clock: it has no attribute 'year'"):
        compile_expression("t.year", {"t"}, fields, kinds)
    with pytest.raises(ExpressionError, match=r"unknown attribute 'hours' \(did you mean 'hour'\?\)"):
        compile_expression("t.hours", {"t"}, fields, kinds)


# --- the shipped declarations -----------------------------------------------------------------------------

def test_the_shipped_kinds_and_their_parts():
    assert MENTION_KINDS == ("number", "percent", "fraction", "money", "quantity", "date", "weekday", "year",
                             "year_range", "duration", "figure", "fact")
    assert dict(PART_KINDS) == {"fraction": {"part": "number", "whole": "number"},
                                "year_range": {"first": "year", "last": "year"}}
    for kind in SHIPPED:
        assert kind.doc and kind.value_doc
        for name, attribute in kind.attributes.items():
            assert attribute.doc, f"{kind.name}.{name}"
            assert attribute.part is None or attribute.part in KINDS


@pytest.mark.parametrize("kind, offers, lacks", [
    ("number", {"hedge", "precision", "scale"}, {"unit", "year", "part"}),
    ("percent", {"hedge", "precision", "unit"}, {"year", "scale"}),
    ("money", {"hedge", "precision", "unit", "scale"}, {"year", "unit_text"}),
    ("quantity", {"unit", "unit_text"}, {"year"}),
    ("fraction", {"part", "whole", "hedge"}, {"precision", "unit", "year"}),
    ("date", {"year", "month", "day", "year_assumed"}, {"hedge", "unit", "precision"}),
    ("weekday", {"name"}, {"year", "unit"}),
    ("year", {"year"}, {"first", "hedge"}),
    ("year_range", {"first", "last"}, {"year"}),
    ("duration", {"unit", "hedge", "precision"}, {"year"}),
])
def test_each_kind_declares_what_rules_may_read(kind, offers, lacks):
    offered = set(KINDS[kind].offers())
    assert offers | {"value", "text", "phrase", "start", "end", "kind"} <= offered
    assert not lacks & offered


def test_reading_an_attribute_its_value_lacks_is_undetermined():
    (fraction,) = CATALOG.languages["vi"].scanner.scan("kết nạp được 7/13 đảng viên")
    field = FieldValue(fraction)
    assert (field.part.text, field.whole.value) == ("7", 13)
    with pytest.raises(Undetermined, match="a fraction has no unit"):
        _ = field.unit


def test_a_rule_reading_what_its_fields_kind_lacks_is_an_error_at_load(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "u" / "checks").mkdir(parents=True)
    (tmp_path / "u" / "checks" / "a.yaml").write_text(
        "id: my-rule\ntitle: T\napplies_to: fraction_percent\nassert: agrees(part / whole * 100, pct)\n"
        "message: \"{pct.text} in {pct.year}\"\ntests:\n  pass: [{lang: vi, text: a}]\n  fail: [{lang: vi, text: b}]\n",
        encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_catalog(["u"])
    assert [str(e) for e in exc.value.errors] == [
        "u/checks/a.yaml:5:1: message: pct is a percent: it has no attribute 'year' "
        "(a percent offers end, hedge, kind, phrase, precision, start, text, unit, value)"]
