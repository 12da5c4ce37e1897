"""The command line: exit codes, formats, rule selection, rule files, and the helper commands."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml

from factcheck.loading.catalog import default_catalog

SEED = "seeds/binh-lieu-2020-08-05.txt"
CLEAN = "seeds/en-school-census.txt"
SEED_HEADLINE = "error[ratio-percent]: 7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"

#: A warning-level rule of our own: percentages of fractions should carry a decimal.
WARNING_RULE = """\
id: round-percent
title: A percentage of a fraction is given to one decimal
severity: warning
applies_to: fraction_percent
assert: pct.precision <= 0.1
message: "{pct.text} is rounded more coarsely than one decimal"
tests:
  pass: [{lang: vi, text: "kết nạp được 12/13 đảng viên, đạt 92,3%"}]
  fail: [{lang: vi, text: "kết nạp được 12/13 đảng viên, đạt 92%", spans: ["12/13", "92%"]}]
"""


@pytest.fixture
def write(tmp_path):
    """``write(name, text or bytes)``: a file in a temporary folder, as a string path."""

    def make(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path.as_posix()

    return make


# --- exit codes -------------------------------------------------------------------------------------------


def test_clean_file_exits_0(cli):
    result = cli("run", CLEAN)
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 1 file.\n"


def test_seed_exits_1_and_shows_the_error(cli):
    result = cli("run", SEED)
    assert result.exit_code == 1
    assert result.stdout.startswith(SEED_HEADLINE + "\n  --> seeds/binh-lieu-2020-08-05.txt:23:571\n")
    assert result.stdout.endswith("Found 1 error in 1 file.\n")
    assert result.stderr == ""


def test_missing_path_exits_2_and_the_other_files_are_still_checked(cli):
    result = cli("run", "seeds/vi-dang-bo-xa.txt", "missing.txt", "--format", "json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["errors"] == [{"path": "missing.txt", "message": "no such file"}]
    assert [(f["rule"], f["path"]) for f in report["findings"]] == [("sum-of-parts", "seeds/vi-dang-bo-xa.txt")]
    assert report["summary"] == {"files": 1, "error": 1, "warning": 0, "info": 0, "unreadable": 1}


def test_missing_path_in_the_text_report(cli):
    result = cli("run", "missing.txt", CLEAN)
    assert result.exit_code == 2
    assert result.stdout == ("error: missing.txt: no such file\n"
                             "No problems found in 1 file; 1 input could not be read.\n")


def test_binary_file_exits_2(cli, write):
    path = write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli("run", path, CLEAN)
    assert result.exit_code == 2
    assert result.stdout == (f"error: {path}: binary file (contains NUL bytes), not text\n"
                             "No problems found in 1 file; 1 input could not be read.\n")


@pytest.mark.parametrize("fail_on, error_code, warning_code", [
    ("error", 1, 0),
    ("warning", 1, 1),
    ("info", 1, 1),
    ("never", 0, 0),
])
def test_fail_on(cli, write, fail_on, error_code, warning_code):
    rule = write("round.yaml", WARNING_RULE)
    warned = write("warned.txt", "Trong năm, Đảng bộ đã kết nạp được 12/13 đảng viên mới, đạt 92% kế hoạch.\n")
    assert cli("run", "seeds/vi-dang-bo-xa.txt", "--fail-on", fail_on).exit_code == error_code
    result = cli("run", warned, "--rules", rule, "--fail-on", fail_on)
    assert result.exit_code == warning_code
    assert result.stdout.startswith("warning[round-percent]: 92% is rounded more coarsely than one decimal\n")
    assert result.stdout.endswith("Found 1 warning in 1 file.\n")


def test_fail_on_never_still_reports(cli):
    result = cli("run", SEED, "--fail-on", "never")
    assert result.exit_code == 0
    assert result.stdout.startswith(SEED_HEADLINE)


def test_published_gives_dates_without_a_year_their_year(cli, write):
    path = write("plan.txt", "Xã có 500 hộ, trong đó 120 hộ nghèo. Vào thứ Hai (27/4), đoàn của huyện sẽ đến xã.\n")
    assert cli("run", path).stdout == "No problems found in 1 file.\n"  # the year is unknown: nothing to check
    result = cli("run", path, "--published", "2021-04-25")
    assert result.exit_code == 1
    assert result.stdout.startswith("error[weekday-date]: 27/4 là Thứ Ba, nhưng bài viết ghi thứ Hai\n")


# --- formats and outputs ----------------------------------------------------------------------------------


def test_json_format_has_exactly_the_contract_keys(cli):
    result = cli("run", SEED, "seeds/vi-dang-bo-xa.txt", "missing.txt", "--format", "json")
    report = json.loads(result.stdout)
    assert list(report) == ["tool", "findings", "errors", "summary"]
    assert report["tool"] == {"name": "factcheck", "version": "0.1.0"}
    assert list(report["summary"]) == ["files", "error", "warning", "info", "unreadable"]
    assert [list(e) for e in report["errors"]] == [["path", "message"]]
    finding = report["findings"][0]
    assert list(finding) == ["rule", "severity", "message", "message_lang", "path", "spans", "evidence", "fix"]
    assert all(set(f) <= set(finding) for f in report["findings"])  # "fix" is optional
    assert {key for f in report["findings"] for s in f["spans"] for key in s} == {
        "start", "end", "line", "column", "end_line", "end_column", "text", "label"}
    assert finding == {
        "rule": "ratio-percent", "severity": "error",
        "message": "7/13 = 53,8%, nhưng bài viết ghi trên 56,8%", "message_lang": "vi",
        "path": "seeds/binh-lieu-2020-08-05.txt",
        "spans": [{"start": 3662, "end": 3666, "line": 23, "column": 571,
                   "end_line": 23, "end_column": 575, "text": "7/13", "label": "fraction"},
                  {"start": 3691, "end": 3696, "line": 23, "column": 600,
                   "end_line": 23, "end_column": 605, "text": "56,8%", "label": "stated percentage"}],
        "evidence": {"computed": 53.846, "stated": 56.8, "hedge": "over"},
        # DESIGN.md's fix, and the edit it makes: "53,8" over the stored text's 3691:3695 ("56,8" of "56,8%")
        "fix": {"span": 1, "replacement": "53,8", "start": 3691, "end": 3695},
    }


def test_output_writes_another_format_beside_stdout(cli, tmp_path):
    target = tmp_path / "out" / "report.json"
    result = cli("run", SEED, "--output", f"json={target}")
    assert result.exit_code == 1
    assert result.stdout.startswith(SEED_HEADLINE)  # stdout keeps the text report
    assert target.read_text(encoding="utf-8") == cli("run", SEED, "--format", "json").stdout


def test_an_output_that_cannot_be_written_exits_2_and_the_others_are_still_written(cli, tmp_path):
    """A folder given as a file: one line naming it, exit 2 (never 1, which a CI gate reads as findings)."""
    folder, written = tmp_path / "reports", tmp_path / "out" / "report.json"
    folder.mkdir()
    result = cli("run", SEED, "--output", f"sarif={folder}", "--output", f"json={written}")
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: cannot write {folder}: Is a directory\n"
    assert result.stdout.startswith(SEED_HEADLINE)  # the report itself is not lost
    assert json.loads(written.read_text(encoding="utf-8"))["findings"][0]["rule"] == "ratio-percent"


def test_a_baseline_that_cannot_be_written_exits_2(cli, tmp_path):
    result = cli("baseline", "create", SEED, "--output", str(tmp_path))
    assert (result.exit_code, result.stderr) == (2, f"factcheck: cannot write {tmp_path}: Is a directory\n")


FORMATS = "text, json, sarif, junit, github, markdown, html"


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], f"factcheck: --format 'xml': expected one of {FORMATS}\n"),
    (["--output", "json"], f"factcheck: --output 'json': expected FORMAT=PATH with FORMAT one of {FORMATS}\n"),
    (["--output", "xml=out.xml"],
     f"factcheck: --output 'xml=out.xml': expected FORMAT=PATH with FORMAT one of {FORMATS}\n"),
    (["--published", "5/8/2020"], "factcheck: --published: '5/8/2020' is not a date (YYYY-MM-DD)\n"),
])
def test_bad_format_or_output_exits_2_before_reading(cli, args, message):
    result = cli("run", SEED, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


# --- selecting rules and adding rule files ----------------------------------------------------------------


def test_only_and_disable_select_rules_by_id(cli, write, wrong_weekday):
    files = ["seeds/en-council-turnout.txt", "seeds/vi-dang-bo-xa.txt", write("weekday.txt", wrong_weekday)]
    every = json.loads(cli("run", *files, "--format", "json").stdout)
    # ordered by path: the temporary file's absolute path comes before "seeds/"
    assert [f["rule"] for f in every["findings"]] == ["weekday-date", "ratio-percent", "sum-of-parts"]
    only = json.loads(cli("run", *files, "--only", "weekday-date", "--format", "json").stdout)
    assert [(f["rule"], f["spans"][0]["text"]) for f in only["findings"]] == [("weekday-date", "Thứ Năm")]
    rest = json.loads(cli("run", *files, "--disable", "ratio-percent", "--format", "json").stdout)
    assert [f["rule"] for f in rest["findings"]] == ["weekday-date", "sum-of-parts"]


@pytest.mark.parametrize("option, name, suggestion", [
    ("--only", "ratio-percnt", "ratio-percent"),
    ("--disable", "weekday", "weekday-date"),
])
def test_unknown_rule_id_exits_2_with_a_suggestion(cli, option, name, suggestion):
    result = cli("run", SEED, option, name)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"error: unknown rule '{name}' (did you mean '{suggestion}'?)\n"
                             "factcheck: 1 problem in the rules; nothing was checked\n")


@pytest.mark.parametrize("line, key, text", [
    (3, "severity", "severity: eror"),
    (5, "assert", "assert: part < hole"),
])
def test_broken_rule_file_exits_2_citing_file_line_and_key_and_checks_nothing(cli, write, line, key, text):
    lines = WARNING_RULE.splitlines()
    lines[line - 1] = text
    path = write("broken.yaml", "\n".join(lines))
    result = cli("run", "--rules", path, SEED)
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing was read or checked
    first, last = result.stderr.splitlines()
    assert re.fullmatch(rf"error: {re.escape(path)}:{line}:\d+: {key}: .+", first), first
    assert last == "factcheck: 1 problem in the rules; nothing was checked"
    if key == "assert":
        assert first.endswith("unknown name 'hole' (did you mean 'whole'?)")


# --- the other commands -----------------------------------------------------------------------------------


def test_test_command_runs_the_embedded_examples(cli):
    result = cli("test")
    assert result.exit_code == 0
    assert "FAILED" not in result.stdout
    assert re.fullmatch(r"\n(\d+) passed \(\1 cases\)\n", result.stdout), result.stdout


def test_test_command_fails_on_a_wrong_example(cli, write):
    rule = write("round.yaml", WARNING_RULE.replace('92%", spans', '92,3%", spans'))
    result = cli("test", rule, "-k", "round-percent")
    assert result.exit_code == 1
    assert "round-percent::fail[0] FAILED" in result.stdout
    assert result.stdout.endswith("1 failed, 1 passed (2 cases)\n")


def test_rules_list_shows_the_shipped_rules(cli):
    result = cli("rules", "list")
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows[0] == ["ID", "SEVERITY", "KIND", "LANGUAGES", "FILE"]
    assert [r[0] for r in rows[1:]] == sorted(r.id for r in default_catalog().rules)  # every rule, by id
    for row in (
        ["parts-within-total", "error", "total_partial", "en,vi", "rules/checks/parts-within-total.yaml"],
        ["ratio-percent", "error", "fraction_percent", "en,vi", "rules/checks/ratio-percent.yaml"],
        ["points-not-percent", "warning", "change", "en,vi", "rules/checks/points-not-percent.yaml"],
        ["start-before-end", "error", "date_order", "en,vi", "rules/checks/dates.yaml"],
        ["weekday-date", "error", "weekday_date", "en,vi", "rules/checks/weekday-date.yaml"],
    ):
        assert row in rows


def test_rules_show_gives_the_rule_and_an_example_finding(cli):
    result = cli("rules", "show", "ratio-percent")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("ratio-percent: A fraction agrees with the percentage stated for it\n")
    assert "  assert      agrees(part / whole * 100, pct)\n" in out
    assert "Example:\n" in out
    assert "  error[ratio-percent]: 7/13 = 53,8%, nhưng bài viết ghi trên 56,8%\n" in out
    assert "    |                                          ^^^^ fraction                ----- stated percentage\n" in out


def test_rules_show_unknown_rule_exits_2(cli):
    result = cli("rules", "show", "ratio")
    assert result.exit_code == 2
    assert "unknown rule 'ratio'" in result.stderr


def test_explain_json_shows_mentions_claims_and_evaluations(cli):
    result = cli("explain", SEED, "--format", "json")
    assert result.exit_code == 0
    seen = json.loads(result.stdout)
    assert list(seen) == ["path", "lang", "published", "mentions", "claims", "evaluations", "figures"]
    assert (seen["path"], seen["lang"], seen["published"]) == (SEED, "vi", "2020-08-05")
    [fraction] = [m for m in seen["mentions"] if m["kind"] == "fraction"]
    assert fraction.items() >= {"kind": "fraction", "text": "7/13", "start": 3662, "end": 3666,
                                "parts": {"part": 7, "whole": 13}}.items()
    index = seen["mentions"].index(fraction)
    [claim] = [c for c in seen["claims"] if c["kind"] == "fraction_percent"]
    assert claim["fields"]["part"] == {"mention": index, "value": 7}
    assert claim["fields"]["whole"] == {"mention": index, "value": 13}
    pct = seen["mentions"][claim["fields"]["pct"]["mention"]]
    assert (pct["text"], pct["value"], pct["hedge"]) == ("56,8%", 56.8, "over")
    claim_index = seen["claims"].index(claim)
    assert {"rule": "ratio-percent", "claim": claim_index, "result": False} in seen["evaluations"]
    # the consistent claims are judged and pass: the dateline's weekday, 11 + 14 = 25
    assert {(e["rule"], e["result"]) for e in seen["evaluations"]} >= {("weekday-date", True), ("sum-of-parts", True)}


@pytest.mark.parametrize("args, message", [
    (["missing.txt"], "factcheck: missing.txt: no such file\n"),
    (["missing.txt", "--format", "xml"], "factcheck: --format 'xml': expected text or json\n"),  # before reading
    ([SEED, "--lang", "fr"], "factcheck: --lang 'fr': no language pack (known: en, vi)\n"),
])
def test_explain_usage_errors_exit_2(cli, args, message):
    result = cli("explain", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_explain_takes_one_readable_document(cli, write):
    path = write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    result = cli("explain", path)
    assert (result.exit_code, result.stderr) == (2, f"factcheck: {path}: binary file (contains NUL bytes), not text\n")
    write("a.txt", "Xã có 500 hộ.")
    write("b.md", "Xã có 500 hộ.")
    folder = path.rsplit("/", 1)[0]
    result = cli("explain", folder)
    assert (result.exit_code, result.stderr) == (2, f"factcheck: explain takes one document; {folder!r} gives 2\n")


def test_unknown_language_exits_2_before_reading(cli):
    result = cli("run", "missing.txt", "--lang", "fr")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "factcheck: --lang 'fr': no language pack (known: en, vi)\n"


def test_schema_is_json_schema_that_the_shipped_rules_satisfy(cli, root):
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((root / "rules" / "checks").glob("*.yaml"))
    assert {"ratio-percent", "sum-of-parts", "weekday-date", "dates", "shares"} <= {p.stem for p in files}
    for path in files:
        # as an editor sees it: YAML 1.2 has no timestamps, so "published: 2021-04-25" is a string
        rule = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(rule)) == [], path
    assert list(validator.iter_errors({"id": "x", "severity": "eror"}))  # and it rejects a broken one


# --- a real process ---------------------------------------------------------------------------------------


def test_standard_input_in_a_real_process(root, seed_sentence):
    done = subprocess.run([sys.executable, "-m", "factcheck.cli.main", "run", "-", "--format", "json"],
                          input=seed_sentence.encode("utf-8"), capture_output=True, cwd=root, timeout=120)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert [(f["path"], f["rule"], [s["text"] for s in f["spans"]]) for f in report["findings"]] == [
        ("-", "ratio-percent", ["7/13", "56,8%"])]
