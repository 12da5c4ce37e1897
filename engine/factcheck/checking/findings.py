"""Findings: what a rule reports about one claim, with exact spans in the stored text.

A finding carries offsets only; lines and columns are computed by the renderers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str
    label: str


@dataclass(slots=True)
class Fix:
    """An edit that corrects the stated value: write ``replacement`` over the stored
    text's ``start``:``end`` (the figure inside the span: "56,8" of "56,8%"), which lies
    within the finding's span number ``span``. The engine computes it; renderers print it."""

    span: int  # index into the finding's spans
    replacement: str
    start: int
    end: int


@dataclass(slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    path: str
    spans: list[Span]
    evidence: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    help: str | None = None
    title: str | None = None
    message_lang: str = "en"  # the language of message, help and title
    #: where the document was read when ``path`` may not be unique: an archive record's
    #: ``archive.jsonl:LINE`` (two records may share an id)
    origin: str | None = None

    @property
    def document(self) -> str:
        """The key of the finding's document in ``Report.texts``: unique, unlike ``path``."""
        return self.origin or self.path

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.spans[0].start if self.spans else 0, self.rule)


@dataclass(slots=True)
class Check:
    """A claim a rule judged and found to hold, as the html report shows it: "25 = 11 + 14 ✓"."""

    rule: str
    spans: list[Span]
    arithmetic: str  # in the message language, numbers in its format
    title: str | None = None


@dataclass(slots=True)
class Excerpt:
    """A paragraph of a document that holds a claim: its text from ``start`` (a code-point offset), on
    ``line``; ``clipped`` when it is the middle of a longer line."""

    start: int
    line: int
    text: str
    clipped: bool = False


@dataclass(slots=True)
class Reading:
    """What the html report shows of one document: how many claims were read, those that hold, and
    the paragraphs with a claim (kept instead of the whole text). Made only when a run writes html."""

    lang: str | None
    claims: int
    checks: list[Check] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    path: str = ""  # the document's, as Finding.path
    origin: str | None = None  # as Finding.origin: an archive record's ``archive.jsonl:LINE``


@dataclass
class Report:
    """The result of a run: findings from every readable file, errors for the others.

    ``paths`` lists the files checked, in input order (a report built by hand may leave
    it empty and only count them in ``files``); ``texts`` holds the stored text of the
    files with findings only (renderers compute lines and columns from it), keyed by
    ``Finding.document`` (an archive record's origin, else its path); ``hidden`` counts
    the findings a baseline absorbed; ``readings`` (html only) what the html report shows
    of each document checked, in input order, keyed as ``texts`` is; ``notes`` are
    warnings about the inputs that are not findings (``a.md:3: warning: ...``, e.g. a
    suppression comment that silences nothing); ``rule_docs`` holds the documentation of
    each rule with a finding, from the rules the run used.
    """

    findings: list[Finding] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)  # documents.ReadError
    files: int = 0
    texts: Mapping[str, str] = field(default_factory=dict)  # Finding.document -> stored text, for renderers
    paths: list[str] = field(default_factory=list)
    hidden: int = 0
    readings: dict[str, Reading] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    rule_docs: dict[str, str] = field(default_factory=dict)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> int:
        """Rank of the most severe finding, -1 when there is none."""
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=-1)
