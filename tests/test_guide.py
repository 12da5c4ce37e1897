"""docs/writing-a-rule.md, followed literally, in a fresh folder.

The guide is read top to bottom and every step it shows is carried out:

- a ```yaml block whose first line is ``# file: PATH`` is saved as PATH;
- a ```text block right after a line ending in "as `PATH`:" is saved as PATH;
- a ```diff block whose first line is ``# file: PATH`` edits PATH: each ``-`` line
  is replaced by the ``+`` line paired with it;
- in a ```console block every ``$ `` line is a shell command, run in the folder
  with the ``factcheck`` next to this Python first on PATH; the lines after it, up
  to the next ``$ ``, are what it prints (standard output and error together).

Each command must print exactly what the guide shows (except the case counts of
``factcheck test`` without ``-k``, which grow with the shipped rules) and exit with
the code its output implies. The table of mistakes is checked row by row on a copy
of the finished folder, and the guide's reports are cross-checked against the JSON
report of the same run, so the spans the guide underlines are the ones found.

After a deliberate change to what factcheck prints, ``python tests/test_guide.py
--update`` rewrites the outputs in the guide; review the diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len
from typer.testing import CliRunner

from factcheck.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "writing-a-rule.md"

pytestmark = pytest.mark.slow  # some forty factcheck processes: ten seconds
BIN = Path(sys.executable).parent

# --- reading the guide ----------------------------------------------------------------


@dataclass
class Block:
    lang: str
    lines: list[str]
    line: int  # the opening fence's line in the guide
    before: str  # the last non-blank line before the fence


@dataclass
class Write:
    path: str
    content: str
    line: int


@dataclass
class Edit:
    path: str
    pairs: list[tuple[str, str]]
    line: int


@dataclass
class Command:
    command: str
    expected: str
    line: int

    @property
    def id(self) -> str:
        return f"line {self.line}: {self.command}"


def fenced_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks, i = [], 0
    while i < len(lines):
        opening = re.match(r"^```(\w*)", lines[i])
        if not opening:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        before = next((s for s in reversed(lines[:i]) if s.strip()), "")
        blocks.append(Block(opening.group(1), lines[i + 1 : j], i + 1, before))
        i = j + 1
    return blocks


def _file_marker(block: Block) -> str | None:
    m = re.fullmatch(r"#\s*file:\s*(\S+)\s*", block.lines[0]) if block.lines else None
    return m.group(1) if m else None


def steps(text: str) -> list[Write | Edit | Command]:
    out: list[Write | Edit | Command] = []
    for block in fenced_blocks(text):
        target = _file_marker(block)
        if block.lang == "yaml" and target:
            out.append(Write(target, "\n".join(block.lines) + "\n", block.line))
        elif block.lang == "text" and (m := re.search(r"as `([^`]+)`:\s*$", block.before)):
            out.append(Write(m.group(1), "\n".join(block.lines) + "\n", block.line))
        elif block.lang == "diff" and target:
            removed = [s[1:] for s in block.lines[1:] if s.startswith("-")]
            added = [s[1:] for s in block.lines[1:] if s.startswith("+")]
            assert len(removed) == len(added), f"guide line {block.line}: unpaired - and + lines"
            out.append(Edit(target, list(zip(removed, added)), block.line))
        elif block.lang == "console":
            current: Command | None = None
            for offset, line in enumerate(block.lines, start=1):
                if line.startswith("$ "):
                    current = Command(line[2:], "", block.line + offset)
                    out.append(current)
                elif current is not None:
                    current.expected += line + "\n"
    return out


GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
STEPS = steps(GUIDE_TEXT)
COMMANDS = [s for s in STEPS if isinstance(s, Command)]

# --- carrying it out ----------------------------------------------------------------


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1",
           "PYTHONUTF8": "1", "COLUMNS": "100"}
    return subprocess.run(command, shell=True, executable=shutil.which("bash") or "/bin/sh", cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                          timeout=120)


def apply(step: Write | Edit, cwd: Path) -> None:
    path = cwd / step.path
    if isinstance(step, Write):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step.content, encoding="utf-8")
        return
    lines = path.read_text(encoding="utf-8").split("\n")
    for old, new in step.pairs:
        where = [i for i, s in enumerate(lines) if s == old]
        assert len(where) == 1, f"guide line {step.line}: {old!r} is in {step.path} {len(where)} times, not once"
        lines[where[0]] = new
    path.write_text("\n".join(lines), encoding="utf-8")


@dataclass
class Walk:
    folder: Path
    results: dict[int, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    broken: str | None = None  # why the walk stopped early


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Walk:
    assert (BIN / "factcheck").exists() or (BIN / "factcheck.exe").exists(), f"no factcheck in {BIN}: pip install -e ."
    done = Walk(tmp_path_factory.mktemp("guide"))
    for step in STEPS:
        try:
            if isinstance(step, Command):
                done.results[step.line] = run(step.command, done.folder)
            else:
                apply(step, done.folder)
        except AssertionError as exc:
            done.broken = str(exc)
            break
    return done


def comparable(output: str, command: str) -> str:
    """The output as the guide shows it. Counts of cases are compared too: a shipped rule
    that gains a case makes the guide's counts stale (``--update`` rewrites them)."""
    return "\n".join(s.rstrip() for s in output.rstrip("\n").split("\n"))


def expected_exit(output: str) -> int:
    if "nothing was checked" in output:
        return 2
    if re.search(r"^\d+ failed, |^Found \d+ errors? ", output, re.M):
        return 1
    return 0


# --- the tests --------------------------------------------------------------------------


def test_guide_has_the_worked_example() -> None:
    written = {s.path for s in STEPS if isinstance(s, Write)}
    assert {"my-rules/kinds.yaml", "my-rules/lang/vi.yaml", "my-rules/lang/en.yaml",
            "my-rules/checks/share-at-most-100.yaml"} <= written
    commands = [c.command for c in COMMANDS]
    assert "factcheck test my-rules/" in commands
    assert any(c.startswith("factcheck run ") and "--rules my-rules/" in c for c in commands)
    assert any(c.startswith("factcheck explain ") for c in commands)
    # the broken-rule example and the message it documents
    assert any("unknown function 'agree' (did you mean 'agrees'?)" in c.expected for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.id)
def test_command_prints_what_the_guide_shows(walk: Walk, command: Command) -> None:
    assert walk.broken is None, walk.broken
    result = walk.results[command.line]
    assert comparable(result.stdout, command.command) == comparable(command.expected, command.command)
    assert result.returncode == expected_exit(command.expected), result.stdout


def test_the_finished_rules_pass_their_tests(walk: Walk) -> None:
    result = run("factcheck test my-rules/ -k share -v", walk.folder)
    assert result.returncode == 0, result.stdout
    assert "FAILED" not in result.stdout
    assert "share-at-most-100::fail[" in result.stdout and "vi:vi-share-of-total::example[" in result.stdout


def test_the_finished_rules_validate_against_the_schemas_the_guide_makes(walk: Walk) -> None:
    import jsonschema

    from factcheck.loading.schema_export import json_schema

    for relative, what in [("my-rules/kinds.yaml", "kinds"), ("my-rules/checks/share-at-most-100.yaml", "rule")]:
        path = walk.folder / relative
        text = path.read_text(encoding="utf-8")
        modeline = re.search(r"^# yaml-language-server: \$schema=(\S+)$", text, re.M)
        assert modeline, f"{relative} has no schema line"
        schema_file = (path.parent / modeline.group(1)).resolve()
        assert schema_file.is_file(), f"{relative} points at {modeline.group(1)}, which the guide does not make"
        assert json.loads(schema_file.read_text(encoding="utf-8")) == json_schema(what)
        jsonschema.validate(yaml.safe_load(text), json_schema(what))


# the table of mistakes: | File | Instead of | You wrote | factcheck says |

def _cells(row: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    return [c.strip().replace("\\|", "|").strip("`") for c in cells]


def mistakes(text: str) -> list[tuple[str, str, str, str]]:
    rows, in_table = [], False
    for line in text.splitlines():
        if line.startswith("| File | Instead of | You wrote | factcheck says |"):
            in_table = True
        elif in_table and line.startswith("|"):
            if not set(line) <= set("|-: "):
                rows.append(tuple(_cells(line)))
        else:
            in_table = False
    return rows


MISTAKES = mistakes(GUIDE_TEXT)


def test_guide_has_a_table_of_mistakes() -> None:
    assert len(MISTAKES) >= 5
    assert all(len(row) == 4 for row in MISTAKES), MISTAKES


@pytest.mark.parametrize("row", MISTAKES, ids=lambda r: f"{r[0]}: {r[2]}")
def test_each_mistake_gives_the_documented_message(walk: Walk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  row: tuple[str, ...]) -> None:
    assert walk.broken is None, walk.broken
    file, instead_of, wrote, says = row
    shutil.copytree(walk.folder / "my-rules", tmp_path / "my-rules")
    path = tmp_path / file
    text = path.read_text(encoding="utf-8")
    assert instead_of in text, f"{instead_of!r} is not in {file}"
    path.write_text(text.replace(instead_of, wrote, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # in-process: a broken rule fails fast, before any case runs
    result = CliRunner().invoke(app, ["test", "my-rules/"])
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert f"error: {file}:" in result.output


# the reports the guide shows, against the JSON report of the same run

HEADER = re.compile(r"^(error|warning|info)\[([\w-]+)\]: (.*)$")


def shown_findings(output: str) -> list[dict[str, object]]:
    """Rule, message, place and first underlined text of each finding in a text report."""
    lines = output.split("\n")
    found = []
    for i, line in enumerate(lines):
        head = HEADER.match(line)
        if not head:
            continue
        where = re.match(r"^\s*--> (.*):(\d+):(\d+)$", lines[i + 1])
        source = re.match(r"^\s*\d+ \| (.*)$", lines[i + 3])
        carets = lines[i + 4]
        assert where and source, lines[i : i + 5]
        bar = carets.index("| ") + 2
        start = carets.index("^") - bar
        width = len(re.match(r"\^+", carets[bar + start :]).group())
        excerpt, cells, underlined = source.group(1), 0, ""
        for ch in excerpt:
            if start <= cells < start + width:
                underlined += ch
            cells += cell_len(ch)
        found.append({"rule": head.group(2), "severity": head.group(1), "message": head.group(3),
                      "path": where.group(1), "line": int(where.group(2)), "column": int(where.group(3)),
                      "text": underlined})
    return found


RUNS = [c for c in COMMANDS if re.search(r"\bfactcheck run\b", c.command)]


@pytest.mark.parametrize("command", RUNS, ids=lambda c: c.id)
def test_reports_in_the_guide_match_the_json_report(walk: Walk, command: Command) -> None:
    assert walk.broken is None, walk.broken
    result = run(command.command + " --format json", walk.folder)
    report = json.loads(result.stdout)
    got = [{"rule": f["rule"], "severity": f["severity"], "message": f["message"], "path": f["path"],
            "line": f["spans"][0]["line"], "column": f["spans"][0]["column"], "text": f["spans"][0]["text"]}
           for f in report["findings"]]
    assert got == shown_findings(command.expected)


def test_the_run_reports_the_new_rule(walk: Walk) -> None:
    shown = [f for c in RUNS if "--rules my-rules/" in c.command for f in shown_findings(c.expected)]
    new = [f for f in shown if f["rule"] == "share-at-most-100"]
    assert new, "the guide shows no finding of the new rule"
    assert all(f["text"].endswith("%") and "but the text says " + str(f["text"]) in str(f["message"]) for f in new)


# --- after a deliberate change to factcheck's output ----------------------------------


def update_guide() -> None:
    """Rewrite the output under every command of the guide with what it prints now.

    ``python tests/test_guide.py --update``; then read ``git diff docs/`` as a reviewer
    would: the prose around an output may need to change with it.
    """
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="guide-"))
    printed = {}
    for step in STEPS:
        if isinstance(step, Command):
            printed[step.line] = run(step.command, folder).stdout
        else:
            apply(step, folder)
    out: list[str] = []
    in_console = False
    for number, line in enumerate(GUIDE_TEXT.split("\n"), start=1):
        if line.startswith("```"):
            in_console = line.startswith("```console")
        elif in_console:
            if not line.startswith("$ "):
                continue  # an old output line
            out.append(line)
            if printed[number].strip():
                out.extend(s.rstrip() for s in printed[number].rstrip("\n").split("\n"))
            continue
        out.append(line)
    GUIDE.write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_guide.py --update")
    update_guide()
