"""A language pack compiled for scanning: its tables, its regex pieces and its limits.

Everything language-specific comes from ``rules/lang/<code>.yaml`` and from CLDR (via
babel): number symbols, weekday and month names. The mention kinds (kinds/) build
their pieces of the scanner from the regex pieces here ("a number as this language
writes it", "one of its scale words"); the scanner (mentions.py) joins them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .lazyregex import LazyRegex

if TYPE_CHECKING:
    from ..loading.schema import LangSpec

# What is around a value: not inside a word or another number.
BEFORE = r"(?<![\w.,/])"
WORD_START = r"(?<!\w)"
WORD_END = r"(?!\w)"
# After a value: not a word, a slash or a decimal part ("2020/21", "2020.5").
VALUE_END = r"(?![\w/]|[.,]\d)"

# Space inside one value: spaces and tabs, and at most one line break (a value may be
# wrapped; it never spans a blank line: "Tuesday, 1 March\n\n2000" is not a date).
SP = r"(?:[^\S\r\n]*\r?\n[^\S\r\n]*|[^\S\r\n]+)"

DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
YEAR = r"(?:1[89]|20)\d\d(?!\d)"
YEAR2 = r"\d\d(?!\d)"
NOTHING = r"(?!x)x"


def alternation(words: list[str] | set[str], case_sensitive: bool = False) -> str:
    """A regex matching any of ``words`` (the longest that fits), spaces matching any space.

    Built as a trie ("thứ (?:hai|ba|tư…)"), so the engine follows one branch per
    character instead of trying every word in turn: smaller to compile, faster to run.
    """
    trie: dict[str, Any] = {}
    for word in {w if case_sensitive else w.lower() for w in words if w.strip()}:
        node = trie
        for unit in _units(word):
            node = node.setdefault(unit, {})
        node[""] = {}  # a word ends here
    if not trie:
        return NOTHING
    body = _trie_regex(trie)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _units(word: str) -> list[str]:
    units: list[str] = []
    for i, part in enumerate(word.split()):
        if i:
            units.append(" ")  # any run of space, at most one line break (SP)
        units.extend(part)
    return units


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [(SP if unit == " " else re.escape(unit)) + _trie_regex(child)
                for unit, child in sorted(node.items()) if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # where a word may end, the longer words are tried first (greedy), then the end
    return f"(?:{body})?" if "" in node else body


def _cldr(locale: str) -> tuple[str, str, dict[str, int], dict[str, int]]:
    """Decimal and group symbols, month and weekday names for a CLDR locale."""
    from babel.dates import get_day_names, get_month_names
    from babel.numbers import get_decimal_symbol, get_group_symbol

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    widths: tuple[Literal["wide", "abbreviated"], ...] = ("wide", "abbreviated")
    for width in widths:
        months.update({name: number for number, name in get_month_names(width, locale=locale).items()})
        weekdays.update({name: number for number, name in get_day_names(width, locale=locale).items()})
    return get_decimal_symbol(locale), get_group_symbol(locale), months, weekdays


@dataclass(frozen=True, slots=True)
class LineRules:
    """When a line break inside a paragraph ends a sentence (sentences.py)."""

    stops: frozenset[str] = frozenset(".!?:;…")  # a line ending in one of these ends its sentence
    wrapped_width: int = 50  # a line at least this long, ending mid-sentence, was probably wrapped...
    wrapped_starts: frozenset[str] = frozenset("$£€(")  # ...when the next starts lower-case, with a digit or one of these


@dataclass(frozen=True, slots=True)
class DatelineRules:
    """Where a dateline's date may stand (the publication date, when nothing else gives it)."""

    within: int = 400  # characters from the top
    line_length: int = 80  # on a short line of its own
    words_beside: int = 5  # beside a weekday, a place, "updated", a time zone: not a sentence


@dataclass
class Lexicon:
    """A language pack, compiled. Built once per run and shared by every document."""

    code: str
    name: str
    decimal: str
    group: str
    loose_decimal: bool
    # regex pieces the mention kinds build on
    digits: str  # a number in digits as the language writes it
    num: str  # a number in digits or words, standing alone
    integer: str  # a whole number in digits (7/13)
    whole: str  # a whole number in digits or words (seven of 13)
    scale: str  # a scale word after a number (" triệu", " billion")
    suffix: str  # a scale suffix against a number ("m" of $639m)
    percent_signs: str
    currency_symbols_rx: str
    currency_words_rx: str
    units_rx: str
    durations_rx: str
    month_names: str
    fraction_connectors: str
    determiners: str
    # tables
    hedge: LazyRegex
    hedge_names: dict[str, str]
    hedge_last_words: frozenset[str]  # the last word of every hedge: "than" of "more than"
    scales: dict[str, float]
    suffix_scales: dict[str, float]
    words: dict[str, int]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    units: dict[str, str]
    durations: dict[str, str]
    months: dict[str, int]
    weekdays: dict[str, int]
    date_formats: list[tuple[str, bool]]  # (template, ambiguous), from the pack
    weekday_needs_date: LazyRegex
    weekday_link: LazyRegex
    weekday_after: LazyRegex
    date_cue: LazyRegex
    date_link: LazyRegex
    date_chain_after: LazyRegex
    not_fraction_after: LazyRegex
    point_signs: frozenset[str]
    detect_words: frozenset[str]
    detect_letters: frozenset[str]
    abbreviations: frozenset[str]
    lookalike_tokens: list[str]
    lookalike_literals: list[str]
    # limits of the heuristics, from the pack (its defaults are the shipped packs' values)
    years_not_wholes: tuple[int, int]  # "one of 2019's best": a whole in this range is a year
    bracketed_dates: bool  # "(27/4)" alone in brackets is a date ...
    bracket_glosses: frozenset[str]  # ... unless right after a value of these kinds ("58,3% (7/12)")
    bracket_within: int  # ... at most this many characters before the bracket
    abbreviation_length: int  # weekday names this long or shorter are abbreviations ("Wed.")
    two_digit_year_pivot: int  # "15/5/05": yy below it is 20yy, else 19yy
    lines: LineRules = field(default_factory=LineRules)
    dateline: DatelineRules = field(default_factory=DatelineRules)


def parse_number(text: str, lex: Lexicon) -> tuple[float, float]:
    """Value and precision (unit of the last digit) of a number as written in the language."""
    word = lex.words.get(text.lower())
    if word is not None:
        return float(word), 1.0
    # no-break spaces only ever group; a plain space only where the pack reads space groups
    body = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if lex.group in body:
        groups = body.split(lex.decimal)[0].split(lex.group)
        if all(len(g) == 3 for g in groups[1:]):
            body = body.replace(lex.group, "")
        elif lex.loose_decimal:  # "1.5" in Vietnamese: a decimal point, not a group
            body = body.replace(lex.group, lex.decimal)
    if lex.decimal in body:
        whole, frac = body.split(lex.decimal, 1)
        return float(f"{whole}.{frac}"), 10.0 ** -len(frac)
    return float(body), 1.0


def number_format(raw: str, lex: Lexicon) -> tuple[str, str]:
    """The decimal and group symbols a number was written with ("2 340,5": "," and " "),
    the language's where the number does not show them."""
    decimal, group = lex.decimal, lex.group
    spaces = [c for c in raw if c in " \u00a0\u202f"]
    if spaces:
        group = spaces[0]
    elif lex.group in raw:
        groups = raw.split(lex.decimal)[0].split(lex.group)
        if not all(len(g) == 3 for g in groups[1:]) and lex.loose_decimal:
            decimal, group = lex.group, lex.decimal  # "1.5" in Vietnamese: written the other way round
    return decimal, group


def scaled_precision(digits: str, precision: float) -> float:
    """Precision of a number written with a scale word: "$1 billion" is read to two
    significant digits (0.95–1.05 billion), since news writes "$1.4 billion" when it
    means it; "$639m" and "$1.2 billion" keep the precision they state."""
    significant = re.sub(r"\D", "", digits).lstrip("0")
    return precision / 10 if len(significant) == 1 else precision


def _digits(spec: LangSpec, decimal: str, group: str) -> str:
    """A number in digits: grouped ("2.340,5"), loosely grouped where the pack allows
    ("1.5" in Vietnamese), grouped with plain spaces where the pack says so ("2 340"),
    or plain."""
    nums = spec.numbers
    g, d = re.escape(group), re.escape(decimal)
    g = rf"(?:{g}|[\u00a0\u202f])"  # no-break spaces group thousands too: "2\u00a0340"
    grouped = rf"\d{{1,3}}(?:{g}\d{{3}})+(?:{d}\d+)?(?!\d)"
    loose = rf"|\d+{g}\d+(?!\d)" if nums.loose_decimal else ""
    spaced = ""
    if nums.space_groups is not None:
        # "2 340 đảng viên": a plain space groups only inside a number that stands alone,
        # between words (not "năm 2020 2 340", not a table's "213 208 211"), and not after
        # a word that takes a number of its own ("tháng 12 345 hộ")
        not_after = "".join(rf"(?<!{WORD_START}{re.escape(w)}\s)" for w in nums.space_groups.not_after)
        spaced = (rf"|(?=\d{{1,3}} \d{{3}}(?!\d))(?<!\d\s){not_after}"  # the cheap test first
                  rf"\d{{1,3}}(?: \d{{3}})+(?:{d}\d+)?(?!\d)(?=[^\S\r\n]?(?:[^\W\d_]|%))")
    return rf"(?:{grouped}{loose}{spaced}|\d+(?:{d}\d+)?(?!\d))"


def compile_lexicon(spec: LangSpec) -> Lexicon:
    cldr_decimal, cldr_group, cldr_months, cldr_weekdays = _cldr(spec.locale)
    nums, dates = spec.numbers, spec.dates
    decimal = nums.decimal or cldr_decimal
    group = nums.group or cldr_group
    digits = _digits(spec, decimal, group)
    g = rf"(?:{re.escape(group)}|[\u00a0\u202f])"
    integer = rf"(?:\d{{1,3}}(?:{g}\d{{3}})+(?!\d)|\d+(?!\d))"
    number_words = alternation(list(nums.words))

    months = {**{k.lower(): v for k, v in cldr_months.items()}, **{k.lower(): v for k, v in dates.months.items()}}
    weekdays = {k.lower(): v for k, v in cldr_weekdays.items()} | {k.lower(): v for k, v in dates.weekdays.items()}
    hedge_names = {w.lower(): str(name) for name, ws in spec.hedges.items() for w in ws}
    needs_date = "|".join(f"(?:{p})" for p in dates.weekdays_need_date) or NOTHING
    brackets = dates.in_brackets
    lines = spec.sentences
    dateline = spec.dateline
    return Lexicon(
        code=spec.code,
        name=spec.name,
        decimal=decimal,
        group=group,
        loose_decimal=nums.loose_decimal,
        digits=digits,
        num=rf"(?:{BEFORE}{digits}|{WORD_START}{number_words}{WORD_END})",
        integer=integer,
        whole=rf"(?:{BEFORE}{integer}|{WORD_START}{number_words}{WORD_END})",
        scale=rf"(?:{SP}?{alternation(list(nums.scales))}{WORD_END})",
        suffix=rf"(?:{alternation(list(nums.suffix_scales), case_sensitive=True)}{WORD_END})",
        percent_signs=alternation(spec.percent.points + spec.percent.signs),
        currency_symbols_rx=alternation(list(spec.currencies.symbols), case_sensitive=True),
        currency_words_rx=alternation(list(spec.currencies.words)),
        units_rx=alternation(list(spec.units), case_sensitive=True),
        durations_rx=alternation(list(spec.durations)),
        month_names=alternation(list(cldr_months) + list(dates.months), case_sensitive=True),
        fraction_connectors=alternation(spec.fractions.connectors),
        determiners=alternation(spec.fractions.determiners),
        hedge=LazyRegex(rf"{WORD_START}({alternation(list(hedge_names))}){SP}\Z", re.IGNORECASE),
        hedge_names=hedge_names,
        hedge_last_words=frozenset(re.findall(r"\w+", w)[-1] for w in hedge_names if re.search(r"\w", w)),
        scales={k.lower(): v for k, v in nums.scales.items()},
        suffix_scales=dict(nums.suffix_scales),
        words={k.lower(): v for k, v in nums.words.items()},
        currency_symbols=dict(spec.currencies.symbols),
        currency_words={k.lower(): v for k, v in spec.currencies.words.items()},
        units=dict(spec.units),
        durations={k.lower(): v for k, v in spec.durations.items()},
        months=months,
        weekdays=weekdays,
        date_formats=[(f.format, f.ambiguous) for f in dates.formats],
        weekday_needs_date=LazyRegex(needs_date, re.IGNORECASE),
        weekday_link=LazyRegex(dates.weekday_link, re.IGNORECASE),
        weekday_after=LazyRegex(rf"(?:[^\w\s]|{WORD_START}(?:{alternation(dates.weekday_after)}))\Z",
                                re.IGNORECASE),
        date_cue=LazyRegex(rf"{WORD_START}(?:{alternation(dates.cues)})[\s(]*\Z", re.IGNORECASE),
        date_link=LazyRegex(rf"\s*(?:{dates.range_link})?\s*", re.IGNORECASE),
        date_chain_after=LazyRegex(rf"\s*(?:{dates.range_link})\s*{DAY}/{MONTH}(?![\d/])", re.IGNORECASE),
        not_fraction_after=LazyRegex(
            rf"{WORD_START}(?:{alternation(spec.lookalikes.not_fraction_after)})\s*\Z", re.IGNORECASE
        ),
        point_signs=frozenset(s.lower() for s in spec.percent.points),
        detect_words=frozenset(w.lower() for w in spec.detect_words),
        detect_letters=frozenset(spec.detect_letters.lower()),
        abbreviations=frozenset(spec.abbreviations),
        lookalike_tokens=list(spec.lookalikes.tokens),
        lookalike_literals=list(spec.lookalikes.literals),
        years_not_wholes=(spec.fractions.years_not_wholes[0], spec.fractions.years_not_wholes[1]),
        bracketed_dates=brackets.date,
        bracket_glosses=frozenset(brackets.unless_after),
        bracket_within=brackets.within,
        abbreviation_length=dates.abbreviation_length,
        two_digit_year_pivot=dates.two_digit_year_pivot,
        lines=LineRules(frozenset(lines.stops), lines.wrapped_width, frozenset(lines.wrapped_starts)),
        dateline=DatelineRules(dateline.within, dateline.line_length, dateline.words_beside),
    )
