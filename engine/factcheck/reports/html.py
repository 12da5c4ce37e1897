"""HTML: one self-contained page per run, for editors, that shows what was checked as well as what failed.

Each document is shown as the paragraphs that hold its claims, every claim read
highlighted: findings by severity, claims that hold in green, each span labelled.
Activating a highlight shows the finding's message, evidence, help and fix, or the
arithmetic of a claim that holds ("25 = 11 + 14 ✓"). The page is built by Jinja2 with
autoescaping from templates/ (markup, style and script); it loads nothing (its Content
Security Policy allows only its own style and script, by hash), and invisible or
direction-changing characters in the texts are shown as visible marks.

The claims that hold come from ``Report.readings``, which a run fills only when it
writes html; a report without them (built by hand) shows the paragraphs of its findings.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..checking.findings import Check, Excerpt, Finding, Report, Span
from ..checking.readings import excerpts
from .spans import Locator

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

SEVERITIES = ("error", "warning", "info")
HOLDS = "holds"  # the "severity" of a claim that holds, for styles and filters
ICONS = {"error": "✗", "warning": "⚠", "info": "ℹ", HOLDS: "✓"}
# characters that would hide text or turn it around: shown as a visible mark instead
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass
class Mark:
    """A finding or a claim that holds, as the page shows it."""

    id: str  # f3 for a finding, c5 for a claim that holds
    severity: str  # error, warning, info or holds
    rule: str
    title: str | None
    spans: list[Span]
    lang: str | None  # of the message or arithmetic
    message: str | None = None
    arithmetic: str | None = None
    evidence: list[tuple[str, Any]] = field(default_factory=list)
    help: str | None = None
    fix: str | None = None
    where: str = ""

    @property
    def icon(self) -> str:
        return ICONS[self.severity]

    @property
    def is_finding(self) -> bool:
        return self.severity != HOLDS


@dataclass
class Piece:
    """A run of an excerpt's text under the same marks; ``primary`` is the one activating it shows."""

    text: str
    primary: Mark | None = None
    marks: list[Mark] = field(default_factory=list)
    anchor: bool = False  # the first piece of the primary mark's first span: the mark's id and focus
    labels: list[tuple[Mark, str]] = field(default_factory=list)  # span labels that end here


@dataclass
class Paragraph:
    line: int
    pieces: list[Piece]
    marks: list[Mark]  # whose first span is here: their details follow the paragraph
    clipped: bool  # the middle of a longer line


@dataclass
class DocumentView:
    path: str
    origin: str | None
    lang: str | None
    claims: int | None
    findings: list[Mark]
    holds: list[Mark]
    paragraphs: list[Paragraph]


def render(report: Report, version: str = "0.1.0", **_: Any) -> str:
    """The report as one HTML page."""
    locate = Locator(report)
    documents = _documents(report, locate)
    findings = [m for d in documents for m in d.findings]
    holds = [m for d in documents for m in d.holds]
    rules = sorted({m.rule for m in findings + holds})
    by_rule = {rule: Counter(m.severity for m in findings + holds if m.rule == rule) for rule in rules}
    titles: dict[str, str] = {}
    for mark in findings + holds:
        titles.setdefault(mark.rule, mark.title or "")
    from markupsafe import Markup

    environment = _environment()
    script = Markup(environment.get_template("report.js").render())  # our own files, not text from a document
    style = Markup(environment.get_template("report.css").render())
    return environment.get_template("report.html").render(
        version=version, documents=[d for d in documents if d.paragraphs],
        quiet=[d for d in documents if not d.paragraphs], findings=findings, holds=holds,
        files=report.files, claims=sum(d.claims or 0 for d in documents) if report.readings else None,
        counts={s: report.count(s) for s in SEVERITIES}, rules=rules, by_rule=by_rule, titles=titles,
        errors=report.errors, hidden=report.hidden, severities=SEVERITIES, icons=ICONS,
        script=script, style=style, script_hash=_csp_hash(script), style_hash=_csp_hash(style),
    ) + "\n"


def _documents(report: Report, locate: Locator) -> list[DocumentView]:
    """Every document of the report: those read for html in input order, then any other with findings.

    Documents are told apart as ``Report.texts`` tells them (``Finding.document``): two archive
    records sharing an id are two documents."""
    by_document: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_document.setdefault(finding.document, []).append(finding)
    keys = list(report.readings) + [k for k in by_document if k not in report.readings]
    views, numbers = [], {"f": 0, "c": 0}
    for key in keys:
        reading = report.readings.get(key)
        found = by_document.get(key, [])
        if found:
            path, origin = found[0].path, found[0].origin
        else:
            assert reading is not None  # every key is a reading's or a finding's
            path, origin = reading.path, reading.origin
        findings = [_finding_mark(f, _next(numbers, "f"), locate) for f in found]
        holds = [_check_mark(c, _next(numbers, "c"), reading.lang) for c in reading.checks] if reading else []
        shown = reading.excerpts if reading is not None else _excerpts_of(report.texts.get(key, ""), findings)
        views.append(DocumentView(path, origin, reading.lang if reading else None,
                                  reading.claims if reading else None, findings, holds,
                                  [_paragraph(e, findings + holds) for e in shown]))
    return views


def _next(numbers: dict[str, int], prefix: str) -> str:
    numbers[prefix] += 1
    return f"{prefix}{numbers[prefix]}"


def _excerpts_of(text: str, marks: list[Mark]) -> list[Excerpt]:
    return excerpts(text, [(s.start, s.end) for m in marks for s in m.spans]) if text else []


def _finding_mark(f: Finding, mark_id: str, locate: Locator) -> Mark:
    line, column = locate.index(f).line_col(f.spans[0].start) if f.spans else (1, 1)
    fix = None
    if f.fix is not None and f.fix.span < len(f.spans):
        fix = f"write {f.fix.replacement} for {f.spans[f.fix.span].text}"
    return Mark(mark_id, f.severity, f.rule, f.title, f.spans, f.message_lang, message=f.message,
                evidence=list(f.evidence.items()), help=f.help, fix=fix, where=f"{f.path}:{line}:{column}")


def _check_mark(c: Check, mark_id: str, lang: str | None) -> Mark:
    return Mark(mark_id, HOLDS, c.rule, c.title, c.spans, lang, arithmetic=c.arithmetic)


def _rank(mark: Mark) -> int:
    """Which mark a piece under several shows: the most severe."""
    return (*SEVERITIES, HOLDS).index(mark.severity)


def _paragraph(excerpt: Excerpt, marks: list[Mark]) -> Paragraph:
    """An excerpt cut into pieces at every span boundary inside it."""
    lo, hi = excerpt.start, excerpt.start + len(excerpt.text)
    inside = [(m, s) for m in marks for s in m.spans if s.start < hi and s.end > lo and s.end > s.start]
    cuts = sorted({lo, hi, *(max(lo, s.start) for _, s in inside), *(min(hi, s.end) for _, s in inside)})
    anchored: set[str] = set()
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        over = sorted((m for m, s in inside if s.start <= a and s.end >= b), key=_rank)
        unique = list(dict.fromkeys(m.id for m in over))
        covering = [next(m for m in over if m.id == i) for i in unique]
        piece = Piece(excerpt.text[a - lo : b - lo], covering[0] if covering else None, covering)
        if piece.primary is not None and piece.primary.id not in anchored and a == max(lo, piece.primary.spans[0].start):
            piece.anchor = True
            anchored.add(piece.primary.id)
        piece.labels = [(m, s.label) for m, s in inside if min(hi, s.end) == b]
        pieces.append(piece)
    firsts = [m for m in marks if m.spans and lo <= m.spans[0].start < hi]
    for mark in firsts:  # a mark shown under another everywhere still gets a way in: its first piece
        if mark.id not in anchored:  # that is not another mark's only way in
            for piece in pieces:
                if mark in piece.marks and not piece.anchor:
                    piece.primary, piece.anchor = mark, True
                    anchored.add(mark.id)
                    break
    return Paragraph(excerpt.line, pieces, firsts, excerpt.clipped)


def visible(text: str) -> Markup:
    """Text escaped for HTML, with invisible and direction-changing characters shown as marks."""
    from markupsafe import Markup, escape

    def mark(match: re.Match[str]) -> str:
        code = ord(match.group())
        picture = chr(0x2400 + code) if code < 0x20 else "␡" if code == 0x7F else f"U+{code:04X}"
        return f'<span class="ctl" title="U+{code:04X}">{picture}</span>'

    return Markup(_INVISIBLE.sub(mark, str(escape(text))))


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=PackageLoader("factcheck.reports", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True),
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    environment.filters["visible"] = visible
    return environment
