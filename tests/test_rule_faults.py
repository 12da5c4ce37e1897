"""A rule that loads but fails on the claims it meets is never silent, and never loses a finding.

- a check that raises on a claim makes that evaluation undetermined, with the reason;
  nothing escapes from the engine, whatever the exception;
- a claim that fails is reported even when its message, fix or evidence cannot be
  written: with a message naming the rule and the values, and the problem noted;
- ``factcheck run`` warns once per faulty rule per run, with the reason, on standard
  error; ``factcheck test`` fails the rule's cases, saying why.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.checking.analysis import analyse
from factcheck.checking.functions import FUNCTIONS
from factcheck.cli.main import app
from factcheck.loading.catalog import load_catalog
from factcheck.reading.documents import Document

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch."  # 7/13 is 53.8 %
RIGHT = "Xã kết nạp được 7/13 đảng viên mới, đạt 53,8% kế hoạch."


def rule(check: str = "agrees(part / whole * 100, pct)", message: str = "{part}/{whole}", extra: str = "") -> str:
    return (f"id: my-rule\ntitle: T\napplies_to: fraction_percent\nassert: {json.dumps(check)}\n"
            f"message: {json.dumps(message)}\n{extra}"
            f"tests:\n  pass: [{{lang: vi, text: {json.dumps(RIGHT)}}}]\n"
            f"  fail: [{{lang: vi, text: {json.dumps(WRONG)}}}]\n")


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def mine(catalog, text: str):
    analysis = analyse(Document("d.txt", text, "vi"), catalog.select(only=["my-rule"]))
    return analysis, [e for e in analysis.evaluations if e.rule == "my-rule"]


# --- run: a rule at fault is a warning, once per run ------------------------------------------------

def test_a_check_that_fails_on_every_claim_is_a_warning_once_per_run(folder, tmp_path: Path):
    name = folder({"checks/a.yaml": rule(check="part + pct.text > 0")})
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RIGHT + "\n" + RIGHT, encoding="utf-8")
    result = run("run", "a.txt", "b.txt", "--rules", name, "--only", "my-rule", "--no-cache")
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 2 files.\n"
    assert result.stderr == ("u/checks/a.yaml:1: warning: rule 'my-rule': cannot evaluate: "
                             "TypeError: not a number: '56,8%' (first in a.txt)\n")


def test_explain_gives_the_reason_for_each_claim(folder):
    catalog = load_catalog([folder({"checks/a.yaml": rule(check="part + pct.text > 0")})])
    analysis, evaluations = mine(catalog, WRONG)
    assert [(e.result, e.reason, e.problem) for e in evaluations] == [
        (None, "cannot evaluate: TypeError: not a number: '56,8%'", "cannot evaluate: TypeError: not a number: '56,8%'")]
    assert analysis.warnings == ["u/checks/a.yaml:1: warning: rule 'my-rule': cannot evaluate: "
                                 "TypeError: not a number: '56,8%' (first in d.txt)"]


def test_a_value_the_claim_does_not_give_is_no_fault_of_the_rule(folder):
    # the shipped weekday rule cannot judge a date without its year, and says nothing
    analysis = analyse(Document("d.txt", "Đoàn sẽ lên đường vào thứ Ba (27/4).", "vi"), load_catalog())
    assert [(e.rule, e.result, e.problem) for e in analysis.evaluations] == [("weekday-date", None, None)]
    assert analysis.evaluations[0].reason == "cannot evaluate: '27/4' is not a full date"
    assert analysis.warnings == []


@pytest.mark.parametrize("error", [RecursionError("maximum recursion depth exceeded"), MemoryError(),
                                   OverflowError("too big"), KeyError("x"), AssertionError("pint")])
def test_no_exception_escapes_the_engine(folder, monkeypatch: pytest.MonkeyPatch, error: BaseException):
    catalog = load_catalog([folder({"checks/a.yaml": rule(check="value(part) > 0")})])

    def raises(ctx, x):
        raise error

    monkeypatch.setitem(FUNCTIONS, "value", dataclasses.replace(FUNCTIONS["value"], implementation=raises))
    _, evaluations = mine(catalog, WRONG)
    described = type(error).__name__ + (f": {error}" if str(error) else "")
    assert [(e.result, e.reason) for e in evaluations] == [(None, f"cannot evaluate: {described}")]


# --- a failing claim is always reported ---------------------------------------------------------------

def test_a_message_that_cannot_be_written_still_reports_the_finding(folder, tmp_path: Path):
    name = folder({"checks/a.yaml": rule(message="{part} of {whole} is {pct / (whole - whole):.1f}")})
    (tmp_path / "a.txt").write_text(WRONG, encoding="utf-8")
    result = run("run", "a.txt", "--rules", name, "--only", "my-rule", "--no-cache", "-f", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "my-rule"
    assert finding["message"] == ("my-rule fails on part 7, whole 13, pct trên 56,8% "
                                  "(its message cannot be written: division by zero)")
    assert [s["text"] for s in finding["spans"]] == ["7/13", "56,8%"]
    assert finding["evidence"] == {"computed": 53.846, "stated": 56.8, "hedge": "over"}
    assert result.stderr == ("u/checks/a.yaml:1: warning: rule 'my-rule': the message cannot be written: "
                             "division by zero (first in a.txt)\n")


def test_a_fix_or_evidence_that_cannot_be_computed_leaves_the_rest_of_the_finding(folder):
    extra = "fix: \"{pct / (part - part)}\"\nevidence: {ratio: part / whole, broken: part + pct.text}\n"
    catalog = load_catalog([folder({"checks/a.yaml": rule(message="{part}/{whole} is not {pct.phrase}", extra=extra)})])
    analysis, evaluations = mine(catalog, WRONG)
    (finding,) = analysis.findings
    assert (finding.message, finding.fix) == ("7/13 is not trên 56,8%", None)
    assert finding.evidence == {"computed": 53.846, "stated": 56.8, "hedge": "over", "ratio": 0.538}
    assert [(e.result, e.problem) for e in evaluations] == [
        (False, "evidence 'broken' cannot be computed: TypeError: not a number: '56,8%'; "
                "the fix cannot be written: division by zero")]


# --- factcheck test: a rule at fault fails ---------------------------------------------------------------

def test_factcheck_test_fails_a_rule_that_never_evaluates(folder):
    name = folder({"checks/a.yaml": rule(check="part + pct.text > 0")})
    result = run("test", name, "-k", "my-rule")
    assert result.exit_code == 1
    assert "my-rule::pass[0]" in result.output and "my-rule::fail[0]" in result.output
    assert result.output.count("the rule is at fault: cannot evaluate: TypeError: not a number: '53,8%'") == 1
    assert result.output.count("the rule is at fault: cannot evaluate: TypeError: not a number: '56,8%'") == 1


def test_factcheck_test_says_why_a_fail_case_found_nothing(folder):
    # dividing by a difference of zero is undetermined (no fault of a claim's values), so the
    # pass case passes; the fail case says why it found nothing
    name = folder({"checks/a.yaml": rule(check="agrees(part / (whole - whole) * 100, pct)")})
    result = run("test", name, "-k", "my-rule")
    assert result.exit_code == 1
    assert ("expected a finding, got none (1 fraction_percent claim(s) found, none failed: "
            "cannot evaluate: division by zero)") in result.output


def test_factcheck_test_says_how_far_a_pattern_got_in_its_example(folder):
    name = folder({"lang/vi.yaml": (
        "code: vi\npatterns:\n  - id: my-pattern\n    kind: fraction_percent\n"
        "    match: \"{f:fraction} {words:0-3} đạt tỷ lệ {pct:percent}\"\n"
        "    fields: {part: f.part, whole: f.whole, pct: pct}\n"
        f"    examples: [{json.dumps(WRONG)}, \"năm nay đạt tỷ lệ 56,8%\"]\n")})
    result = run("test", name, "-k", "my-pattern")
    assert result.exit_code == 1
    assert ("  it matched '{f:fraction} {words:0-3}' (on '7/13 '), but not the 'đạt' after it\n"
            "  matched instead: vi-fraction-then-percent") in result.output
    assert "  not even its first item matched" in result.output
