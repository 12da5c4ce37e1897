"""The pattern language: how a language pack says which mentions a phrasing relates.

A pattern reads like the text it matches, with typed holes for values:

    {f:fraction} {gap:0-6} (đạt|bằng|chiếm) {pct:percent}

- ``{name:kind}`` captures a mention of that kind (``{name:number|money}`` any of
  several); ``{:kind}`` matches one without capturing; ``{name:list}`` captures a
  list declared under ``lists:`` (``{parts:count_list}``).
- ``{gap:m-n}`` skips m to n words (and the commas and dashes between them;
  context values such as years and dates count as words, other values stop it); ``{words:m-n}`` skips m to n plain words.
- ``(a|b c)`` alternatives, ``[x]`` optional, ``$`` the end of the sentence;
  ``\\(`` ``\\)`` ``\\[`` ``\\]`` literal brackets; other words and punctuation match
  themselves, ignoring case.

A pattern compiles to one regular expression over the sentence with every mention
replaced by a placeholder, so matching costs one regex search per pattern per
document, whatever the phrasing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from .lazyregex import LazyRegex
from .pattern_limits import MAX_GAP_BUDGET, MAX_GAP_WORDS, MAX_NESTING, escape_habit, readings_problem, regex_habit

# Placeholders: PH_OPEN kind '#' index PH_CLOSE; sentence boundaries are BOUNDARY.
PH_OPEN, PH_CLOSE, BOUNDARY = "\ue000", "\ue001", "\ue002"
#: Values a gap may step over: they set the scene, they are not what is related.
CONTEXT_KINDS = ("year", "date", "year_range", "duration", "weekday")

# A word: a run of anything but spaces, brackets and clause punctuation ("TP.HCM"
# and "3,5" stay whole; a "." before a space ends the word). Possessive, so a run of
# letters is one word in exactly one way: no backtracking into it.
_WORD = rf"(?:[^\s{PH_OPEN}{PH_CLOSE}{BOUNDARY},;:!?()\[\].]|\.(?![\s{BOUNDARY}]|$))++"
_CONTEXT = rf"{PH_OPEN}(?:{'|'.join(CONTEXT_KINDS)})#\d+{PH_CLOSE}"
_GAP_PUNCT = "[,\\-–\"“”']"
_TOKEN = re.compile(r"[^\s{}()\[\]|\\$]+")  # a literal word or punctuation in a pattern
PLACEHOLDER = re.compile(rf"{PH_OPEN}(\w+)#(\d+){PH_CLOSE}")


class PatternError(ValueError):
    """A pattern that cannot compile; the message says where in the pattern."""


@dataclass(frozen=True)
class Capture:
    name: str  # the name the pattern author wrote
    group: str  # the regex group holding it
    kinds: tuple[str, ...]  # mention kinds it accepts (of the list's items, for a list)
    is_list: bool


@dataclass
class CompiledPattern:
    id: str
    kind: str
    regex: LazyRegex
    captures: list[Capture]
    bindings: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # field -> (capture, part)
    constants: dict[str, float] = field(default_factory=dict)  # field -> a number the phrasing implies
    cues: tuple[str, ...] = ()  # one of these words must be in the text, or the pattern cannot match
    requires: tuple[frozenset[str], ...] = ()  # a sentence needs a value of each of these kind sets


@dataclass
class ListMacro:
    regex: str
    item_kinds: tuple[str, ...]
    ways: int = 1  # the ways one item and separator can read a sentence


class _Compiler:
    """Compiles a pattern to a regex, counting as it goes the ways its gaps can share out
    the words they skip (``ways``: the product of their widths, along the widest of the
    alternatives): what a failed search may try at each place the pattern can start."""

    def __init__(self, source: str, lists: dict[str, ListMacro], mention_kinds: tuple[str, ...],
                 greedy: bool = False, stop_at: str | None = None):
        self.src = source
        self.lazy = "" if greedy else "?"
        self.stop_at = f"(?!{stop_at})" if stop_at else ""  # what a gap's word may not be
        self.pos = 0
        self.depth = 0
        self.gap_words = 0
        self.lists = lists
        self.mention_kinds = mention_kinds
        self.captures: list[Capture] = []
        self._used: dict[str, int] = {}

    def fail(self, message: str) -> PatternError:
        return PatternError(f"{message} at column {self.pos + 1} of pattern {self.src!r}")

    def compile(self) -> tuple[str, int]:
        """The regex and the number of ways it may read a sentence."""
        habit = regex_habit(self.src)
        if habit is not None:
            self.pos, advice = habit
            raise self.fail(advice)
        body, ways = self._sequence(stop="")
        if self.pos < len(self.src):
            raise self.fail(f"unexpected {self.src[self.pos]!r}")
        return body, ways

    def _sequence(self, stop: str) -> tuple[str, int]:
        """Items up to one of the ``stop`` characters, joined by optional whitespace."""
        alternatives: list[list[str]] = [[]]
        ways = [1]
        while self.pos < len(self.src):
            ch = self.src[self.pos]
            if ch in stop:
                break
            if ch.isspace():
                self.pos += 1
            elif ch == "|":
                if not stop:
                    raise self.fail("'|' outside brackets")
                self.pos += 1
                alternatives.append([])
                ways.append(1)
            else:
                rx, n = self._item()
                alternatives[-1].append(rx)
                ways[-1] *= n
        joined = [r"\s*".join(items) for items in alternatives]
        # alternatives of words rarely both match at one place: the widest one counts
        return (joined[0] if len(joined) == 1 else "(?:" + "|".join(joined) + ")"), max(ways)

    def _item(self) -> tuple[str, int]:
        ch = self.src[self.pos]
        if ch == "{":
            return self._hole()
        if ch in "([":
            close = ")" if ch == "(" else "]"
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise self.fail(f"brackets nested more than {MAX_NESTING} deep")
            self.pos += 1
            inner, ways = self._sequence(stop=close)
            if self.pos >= len(self.src):
                raise self.fail(f"missing {close!r}")
            self.pos += 1
            self.depth -= 1
            return (f"(?:{inner})", ways) if close == ")" else (f"(?:{inner})?", ways)
        if ch in ")]}":
            raise self.fail(f"unbalanced {ch!r}")
        if ch == "\\":
            if self.pos + 1 >= len(self.src):
                raise self.fail("'\\' at the end")
            escaped = self.src[self.pos + 1]
            if escaped.isalnum():
                raise self.fail(escape_habit(escaped))
            self.pos += 2
            return re.escape(escaped), 1
        if ch == "$":
            self.pos += 1
            return rf"(?=\s*(?:{BOUNDARY}|$))", 1
        m = _TOKEN.match(self.src, self.pos)
        assert m is not None
        self.pos = m.end()
        token = m.group()
        if re.fullmatch(r"\W+", token):
            return re.escape(token), 1
        return rf"(?<!\w){re.escape(token)}(?!\w)", 1

    def _hole(self) -> tuple[str, int]:
        end = self.src.find("}", self.pos)
        if end < 0:
            raise self.fail("missing '}'")
        body = self._hole_body(self.src[self.pos + 1 : end])  # errors point at the hole's '{'
        self.pos = end + 1
        return body

    def _hole_body(self, inside: str) -> tuple[str, int]:
        name, sep, spec = inside.partition(":")
        if not sep:
            raise self.fail(f"'{{{inside}}}' needs a kind, as in {{name:number}}")
        name, spec = name.strip(), spec.strip()
        if name in ("gap", "words"):
            low, high = self._range(name, spec)
            if name == "gap":  # words, with commas and dashes between them for free
                token = rf"(?>\s*(?:{_GAP_PUNCT}\s*)*{self.stop_at}(?:{_WORD}|{_CONTEXT}))"
                return f"(?:{token}){{{low},{high}}}{self.lazy}(?:\\s*{_GAP_PUNCT})*", high - low + 1
            token = rf"(?>\s*{self.stop_at}(?:{_WORD}|{_CONTEXT}))"
            return f"(?:{token}){{{low},{high}}}{self.lazy}", high - low + 1
        if name and not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise self.fail(f"capture name {name!r} is not a name")
        kinds = tuple(k.strip() for k in spec.split("|"))
        if len(kinds) == 1 and kinds[0] in self.lists:
            macro = self.lists[kinds[0]]
            if not name:
                return f"(?:{macro.regex})", macro.ways
            group = self._group_name(name)
            self.captures.append(Capture(name, group, macro.item_kinds, True))
            return f"(?P<{group}>{macro.regex})", macro.ways
        unknown = [k for k in kinds if k not in self.mention_kinds]
        if unknown:
            known = ", ".join(self.mention_kinds + tuple(self.lists))
            raise self.fail(f"unknown kind {unknown[0]!r} (known: {known})")
        kind_rx = "|".join(kinds)
        if not name:
            return rf"{PH_OPEN}(?:{kind_rx})#\d+{PH_CLOSE}", 1
        group = self._group_name(name)
        self.captures.append(Capture(name, group, kinds, False))
        return rf"{PH_OPEN}(?:{kind_rx})#(?P<{group}>\d+){PH_CLOSE}", 1

    def _range(self, name: str, spec: str) -> tuple[int, int]:
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", spec)
        if m and max(len(m.group(1)), len(m.group(2))) > 6:  # read as numbers only when of a sane size
            raise self.fail(f"{{{name}:{spec}}} may skip {m.group(2)} words: at most {MAX_GAP_WORDS}")
        if not m or int(m.group(1)) > int(m.group(2)):
            raise self.fail(f"{{{name}:...}} needs a range such as 0-6, not {spec!r}")
        low, high = int(m.group(1)), int(m.group(2))
        if high > MAX_GAP_WORDS:
            raise self.fail(f"{{{name}:{spec}}} may skip {high} words: at most {MAX_GAP_WORDS}")
        self.gap_words += high
        if self.gap_words > MAX_GAP_BUDGET:
            raise self.fail(f"the gaps up to {{{name}:{spec}}} skip {self.gap_words} words in all: "
                            f"at most {MAX_GAP_BUDGET} per pattern")
        return low, high

    def _group_name(self, name: str) -> str:
        n = self._used.get(name, 0)
        self._used[name] = n + 1
        return name if n == 0 else f"{name}__{n}"


def _closing(src: str, i: int) -> int:
    """Index just past the bracket that closes the one at ``i``."""
    depth, j = 0, i
    while j < len(src):
        if src[j] == "\\":
            j += 2
            continue
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(src[j], 0)
        j += 1
        if depth == 0:
            break
    return j


def _split_top(src: str) -> list[str]:
    """The alternatives of a group's body, split at its top-level '|'."""
    parts, depth, start, j = [], 0, 0, 0
    while j < len(src):
        ch = src[j]
        if ch == "\\":
            j += 2
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(src[start:j])
            start = j + 1
        j += 1
    return parts + [src[start:]]


def _items(source: str) -> Iterator[tuple[str, str, int]]:
    """The top-level items of a pattern as (what, text, end): ("hole", "pct:percent", 17),
    ("group", "a|b", …), ("optional", "x", …), ("escape", "(", …), ("end", "$", …),
    ("word", "gồm", …), ``end`` being where the item ends in the source.

    The static facts below (cue words, first characters, the kinds a sentence must
    hold) are read from these; the compiler above checks the grammar itself.
    """
    i = 0
    while i < len(source):
        ch = source[i]
        if ch.isspace():
            i += 1
        elif ch in "{([":
            end = _closing(source, i)
            yield {"{": "hole", "(": "group", "[": "optional"}[ch], source[i + 1 : end - 1], end
            i = end
        elif ch == "\\":
            yield "escape", source[i + 1 : i + 2], i + 2
            i += 2
        elif ch == "$":
            yield "end", ch, i + 1
            i += 1
        else:
            m = _TOKEN.match(source, i)
            if m is None:  # a stray closing bracket or '|': the compiler reports it
                i += 1
                continue
            yield "word", m.group(), m.end()
            i = m.end()


def _is_gap(hole: str) -> bool:
    return hole.partition(":")[0].strip() in ("gap", "words")


def cue_words(source: str) -> tuple[str, ...]:
    """Words one of which a text must contain for the pattern to match: the first word
    or sign ("gồm", ":", "("), or the first alternation of them, that the pattern cannot
    skip. Empty if none."""
    for what, text, _ in _items(source):
        if what in ("word", "escape") and text:
            return (text.lower(),)
        if what == "group":
            firsts = [next(iter(_items(alt)), ("", "", 0)) for alt in _split_top(text)]
            if firsts and all(w in ("word", "escape") and t for w, t, _ in firsts):
                return tuple(sorted({t.lower() for _, t, _ in firsts}))
    return ()


def first_chars(source: str) -> set[str] | None:
    """The characters a match of the pattern can start with, or None when any may.

    A value starts with its placeholder; a word with its first letter (in either
    case: matching ignores case). Put in front of the regex as a lookahead, this lets
    the search reject most positions with one character test.
    """
    what, text, _ = next(iter(_items(source)), ("", "", 0))
    if what == "hole":
        return None if _is_gap(text) else {PH_OPEN}
    if what == "group":
        chars: set[str] = set()
        for alt in _split_top(text):
            first = first_chars(alt)
            if first is None:
                return None
            chars |= first
        return chars or None
    if what == "escape":
        return {text} if text else None
    if what == "word":
        return {text[0].lower(), text[0].upper()}
    return None  # optional, end of sentence, or nothing


def required_kinds(source: str, lists: dict[str, ListMacro]) -> tuple[frozenset[str], ...]:
    """For each value the pattern cannot skip (not inside brackets), the kinds it may be."""
    needs: set[frozenset[str]] = set()
    for what, text, _ in _items(source):
        if what != "hole" or _is_gap(text):
            continue
        kinds = [k.strip() for k in text.partition(":")[2].split("|")]
        if len(kinds) == 1 and kinds[0] in lists:
            needs.add(frozenset(lists[kinds[0]].item_kinds))
        else:
            needs.add(frozenset(kinds))
    return tuple(sorted(needs, key=sorted))


def _check_readings(source: str, ways: int) -> None:
    problem = readings_problem(ways)
    if problem:
        raise PatternError(f"{problem}, in pattern {source!r}")


def compile_list(item: str, separator: str, mention_kinds: tuple[str, ...]) -> ListMacro:
    """A list macro: two or more items joined by the separator.

    Gaps inside items are greedy, so that a list takes every item it can ("15
    kindergartens, 14 primary and 13 secondary"); their words may not be a
    separator, so an item never swallows the "and" before the next one.
    """
    sep_rx, sep_ways = _Compiler(separator, {}, mention_kinds).compile()
    item_rx, item_ways = _Compiler(item, {}, mention_kinds, greedy=True, stop_at=sep_rx).compile()
    kinds = tuple(sorted({k for k in re.findall(r"\{:?\w*:([\w|]+)\}", item) for k in k.split("|")}))
    if not kinds:
        raise PatternError(f"list item {item!r} has no value in it, such as {{:number}}")
    _check_readings(f"{item} / {separator}", item_ways * sep_ways)
    return ListMacro(rf"{item_rx}(?:\s*{sep_rx}\s*{item_rx})+", kinds, item_ways * sep_ways)


def compile_pattern(pid: str, kind: str, source: str, lists: dict[str, ListMacro],
                    mention_kinds: tuple[str, ...]) -> CompiledPattern:
    compiler = _Compiler(source, lists, mention_kinds)
    body, ways = compiler.compile()
    _check_readings(source, ways)
    starts = first_chars(source)
    # A placeholder first needs no lookahead: the engine searches for a literal first
    # character by itself (and for nothing else when matching ignores case).
    if starts and starts != {PH_OPEN}:
        body = "(?=[" + "".join(re.escape(c) for c in sorted(starts)) + "])" + body
    regex = LazyRegex(body, re.IGNORECASE)  # compiled when a text first needs it
    return CompiledPattern(pid, kind, regex, compiler.captures, cues=cue_words(source),
                           requires=required_kinds(source, lists))


def how_far(source: str, lists: dict[str, ListMacro], mention_kinds: tuple[str, ...],
            encoded: str) -> tuple[str, str, str] | None:
    """For a pattern that does not match ``encoded``: the longest start of it, item by item,
    that does, the item after it, and the text that start matched (None when not even its
    first item matches)."""
    ends = [0] + [end for _, _, end in _items(source)]
    best = None
    for end, after in zip(ends[1:], ends[2:]):
        head = source[:end].rstrip()
        try:
            found = compile_pattern("", "", head, lists, mention_kinds).regex.compiled.search(encoded)
        except PatternError:
            break
        if found is None:
            break
        best = (head, source[end:after].strip(), found.group())
    return best
