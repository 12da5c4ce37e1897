"""Every renderer escapes what it did not write: a document's terminal escapes, a record id
with a line break or backticks, ESC and NUL in a GitHub command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import factcheck
from factcheck.reports import FORMATS, render

WRONG = "Xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch."
TITLE, CLEAR = "\x1b]0;pwned\x07", "\x1b[2J"


@pytest.fixture
def report(tmp_path: Path):  # type: ignore[no-untyped-def]
    records = [{"id": "evil\n# Fake heading\n<img src=x onerror=alert(1)>``x`` \x1b[31m\x00", "text": WRONG},
               {"id": "doc", "text": f"{TITLE}{CLEAR}Mở đầu. {WRONG}"}]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return factcheck.check_paths([str(path)])


def test_no_renderer_passes_a_control_character_through(report):
    for fmt in FORMATS:
        out = render(report, fmt, version="0", color=False)
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), fmt  # JSON and SARIF escape as \u001b


def test_the_text_report_shows_terminal_escapes_as_symbols_and_keeps_underlines_in_place(report):
    out = render(report, "text", color=False)
    assert "\u241b]0;pwned\u2407\u241b[2JMở đầu. Xã kết nạp được 7/13" in out
    lines = out.splitlines()
    source = next(i for i, line in enumerate(lines) if "pwned" in line)
    assert lines[source + 1].index("^^^^") == lines[source].index("7/13")
    assert " --> evil\u240a# Fake heading\u240a<img src=x onerror=alert(1)>``x`` \u241b[31m\u2400:1:17" in out


def test_markdown_keeps_a_hostile_id_inside_its_code_span(report):
    out = render(report, "markdown")
    assert not any(line.startswith("# Fake") for line in out.splitlines())
    for line in out.splitlines():  # raw HTML only as the text of a code span
        if "<img" in line:
            assert re.search(r"``` [^`]*(?:``[^`]+)*<img[^\n]*```", line), line
    where = "evil\u240a# Fake heading\u240a<img src=x onerror=alert(1)>``x`` \u241b[31m\u2400:1:17"
    assert f"``` {where} ```" in out  # fenced by more backticks than the id holds


def test_github_commands_carry_no_esc_or_nul(report):
    out = render(report, "github")
    second = out.splitlines()[1]
    assert second.startswith("::error file=evil%0A# Fake heading%0A<img src=x onerror=alert(1)>``x`` \u241b[31m\u2400,line=1")
    assert len(out.splitlines()) == 2  # one command a finding: no line break survives
