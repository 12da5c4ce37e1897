"""Limits on patterns, so that matching one never runs without bound, and the advice
given for regular-expression habits, which the pattern language reads as literal text
(a pattern holding them would never match)."""

from __future__ import annotations

import re

#: Limits that keep matching bounded (the shipped patterns: 12 words at most per gap,
#: 24 in all, 637 ways to share the words out, brackets 2 deep).
MAX_GAP_WORDS = 20  # the widest {gap:m-n} or {words:m-n}
MAX_GAP_BUDGET = 40  # the words all gaps of a pattern may skip together
MAX_READINGS = 1000  # the ways its gaps can share out the words (the product of their widths)
MAX_NESTING = 8  # brackets inside brackets

#: Regular-expression habits that the pattern language reads as literal text (so the
#: pattern never matches), and what to write instead.
_REGEX_HABITS = (
    (re.compile(r"\.[*+?]|\.\{\d"), "'{habit}' is regular-expression syntax: write {{gap:0-6}} for some words"),
    (re.compile(r"\^"), "'^' is regular-expression syntax: a pattern matches anywhere in a sentence already"),
    (re.compile(r"(?<=[\w)\]}])[*+?]"), "'{habit}' is regular-expression syntax: write [word] for an optional word,"
                                         " {{words:1-3}} for several, or \\{habit} for the sign itself"),
)
_ESCAPE_HABITS = {
    "d": "write {:number} for a number (\\d+)", "s": "spaces between items are matched already: leave \\s out",
    "w": "write {words:1-1} for a word (\\w+)", "b": "words are matched whole already: leave \\b out",
}


def regex_habit(source: str) -> tuple[int, str] | None:
    """Where a regular-expression habit is in a pattern, and what to write instead."""
    bare = re.sub(r"\\.", "  ", source)  # escaped characters are the text's own: \+ is a plus sign
    for rx, advice in _REGEX_HABITS:
        habit = rx.search(bare)
        if habit:
            return habit.start(), advice.format(habit=habit.group())
    return None


def escape_habit(escaped: str) -> str:
    """The advice for ``\\`` before a letter or digit (only signs and brackets are escaped)."""
    return f"'\\{escaped}' is regular-expression syntax: " + _ESCAPE_HABITS.get(
        escaped, "only signs and brackets are escaped, as in \\(")


def readings_problem(ways: int) -> str | None:
    """What is wrong with a pattern whose gaps can share out the words in ``ways`` ways."""
    if ways <= MAX_READINGS:
        return None
    return (f"its gaps can share out the words they skip in {ways:,} ways (the product of their widths) "
            f"(at most {MAX_READINGS:,}), and a search may try each of them wherever the pattern can start: "
            f"narrow the gaps, or join gaps next to each other ({{gap:0-6}} {{gap:0-6}} is {{gap:0-12}})")
