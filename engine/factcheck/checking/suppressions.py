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
    for m in _COMMENT.finditer(text):
        ids = m.group("html_ids") or m.group("ids") or ""
        blank = _BLANK_LINE.search(text, m.end())
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
    for s in suppressions:
        covered = [f for f in ordered if s.start < _start(f) < s.end and id(f) not in silenced]
        if not s.names:
            if covered:
                lo, hi = _extent(covered[0])
                silenced.update(id(f) for f in covered if _extent(f)[0] < hi and lo < _extent(f)[1])
            continue
        for name in s.names:
            if name not in known:
                line = text.count("\n", 0, s.start) + 1
                notes.append(f"{path}:{line}: warning: the suppression names {name!r}, which is not a rule"
                             f"{did_you_mean(name, known)}; it silences nothing")
                continue
            rule = names.get(name)
            first = next((f for f in covered if f.rule == rule and id(f) not in silenced), None)
            if first is not None:
                silenced.add(id(first))
    return [f for f in findings if id(f) not in silenced], notes


def malformed(text: str, path: str) -> list[str]:
    """A warning for each comment written as a suppression that is not one (it would silence nothing)."""
    notes = []
    for m in _ANY_COMMENT.finditer(text):
        if _COMMENT.match(text, m.start()):
            continue
        where = f"{path}:{text.count(chr(10), 0, m.start()) + 1}"
        inline = _COMMENT.fullmatch(m.group())  # understood alone: a plain-text comment in the middle of a line
        why = ("in plain text it must end its line" if inline else
               "expected 'factcheck: ignore' and rule ids separated by commas")
        notes.append(f"{where}: warning: the suppression comment {m.group()!r} is not understood ({why}); "
                     "it silences nothing")
    return notes


def rule_names(rules: Iterable[Rule]) -> dict[str, str]:
    """Each id and alias of some rules, mapped to the rule's id."""
    return {name: r.id for r in rules for name in [r.id, *r.spec.aliases]}


def _start(f: Finding) -> int:
    return f.spans[0].start if f.spans else 0


def _extent(f: Finding) -> tuple[int, int]:
    if not f.spans:
        return (0, 0)
    return (min(s.start for s in f.spans), max(s.end for s in f.spans))
