"""Markdown and HTML are read through a prose view: markup and code blanked, offsets unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import factcheck
from factcheck.reading.markup import html_view, markdown_view, published_date

MARKDOWN = """---
title: Kết nạp đảng viên
date: 2021-04-25
---
# Kết quả **kết nạp** năm 2020

Đảng bộ đã kết nạp được **7/13** đảng viên mới, đạt trên 56,8% kế hoạch ([nguồn](http://x.vn/7/13/56)).

```
Mẫu: 12/13 đảng viên, đạt 50% kế hoạch
```

Đoàn lên đường vào thứ Hai (27/4). Mã `12/13 đạt 5%` <!-- 3/4 đạt 10% --> không phải số liệu.
"""

HTML = """<!doctype html>
<html><head><meta property="article:published_time" content="2021-04-25T08:00:00+07:00">
<script>var note = "12/13 đạt 50%";</script><style>p { width: 7/13 }</style></head>
<body><article><h1>Tin</h1><p>Đảng bộ đã kết nạp được <b>7/13</b> đảng viên mới, đạt trên 56,8%&nbsp;kế hoạch.</p>
<p>Đoàn lên đường vào <time datetime="2021-04-27">thứ Hai (27/4)</time>.</p>
<p>Mã &#8220;12/13 &amp; 5%&#8221; ở <a href="http://x.vn/?a=7/13&b=50%">đây</a>.</p></article></body></html>
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def line_breaks(text: str) -> set[int]:
    return {i for i, ch in enumerate(text) if ch == "\n"}


def test_markdown_view_keeps_every_offset_and_line_break():
    seen = markdown_view(MARKDOWN)
    assert len(seen) == len(MARKDOWN)
    assert line_breaks(seen) == line_breaks(MARKDOWN)


def test_html_view_keeps_every_offset_and_adds_breaks_only_for_block_tags():
    seen = html_view(HTML)
    assert len(seen) == len(HTML)
    added = line_breaks(seen) - line_breaks(HTML)
    assert line_breaks(HTML) <= line_breaks(seen)
    assert added and all(HTML[i] == "<" for i in added)


def test_markdown_view_blanks_code_comments_urls_and_front_matter():
    seen = markdown_view(MARKDOWN)
    assert "date: 2021" not in seen
    assert "Mẫu: 12/13" not in seen and "12/13 đạt 5%" not in seen and "3/4 đạt 10%" not in seen
    assert "http" not in seen
    assert "**7/13** đảng viên mới, đạt trên 56,8% kế hoạch" in seen


def test_html_view_keeps_prose_and_decodes_entities_in_place():
    seen = html_view(HTML)
    assert "var note" not in seen and "width" not in seen and "href" not in seen
    assert "7/13" in seen and "56,8%" in seen
    nbsp = HTML.index("&nbsp;")
    assert seen[nbsp : nbsp + 6] == "      "  # a space, at the entity's place
    quote = HTML.index("&#8220;")
    assert seen[quote] == "\u201c"


def test_findings_in_markdown_point_into_the_source_file(tmp_path):
    path = write(tmp_path, "a.md", MARKDOWN)
    report = factcheck.check_paths([str(path)])
    assert [f.rule for f in report.findings] == ["ratio-percent", "weekday-date"]
    ratio, weekday = report.findings
    assert [(s.text, MARKDOWN[s.start : s.end]) for s in ratio.spans] == [("7/13", "7/13"), ("56,8%", "56,8%")]
    assert MARKDOWN.count("7/13") == 2 and ratio.spans[0].start == MARKDOWN.index("7/13")
    # the front matter's date is the publication date: 27/4 is read as 27 April 2021, a Tuesday
    assert weekday.message == "27/4 là Thứ Ba, nhưng bài viết ghi thứ Hai"


def test_findings_in_html_point_into_the_source_file(tmp_path):
    path = write(tmp_path, "b.html", HTML)
    report = factcheck.check_paths([str(path)])
    assert [(f.rule, [s.text for s in f.spans]) for f in report.findings] == [
        ("ratio-percent", ["7/13", "56,8%"]),
        ("weekday-date", ["thứ Hai", "27/4"]),
    ]
    for f in report.findings:
        for s in f.spans:
            assert HTML[s.start : s.end] == s.text


def test_a_folder_walk_reads_markdown_and_html(tmp_path):
    write(tmp_path, "a.md", MARKDOWN)
    write(tmp_path, "b.html", HTML)
    write(tmp_path, "c.css", "p { width: 7/13 }")
    report = factcheck.check_paths([str(tmp_path)])
    assert report.files == 2
    assert sorted({f.path.rsplit("/", 1)[1] for f in report.findings}) == ["a.md", "b.html"]


@pytest.mark.parametrize("text, kind, expected", [
    (MARKDOWN, "markdown", dt.date(2021, 4, 25)),
    (HTML, "html", dt.date(2021, 4, 25)),
    ('<meta content="2020-08-05" name="date">', "html", dt.date(2020, 8, 5)),
    ('<p>Hôm nay <time datetime="2019-01-02">2/1</time></p>', "html", dt.date(2019, 1, 2)),
    ("<p>No date here</p>", "html", None),
    ("Plain text without front matter", "text", None),
])
def test_published_date_from_the_file_itself(text, kind, expected):
    assert published_date(text, kind) == expected


# Each input repeats an opener that never closes (or closes only at the very end): a
# scanner that searches the rest of the text from every opener takes hours on these.
ADVERSARIAL = {
    "meta": ('<meta name="date" ', "html"),
    "time": ("<time ", "html"),
    "script": ("<script>", "html"),
    "style": ("<style>x", "html"),
    "html comment": ("<!--", "html"),
    "tag without end": ("<a b='c' ", "html"),
    "entity": ("&abcdefgh", "html"),
    "markdown comment": ("<!--", "markdown"),
    "markdown tag": ("<div x ", "markdown"),
    "autolink": ("<https://x", "markdown"),
    "backticks": ("``a", "markdown"),
    "link target": ("](a", "markdown"),
    "reference definition": ("\n[a", "markdown"),
    "fence": ("```\n~~~\n", "markdown"),
}
LINEAR_CHECK = """
import sys, time
from factcheck.reading.markup import prose_view, published_date
for name, (unit, kind) in CASES.items():
    for tail in ("", ">"):
        text = unit * (2_000_000 // len(unit)) + tail
        start = time.perf_counter()
        assert len(prose_view(text, kind)) == len(text)
        published_date(text, kind)
        print(f"{name}{tail!r}: {time.perf_counter() - start:.2f} s", flush=True)
"""


def test_markup_views_are_linear_on_adversarial_text():
    """2 MB of each opener (and once more with a '>' at the very end) takes well under a second
    each; the regexes this replaced needed minutes for 36 KB of '<meta name="date" '."""
    import subprocess
    import sys

    script = f"CASES = {ADVERSARIAL!r}\n{LINEAR_CHECK}"
    try:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired as exc:
        finished = (exc.stdout or b"").decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        pytest.fail(f"a markup scan is not linear; finished before the timeout:\n{finished}")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2 * len(ADVERSARIAL)


def test_an_unclosed_html_comment_or_script_hides_the_rest_as_a_browser_does():
    text = "<p>Đạt 7/13</p><!-- 3/4 đạt 10% <p>còn lại"
    assert html_view(text) == "\n  Đạt 7/13\n   " + " " * len("<!-- 3/4 đạt 10% <p>còn lại")
    script = "<p>a</p><script>var x = '12/13 đạt 50%';"
    assert html_view(script).strip() == "a"


def test_a_crlf_fence_closes_at_its_closing_line():
    text = "```\r\n12/13 đạt 50%\r\n```\r\nĐạt 7/13 kế hoạch\r\n"
    seen = markdown_view(text)
    assert "12/13" not in seen and "Đạt 7/13 kế hoạch" in seen
    assert len(seen) == len(text)


@pytest.mark.parametrize("text", [
    "<meta name=date content=2020-08-05>",
    "<META CONTENT='2020-08-05T07:00' PROPERTY='article:published_time'/>",
    '<time>1/1</time><meta name="pubdate" content="2020-08-05">',
])
def test_published_date_reads_attributes_in_any_order_and_quoting(text):
    assert published_date(text, "html") == dt.date(2020, 8, 5)
