"""The CI formats end to end through the CLI: SARIF (validated against the OASIS schema), JUnit XML,
GitHub annotations and a Markdown comment. The seeds' outputs are pinned by reviewed golden files in
reports/; a folder with a CRLF file, a missing file and a binary file checks lines, columns, unreadable
inputs and exit codes.

Regenerate the golden files after a deliberate change with
    FACTCHECK_UPDATE_GOLDEN=1 pytest tests/test_ci_formats.py
and read ``git diff reports/`` as a reviewer would.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from factcheck import Finding, Fix, ReadError, Report, Span
from factcheck.reports import FORMATS, render

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
GOLDEN = {"sarif": "seeds.sarif", "junit": "seeds.junit.xml", "github": "seeds.github.txt",
          "markdown": "seeds.md"}

#: The seed's error on line 3 of a CRLF file: the CRs count as code points in offsets, not in columns.
CRLF_TEXT = "Báo cáo năm 2020\r\n\r\nNăm 2020, xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\r\n"
FRACTION_AT = CRLF_TEXT.index("7/13")  # 46: 18 + 2 characters of the lines above, 26 on its own
MISSING, BINARY = "missing.txt", "binary.txt"
UNREADABLE = {MISSING: "no such file", BINARY: "binary file (contains NUL bytes), not text"}


def validate_sarif(text: str) -> dict:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)  # draft-04, as the schema says
    validator.check_schema(schema)
    log = json.loads(text)
    validator(schema).validate(log)
    return log


def mask_sarif(text: str) -> str:
    """The SARIF log with the tool's version masked (DESIGN.md: golden files mask it)."""
    log = json.loads(text)
    log["runs"][0]["tool"]["driver"]["version"] = "<masked>"
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


@pytest.fixture
def mixed(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A folder (the working directory) with a CRLF file; arguments for it, a missing file and a binary one."""
    (tmp_path / "crlf.txt").write_bytes(CRLF_TEXT.encode("utf-8"))
    (tmp_path / BINARY).write_bytes(b"PK\x03\x04\x00\x00binary\x00")
    monkeypatch.chdir(tmp_path)
    return ["crlf.txt", MISSING, BINARY]


def test_the_ci_formats_are_registered():
    assert {"sarif", "junit", "github", "markdown"} <= set(FORMATS)


# --- the seeds: golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(GOLDEN))
def test_seeds_match_the_golden_files(cli, golden, fmt):
    result = cli("run", "seeds/", "--format", fmt)
    assert result.exit_code == 1
    golden(GOLDEN[fmt], mask_sarif(result.stdout) if fmt == "sarif" else result.stdout)


@pytest.mark.parametrize("fmt", list(GOLDEN))
def test_fail_on_never_exits_0_with_the_same_report(cli, fmt):
    assert cli("run", "seeds/", "--format", fmt, "--fail-on", "never").exit_code == 0


def test_seeds_sarif_is_valid_and_describes_its_rules(cli):
    log = validate_sarif(cli("run", "seeds/", "--format", "sarif").stdout)
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["figure-matches-record", "ratio-percent", "sum-of-parts", "weekday-date"]
    ratio = rules[1]
    # the rule as its first finding's reader reads it: the seed article is Vietnamese
    assert ratio["shortDescription"]["text"] == "Phân số khớp với tỷ lệ phần trăm nêu kèm"
    assert ratio["fullDescription"]["text"].startswith("When a text gives a fraction and the percentage it makes")
    assert ratio["help"]["text"].startswith("Tính lại tỷ lệ phần trăm, hoặc sửa lại phân số.\n\n")
    assert ratio["defaultConfiguration"] == {"level": "error"}
    results = run["results"]
    assert [(r["ruleId"], rules[r["ruleIndex"]]["id"]) for r in results] == [
        ("ratio-percent", "ratio-percent"), ("ratio-percent", "ratio-percent"),
        ("figure-matches-record", "figure-matches-record"), ("sum-of-parts", "sum-of-parts"),
        ("weekday-date", "weekday-date")]
    seed = results[0]
    assert seed["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "seeds/binh-lieu-2020-08-05.txt", "uriBaseId": "%SRCROOT%"}
    # the figures of DESIGN.md's JSON example
    assert seed["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 23, "startColumn": 571, "endLine": 23, "endColumn": 575, "charOffset": 3662, "charLength": 4,
        "snippet": {"text": "7/13"}}
    [related] = seed["relatedLocations"]
    assert related["message"]["text"] == "stated percentage"
    assert related["physicalLocation"]["region"]["charOffset"] == 3691
    # four parts, four spans: the total and three related parts
    assert [r["message"]["text"] for r in results[3]["relatedLocations"]] == ["part", "part", "part"]
    # a figure checked against the record: one span, the record named in the message
    record = results[2]
    assert "relatedLocations" not in record and record["locations"][0]["physicalLocation"]["region"]["snippet"] == {
        "text": "2.430"}
    assert record["message"]["text"].endswith("ghi 2.340 cho 2020 (nguồn: https://example.org/binh-lieu/2020)")


# --- a CRLF file, a missing file and a binary file --------------------------------------------------------


def test_sarif_for_unreadable_inputs_and_a_crlf_file(cli, mixed):
    result = cli("run", *mixed, "--format", "sarif")
    assert result.exit_code == 2
    [run] = validate_sarif(result.stdout)["runs"]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [
        ("error", f"{path}: {message}") for path, message in UNREADABLE.items()]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == MISSING
    [finding] = run["results"]
    region = finding["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 27, 3, 31)
    assert (region["charOffset"], region["charLength"]) == (FRACTION_AT, 4)
    # the fix replaces the number, and keeps the per cent sign
    [fix] = finding["fixes"]
    [change] = fix["artifactChanges"]
    [replacement] = change["replacements"]
    deleted, inserted = replacement["deletedRegion"], replacement["insertedContent"]["text"]
    start, end = deleted["charOffset"], deleted["charOffset"] + deleted["charLength"]
    assert CRLF_TEXT[start:end] == "56,8" and inserted == "53,8"
    assert "đạt 53,8% kế hoạch" in CRLF_TEXT[:start] + inserted + CRLF_TEXT[end:]


def test_sarif_fingerprints_survive_edits_above_the_claim(cli, tmp_path):
    (tmp_path / "a.txt").write_bytes(CRLF_TEXT.encode())
    (tmp_path / "b.txt").write_bytes(("Một dòng mới ở trên.\r\n" * 5 + CRLF_TEXT + CRLF_TEXT).encode())
    results = json.loads(cli("run", str(tmp_path), "--format", "sarif").stdout)["runs"][0]["results"]
    prints = [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
               r["partialFingerprints"]["factcheckClaimHash/v1"]) for r in results]
    # an absolute path is a file URI, with no base
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": (tmp_path / "a.txt").as_uri()}
    (line_a, one), (line_b, also_one), (line_b2, second) = prints
    assert (line_a, line_b, line_b2) == (3, 8, 11)
    assert one == also_one  # moved down five lines, same alert
    assert second.split(":")[0] == one.split(":")[0] and second.endswith(":2")  # the same claim again


def test_junit_for_unreadable_inputs_and_a_crlf_file(cli, mixed):
    result = cli("run", *mixed, "--format", "junit")
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == ("testsuites", "3", "1", "2")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert sorted(suites) == sorted(mixed)
    crlf = suites["crlf.txt"]
    assert (crlf.get("tests"), crlf.get("failures"), crlf.get("errors")) == ("1", "1", "0")
    [case] = crlf.iter("testcase")
    assert (case.get("name"), case.get("classname")) == ("ratio-percent", "crlf.txt")
    [failure] = case.iter("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "7/13 = 53,8%, nhưng bài viết ghi 56,8%"
    assert failure.text.splitlines() == ["crlf.txt:3:27: error: 7/13 = 53,8%, nhưng bài viết ghi 56,8%"]
    assert_junit_counts(root)
    for path, message in UNREADABLE.items():
        [error] = suites[path].iter("error")
        assert (error.get("message"), error.get("type")) == (message, "unreadable")
        assert suites[path].get("errors") == "1"


def test_junit_for_the_seeds_counts_the_clean_file(cli):
    root = ET.fromstring(cli("run", "seeds/", "--format", "junit").stdout)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "5", "0")
    assert_junit_counts(root)
    assert sum(int(s.get("tests")) for s in root.iter("testsuite")) == 6
    cases = [(c.get("classname"), c.get("name"), c.find("failure") is None) for c in root.iter("testcase")]
    assert ("seeds/vi-dang-bo-xa.txt", "sum-of-parts", False) in cases
    assert ("seeds/en-school-census.txt", "all rules", True) in cases  # the clean file, by name
    assert not any(s.get("name") == "files without findings" for s in root.iter("testsuite"))


def assert_junit_counts(root: ET.Element) -> None:
    """Every ``tests``, ``failures`` and ``errors`` counts test cases; a test case has at most one failure."""
    for element in [root, *root.iter("testsuite")]:
        cases = list(element.iter("testcase"))
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
        assert element.get("errors") == str(sum(1 for c in cases if c.find("error") is not None))
    for case in root.iter("testcase"):
        assert len(case.findall("failure")) <= 1


#: Two ratio-percent errors (lines 1 and 3) and a parts-within-total one (line 5) in one file.
TWO_RATIOS = ("Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n\n"
              "Năm sau, xã kết nạp được 3/8 đảng viên mới, đạt 40,5% kế hoạch.\n\n"
              "Toàn xã có 32 đảng viên, trong đó có 18 nam, 9 nữ và 6 người dân tộc.\n")


def test_junit_gives_one_failure_per_file_and_rule_listing_every_finding(cli, tmp_path, monkeypatch):
    (tmp_path / "two.txt").write_text(TWO_RATIOS, encoding="utf-8")
    (tmp_path / "one.txt").write_text("Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("run", "two.txt", "one.txt", "--format", "junit")
    findings = json.loads(cli("run", "two.txt", "one.txt", "--format", "json").stdout)["findings"]
    assert sorted((f["path"], f["rule"]) for f in findings) == [
        ("one.txt", "ratio-percent"), ("two.txt", "parts-within-total"),
        ("two.txt", "ratio-percent"), ("two.txt", "ratio-percent")]
    root = ET.fromstring(result.stdout)
    assert_junit_counts(root)
    # four findings, three failing test cases: the counts are test cases
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "3", "0")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert (suites["two.txt"].get("tests"), suites["two.txt"].get("failures")) == ("2", "2")
    assert [c.get("name") for c in suites["two.txt"].iter("testcase")] == ["parts-within-total", "ratio-percent"]
    case = suites["two.txt"].find("testcase[@name='ratio-percent']")
    assert (case.get("name"), case.get("classname")) == ("ratio-percent", "two.txt")
    [failure] = case.findall("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "7/13 = 53,8%, nhưng bài viết ghi 56,8% (and 1 more)"
    assert failure.text.splitlines() == [
        "two.txt:1:17: error: 7/13 = 53,8%, nhưng bài viết ghi 56,8%",
        "two.txt:3:26: error: 3/8 = 37,5%, nhưng bài viết ghi 40,5%"]
    [failure] = suites["one.txt"].iter("failure")
    assert failure.get("message") == "7/13 = 53,8%, nhưng bài viết ghi 56,8%"  # no "(and 0 more)"
    assert result.stdout == cli("run", "two.txt", "one.txt", "--format", "junit").stdout  # deterministic


def test_junit_failure_from_a_report_built_by_hand():
    text = "a\nbb 7/13\nccc 56,8%\n"
    spans = [Span(5, 9, "7/13", "fraction"), Span(14, 19, "56,8%", "stated percentage")]
    findings = [Finding("r", "warning", "second", "d.txt", [spans[1]]),
                Finding("r", "error", "first\non two lines", "d.txt", [spans[0]]),
                Finding("r", "info", "no place", "d.txt", []),
                Finding("q", "info", "another rule", "d.txt", [spans[0]])]
    root = ET.fromstring(render(Report(findings, files=1, texts={"d.txt": text}, paths=["d.txt"]), "junit"))
    assert_junit_counts(root)
    assert (root.get("tests"), root.get("failures")) == ("2", "2")  # an info finding fails its case too
    cases = {c.get("name"): c for c in root.iter("testcase")}
    [failure] = cases["r"].findall("failure")
    assert failure.get("type") == "error"  # the most severe of the case's findings
    assert failure.get("message") == "no place (and 2 more)"  # in the order of the text
    assert failure.text.splitlines() == [
        "d.txt: info: no place",
        "d.txt:2:4: error: first on two lines",
        "d.txt:3:5: warning: second"]
    [failure] = cases["q"].findall("failure")
    assert (failure.get("type"), failure.text) == ("info", "d.txt:2:4: info: another rule")


def test_junit_counts_clean_files_together_when_a_report_does_not_name_them():
    report = Report([], files=3)  # built by hand: counted, not listed
    root = ET.fromstring(render(report, "junit"))
    [suite] = root.iter("testsuite")
    assert (suite.get("name"), suite.find("testcase/system-out").text) == (
        "files without findings", "3 files checked without findings")


def test_github_annotations_for_unreadable_inputs_and_a_crlf_file(cli, mixed):
    result = cli("run", *mixed, "--format", "github")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        # endColumn is inclusive for GitHub: "7/13" is columns 27 to 30
        "::error file=crlf.txt,line=3,col=27,endLine=3,endColumn=30,title=ratio-percent::"
        "7/13 = 53,8%25, nhưng bài viết ghi 56,8%25",
        "::error file=missing.txt::no such file",
        "::error file=binary.txt::binary file (contains NUL bytes), not text",
    ]


def test_github_escapes_data_and_properties(cli, tmp_path, monkeypatch):
    name = "notes, v2: 100%.txt"
    (tmp_path / name).write_text("Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [line] = cli("run", name, "--format", "github").stdout.splitlines()
    assert line.startswith("::error file=notes%2C v2%3A 100%25.txt,line=1,col=17,")
    sarif = json.loads(cli("run", name, "--format", "sarif").stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "notes%2C%20v2%3A%20100%25.txt"

    report = Report([Finding("a-rule", "info", "50% of\r\nit: a, b", "a,b:c.txt", [Span(0, 1, "x", "x")])],
                    files=1, texts={"a,b:c.txt": "x\n"})
    assert render(report, "github") == (
        "::notice file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=1,title=a-rule::50%25 of%0D%0Ait: a, b\n")


def test_markdown_for_unreadable_inputs_and_a_crlf_file(cli, mixed):
    result = cli("run", *mixed, "--format", "markdown")
    assert result.exit_code == 2
    assert "\r" not in result.stdout
    assert result.stdout == """\
### factcheck: 1 error in 1 file

| Severity | Rule | Where | Message |
| --- | --- | --- | --- |
| error | `ratio-percent` | `crlf.txt:3:27` | 7/13 = 53,8%, nhưng bài viết ghi 56,8% |

**error[ratio-percent]** `crlf.txt:3:27`

> Năm 2020, xã kết nạp được **7/13** đảng viên mới, đạt **56,8%** kế hoạch.

Help: Tính lại tỷ lệ phần trăm, hoặc sửa lại phân số.

2 inputs could not be read:

- `missing.txt`: no such file
- `binary.txt`: binary file (contains NUL bytes), not text
"""


def test_markdown_all_clear(cli):
    result = cli("run", "seeds/en-school-census.txt", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == "### factcheck: all clear\n\nNo problems found in 1 file.\n"


def test_markdown_cuts_a_long_line_around_the_spans_and_escapes_the_prose():
    filler = "một * hai | ba <b> bốn _năm_ " * 12
    text = filler + "xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch " + filler + "\n"
    spans = [Span(text.index(t), text.index(t) + len(t), t, label) for t, label in
             [("7/13", "fraction"), ("56,8%", "stated percentage")]]
    fix = Fix(1, "53,8", spans[1].start, spans[1].start + 4)
    report = Report([Finding("ratio-percent", "error", "a | b", "doc.txt", spans, fix=fix)], files=1, texts={"doc.txt": text})
    lines = render(report, "markdown").splitlines()
    assert lines[4] == f"| error | `ratio-percent` | `doc.txt:1:{spans[0].start + 1}` | a \\| b |"
    [quote] = [line for line in lines if line.startswith("> ")]
    assert quote.startswith("> …") and quote.endswith("…")
    assert "**7/13** đảng viên mới, đạt **56,8%** kế hoạch" in quote
    assert "một \\* hai \\| ba \\<b\\> bốn \\_năm\\_" in quote
    unescaped = quote[3:-1].replace("\\", "").replace("**", "")
    assert 150 <= len(unescaped) <= 200 and unescaped in text  # whole words, about 200 characters


# --- several outputs in one run, and the XML's hygiene ----------------------------------------------------


def test_sarif_and_junit_outputs_in_one_run(cli, tmp_path):
    sarif, junit = tmp_path / "out" / "factcheck.sarif", tmp_path / "out" / "junit.xml"
    result = cli("run", "seeds/", "--format", "github",
                 "--output", f"sarif={sarif}", "--output", f"junit={junit}")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=seeds/binh-lieu-2020-08-05.txt,line=23,col=571,")
    assert len(validate_sarif(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]) == 5
    assert ET.fromstring(junit.read_text(encoding="utf-8")).get("failures") == "5"


def test_junit_is_well_formed_whatever_the_text_holds():
    text = "Trang 2\x0c7/13 <a & b> \"56,8%\"\n"
    finding = Finding("ratio-percent", "error", "7/13 \x0c<&>", "a\x01.txt",
                      [Span(8, 12, "7/13", "fraction"), Span(22, 27, "56,8%", "stated percentage")])
    report = Report([finding], errors=[ReadError("b.txt", "no such file")], files=1, texts={"a\x01.txt": text})
    root = ET.fromstring(render(report, "junit"))
    [failure] = root.iter("failure")
    assert failure.get("message") == "7/13 \ufffd<&>"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "1")


# --- CI traps ------------------------------------------------------------------------------------------------

USER_RULE = """\
id: big-percent
title: A percentage of a fraction is at most 100
severity: warning
applies_to: fraction_percent
assert: pct <= 100
message: "{pct.text} is more than 100%"
help: Check the percentage against the fraction.
doc: |
  A part of a whole is never more than
  the whole itself.
tests:
  pass: [{lang: vi, text: "12/13 đảng viên, đạt 92,3%"}]
  fail: [{lang: vi, text: "12/13 đảng viên, đạt 192,3%"}]
"""


def test_sarif_describes_a_user_rule_from_the_rules_the_run_used_even_from_the_cache(cli, tmp_path, monkeypatch):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "big.yaml").write_text(USER_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Xã kết nạp được 12/13 đảng viên, đạt 192,3% kế hoạch.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ("run", "a.txt", "--rules", "rules", "--only", "big-percent", "-f", "sarif", "--cache-dir", "cache")
    for _ in range(2):  # the second run reads the result from the cache, without loading the rules
        [rule] = validate_sarif(cli(*args).stdout)["runs"][0]["tool"]["driver"]["rules"]
        assert rule["id"] == "big-percent"
        assert rule["fullDescription"]["text"] == "A part of a whole is never more than the whole itself."
        assert rule["help"]["text"] == ("Check the percentage against the fraction.\n\n"
                                        "A part of a whole is never more than the whole itself.")


def test_running_on_the_current_folder_shows_paths_as_code_scanning_expects(cli, tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(CRLF_TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for arg in (".", "./", "./sub", "./sub/a.md", "./*/*.md"):
        result = cli("run", arg, "-f", "sarif", "--output", f"json={tmp_path / 'report.json'}")
        [finding] = validate_sarif(result.stdout)["runs"][0]["results"]
        assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/a.md", arg
        assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["findings"][0]["path"] == "sub/a.md"


def test_junit_fails_a_test_case_only_as_the_run_fails_by_fail_on(cli, tmp_path, monkeypatch):
    # a warning (points-not-percent) and an error (ratio-percent) in one file
    (tmp_path / "a.txt").write_text("Lãi suất tăng 0,5%, từ 6,0% lên 6,5%.\n"
                                    "Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rules = {f["rule"]: f["severity"] for f in json.loads(cli("run", "a.txt", "-f", "json").stdout)["findings"]}
    assert rules == {"points-not-percent": "warning", "ratio-percent": "error"}

    def failing(*flags: str) -> tuple[int, list[str], str | None]:
        result = cli("run", "a.txt", "-f", "junit", *flags)
        root = ET.fromstring(result.stdout)
        assert_junit_counts(root)
        cases = {c.get("name"): c for c in root.iter("testcase")}
        passed = cases["points-not-percent"].find("system-out")
        return (result.exit_code, sorted(n for n, c in cases.items() if c.find("failure") is not None),
                passed.text if passed is not None else None)

    code, failed, listed = failing()  # --fail-on error: the warning's test case passes, and lists its finding
    assert (code, failed) == (1, ["ratio-percent"])
    assert listed == ("a.txt:1:24: warning: 6,0% → 6,5% là +0,5 điểm phần trăm, hay +8,3%; bài viết ghi 0,5%, "
                      "tức là hiệu tính bằng điểm")
    assert failing("--fail-on", "warning")[:2] == (1, ["points-not-percent", "ratio-percent"])
    assert failing("--fail-on", "never")[:2] == (0, [])
