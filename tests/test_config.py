"""The project configuration: found walking up, layered under the flags, every mistake located.

Each test writes a small project in a temporary folder and runs the CLI from inside it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import factcheck
from factcheck.loading.catalog import default_catalog
from factcheck.loading.config import DEFAULT_SETTINGS, load_config
from factcheck.loading.frozen import freeze
from factcheck.loading.schema import ConfigSpec

#: A rule of our own with a param (the shipped ones declare none): a percentage stays under a limit.
LIMIT_RULE = """\
id: percent-limit
aliases: [pct-limit]
title: A percentage of a fraction stays under a limit
severity: warning
applies_to: fraction_percent
params: {limit: 90}
assert: pct <= limit
message: "{pct.text} is over {limit}%"
tests:
  pass: [{lang: vi, text: "kết nạp được 7/13 đảng viên, đạt 53,8%"}]
  fail: [{lang: vi, text: "kết nạp được 12/13 đảng viên, đạt 92,3%", spans: ["12/13", "92,3%"]}]
"""
HEADLINE = "[ratio-percent]: 7/13 = 53,8%, nhưng bài viết ghi trên 56,8%"


@pytest.fixture
def project(in_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``project({"factcheck.yaml": "...", "docs/a.txt": "..."})``: write the files, run from the folder."""
    default_catalog()  # cached with rule paths relative to where it loads: load it from the root, as other tests expect

    def make(files: dict[str, str], cwd: str = ".") -> Path:
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (tmp_path / cwd).mkdir(parents=True, exist_ok=True)
        monkeypatch.chdir(tmp_path / cwd)
        return tmp_path

    return make


def summary(result) -> str:
    return result.stdout.rstrip("\n").rsplit("\n", 1)[-1]


# --- discovery ----------------------------------------------------------------------------------------------


def test_factcheck_yaml_is_found_walking_up_and_its_severity_changes_the_exit_code(cli, project, seed_sentence):
    project({"factcheck.yaml": "severity:\n  ratio-percent: warning\n", "docs/2020/a.txt": seed_sentence},
            cwd="docs/2020")
    result = cli("run", "a.txt")
    assert result.stdout.startswith("warning" + HEADLINE + "\n")
    assert (result.exit_code, summary(result)) == (0, "Found 1 warning in 1 file.")
    assert cli("run", "a.txt", "--fail-on", "warning").exit_code == 1


def test_the_nearest_file_wins_and_factcheck_yaml_beats_pyproject_in_the_same_folder(cli, project, seed_sentence):
    project({
        "factcheck.yaml": "severity: {ratio-percent: info}\n",
        "sub/factcheck.yaml": "severity: {ratio-percent: warning}\n",
        "sub/pyproject.toml": '[tool.factcheck]\nseverity = {ratio-percent = "error"}\n',
        "sub/a.txt": seed_sentence,
    }, cwd="sub")
    assert cli("run", "a.txt").stdout.startswith("warning" + HEADLINE)


def test_pyproject_tool_factcheck_is_read_and_one_without_it_is_passed_over(cli, project, seed_sentence):
    project({
        "pyproject.toml": '[tool.factcheck]\nfail-on = "info"\n\n[tool.factcheck.severity]\nratio-percent = "info"\n',
        "pkg/pyproject.toml": '[project]\nname = "pkg"\n',
        "pkg/a.txt": seed_sentence,
    }, cwd="pkg")
    result = cli("run", "a.txt")
    assert result.stdout.startswith("info" + HEADLINE)
    assert (result.exit_code, summary(result)) == (1, "Found 1 info in 1 file.")  # fail-on: info


def test_config_flag_overrides_discovery_and_no_config_ignores_it(cli, project, seed_sentence):
    project({"factcheck.yaml": "severity: {ratio-percent: info}\n",
             "ci/strict.yaml": "severity: {ratio-percent: warning}\n", "a.txt": seed_sentence})
    assert cli("run", "a.txt").stdout.startswith("info" + HEADLINE)
    assert cli("run", "a.txt", "--config", "ci/strict.yaml").stdout.startswith("warning" + HEADLINE)
    assert cli("run", "a.txt", "--no-config").stdout.startswith("error" + HEADLINE)
    result = cli("run", "a.txt", "--config", "missing.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--config missing.yaml: no such file" in result.stderr


# --- layering: flag > config > default ----------------------------------------------------------------------


def test_flags_override_format_and_fail_on(cli, project, seed_sentence):
    project({"factcheck.yaml": "format: json\nfail-on: never\n", "a.txt": seed_sentence})
    result = cli("run", "a.txt")
    assert result.exit_code == 0  # fail-on: never
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["ratio-percent"]
    result = cli("run", "a.txt", "--format", "text", "--fail-on", "error")
    assert (result.exit_code, summary(result)) == (1, "Found 1 error in 1 file.")


def test_repeated_flags_add_to_the_lists_of_the_config(cli, project, wrong_weekday, seed_sentence):
    project({"factcheck.yaml": "disable: [ratio-percent]\n", "a.txt": seed_sentence + " " + wrong_weekday})
    assert [f["rule"] for f in json.loads(cli("run", "a.txt", "-f", "json").stdout)["findings"]] == ["weekday-date"]
    result = cli("run", "a.txt", "--disable", "weekday-date")
    assert (result.exit_code, summary(result)) == (0, "No problems found in 1 file.")
    project({"factcheck.yaml": "only: [ratio-percent]\n"})
    rules = [f["rule"] for f in json.loads(cli("run", "a.txt", "-f", "json", "--only", "weekday-date").stdout)["findings"]]
    assert rules == ["ratio-percent", "weekday-date"]


def test_rule_folders_are_relative_to_the_config_file_and_params_set_their_tolerances(cli, project):
    project({
        "factcheck.yaml": "rules: [my-rules]\nonly: [percent-limit]\n",
        "my-rules/percent-limit.yaml": LIMIT_RULE,
        "docs/a.txt": "Xã kết nạp được 7/13 đảng viên, đạt 53,8% kế hoạch.",
    }, cwd="docs")
    assert summary(cli("run", "a.txt")) == "No problems found in 1 file."  # 53.8 <= 90, the rule's default
    project({"factcheck.yaml": "rules: [my-rules]\nonly: [percent-limit]\nparams:\n  pct-limit: {limit: 50}\n"}, cwd="docs")
    result = cli("run", "a.txt")
    assert result.stdout.startswith("warning[percent-limit]: 53,8% is over 50%\n")
    assert cli("rules", "list").stdout.splitlines()[1].split()[:2] == ["percent-limit", "warning"]


def test_include_and_exclude_are_relative_to_the_config_and_exclude_also_drops_named_files(cli, project, seed_sentence):
    root = project({
        "factcheck.yaml": "include: ['docs/**/*.md']\nexclude: [drafts/, '*.old.md']\n",
        "docs/a.md": seed_sentence, "docs/drafts/b.md": seed_sentence, "docs/c.old.md": seed_sentence,
        "docs/notes.txt": seed_sentence, "docs/sub/d.md": seed_sentence,
    }, cwd="docs")

    def paths(*args: str) -> list[str]:
        report = json.loads(cli("run", *args, "-f", "json").stdout)
        return [f["path"] for f in report["findings"]]

    assert paths(".") == ["a.md", "sub/d.md"]  # walked: include and exclude apply
    assert paths(str(root / "docs")) == [f"{root.as_posix()}/docs/a.md", f"{root.as_posix()}/docs/sub/d.md"]
    assert paths("notes.txt", "a.md") == ["a.md", "notes.txt"]  # named: include does not apply...
    result = cli("run", "drafts/b.md", "c.old.md")  # ... but exclude does
    assert (result.exit_code, summary(result)) == (0, "No problems found in 0 files.")


def test_config_lang_is_used_and_a_flag_overrides_it(cli, project, seed_sentence):
    project({"factcheck.yaml": "lang: en\n", "a.txt": seed_sentence})
    assert json.loads(cli("explain", "a.txt", "-f", "json").stdout)["lang"] == "en"
    assert json.loads(cli("explain", "a.txt", "-f", "json", "--lang", "vi").stdout)["lang"] == "vi"


def test_a_severity_override_leaves_the_shared_catalog_alone(cli, project, seed_sentence):
    project({"factcheck.yaml": "severity: {ratio-percent: info}\n", "a.txt": seed_sentence})
    assert cli("run", "a.txt").stdout.startswith("info" + HEADLINE)
    assert {r.id: r.severity for r in default_catalog().rules}["ratio-percent"] == "error"
    assert [f.severity for f in factcheck.check(seed_sentence)] == ["error"]


# --- mistakes: exit 2 before anything is read, each located ----------------------------------------------------


@pytest.mark.parametrize("config, errors", [
    ("fail_on: warning\nseverity:\n  ratio-percent: fatal\n",
     ["factcheck.yaml:1:1: fail_on: unknown key (did you mean 'fail-on'?)",
      "factcheck.yaml:3:3: severity.ratio-percent: Input should be 'error', 'warning' or 'info'"]),
    ("disable: [ratio-percnt]\nparams:\n  sum-of-parts: {tolerance: 1}\n",
     ["factcheck.yaml:1:11: disable: unknown rule 'ratio-percnt' (did you mean 'ratio-percent'?)",
      "factcheck.yaml:3:18: params.sum-of-parts.tolerance: sum-of-parts has no param 'tolerance' (it declares none)"]),
    ("rules: [my-rules]\nparams: {percent-limit: {limit: high, limt: 2}}\n",
     ["factcheck.yaml:2:26: params.percent-limit.limit: expected a number like the rule's default 90, not 'high'",
      "factcheck.yaml:2:39: params.percent-limit.limt: percent-limit has no param 'limt' (did you mean 'limit'?) "
      "(its params: limit)"]),
    ("lang: fr\nformat: xml\nrules: [nowhere]\n",  # all at once, in the file's order
     ["factcheck.yaml:1:1: lang: no language pack for 'fr' (known: en, vi)",
      "factcheck.yaml:2:1: format: unknown format 'xml' (known: ",
      "factcheck.yaml:3:9: rules: no such rules folder or file: nowhere"]),
    ("lang: fr\n", ["factcheck.yaml:1:1: lang: no language pack for 'fr' (known: en, vi)"]),
    ("- ratio-percent\n", ["factcheck.yaml:1:1: the configuration is a mapping of settings"]),
    ("severity: [\n", ["factcheck.yaml:2:1: not valid YAML"]),
])
def test_a_wrong_key_or_value_exits_2_naming_file_line_and_key(cli, project, config, errors):
    project({"factcheck.yaml": config, "my-rules/percent-limit.yaml": LIMIT_RULE})
    result = cli("run", "missing.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert len(lines) == len(errors) + 1
    for line, expected in zip(lines, errors):
        assert line.startswith("error: " + expected)
    assert re.fullmatch(r"factcheck: \d problems? in the configuration; nothing was checked", lines[-1])
    assert "missing.txt" not in result.stderr  # nothing was read


def test_misspelt_rule_names_are_reported_with_the_other_mistakes_not_after_them(cli, project):
    project({"factcheck.yaml": "rules: [my-rules]\nfail_on: warning\ndisable: [weekday, pct-limit]\n"
                               "severity: {ratio-percnt: fatal, percent-limt: info}\nparams: {percent-limit: {limt: 2}}\n",
             "my-rules/percent-limit.yaml": LIMIT_RULE})
    result = cli("run", "missing.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "error: factcheck.yaml:2:1: fail_on: unknown key (did you mean 'fail-on'?)",
        "error: factcheck.yaml:3:11: disable: unknown rule 'weekday' (did you mean 'weekday-date'?)",
        "error: factcheck.yaml:4:12: severity.ratio-percnt: Input should be 'error', 'warning' or 'info'",
        "error: factcheck.yaml:4:12: severity.ratio-percnt: unknown rule 'ratio-percnt' (did you mean 'ratio-percent'?)",
        "error: factcheck.yaml:4:33: severity.percent-limt: unknown rule 'percent-limt' (did you mean 'percent-limit'?)",
        "error: factcheck.yaml:5:26: params.percent-limit.limt: percent-limit has no param 'limt' (did you mean "
        "'limit'?) (its params: limit)",
        "factcheck: 6 problems in the configuration; nothing was checked"]


def test_a_pyproject_mistake_names_the_tool_factcheck_key_and_its_line(cli, project):
    project({"pyproject.toml": '[project]\nname = "x"\n\n[tool.factcheck]\nformt = "json"\n'
                               'only = ["ratio-percent", "nope"]\n\n[tool.factcheck.severity]\nratio-percent = "fatal"\n'})
    result = cli("run", "missing.txt")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: pyproject.toml:5:1: tool.factcheck.formt: unknown key (did you mean 'format'?)",
        "error: pyproject.toml:6:1: tool.factcheck.only: unknown rule 'nope'",
        "error: pyproject.toml:9:1: tool.factcheck.severity.ratio-percent: Input should be 'error', 'warning' or 'info'",
        "factcheck: 3 problems in the configuration; nothing was checked",
    ]
    project({"pyproject.toml": '[tool.factcheck]\nonly = ["ratio-percent", "nope"]\n'})
    assert cli("run", "missing.txt").stderr.splitlines()[0] == (
        "error: pyproject.toml:2:1: tool.factcheck.only: unknown rule 'nope'")
    project({"pyproject.toml": "[tool.factcheck\n"})
    assert cli("run", "missing.txt").stderr.startswith("error: pyproject.toml:1:16: not valid TOML")


def test_other_commands_read_the_config_too(cli, project):
    project({"factcheck.yaml": "rules: [my-rules]\ndisable: [percent-limit]\nseverity: {ratio-percent: info}\n",
             "my-rules/percent-limit.yaml": LIMIT_RULE})
    listed = [line.split()[:2] for line in cli("rules", "list").stdout.splitlines()[1:]]
    assert ["ratio-percent", "info"] in listed and "percent-limit" not in [r for r, _ in listed]
    assert "severity    warning" in cli("rules", "show", "pct-limit").stdout  # shown though disabled
    result = cli("test", "-k", "percent-limit")  # the config's rule folders are tested
    assert (result.exit_code, result.stdout) == (0, "\n2 passed (2 cases)\n")


# --- the format ---------------------------------------------------------------------------------------------


def test_config_schema_is_printed_and_rejects_unknown_keys(cli):
    import jsonschema

    schema = json.loads(cli("schema", "config").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors({"fail-on": "warning", "params": {"r": {"tolerance": 0.5}}}))
    assert [e.validator for e in validator.iter_errors({"fail_on": "warning"})] == ["additionalProperties"]


def test_the_example_in_the_ci_guide_is_a_valid_configuration(tmp_path, root):
    guide = (root / "docs" / "ci.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n# factcheck\.yaml\n(.*?)```", guide, re.S)
    assert example, "docs/ci.md shows a factcheck.yaml example"
    (tmp_path / "rules").mkdir()
    (tmp_path / "factcheck.yaml").write_text(example.group(1), encoding="utf-8")
    spec = load_config(tmp_path / "factcheck.yaml").spec
    assert spec != DEFAULT_SETTINGS and spec.fail_on is not None


def test_the_defaults_without_a_file_are_the_models_defaults():
    # a run without a configuration file never builds the pydantic model; these must agree
    assert freeze(ConfigSpec.model_validate({})) == DEFAULT_SETTINGS
