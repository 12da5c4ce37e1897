"""The labelled evaluation set (tests/eval/, scored by bench/evaluate.py).

The set must be well-formed and cover every shipped rule; on our own documents the
checks must raise no false alarm (precision over recall) and find every expected
finding not marked ``known_miss``; corpus articles (skipped without ../shared) must
raise no false alarm either. A false alarm we know of is listed in its case's
``false_alarms`` and its test is a strict xfail: when the check is fixed, the xfail
passes, fails the suite, and the case's ``false_alarms`` entry should go.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from factcheck.checking.findings import Finding, Span
from factcheck.loading.catalog import default_catalog

ROOT = Path(__file__).resolve().parents[1]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_evaluate", ROOT / "bench" / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


evaluate = _load_script()
CASES: list[dict[str, Any]] = evaluate.load_cases()
OWN = [c for c in CASES if "text" in c]
CORPUS = [c for c in CASES if "corpus" in c]
CATALOG = default_catalog()
RULES = {rule.id: rule for rule in CATALOG.rules}
CASE_KEYS = {"id", "lang", "published", "text", "corpus", "expect", "note", "false_alarms", "file"}
EXPECT_KEYS = {"rule", "spans", "known_miss", "reason"}


def _not_covered() -> set[str]:
    """Rule ids the README's "Rules not covered" section names (each with its justification)."""
    readme = (ROOT / "tests" / "eval" / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Rules not covered\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    return set(re.findall(r"`([a-z0-9-]+)`", section.group(1))) if section else set()


class KnownFalseAlarm(Exception):
    """Raised when a case's only false alarms are the ones its ``false_alarms`` lists."""


def _case_param(case: dict[str, Any]) -> Any:
    marks = []
    if case.get("false_alarms"):
        reasons = "; ".join(str(a["reason"]).strip() for a in case["false_alarms"])
        marks.append(pytest.mark.xfail(raises=KnownFalseAlarm, strict=True, reason=f"known false alarm: {reasons}"))
    return pytest.param(case, id=str(case["id"]), marks=marks)


# --- the set is well-formed --------------------------------------------------------------

def test_ids_are_unique() -> None:
    twice = [cid for cid, n in Counter(c["id"] for c in CASES).items() if n > 1]
    assert not twice, f"duplicate case ids: {twice}"


@pytest.mark.parametrize("case", CASES, ids=[str(c["id"]) for c in CASES])
def test_case_is_well_formed(case: dict[str, Any]) -> None:
    assert set(case) <= CASE_KEYS, f"unknown keys {set(case) - CASE_KEYS}"
    assert case["lang"] in CATALOG.languages
    assert ("text" in case) != ("corpus" in case), "a case has either text or corpus"
    if "published" in case:
        assert isinstance(case["published"], dt.date) or dt.date.fromisoformat(case["published"])
    assert isinstance(case.get("expect"), list), "expect is a list (empty for a clean document)"
    for want in [*case["expect"], *(case.get("false_alarms") or [])]:
        assert want["rule"] in RULES, f"{want['rule']!r} is not a shipped rule"
        assert want["spans"] and all(isinstance(s, str) and s for s in want["spans"])
    for want in case["expect"]:
        assert set(want) <= EXPECT_KEYS, f"unknown keys {set(want) - EXPECT_KEYS}"
        if want.get("known_miss"):
            assert str(want.get("reason", "")).strip(), "a known miss says why"
    for alarm in case.get("false_alarms") or []:
        assert str(alarm.get("reason", "")).strip(), "a known false alarm says why"
    if "text" in case:  # the spans we expect are in the text
        for want in case["expect"]:
            assert all(s in case["text"] for s in want["spans"]), want


def test_size_and_balance() -> None:
    langs = Counter(c["lang"] for c in CASES)
    assert len(CASES) >= 60 and len(OWN) >= 40 and len(CORPUS) >= 20
    assert set(langs) == {"vi", "en"} and min(langs.values()) >= 0.4 * len(CASES), langs


def test_every_rule_is_exercised_in_every_language_it_has_patterns_for() -> None:
    """Each shipped rule has a caught expectation in our own documents, per language whose pack
    has a pattern for the rule's claim kind, unless the README justifies its absence."""
    caught = {(w["rule"], c["lang"]) for c in OWN for w in c["expect"] if not w.get("known_miss")}
    missing = []
    for rule in RULES.values():
        for code, lang in CATALOG.languages.items():
            applies = rule.spec.langs is None or code in rule.spec.langs
            has_pattern = any(spec.kind == rule.spec.applies_to for spec, _ in lang.pattern_specs)
            if applies and has_pattern and (rule.id, code) not in caught and rule.id not in _not_covered():
                missing.append(f"{rule.id} ({code})")
    assert not missing, f"no expectation for {missing}; add a case or justify it in tests/eval/README.md"


# --- the checks on the set ---------------------------------------------------------------

def _assert_outcome(case: dict[str, Any], outcome: Any) -> None:
    """No false alarm but the known ones (which raise KnownFalseAlarm), no miss but the known ones."""
    known = {evaluate.key(a["rule"], a["spans"]) for a in case.get("false_alarms") or []}
    listed = [f for f in outcome.fp if evaluate.key(f.rule, evaluate.spans_of(f)) in known]
    false_alarms = [f"[{f.rule}] {f.message} {evaluate.spans_of(f)}" for f in outcome.fp if f not in listed]
    assert not false_alarms, f"false alarms in {case['id']}: {false_alarms}"
    missed = [w for w in outcome.fn if not w.get("known_miss")]
    assert not missed, f"expected findings not found in {case['id']}: {missed}"
    if listed:
        raise KnownFalseAlarm(f"{case['id']}: {[f.message for f in listed]}")


@pytest.mark.parametrize("case", [_case_param(c) for c in OWN])
def test_own_document(case: dict[str, Any]) -> None:
    _assert_outcome(case, evaluate.evaluate(case, None))


@pytest.fixture(scope="module")
def articles() -> dict[str, dict[str, Any]]:
    found = evaluate.corpus_articles(evaluate.default_corpora())
    if found is None:
        pytest.skip("../shared/corpora is not available")
    return found


@pytest.mark.parametrize("case", [_case_param(c) for c in CORPUS])
def test_corpus_article(case: dict[str, Any], articles: dict[str, dict[str, Any]]) -> None:
    assert case["corpus"] in articles, f"no article {case['corpus']!r} in the corpora"
    _assert_outcome(case, evaluate.evaluate(case, articles))


# --- the script ----------------------------------------------------------------------------

def _finding(rule: str, *spans: str) -> Finding:
    return Finding(rule, "error", "m", "p", [Span(0, 1, s, "x") for s in spans])


def test_matching_is_one_to_one_on_rule_and_span_texts() -> None:
    case = {"id": "t", "expect": [{"rule": "sum-of-parts", "spans": ["25", "11", "15"]},
                                  {"rule": "sum-of-parts", "spans": ["25", "11", "15"]},
                                  {"rule": "ratio-percent", "spans": ["7/13", "56,8%"]}]}
    found = [_finding("sum-of-parts", "11", "25", "15"),  # order does not matter
             _finding("ratio-percent", "7/13", "53,8%"),  # other spans: FP, and its expectation FN
             _finding("weekday-date", "Thứ Năm", "05/08/2020")]
    outcome = evaluate.match(case, found)
    assert [w["rule"] for w in outcome.tp] == ["sum-of-parts"]
    assert [w["rule"] for w in outcome.fn] == ["sum-of-parts", "ratio-percent"]
    assert [f.rule for f in outcome.fp] == ["ratio-percent", "weekday-date"]


def test_script_prints_the_table_and_skips_missing_corpora(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--corpora", str(tmp_path), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["rule", "TP", "FP", "FN", "precision", "recall"]
    assert all(rule in out for rule in RULES) and "\ntotal " in out
    assert f"{len(OWN)} documents checked: {len(OWN)} own, 0 corpus" in out
    assert f"skipped {len(CORPUS)} corpus cases (corpora not found" in out
    assert "known miss:" in out
