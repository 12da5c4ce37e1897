"""Mentions: the typed values a text states, each with its span, precision and hedge.

The scanner is one alternation of regular expressions, built from the mention kinds'
declarations (kinds/) and the language's look-alikes, tried left to right so that at
any position the more specific reading wins: a date before a fraction, a decree
number before either, a percentage before a bare number. It is tried only where a
value can start (one start regex finds those), and each match is read by its kind's
reader. Offsets here are into the normalised text; the pipeline maps them to the
stored text afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, Sequence

from .kinds import SHIPPED, MentionKind, Scan, by_name
from .kinds.base import Reader
from .kinds.numbers import NUMBER_GROUP
from .lazyregex import LazyRegex
from .lexicon import NOTHING, WORD_START, Lexicon, alternation
from .value_types import WEEKDAY_NAMES, Mention

__all__ = ["Mention", "Scanner", "WEEKDAY_NAMES"]

#: Where the language's look-alikes stand among the kinds' alternatives: exact strings
#: ("24/7") before anything; codes and times ("COVID-19", "08:11") after weekdays ("T5,
#: 05/08/2020" is Thursday, not a code like G7) and before fractions and numbers.
_LITERALS_ORDER, _TOKENS_ORDER = 0, 50

_ATTACHED = frozenset("-–+$.")  # what may join a word to its digits in one value
_LAST_WORD = re.compile(r"(\w+)\W{0,3}\Z")  # the word right before a value ("approx. 5", "(khoảng 5")
_VALUE_WINDOW = 240  # characters a value and what decides it may span ("Thứ Tư, ngày 5 tháng 8 năm 2020")
_LOOKAHEAD = 16  # what a scanner may look at past a value's end, kept inside the window
_LONG_RUN = 64  # a run of digits and separators this long is skipped past in one step


class Scanner:
    """Finds the mentions of one language in a text, of the kinds it was built with."""

    def __init__(self, lex: Lexicon, kinds: Sequence[MentionKind] = SHIPPED):
        self.lex = lex
        self.kinds: dict[str, MentionKind] = dict(by_name(kinds))
        self._hedged = frozenset(k.name for k in kinds if k.hedged)
        self._keep = {k.name: k.keep for k in kinds if k.keep is not None}
        self._readers: dict[str, Reader | None] = {}
        digit_led, word_led = self._alternatives(kinds)
        # No value starts inside a word (G7, COVID-19 and 4G are look-alikes).
        self.digit_scanner = LazyRegex(rf"(?<!\w)(?:{'|'.join(digit_led)})", re.IGNORECASE)
        self.word_scanner = LazyRegex(rf"(?<!\w)(?:{'|'.join(word_led)})", re.IGNORECASE)
        self.starts = self._start_regex(kinds)
        self.word_before_digit = LazyRegex(r"(?<!\w)[^\W\d_]+\.?[\-–+$]{0,2}\Z")  # attached: COVID-19, US$1

    def _alternatives(self, kinds: Sequence[MentionKind]) -> tuple[list[str], list[str]]:
        """The scanner's alternatives, in order, for values led by a digit and by anything else.

        Each alternative is a named group, so a match's ``lastgroup`` (the group closed
        last) says which one matched. Last comes a number and what follows it, read once:
        the kinds' after_number pieces in their order, a bare number last.
        """
        lex = self.lex
        literals = alternation(lex.lookalike_literals, case_sensitive=True)
        tokens = "|".join(f"(?:{t})" for t in lex.lookalike_tokens) or NOTHING
        entries: list[tuple[int, str, str, Reader | None]] = [
            (_LITERALS_ORDER, "either", rf"{WORD_START}{literals}(?![\w/])", None),
            (_TOKENS_ORDER, "either", rf"{WORD_START}(?:{tokens})", None),
        ]
        for kind in kinds:
            entries.extend((kind.order, alt.lead, alt.regex, alt.read) for alt in kind.alternatives(lex))
        entries.sort(key=lambda entry: entry[0])  # stable: one kind's alternatives keep their order
        digit_led, word_led = [], []
        for n, (_, lead, regex, read) in enumerate(entries):
            group = f"_alt{n}"
            self._readers[group] = read
            if lead != "word":
                digit_led.append(f"(?P<{group}>{regex})")
            if lead != "digit":
                word_led.append(f"(?P<{group}>{regex})")
        followers = []
        for n, kind in enumerate(sorted((k for k in kinds if k.after_number), key=lambda k: k.order)):
            assert kind.after_number is not None
            after = kind.after_number(lex)
            self._readers[f"_after{n}"] = after.read
            followers.append(f"(?P<_after{n}>{after.regex})")
        if followers:
            number = rf"(?P<{NUMBER_GROUP}>{lex.num})(?:{'|'.join(followers)})"
            digit_led.append(number)
            word_led.append(number)
        return digit_led, word_led

    def _start_regex(self, kinds: Sequence[MentionKind]) -> LazyRegex:
        """Where a value can start: a run of digits, a sign ("$") or a bracket or sign before
        a digit, a word just before a digit ("ngày 5", "quý 1/2021", "August 5",
        "COVID-19"), or a word a value begins with (a weekday, a number word).

        Trying the scanners only there is what makes scanning fast. No value starts
        inside a word, so the start regex consumes the character before the start (the
        text is searched with a space in front) and captures the start in a lookahead
        (group 1 led by a digit or sign, group 2 by a word): a regex beginning with a
        character class lets the engine skip from one space or punctuation mark to the
        next in C. It searches lower-cased text; the word before a digit is looked up
        from the digit.
        """
        lex = self.lex
        signs = "".join(sorted({re.escape(s) for k in kinds for s in k.start_signs(lex)}))
        start_words = [w.lower() for k in kinds for w in k.start_words(lex)]
        lead_words = {w.lower() for k in kinds for w in k.lead_words(lex)}
        for token in lex.lookalike_tokens:  # "quý 1/2021": a token's leading words
            lead = re.match(r"\(\?:([^\W\d_]+(?:\|[^\W\d_]+)*)\)", token)
            if lead:
                lead_words.update(w.lower() for w in lead.group(1).split("|"))
        digit_led = rf"\d(?:[\d.,/]*\d)?{f'|[{signs}]' if signs else ''}|[(+](?=\d)"  # "2.340,5", "7/13": one start
        word_led = (rf"{alternation(start_words, case_sensitive=True)}(?!\w)"
                    rf"|{alternation(sorted(lead_words), case_sensitive=True)}(?=\.?[\s\-–+$]{{0,2}}\d)")
        return LazyRegex(rf"\W(?=({digit_led})|({word_led}))")

    def regexes(self) -> list[LazyRegex]:
        """The scanner's own regexes (compiled at load, to find a bad pack early)."""
        return [self.digit_scanner, self.word_scanner, self.starts, self.word_before_digit]

    def scan(self, text: str, published: dt.date | None = None) -> list[Mention]:
        scan = Scan(self.lex, text, published, [])
        found = scan.found
        readers, hedged = self._readers, self._hedged
        digit_match, word_match = self.digit_scanner.compiled.match, self.word_scanner.compiled.match
        covered = 0  # end of the last value: nothing starts inside one
        for at in self._starts(text):
            if at < covered:
                continue
            # a value is read within a window: a scanner's repeats then never run along a
            # whole line of "1,1,1,…" (and keep a backtracking mark per step, in memory)
            m = (digit_match if text[at].isdigit() else word_match)(text, at, at + _VALUE_WINDOW)
            if m is None or m.end() > at + _VALUE_WINDOW - _LOOKAHEAD:
                continue  # what it read may end where the window cut it: no value is that long
            covered = m.end()
            read = readers.get(m.lastgroup or "")
            if read is None:  # a look-alike
                continue
            mention = read(scan, m)
            if mention is None:
                continue
            if mention.kind in hedged:
                self._attach_hedge(mention, text)
            else:
                mention.phrase_start, mention.phrase = mention.start, mention.text
            found.append(mention)
        if not self._keep:
            return found
        keep = self._keep
        return [m for i, m in enumerate(found) if m.kind not in keep or keep[m.kind](scan, i)]

    def _starts(self, text: str) -> list[int]:
        """Where a value can start, in order (see _start_regex).

        The start regex matches the character before a start and captures the start, so
        it searches ``" " + text``: a group there begins one past its offset in the text.
        Words are matched in lower-cased text, when lower-casing keeps every offset (it
        nearly always does); else only digits and signs are starts.
        """
        starts: list[int] = []
        before = self.word_before_digit.compiled.search
        padded = " " + text
        searched = " " + text.lower()
        words = len(searched) == len(padded)
        if not words:
            searched = padded
        digits_to = words_to = 0  # "2.340,5" and "thứ hai" are one start each
        finditer = self.starts.compiled.finditer
        pending: Iterator[re.Match[str]] | None = finditer(searched)
        while pending is not None:
            matches, pending = pending, None
            for m in matches:
                if m.start(1) < 0:
                    at = m.start(2) - 1
                    if words and at >= words_to:
                        starts.append(at)
                        words_to = m.end(2) - 1
                    continue
                at = m.start(1) - 1
                if at < digits_to or (padded[at] in ".,/" and padded[at - 1].isdigit()):
                    continue  # inside "2.340,5" or "7/13", or after a digit attached to a word
                digits_to = m.end(1) - 1
                if at and text[at - 1] in _ATTACHED:  # a word attached to the digits: COVID-19, US$1
                    word = before(text, max(0, at - 24), at)
                    if word is not None:
                        starts.append(word.start())
                starts.append(at)
                if digits_to - at > _LONG_RUN:
                    # a run has no other start, but the lookahead would read the rest of it
                    # again from each comma inside ("1,1,1,…" on one line was quadratic):
                    # go on from its last character (the mark before the next start, maybe)
                    pending = finditer(searched, digits_to)
                    break
        starts.sort()
        return starts

    def _attach_hedge(self, mention: Mention, text: str) -> None:
        start = mention.start
        lex = self.lex
        # the cheap test first: a hedge ends in one of a few words, right before the value
        last = _LAST_WORD.search(text, max(0, start - 16), start)
        if last is None or last.group(1).lower() not in lex.hedge_last_words:
            mention.phrase_start, mention.phrase = start, mention.text
            return
        h = lex.hedge.search(text, max(0, start - 30), start)
        if h:
            mention.hedge = lex.hedge_names[" ".join(h.group(1).split()).lower()]
            mention.phrase_start = h.start()
            mention.phrase = text[h.start() : mention.end]
        else:
            mention.phrase_start = mention.start
            mention.phrase = mention.text
