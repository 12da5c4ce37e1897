"""What the html report keeps of a document: the claims that hold, and the paragraphs with claims.

Made only when a run writes html (the catalog's ``keep_checked``), in whichever process
checked the document, so the report holds a few paragraphs per document instead of its
whole text: a paragraph (a line) with a claim or a finding in it, cut around its spans
when it is very long.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .findings import Check, Excerpt, Finding, Reading

if TYPE_CHECKING:
    from .analysis import Analysis

PARAGRAPH = 1500  # a longer line is cut around its spans ...
CONTEXT = 300  # ... keeping this many characters on either side
_WORD_SLACK = 40  # how far a cut moves to reach a space


def reading_of(analysis: Analysis, findings: list[Finding]) -> Reading:
    """The claims of ``analysis`` that hold (one per rule and spans) and the paragraphs holding them or
    ``findings`` (those left after suppression comments)."""
    checks: list[Check] = []
    seen: set[tuple[str, tuple[tuple[int, int], ...]]] = set()
    for evaluation in analysis.evaluations:
        check = evaluation.holds
        if check is None:
            continue
        key = (check.rule, tuple((s.start, s.end) for s in check.spans))
        if key not in seen:  # another reading of the same sentence
            seen.add(key)
            checks.append(check)
    spans = [(s.start, s.end) for check in checks for s in check.spans]
    spans += [(s.start, s.end) for finding in findings for s in finding.spans]
    doc = analysis.document
    return Reading(doc.lang, len(analysis.claims), checks, excerpts(doc.text, spans), doc.path)


def excerpts(text: str, spans: list[tuple[int, int]]) -> list[Excerpt]:
    """The paragraphs of ``text`` that hold these spans, merged where they meet, in order."""
    regions: list[tuple[int, int, bool]] = []
    for start, end in sorted(spans):
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        hi = len(text) if hi < 0 else hi
        clipped = hi - lo > PARAGRAPH
        if clipped:
            lo, hi = max(lo, _space_before(text, start - CONTEXT)), min(hi, _space_after(text, end + CONTEXT))
        if regions and lo <= regions[-1][1] + 1:
            last = regions[-1]
            regions[-1] = (last[0], max(last[1], hi), last[2] or clipped)
        else:
            regions.append((lo, hi, clipped))
    out = []
    line, counted = 1, 0
    for lo, hi, clipped in regions:
        line += text.count("\n", counted, lo)
        counted = lo
        out.append(Excerpt(lo, line, text[lo:hi].rstrip("\r"), clipped))
    return out


def _space_before(text: str, at: int) -> int:
    at = max(0, at)
    space = text.rfind(" ", max(0, at - _WORD_SLACK), at)
    return space + 1 if space >= 0 else at


def _space_after(text: str, at: int) -> int:
    at = min(len(text), at)
    space = text.find(" ", at, at + _WORD_SLACK)
    return space if space >= 0 else at
