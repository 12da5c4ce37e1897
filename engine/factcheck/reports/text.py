"""The terminal report: a compiler-style diagnostic per finding.

    error[ratio-percent]: 7/13 = 53.8%, but the text says trên 56,8%
      --> seeds/binh-lieu-2020-08-05.txt:23:571
       |
    23 | …được 7/13 đảng viên mới, đạt trên 56,8% kế hoạch.
       |       ^^^^ fraction                ----- stated percentage
       = help: Recompute the percentage, or correct the fraction.

A record of a JSON Lines archive is named by its id, followed by where it was read:
``--> r17:1:27 (record at news.jsonl:17)``.

Underlines are placed by display width (combining marks take no cell, wide
characters two), so they sit under their text in NFD Vietnamese too.
"""

from __future__ import annotations

import io
from typing import Any

from rich.cells import cell_len

from ..checking.findings import Finding, Report, Span
from .escape import visible
from .spans import Locator

CONTEXT = 40  # characters of the line shown on either side of the spans
Segment = tuple[str, str]  # (text, rich style)
STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def render(report: Report, color: bool = False, **_: Any) -> str:
    lines: list[list[Segment]] = []
    locate = Locator(report)
    for finding in report.findings:
        lines.extend(_finding(finding, locate))
        lines.append([])
    for error in report.errors:
        lines.append([("error", "bold red"), (f": {visible(error.path)}: {visible(error.message)}", "")])
    lines.append([(_summary(report), "bold")])
    if not color:
        return "\n".join("".join(text for text, _ in line) for line in lines) + "\n"
    return _colored(lines)


def _finding(f: Finding, locate: Locator) -> list[list[Segment]]:
    idx = locate.index(f)
    origin = f.origin
    by_line: dict[int, list[tuple[int, Span]]] = {}
    for i, span in enumerate(f.spans):
        by_line.setdefault(idx.line_col(span.start)[0], []).append((i, span))
    first_line, first_col = idx.line_col(f.spans[0].start) if f.spans else (1, 1)
    width = len(str(max(by_line, default=1)))
    pad = " " * width
    out: list[list[Segment]] = [
        [(f.severity, STYLES[f.severity]), (f"[{visible(f.rule)}]", STYLES[f.severity]), (f": {visible(f.message)}", "bold")],
        [(f"{pad}--> ", "blue"), (f"{visible(f.path)}:{first_line}:{first_col}", ""),
         *([(f" (record at {visible(origin)})", "")] if origin else [])],
        [(f"{pad} |", "blue")],
    ]
    for line_no in sorted(by_line):
        out.extend(_source_line(idx, line_no, by_line[line_no], width))
    if f.help:
        out.append([(f"{pad} = ", "blue"), ("help", "bold"), (f": {visible(f.help)}", "")])
    if f.fix is not None and f.fix.span < len(f.spans):
        stated = f.spans[f.fix.span].text
        out.append([(f"{pad} = ", "blue"), ("fix", "bold"), (f": write {visible(f.fix.replacement)} for {visible(stated)}", "")])
    return out


def _source_line(idx: Any, line_no: int, spans: list[tuple[int, Span]], width: int) -> list[list[Segment]]:
    text = visible(idx.line_text(line_no).replace("\t", " "))  # an ESC in a document must not reach the terminal
    line_start = idx.starts[line_no - 1]
    cols = [(i, s.start - line_start, min(s.end - line_start, len(text)), s) for i, s in spans]
    lo = max(0, min(c[1] for c in cols) - CONTEXT)
    hi = min(len(text), max(c[2] for c in cols) + CONTEXT)
    # don't cut a word in half at the window's edges
    while lo > 0 and not text[lo - 1].isspace() and lo > min(c[1] for c in cols) - CONTEXT - 12:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi < max(c[2] for c in cols) + CONTEXT + 12:
        hi += 1
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    excerpt = prefix + text[lo:hi] + suffix
    pad = " " * width
    rows: list[list[str]] = [[]]
    styles: list[list[str]] = [[]]

    def put(row: int, col: int, chunk: str, style: str) -> None:
        while len(rows) <= row:
            rows.append([])
            styles.append([])
        r, st = rows[row], styles[row]
        while len(r) < col + len(chunk):
            r.append(" ")
            st.append("")
        for k, ch in enumerate(chunk):
            r[col + k], st[col + k] = ch, style

    placed = []
    for i, start, end, span in cols:
        col = cell_len(prefix + text[lo:start])
        marker_width = max(1, cell_len(text[start:end]))
        primary = i == 0
        put(0, col, ("^" if primary else "-") * marker_width, "bold red" if primary else "bold blue")
        placed.append((col, marker_width, span.label, "bold red" if primary else "bold blue"))
    # labels: after their marker when they fit before the next one, else on rows below
    placed.sort(key=lambda p: p[0])  # "next" is the next to the right, whatever the spans' order
    for k, (col, marker_width, label, style) in enumerate(placed):
        at = col + marker_width + 1
        next_col = placed[k + 1][0] if k + 1 < len(placed) else None
        if next_col is None or at + len(label) < next_col:
            put(0, at, label, style)
        else:
            row = 1
            while row < len(rows) and any(c != " " for c in rows[row][col : col + len(label) + 1]):
                row += 1
            put(row, col, label, style)
    out: list[list[Segment]] = [[(f"{line_no:>{width}} | ", "blue"), (excerpt, "")]]
    for r, st in zip(rows, styles):
        segments: list[Segment] = [(f"{pad} | ", "blue")]
        for ch, style in zip(r, st):
            if segments and segments[-1][1] == style and len(segments) > 1:
                segments[-1] = (segments[-1][0] + ch, style)
            else:
                segments.append((ch, style))
        out.append([(t.rstrip() if n == len(segments) - 1 else t, s) for n, (t, s) in enumerate(segments)])
    return out


def _summary(report: Report) -> str:
    counts = [(report.count(s), s) for s in ("error", "warning", "info")]
    found = ", ".join(f"{n} {s}{'' if n == 1 else 's'}" for n, s in counts if n)
    files = f"{report.files} file{'' if report.files == 1 else 's'}"
    text = f"Found {found} in {files}" if found else f"No problems found in {files}"
    if report.errors:
        n = len(report.errors)
        text += f"; {n} input{'' if n == 1 else 's'} could not be read"
    if report.hidden:
        text += f"; {report.hidden} hidden by the baseline"
    return text + "."


def _colored(lines: list[list[Segment]]) -> str:
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=100_000,
                      highlight=False, soft_wrap=True)
    for line in lines:
        console.print(Text.assemble(*line) if line else "")
    return buffer.getvalue()
