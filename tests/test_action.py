"""The GitHub Action (action.yml): its shape, and its factcheck step run here with bash as a runner would."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.reports import FORMATS

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step["name"]: step for step in ACTION["runs"]["steps"]}
WRONG = "Đảng bộ huyện Bình Liêu đã kết nạp được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch.\n"


def test_a_composite_action_that_installs_itself_and_uploads_sarif_even_on_failure():
    assert ACTION["runs"]["using"] == "composite"
    assert STEPS["Set up Python"]["uses"].startswith("actions/setup-python@")
    assert '"${{ github.action_path }}"' in STEPS["Install factcheck"]["run"]
    upload = STEPS["Upload SARIF to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["if"].startswith("always()")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert set(ACTION["inputs"]) >= {"paths", "fail-on", "config", "baseline", "diff-base", "sarif-file"}
    # inputs reach the script through the environment only, never pasted into it
    assert "${{" not in STEPS["Run factcheck"]["run"]


@pytest.fixture
def run_step(tmp_path: Path):
    """``run_step(paths=..., fail_on=...)``: the action's factcheck step, in bash -eo pipefail as on a runner."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    if "sarif" not in FORMATS:
        pytest.skip("the SARIF renderer is not there yet")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(f"# A\n\n{WRONG}", encoding="utf-8")
    script = tmp_path / "step.sh"
    script.write_text(STEPS["Run factcheck"]["run"], encoding="utf-8")

    def run(**inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
               "GITHUB_OUTPUT": str(tmp_path / "github_output")}
        values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | inputs
        for var, expression in STEPS["Run factcheck"]["env"].items():  # "${{ inputs.fail-on }}"
            env[var] = values[re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", expression).group(1)]
        (tmp_path / "github_output").write_text("", encoding="utf-8")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=tmp_path,
                                env=env, capture_output=True, text=True)
        outputs = dict(line.split("=", 1) for line in (tmp_path / "github_output").read_text().splitlines())
        result.stdout = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # the log is coloured: --color always
        return result, outputs

    return run


def test_the_step_fails_on_findings_prints_the_report_and_writes_sarif(run_step, tmp_path):
    result, outputs = run_step(paths="content")
    assert (result.returncode, outputs) == (1, {"exit-code": "1"})
    assert "ratio-percent" in result.stdout and "Found 1 error in 1 file." in result.stdout
    assert "::error title=factcheck::findings at or above 'error'" in result.stdout
    sarif = json.loads((tmp_path / "factcheck.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["ratio-percent"]


def test_paths_split_on_new_lines_args_reach_factcheck_and_fail_on_never_passes(run_step, tmp_path):
    result, outputs = run_step(paths="content\nmissing.md")
    assert outputs == {"exit-code": "2"} and "error: missing.md: no such file" in result.stdout
    result, outputs = run_step(paths="content", args="--disable ratio-percent")
    assert (result.returncode, outputs) == (0, {"exit-code": "0"})
    result, outputs = run_step(paths="content", **{"fail-on": "never", "sarif-file": "out/f.sarif"})
    assert (result.returncode, outputs) == (0, {"exit-code": "0"})
    assert (tmp_path / "out" / "f.sarif").is_file()


def test_a_configuration_error_fails_the_step_with_exit_2(run_step, tmp_path):
    (tmp_path / "factcheck.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    result, outputs = run_step(paths="content")
    assert (result.returncode, outputs) == (2, {"exit-code": "2"})
    assert "fail_on: unknown key (did you mean 'fail-on'?)" in result.stderr
    assert "::error title=factcheck::factcheck could not check everything (exit 2" in result.stdout


def test_no_instructions_install_the_unrelated_factcheck_from_pypi():
    """'factcheck' on PyPI is another project: until ours is published, every install names a repository or a path."""
    texts = {path: path.read_text(encoding="utf-8") for pattern in ("*.md", "docs/*.md", "bench/*.md", "action.yml",
                                                                    ".pre-commit-hooks.yaml", "engine/factcheck/**/*.py")
             for path in ROOT.glob(pattern)}
    bare = re.compile(r"pip install (?:--?[\w-]+ )*[\"']?factcheck(?:\[\w+\])?[\"']?(?![\w@ ]*@)(?=[\s`\"')]|$)")
    assert {str(p.relative_to(ROOT)): bare.findall(t) for p, t in texts.items() if bare.search(t)} == {}
    assert 'pip install "factcheck @ git+https://' in texts[ROOT / "docs" / "ci.md"]
    assert "factcheck is not on PyPI" in texts[ROOT / "README.md"]
