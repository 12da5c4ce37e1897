"""Inline suppressions: a comment silences a rule on the next claim, within its paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import factcheck
from factcheck.checking.suppressions import find_suppressions
from factcheck.loading.catalog import default_catalog

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch."  # ratio-percent
WRONG_2 = "Phường kết nạp được 12/13 đảng viên, đạt 95,3% kế hoạch."  # ratio-percent, a different claim
WEEKDAY = "Chủ tịch huyện tiếp công dân vào Thứ Năm, 05/08/2020."  # weekday-date


@pytest.fixture
def check(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``check("a.md", text, *flags)``: the CLI's JSON report (and result) for one file."""
    default_catalog()  # cached with rule paths relative to where it loads: load it from the root, as other tests expect
    monkeypatch.chdir(tmp_path)

    def run(name: str, text: str, *flags: str):
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = cli("run", name, "-f", "json", *flags)
        return [(f["rule"], f["spans"][0]["text"]) for f in json.loads(result.stdout)["findings"]], result

    return run


def test_a_markdown_comment_silences_the_next_claim_only(check):
    text = f"# Báo cáo\n\n<!-- factcheck: ignore ratio-percent -->\n{WRONG}\n{WRONG_2}\n\n{WRONG}\n"
    found, result = check("a.md", text)
    assert found == [("ratio-percent", "12/13"), ("ratio-percent", "7/13")]
    assert json.loads(result.stdout)["findings"][1]["spans"][0]["line"] == 7  # the later paragraph's claim
    assert result.stderr == ""


def test_when_every_finding_is_silenced_the_run_passes(cli, check):
    found, result = check("a.md", f"{WRONG} <!-- factcheck: ignore ratio-percent --> {WRONG_2}\n")
    assert (found, result.exit_code) == ([("ratio-percent", "7/13")], 1)  # a comment looks forward, not back
    found, result = check("a.md", f"<!-- factcheck: ignore ratio-percent -->\n{WRONG}\n")
    assert (found, result.exit_code) == ([], 0)
    assert cli("run", "a.md").stdout == "No problems found in 1 file.\n"


def test_the_plain_text_form_on_its_own_line_or_ending_one(check):
    found, _ = check("a.txt", f"[factcheck: ignore ratio-percent]\n{WRONG}\n")
    assert found == []
    found, _ = check("a.txt", f"Báo cáo sáu tháng. [factcheck: ignore ratio-percent]\n{WRONG}\n")
    assert found == []
    # in the middle of a line it is prose, not a suppression
    found, _ = check("a.txt", f"Báo cáo [factcheck: ignore ratio-percent] sáu tháng.\n{WRONG}\n")
    assert found == [("ratio-percent", "7/13")]


def test_a_blank_line_ends_what_a_comment_covers(check):
    found, _ = check("a.md", f"<!-- factcheck: ignore ratio-percent -->\n\n{WRONG}\n")
    assert found == [("ratio-percent", "7/13")]
    found, _ = check("a.txt", f"[factcheck: ignore ratio-percent]\r\n  \r\n{WRONG}\r\n")
    assert found == [("ratio-percent", "7/13")]


def test_several_ids_comma_separated_and_other_rules_untouched(check):
    text = f"<!-- factcheck: ignore ratio-percent, weekday-date -->\n{WRONG} {WEEKDAY} {WRONG_2}\n"
    found, _ = check("a.md", text)
    assert found == [("ratio-percent", "12/13")]  # one claim per rule named
    found, _ = check("a.md", f"<!-- factcheck: ignore weekday-date -->\n{WRONG} {WEEKDAY}\n")
    assert found == [("ratio-percent", "7/13")]


def test_ignore_alone_silences_every_rule_on_the_next_claim(check):
    found, _ = check("a.md", f"<!-- factcheck: ignore -->\n{WRONG} {WRONG_2}\n")
    assert found == [("ratio-percent", "12/13")]
    found, _ = check("a.txt", f"[factcheck: ignore]\n{WEEKDAY} {WRONG}\n")
    assert found == [("ratio-percent", "7/13")]


def test_html_comments_work_in_html_files(check):
    found, _ = check("a.html", f"<html><body><!-- factcheck: ignore ratio-percent -->\n<p>{WRONG}</p>\n"
                               f"<p>{WRONG_2}</p></body></html>\n")
    assert found == [("ratio-percent", "12/13")]


def test_an_unknown_rule_is_a_warning_on_stderr_and_not_a_failure(check):
    found, result = check("a.md", f"Báo cáo.\n\n<!-- factcheck: ignore ratio-percnt -->\n{WRONG}\n")
    assert (found, result.exit_code) == ([("ratio-percent", "7/13")], 1)
    assert result.stderr == ("a.md:3: warning: the suppression names 'ratio-percnt', which is not a rule "
                             "(did you mean 'ratio-percent'?); it silences nothing\n")


@pytest.mark.parametrize("name, comment, why", [
    ("a.md", "<!-- factcheck: ignore ratio-percent weekday-date -->", "expected 'factcheck: ignore' and rule ids "
                                                                      "separated by commas"),
    ("a.md", "<!-- factcheck: disable ratio-percent -->", "expected 'factcheck: ignore' and rule ids separated by commas"),
    ("a.txt", "[factcheck: ignore ratio-percent weekday-date]", "expected 'factcheck: ignore' and rule ids "
                                                                "separated by commas"),
    ("a.txt", "[FactCheck: skip]", "expected 'factcheck: ignore' and rule ids separated by commas"),
    ("a.txt", "Báo cáo [factcheck: ignore ratio-percent] sáu tháng.", "in plain text it must end its line"),
])
def test_a_malformed_comment_silences_nothing_and_says_so_with_its_line(check, name, comment, why):
    found, result = check(name, f"# Báo cáo\n\n{comment}\n{WRONG}\n")
    assert (found, result.exit_code) == ([("ratio-percent", "7/13")], 1)
    written = comment[comment.index("<!--") if "<!--" in comment else comment.index("["):]
    written = written[:written.index("-->") + 3] if "-->" in written else written[:written.index("]") + 1]
    assert result.stderr == f"{name}:3: warning: the suppression comment {written!r} is not understood ({why}); " \
                            "it silences nothing\n"


def test_a_rule_left_out_of_the_run_is_no_unknown_rule(check):
    found, result = check("a.md", f"<!-- factcheck: ignore weekday-date -->\n{WRONG}\n", "--only", "ratio-percent")
    assert (found, result.stderr) == ([("ratio-percent", "7/13")], "")


def test_the_library_applies_suppressions_too(tmp_path):
    (tmp_path / "a.md").write_text(f"<!-- factcheck: ignore ratio-percent -->\n{WRONG}\n{WRONG_2}\n", encoding="utf-8")
    report = factcheck.check_paths([str(tmp_path / "a.md")])
    assert [f.spans[0].text for f in report.findings] == ["12/13"]
    assert [f.spans[0].text for f in factcheck.check(f"[factcheck: ignore]\n{WRONG}\n{WRONG_2}")] == ["12/13"]
    assert report.notes == []


def test_comments_are_found_with_their_ids_and_reach():
    text = "<!-- FactCheck: ignore a,b -->\nx\n\ny [factcheck: ignore]"
    assert [(s.start, s.end, s.names) for s in find_suppressions(text)] == [(0, 32, ("a", "b")), (36, 55, ())]


@pytest.mark.parametrize("fence, name", [("markdown", "a.md"), ("text", "a.txt")])
def test_the_examples_in_docs_ci_silence_a_real_finding(check, root, fence, name):
    """docs/ci.md's examples: each silences a finding that is there without its comment."""
    guide = (root / "docs" / "ci.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Suppressions"):]
    example = section[section.index(f"```{fence}\n") + len(fence) + 4 : section.index("```", section.index(f"```{fence}\n") + 3)]
    comment, claim = example.rstrip("\n").split("\n")
    assert "factcheck: ignore ratio-percent" in comment
    assert check(name, example)[0] == []
    assert check(name, claim + "\n")[0] == [("ratio-percent", "7 of 13" if fence == "markdown" else "7/13")]
