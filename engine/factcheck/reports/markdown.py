"""Markdown for a pull-request comment: the counts, a table of findings, then each finding's
sentence quoted with its spans in bold.

The quote is the spans' line, cut at word boundaries to about ``WIDTH`` characters around
them (``…`` marks a cut). Text from the documents is escaped, so prose that happens to
hold ``*``, ``|`` or ``<`` cannot change the comment's layout.
"""

from __future__ import annotations

import re
from typing import Any

from ..checking.findings import Finding, Report
from .escape import visible
from .spans import Locator

WIDTH = 200
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_SENTENCE_START = re.compile(r"[.!?]\s+")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_BACKTICKS = re.compile(r"`+")
_BLOCK_START = re.compile(r"^(\d*)([#>+=.)-])")  # would start a heading, a quote or a list


def render(report: Report, **_: Any) -> str:
    """The report as a Markdown comment."""
    locate = Locator(report)
    counts = [_plural(report.count(s), s) for s in ("error", "warning", "info") if report.count(s)]
    where = f"in {_plural(report.files, 'file')}"
    out = [f"### factcheck: {', '.join(counts)} {where}" if counts else "### factcheck: all clear", ""]
    if not counts:
        out += [f"No problems found {where}.", ""]
    if report.findings:
        out += ["| Severity | Rule | Where | Message |", "| --- | --- | --- | --- |"]
        out += [_row(f, locate) for f in report.findings]
        out.append("")
    for f in report.findings:
        out += [f"**{f.severity}[{f.rule}]** {_code(_where(f, locate))}", ""]
        out += ["\n>\n".join(_quote(f, line, locate) for line in _lines(f, locate)), ""]
        if f.help:
            out += [f"Help: {_escape(f.help)}", ""]
    if report.errors:
        out += [f"{_plural(len(report.errors), 'input')} could not be read:", ""]
        out += [f"- {_code(e.path)}: {_escape(e.message)}" for e in report.errors] + [""]
    return "\n".join(out)


def _lines(f: Finding, locate: Locator) -> list[int]:
    return sorted({locate.index(f).line_col(s.start)[0] for s in f.spans})


def _quote(f: Finding, line: int, locate: Locator) -> str:
    idx = locate.index(f)
    text, start = idx.line_text(line), idx.starts[line - 1]
    spans = sorted((s for s in f.spans if idx.line_col(s.start)[0] == line), key=lambda s: s.start)
    lo, hi = spans[0].start - start, max(min(s.end - start, len(text)) for s in spans)
    room = max(0, WIDTH - (hi - lo))
    cut_lo = max(0, lo - room // 2)
    cut_hi = min(len(text), cut_lo + max(WIDTH, hi - cut_lo))
    cut_lo = max(0, min(cut_lo, cut_hi - WIDTH))  # a line that ends early leaves room on the left
    # the spans' sentence when it fits, else whole words
    if starts := list(_SENTENCE_START.finditer(text, cut_lo, lo)):
        cut_lo = starts[-1].end()
    elif cut_lo > 0:
        cut_lo = min(lo, text.find(" ", cut_lo - 1) + 1 or lo)
    if end := _SENTENCE_END.search(text, hi, cut_hi):
        cut_hi = end.end()
    elif cut_hi < len(text):
        cut_hi = max(hi, text.rfind(" ", 0, cut_hi + 1))
    pieces, at = ["…" if cut_lo > 0 and not starts else ""], cut_lo
    for s in spans:
        s_lo, s_hi = max(at, s.start - start), min(s.end - start, len(text))
        if s_hi > s_lo:  # overlapping spans are bold once
            pieces += [_escape(text[at:s_lo]), f"**{_escape(text[s_lo:s_hi])}**"]
            at = s_hi
    pieces += [_escape(text[at:cut_hi]), "…" if cut_hi < len(text) and not end else ""]
    return "> " + _BLOCK_START.sub(r"\1\\\2", "".join(pieces))


def _row(f: Finding, locate: Locator) -> str:
    where = _code(_where(f, locate)).replace("|", "\\|")  # a pipe ends a table cell, even in code
    return f"| {f.severity} | `{f.rule}` | {where} | {_escape(f.message)} |"


def _where(f: Finding, locate: Locator) -> str:
    line, column = locate.index(f).line_col(f.spans[0].start) if f.spans else (1, 1)
    return f"{f.path}:{line}:{column}"


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", visible(" ".join(text.splitlines()), tabs=True))


def _code(text: str) -> str:
    """Inline code that holds ``text`` whatever it contains: on one line, fenced by more backticks
    than its longest run (a path with a line break or "``" cannot end the span early)."""
    shown = visible(text, tabs=True)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(shown)), default=0) + 1)
    return f"{fence} {shown} {fence}" if "`" in shown else f"`{shown}`"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
