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
    span: int  # index into the finding's spans
    replacement: str


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
    #: where the document was read when ``path`` may not be unique: an archive record's
    #: ``archive.jsonl:LINE`` (two records may share an id)
    origin: str | None = None

    @property
    def document(self) -> str:
        """The key of the finding's document in ``Report.texts``: unique, unlike ``path``."""
        return self.origin or self.path

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.spans[0].start if self.spans else 0, self.rule)


@dataclass
class Report:
    """The result of a run: findings from every readable file, errors for the others.

    ``paths`` lists the files checked, in input order (a report built by hand may leave
    it empty and only count them in ``files``); ``texts`` holds the stored text of the
    files with findings only (renderers compute lines and columns from it), keyed by
    ``Finding.document`` (an archive record's origin, else its path); ``hidden`` counts
    the findings a baseline absorbed.
    """

    findings: list[Finding] = field(default_factory=list)
    errors: list[Any] = field(default_factory=list)  # documents.ReadError
    files: int = 0
    texts: Mapping[str, str] = field(default_factory=dict)  # Finding.document -> stored text, for renderers
    paths: list[str] = field(default_factory=list)
    hidden: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def worst(self) -> int:
        """Rank of the most severe finding, -1 when there is none."""
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=-1)
