"""YAML files that would make a loader build gigabytes, wait for ever or run code are refused,
each with ``file:line:col: key: message``, and every other problem is still reported."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck.loading.catalog import ConfigError, load_catalog
from factcheck.loading.config import ConfigFileError, load_config
from factcheck.loading.fingerprints import rules_fingerprint
from factcheck.loading.yamlsource import MAX_DEPTH, MAX_FILE_BYTES

TESTS = "tests:\n  pass: [{lang: vi, text: a}]\n  fail: [{lang: vi, text: b}]\n"


def rule(extra: str = "", tests: str = TESTS) -> str:
    """A valid rule (message on line 5), then ``extra`` lines from line 6, then its tests."""
    return ("id: my-rule\ntitle: T\napplies_to: fraction_percent\nassert: agrees(part / whole * 100, pct)\n"
            f"message: \"{{part}}/{{whole}}\"\n{extra}{tests}")


#: 1 KB that expands to 9**9 strings (a "billion laughs"): 4 GB, then a MemoryError
LAUGHS = "laughs:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  {n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))


def problems(name: str) -> list[str]:
    with pytest.raises(ConfigError) as exc:
        load_catalog([name])
    return [str(e) for e in exc.value.errors]


REFUSED = {
    "billion-laughs": (rule("doc: x\n" + LAUGHS.replace("laughs:", "x-laughs:")),
                       "u/checks/a.yaml:13:6: x-laughs.f: too many aliases (they repeat more than 100,000 values)"),
    "an-alias-inside-itself": (rule("help: &h [*h]\n"),
                               "u/checks/a.yaml:6:7: help: an alias repeats the value that holds it"),
    "nesting": (rule("help: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"),
                f"u/checks/a.yaml:6:{7 + MAX_DEPTH}: help: nested deeper than {MAX_DEPTH} levels"),
    "python-tag": (rule("help: !!python/name:os.system x\n"),
                   "u/checks/a.yaml:6:7: help: unknown tag '!!python/name:os.system': rule files hold plain values only"),
    "python-object-tag": (rule("help: !!python/object/apply:os.system [ls]\n"),
                          "u/checks/a.yaml:6:7: help: unknown tag 'tag:yaml.org,2002:python/object/apply:os.system':"
                          " write plain mappings and lists"),
    "float-that-is-not": (rule("params: {limit: !!float abc}\n"),
                          "u/checks/a.yaml:6:17: params.limit: 'abc' is not a valid number "
                          "(could not convert string to float: 'abc')"),
    "date-that-does-not-exist": (
        rule(tests=TESTS.replace("text: b}", "text: b, published: 2020-02-30}")),
        "u/checks/a.yaml:8:41: tests.fail.published: '2020-02-30' is not a valid date (day is out of range for month)"),
    "duplicate-key": (rule("message: \"{pct}\"\n"), "u/checks/a.yaml:6:1: message: duplicate key 'message' "
                                                     "(first at line 5)"),
    "duplicate-key-in-a-test": (rule(tests=TESTS.replace("text: a}", "text: a, text: c}")),
                                "u/checks/a.yaml:7:30: tests.pass.text: duplicate key 'text' (first at line 7)"),
    "a-list-as-a-key": (rule("? [a, b]\n: c\n"), "u/checks/a.yaml:6:3: a key must be a plain value, not a mapping"
                                                 " or a list"),
}


@pytest.mark.parametrize("text, expected", REFUSED.values(), ids=REFUSED.keys())
def test_refused_at_its_place(folder, text, expected):
    assert problems(folder({"checks/a.yaml": text})) == [expected]


def test_the_billion_laughs_as_a_whole_file_and_beside_other_errors(folder):
    name = folder({"checks/a.yaml": LAUGHS, "checks/b.yaml": rule("severty: error\n")})
    assert problems(name) == [
        "u/checks/a.yaml:7:6: laughs.f: too many aliases (they repeat more than 100,000 values)",
        "u/checks/b.yaml:6:1: severty: unknown key (did you mean 'severity'?)",
    ]


def test_a_file_over_the_size_limit_is_not_read(folder):
    name = folder({"checks/big.yaml": rule("doc: " + "x" * MAX_FILE_BYTES + "\n")})
    assert problems(name) == ["u/checks/big.yaml:1:1: the file is larger than 10 MB"]


def test_a_file_that_is_not_utf8(folder):
    name = folder({"checks/a.yaml": rule("help: caf\xe9\n").encode("latin-1")})
    assert problems(name) == ["u/checks/a.yaml:6:1: not UTF-8: invalid continuation byte"]


def test_a_bad_date_in_the_configuration_is_located(tmp_path: Path):
    (tmp_path / "factcheck.yaml").write_text("lang: vi\nparams:\n  ratio-percent: {since: 2020-02-30}\n")
    with pytest.raises(ConfigFileError) as exc:
        load_config(tmp_path / "factcheck.yaml")
    assert [str(e).replace(str(tmp_path), "") for e in exc.value.errors] == [
        "/factcheck.yaml:3:26: params.ratio-percent.since: '2020-02-30' is not a valid date "
        "(day is out of range for month)"]


# --- files that are not files ------------------------------------------------------------------------

def run_python(code: str, cwd: Path, timeout: float = 30) -> str:
    """Output of ``code`` in a fresh interpreter (a hang fails the test instead of stopping the suite)."""
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                              timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still waiting after {timeout} s")
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs a FIFO and /dev/zero")
def test_a_fifo_and_a_link_to_dev_zero_in_a_rule_folder(folder, tmp_path: Path):
    name = folder({"checks/a.yaml": rule()})
    os.mkfifo(tmp_path / name / "checks" / "fifo.yaml")
    os.symlink("/dev/zero", tmp_path / name / "checks" / "zero.yaml")
    os.mkdir(tmp_path / name / "lang")
    os.symlink("/dev/zero", tmp_path / name / "lang" / "vi.yaml")
    out = run_python("""
        from factcheck.loading.catalog import ConfigError, load_catalog
        from factcheck.loading.fingerprints import rules_fingerprint
        from pathlib import Path
        print(rules_fingerprint([Path("u")]))
        try:
            load_catalog(["u"])
        except ConfigError as exc:
            print("\\n".join(str(e) for e in exc.errors))
    """, tmp_path)
    fingerprint, *errors = out.splitlines()
    assert len(fingerprint) == 16
    assert errors == ["u/lang/vi.yaml:1:1: not a regular file",
                      "u/checks/fifo.yaml:1:1: not a regular file",
                      "u/checks/zero.yaml:1:1: not a regular file"]


def test_the_fingerprint_still_sees_a_change_to_a_file_it_does_not_read(folder, tmp_path: Path):
    name = folder({"checks/a.yaml": rule(), "checks/big.yaml": "x" * (MAX_FILE_BYTES + 1)})
    before = rules_fingerprint([tmp_path / name])
    (tmp_path / name / "checks" / "big.yaml").write_text("y" * (MAX_FILE_BYTES + 2))
    assert rules_fingerprint([tmp_path / name]) != before
