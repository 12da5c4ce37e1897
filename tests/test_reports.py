"""Reports: the demo's whole JSON and text output pinned by reviewed golden files, and the text
renderer's layout on small hand-made reports."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from factcheck import Finding, Fix, ReadError, Report, Span
from factcheck.reports import render

MESSAGE = "7/13 = 53.8%, but the text says 56,8%"
ONE_LINE = "Năm 2020, xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.\n"
TWO_LINES = "Năm 2020, xã kết nạp được 7/13 đảng viên mới,\nđạt 56,8% kế hoạch.\n"


def mask_version(json_text: str) -> str:
    """The JSON report with ``tool.version`` masked (DESIGN.md: golden files mask it)."""
    report = json.loads(json_text)
    report["tool"]["version"] = "<masked>"
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def test_json_report_for_the_seeds_matches_the_golden_file(cli, golden):
    result = cli("run", "seeds/", "--format", "json")
    assert result.exit_code == 1
    assert mask_version(result.stdout) == result.stdout.replace('"version": "0.1.0"', '"version": "<masked>"')
    golden("seeds.json", mask_version(result.stdout))


def test_text_report_for_the_seeds_matches_the_golden_file(cli, golden):
    result = cli("run", "seeds/", "--color", "never")
    assert result.exit_code == 1
    golden("seeds.txt", result.stdout)


def test_colour_is_off_unless_asked_for(cli):
    one = "seeds/vi-dang-bo-xa.txt"
    plain = cli("run", one).stdout  # not a terminal
    assert "\x1b[" not in plain
    coloured = cli("run", one, "--color", "always").stdout
    assert "\x1b[1;31merror" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    assert "\x1b[" not in cli("run", one, "--color", "always", "--format", "json").stdout


# --- the text renderer on hand-made reports ---------------------------------------------------------------


def report_of(text: str, spans: list[tuple[str, str]], fix: Fix | None = None) -> Report:
    """A report of one ratio-percent finding in ``doc.txt``, its spans at the first occurrence of each text."""
    located = []
    for needle, label in spans:
        start = text.index(needle)
        located.append(Span(start, start + len(needle), needle, label))
    finding = Finding("ratio-percent", "error", MESSAGE, "doc.txt", located, fix=fix, help="Recompute.")
    return Report([finding], files=1, texts={"doc.txt": text})


FRACTION_FIRST = [("7/13", "fraction"), ("56,8%", "stated percentage")]


def test_two_spans_on_one_line():
    stated = ONE_LINE.index("56,8")
    report = report_of(ONE_LINE, FRACTION_FIRST, fix=Fix(1, "53,8", stated, stated + 4))
    assert render(report, "text") == """\
error[ratio-percent]: 7/13 = 53.8%, but the text says 56,8%
 --> doc.txt:1:27
  |
1 | Năm 2020, xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch.
  |                           ^^^^ fraction           ----- stated percentage
  = help: Recompute.
  = fix: write 53,8 for 56,8%

Found 1 error in 1 file.
"""


def test_two_spans_on_two_lines_and_a_wider_gutter():
    report = report_of("Tiêu đề\n" * 9 + TWO_LINES, FRACTION_FIRST)
    assert render(report, "text") == """\
error[ratio-percent]: 7/13 = 53.8%, but the text says 56,8%
  --> doc.txt:10:27
   |
10 | Năm 2020, xã kết nạp được 7/13 đảng viên mới,
   |                           ^^^^ fraction
11 | đạt 56,8% kế hoạch.
   |     ----- stated percentage
   = help: Recompute.

Found 1 error in 1 file.
"""
    [finding] = json.loads(render(report, "json"))["findings"]
    assert [(s["line"], s["column"], s["end_line"], s["end_column"]) for s in finding["spans"]] == [
        (10, 27, 10, 31), (11, 5, 11, 10)]


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_carets_align_by_display_width_in_nfd_text(form):
    text = unicodedata.normalize(form, ONE_LINE)
    report = report_of(text, FRACTION_FIRST)
    rendered = render(report, "text").splitlines()
    source, markers = rendered[3], rendered[4]
    assert source == "1 | " + text.rstrip("\n")
    assert markers == "  |                           ^^^^ fraction           ----- stated percentage"
    # "-->" gives code-point columns: later in NFD, where "ă", "ã", "ế"... take two or three code points
    assert rendered[1] == (" --> doc.txt:1:27" if form == "NFC" else " --> doc.txt:1:35")


def test_a_label_that_does_not_fit_goes_below_and_spans_out_of_order_keep_their_markers():
    # the fraction is the finding's first span but comes second on the line
    text = "Năm học 2020, tỷ lệ tốt nghiệp đạt 51,72% (2.235/4.330 học sinh).\n"
    report = report_of(text, [("2.235/4.330", "fraction"), ("51,72%", "stated percentage")])
    assert render(report, "text").splitlines()[2:6] == [
        "  |",
        "1 | Năm học 2020, tỷ lệ tốt nghiệp đạt 51,72% (2.235/4.330 học sinh).",
        "  |                                    ------  ^^^^^^^^^^^ fraction",
        "  |                                    stated percentage",
    ]


def test_a_long_line_is_cut_at_word_boundaries_around_the_spans():
    text = ("Trong nhiệm kỳ qua, " * 8) + "xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế hoạch" + (
        ", tiếp tục phấn đấu" * 8) + ".\n"
    lines = render(report_of(text, FRACTION_FIRST), "text").splitlines()
    # 40 characters either side of the spans, widened to the nearest space: no word is cut
    assert lines[3] == ("1 | …qua, Trong nhiệm kỳ qua, xã kết nạp được 7/13 đảng viên mới, đạt 56,8% kế "
                        "hoạch, tiếp tục phấn đấu, tiếp tục phấn…")
    assert lines[4].index("^^^^") == lines[3].index("7/13")
    assert lines[4].index("-----") == lines[3].index("56,8%")


def test_unreadable_inputs_and_the_summary():
    report = Report(files=2, errors=[])
    assert render(report, "text") == "No problems found in 2 files.\n"

    report = Report(files=0, errors=[ReadError("a.bin", "binary file (contains NUL bytes), not text"),
                                     ReadError("b.txt", "no such file")])
    assert render(report, "text") == (
        "error: a.bin: binary file (contains NUL bytes), not text\n"
        "error: b.txt: no such file\n"
        "No problems found in 0 files; 2 inputs could not be read.\n")
