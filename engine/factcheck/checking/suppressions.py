"""Inline suppressions: a comment in the document that silences a rule on the next claim.

    <!-- factcheck: ignore ratio-percent -->        Markdown and HTML
    [factcheck: ignore ratio-percent]               plain text: on its own line or ending one

Several ids may be given, comma-separated; ``ignore`` alone silences every rule. A
comment silences, for each rule it names, the first finding of that rule whose first
span starts after the comment and before the next blank line; ``ignore`` alone
silences the first finding there and every other finding on the same stretch of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Collection, Iterable, Mapping

from ..errors import did_you_mean
from .findings import Finding

if TYPE_CHECKING:
    from ..loading.rule_files import Rule


def _ids(group: str) -> str:
    return rf"(?:[ \t]+(?P<{group}>[\w.-]+(?:[ \t]*,[ \t]*[\w.-]+)*))?"


_COMMENT = re.compile(
    r"<!--[ \t]*factcheck:[ \t]*ignore" + _ids("html_ids") + r"[ \t]*-->"
    r"|\[factcheck:[ \t]*ignore" + _ids("ids") + r"[ \t]*\](?=[ \t]*(?:\r\n|\r|\n|\Z))",
    re.I,
)
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
#: Anything written as a suppression comment, understood or not: one that is not is reported, not ignored.
_ANY_COMMENT = re.compile(r"<!--[ \t]*factcheck[ \t]*:[^\r\n]*?-->|\[factcheck[ \t]*:[^\]\r\n]*\]", re.I)


@dataclass(frozen=True, slots=True)
class Suppression:
    start: int  # offset of the comment in the stored text
    end: int  # where the paragraph it covers ends (the next blank line, or the end of the text)
    names: tuple[str, ...]  # the ids as written; empty: every rule


def find_suppressions(text: str) -> list[Suppression]:
    """Every suppression comment in a text, in order."""
    found = []
    blank: re.Match[str] | None = None
    last_blank = False  # no blank line after the one found: none after any later comment either
    for m in _COMMENT.finditer(text):
        ids = m.group("html_ids") or m.group("ids") or ""
        # one blank line closes every comment before it: it is searched for again only
        # past it (each search ran to the end of a text without one: quadratic)
        if not last_blank and (blank is None or blank.start() < m.end()):
            blank = _BLANK_LINE.search(text, m.end())
            last_blank = blank is None
        found.append(Suppression(m.start(), blank.start() if blank else len(text),
                                 tuple(n.strip() for n in ids.split(",") if n.strip())))
    return found


def apply_suppressions(text: str, findings: list[Finding], names: Mapping[str, str],
                       known: Collection[str] | None = None, path: str = "") -> tuple[list[Finding], list[str]]:
    """The findings the text's comments do not silence, and a note for each unknown rule named.

    ``names`` maps each rule id and alias to its id; ``known`` (default: ``names``) is every
    name that is a rule, run or not, so that suppressing a rule left out of this run is no mistake.
    """
    if "factcheck" not in text.lower():
        return findings, []
    notes = malformed(text, path)
    suppressions = find_suppressions(text)
    if not suppressions:
        return findings, notes
    known = names if known is None else known
    ordered = sorted(findings, key=_start)
    silenced: set[int] = set()
    # Comments come in text order, so the first finding after one is never before the
    # first finding after the one before: one cursor per rule (and one for any rule)
    # moves forward only, and the whole costs the findings plus the comments.
    anyone = _Cursor(ordered, silenced)
    widest = max((hi - lo for lo, hi in map(_extent, ordered)), default=0)
    by_rule: dict[str, _Cursor] = {}
    lines = _LineCounter(text)
    suggestions: dict[str, str] = {}
    for s in suppressions:
        if not s.names:
            first = anyone.first_after(s.start, s.end)
            if first is not None:
                lo, hi = _extent(ordered[first])
                # a finding on the same stretch of text starts before its end plus the widest extent
                for f in anyone.from_(first, min(hi + widest, s.end)):
                    if _extent(f)[0] < hi and lo < _extent(f)[1]:
                        silenced.add(id(f))
            continue
        for name in s.names:
            if name not in known:
                if name not in suggestions:  # looked up once per name, not per comment
                    suggestions[name] = did_you_mean(name, known)
                notes.append(f"{path}:{lines.line_of(s.start)}: warning: the suppression names {name!r}, which is not"
                             f" a rule{suggestions[name]}; it silences nothing")
                continue
            rule = names.get(name)
            if rule is None:
                continue  # a rule that exists but does not run here
            if rule not in by_rule:
                by_rule[rule] = _Cursor([f for f in ordered if f.rule == rule], silenced)
            cursor = by_rule[rule]
            first = cursor.first_after(s.start, s.end)
            if first is not None:
                silenced.add(id(cursor.findings[first]))
    return [f for f in findings if id(f) not in silenced], notes


def malformed(text: str, path: str) -> list[str]:
    """A warning for each comment written as a suppression that is not one (it would silence nothing)."""
    notes = []
    lines = _LineCounter(text)
    for m in _ANY_COMMENT.finditer(text):
        if _COMMENT.match(text, m.start()):
            continue
        where = f"{path}:{lines.line_of(m.start())}"
        inline = _COMMENT.fullmatch(m.group())  # understood alone: a plain-text comment in the middle of a line
        why = ("in plain text it must end its line" if inline else
               "expected 'factcheck: ignore' and rule ids separated by commas")
        notes.append(f"{where}: warning: the suppression comment {m.group()!r} is not understood ({why}); "
                     "it silences nothing")
    return notes


class _Cursor:
    """The first finding not yet silenced that starts after a point, for points that only grow."""

    def __init__(self, findings: list[Finding], silenced: set[int]):
        self.findings, self.silenced, self.at = findings, silenced, 0

    def first_after(self, start: int, end: int) -> int | None:
        """Index of the first finding not silenced starting in (start, end), if any."""
        findings, at = self.findings, self.at
        while at < len(findings) and (_start(findings[at]) <= start or id(findings[at]) in self.silenced):
            at += 1
        self.at = at
        return at if at < len(findings) and _start(findings[at]) < end else None

    def from_(self, index: int, end: int) -> list[Finding]:
        """The findings not silenced from ``index`` on that start before ``end``."""
        out, findings = [], self.findings
        while index < len(findings) and _start(findings[index]) < end:
            if id(findings[index]) not in self.silenced:
                out.append(findings[index])
            index += 1
        return out


class _LineCounter:
    """Line numbers of offsets asked for in increasing order, counting each line break once."""

    def __init__(self, text: str):
        self.text, self.offset, self.line = text, 0, 1

    def line_of(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def rule_names(rules: Iterable[Rule]) -> dict[str, str]:
    """Each id and alias of some rules, mapped to the rule's id."""
    return {name: r.id for r in rules for name in [r.id, *r.spec.aliases]}


def _start(f: Finding) -> int:
    return f.spans[0].start if f.spans else 0


def _extent(f: Finding) -> tuple[int, int]:
    if not f.spans:
        return (0, 0)
    return (min(s.start for s in f.spans), max(s.end for s in f.spans))
