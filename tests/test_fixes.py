"""A fix is an edit the engine computes: the figure inside the stated value's span, and
what to write there, in the scale and number format the text used. Renderers only print it."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import factcheck
from factcheck.loading.catalog import load_catalog
from factcheck.running.ruletests import run_all

SEED = "6 tháng đầu năm 2020, Đảng bộ huyện Bình Liêu đã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch."

#: A user folder with a check whose fix divides: "300 tỷ đồng cho 10 xã, mỗi xã 35 tỷ đồng" is 30 tỷ each.
AVERAGE = {
    "kinds.yaml": """\
kinds:
  average:
    description: A total shared out, and what each gets.
    fields:
      total: {type: money, label: total}
      count: {type: number, label: count}
      each: {type: money, label: each}
""",
    "lang/vi.yaml": """\
code: vi
patterns:
  - id: vi-average
    kind: average
    match: "{total:money} cho {count:number} {words:1-2} , mỗi {words:1-2} {each:money}"
""",
    "checks/average.yaml": """\
id: average-each
title: What each gets is the total over the count
applies_to: average
assert: agrees(total / count, each)
message: "{total.text} / {value(count)} = {total / count:.0f}, but the text says {each.text}"
fix: "{total / count:.0f}"
tests:
  pass: [{lang: vi, text: "Tỉnh chi 300 tỷ đồng cho 10 xã, mỗi xã 30 tỷ đồng."}]
  fail: [{lang: vi, text: "Tỉnh chi 300 tỷ đồng cho 10 xã, mỗi xã 35 tỷ đồng.", fix: "30"}]
""",
    # a total's fix, written with the group symbol the text used ("2 340", not "2.340")
    "checks/total.yaml": """\
id: total-fix
title: A total is the sum of its parts, with a fix
applies_to: total_parts
assert: agrees(sum(parts), total)
message: "the parts add up to {sum(parts)}"
fix: {field: total, replacement: "{sum(parts):,.0f}"}
tests:
  pass: [{lang: vi, text: "Có 2 350 đảng viên, gồm 1 200 đảng viên nam và 1 150 đảng viên nữ."}]
  fail: [{lang: vi, text: "Có 2 340 đảng viên, gồm 1 200 đảng viên nam và 1 150 đảng viên nữ.", fix: "2 350"}]
""",
}


@pytest.fixture
def user_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``user_rules({name: text})``: a catalog with the shipped rules and a user folder of these files."""
    monkeypatch.chdir(tmp_path)

    def make(files: dict[str, str]) -> factcheck.Catalog:
        for name, text in files.items():
            path = tmp_path / "u" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return load_catalog(["u"])

    return make


def apply(text: str, fix: factcheck.Fix) -> str:
    return text[: fix.start] + fix.replacement + text[fix.end :]


def test_the_seeds_fix_is_an_edit_of_the_figure_inside_its_span():
    (finding,) = factcheck.check(SEED, lang="vi")
    fix = finding.fix
    assert fix is not None and (fix.span, fix.replacement) == (1, "53,8")
    assert SEED[fix.start : fix.end] == "56,8" and finding.spans[1].start == fix.start  # the "%" stays
    assert apply(SEED, fix).endswith("đạt trên 53,8% kế hoạch.")


def test_a_fix_is_written_in_the_scale_the_text_used(user_rules):
    """"mỗi xã 35 tỷ đồng": 300 tỷ / 10 is 30 tỷ, so the fix writes 30 over the 35, not 30000000000."""
    text = "Tỉnh chi 300 tỷ đồng cho 10 xã, mỗi xã 35 tỷ đồng."
    (finding,) = [f for f in factcheck.check(text, lang="vi", rules=user_rules(AVERAGE)) if f.rule == "average-each"]
    assert finding.message == "300 tỷ đồng / 10 = 30000000000, but the text says 35 tỷ đồng"
    assert finding.fix is not None and finding.fix.replacement == "30"
    assert text[finding.fix.start : finding.fix.end] == "35"
    assert apply(text, finding.fix) == "Tỉnh chi 300 tỷ đồng cho 10 xã, mỗi xã 30 tỷ đồng."


def test_a_fix_uses_the_group_symbol_the_text_used(user_rules):
    text = "Có 2 340 đảng viên, gồm 1 200 đảng viên nam và 1 150 đảng viên nữ."
    (finding,) = [f for f in factcheck.check(text, lang="vi", rules=user_rules(AVERAGE)) if f.rule == "total-fix"]
    assert finding.fix is not None and finding.fix.replacement == "2 350"
    assert apply(text, finding.fix).startswith("Có 2 350 đảng viên")


def test_the_edit_is_at_offsets_of_the_stored_text():
    nfd = unicodedata.normalize("NFD", SEED)
    (finding,) = factcheck.check(nfd, lang="vi")
    assert finding.fix is not None and nfd[finding.fix.start : finding.fix.end] == "56,8"


def test_renderers_print_the_engines_edit(cli):
    report = json.loads(cli("run", "seeds/binh-lieu-2020-08-05.txt", "--format", "json").stdout)
    fix = report["findings"][0]["fix"]
    assert fix == {"span": 1, "replacement": "53,8", "start": 3691, "end": 3695}
    sarif = json.loads(cli("run", "seeds/binh-lieu-2020-08-05.txt", "--format", "sarif").stdout)
    [change] = sarif["runs"][0]["results"][0]["fixes"][0]["artifactChanges"]
    [replacement] = change["replacements"]
    assert replacement["deletedRegion"]["charOffset"] == 3691 and replacement["deletedRegion"]["charLength"] == 4
    assert replacement["insertedContent"]["text"] == "53,8"


def test_a_rule_case_may_state_the_fix(user_rules):
    results = {r.id: r for r in run_all(user_rules(AVERAGE))}
    assert results["average-each::fail[0]"].ok and results["total-fix::fail[0]"].ok
    assert results["ratio-percent::fail[seed]"].ok  # the shipped case states "53,8"


def test_a_rule_case_with_another_fix_fails_and_says_which(user_rules):
    wrong = {**AVERAGE, "checks/average.yaml": AVERAGE["checks/average.yaml"].replace('fix: "30"}', 'fix: "31"}')}
    result = {r.id: r for r in run_all(user_rules(wrong))}["average-each::fail[0]"]
    assert not result.ok
    assert "expected the fix '31', got:" in result.detail and "fix '30'" in result.detail
