"""A language pack compiled for scanning: one master regular expression and lookup tables.

Everything language-specific comes from ``rules/lang/<code>.yaml`` and from CLDR (via
babel): number symbols, weekday and month names. The scanner is a single alternation
tried left to right, so that at any position the more specific reading wins: a date
before a fraction, a decree number before either, a percentage before a bare number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lazyregex import LazyRegex

if TYPE_CHECKING:
    from ..loading.schema import LangSpec

# What is around a value: not inside a word or another number.
_BEFORE = r"(?<![\w.,/])"
_WORD_START = r"(?<!\w)"
_WORD_END = r"(?!\w)"

# Space inside one value: spaces and tabs, and at most one line break (a value may be
# wrapped; it never spans a blank line: "Tuesday, 1 March\n\n2000" is not a date).
SP = r"(?:[^\S\r\n]*\r?\n[^\S\r\n]*|[^\S\r\n]+)"

YEAR_ONLY = re.compile(r"(?:1[89]|20)\d\d")

DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
YEAR = r"(?:1[89]|20)\d\d(?!\d)"
YEAR2 = r"\d\d(?!\d)"


def alternation(words: list[str] | set[str], case_sensitive: bool = False) -> str:
    """A regex matching any of ``words`` (the longest that fits), spaces matching any space.

    Built as a trie ("thứ (?:hai|ba|tư…)"), so the engine follows one branch per
    character instead of trying every word in turn: smaller to compile, faster to run.
    """
    trie: dict[str, dict] = {}
    for word in {w if case_sensitive else w.lower() for w in words if w.strip()}:
        node = trie
        for unit in _units(word):
            node = node.setdefault(unit, {})
        node[""] = {}  # a word ends here
    if not trie:
        return r"(?!x)x"  # matches nothing
    body = _trie_regex(trie)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _units(word: str) -> list[str]:
    units: list[str] = []
    for i, part in enumerate(word.split()):
        if i:
            units.append(" ")  # any run of space, at most one line break (SP)
        units.extend(part)
    return units


def _trie_regex(node: dict[str, dict]) -> str:
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
    for width in ("wide", "abbreviated"):
        months.update({name: number for number, name in get_month_names(width, locale=locale).items()})
    weekdays: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        weekdays.update({name: number for number, name in get_day_names(width, locale=locale).items()})
    return get_decimal_symbol(locale), get_group_symbol(locale), months, weekdays


@dataclass(slots=True)
class DateGroup:
    """Which named groups of the scanner hold a date format's day, month and year."""

    name: str
    ambiguous: bool
    day: str | None
    month: str | None
    month_name: str | None
    year: str | None
    year2: str | None
    day2: str | None = None  # the last day of a day range that writes its month once ("4-6 March")
    cue: LazyRegex | None = None  # its own date cues, if not the language's (ambiguous formats)
    fraction: bool = True  # ambiguous and not a date by context: a fraction ("7/12"), else no value ("10-12")
    not_before: LazyRegex | None = None  # words after it that make it a count ("ngày 3-4 lần"), with its own cues


@dataclass
class Lexicon:
    """A language pack, compiled. Built once per run and shared by every document."""

    code: str
    name: str
    decimal: str
    group: str
    loose_decimal: bool
    digit_scanner: LazyRegex  # tried where a value starts with a digit
    word_scanner: LazyRegex  # and where it starts with anything else
    starts: LazyRegex  # after a space or mark: (digits, a currency symbol, "(" or "+" before a digit) | (a word)
    word_before_digit: LazyRegex  # searched right before a digit: "ngày 5", "COVID-19"
    number: LazyRegex
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
    date_groups: dict[str, DateGroup] = field(default_factory=dict)


def _lead_words(spec: LangSpec, cldr_months: dict[str, int]) -> list[str]:
    """Words (lower-cased) with which a date format or a look-alike starts before its digits:
    "ngày 5 tháng 8", "August 5", "quý 1/2021" (from a token's leading alternation), "GMT+7"."""
    words: set[str] = set()
    for fmt in spec.dates.formats:
        first = fmt.format.split("{", 1)[0].split()
        if first:
            words.add(first[0].lower())
        elif fmt.format.startswith("{month}"):
            words.update(m.lower().rstrip(".") for m in [*cldr_months, *spec.dates.months])
    for token in spec.lookalikes.tokens:
        lead = re.match(r"\(\?:([^\W\d_]+(?:\|[^\W\d_]+)*)\)", token)
        if lead:
            words.update(w.lower() for w in lead.group(1).split("|"))
    return sorted(words)


def _cue_regex(cues: list[str]) -> LazyRegex:
    """One of ``cues`` right before where the search ends (a bracket may stand between)."""
    return LazyRegex(rf"{_WORD_START}(?:{alternation(cues)})[\s(]*\Z", re.IGNORECASE)


def compile_lexicon(spec: LangSpec) -> Lexicon:
    decimal, group, cldr_months, cldr_weekdays = _cldr(spec.locale)
    nums = spec.numbers
    decimal = nums.decimal or decimal
    group = nums.group or group
    if group in ("\u00a0", "\u202f"):  # CLDR's no-break spaces: accept any space
        group = " "
    g, d = re.escape(group), re.escape(decimal)
    g = rf"(?:{g}|[\u00a0\u202f])"  # no-break spaces group thousands too: "2\u00a0340"
    grouped = rf"\d{{1,3}}(?:{g}\d{{3}})+(?:{d}\d+)?(?!\d)"
    loose = rf"|\d+{g}\d+(?!\d)" if nums.loose_decimal else ""
    digits = rf"(?:{grouped}{loose}|\d+(?:{d}\d+)?(?!\d))"
    integer = rf"(?:\d{{1,3}}(?:{g}\d{{3}})+(?!\d)|\d+(?!\d))"
    number_words = alternation(list(nums.words))
    durations = alternation(list(spec.durations))
    # words that are numbers only before a duration ("ba năm": three years; "ba" alone: father)
    counting = rf"{alternation(list(nums.duration_words))}(?=[\s-]+{durations}{_WORD_END})"
    num = rf"(?:{_BEFORE}{digits}|{_WORD_START}(?:{number_words}{_WORD_END}|{counting}))"
    whole = rf"(?:{_BEFORE}{integer}|{_WORD_START}{number_words}{_WORD_END})"
    scale = rf"(?:\s*{alternation(list(nums.scales))}{_WORD_END})"
    suffix = rf"(?:{alternation(list(nums.suffix_scales), case_sensitive=True)}{_WORD_END})"

    months = {**{k.lower(): v for k, v in cldr_months.items()}, **{k.lower(): v for k, v in spec.dates.months.items()}}
    month_names = alternation(list(cldr_months) + list(spec.dates.months), case_sensitive=True)
    weekdays = {k.lower(): v for k, v in cldr_weekdays.items()} | {k.lower(): v for k, v in spec.dates.weekdays.items()}

    date_groups: dict[str, DateGroup] = {}
    date_alts = []
    for i, fmt in enumerate(spec.dates.formats):
        name = f"date{i}"
        slots = {"d": (f"d{i}", DAY), "m": (f"m{i}", MONTH), "y": (f"y{i}", YEAR), "yy": (f"yy{i}", YEAR2),
                 "month": (f"mn{i}", month_names + r"\.?"), "d2": (f"dd{i}", DAY)}
        used: dict[str, str] = {}
        pieces = []
        for literal, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", fmt.format):
            if literal:
                pieces.append(SP.join(re.escape(w) for w in literal.split(" ")))  # " tháng " -> SP tháng SP
            if slot == "to":  # what joins the days of a range: "4-6", "24 and 26", "20/30"
                pieces.append(rf"\s*(?:{fmt.link or spec.dates.range_link})\s*")
            elif slot:
                group_name, rx = slots[slot]
                used[slot] = group_name
                pieces.append(f"(?P<{group_name}>{rx})")
        digit_led = fmt.format.startswith(("{d}", "{m}", "{y}", "{yy}"))
        lead = _BEFORE if digit_led else _WORD_START
        date_alts.append((f"(?P<{name}>{lead}{''.join(pieces)}(?![\\w/]|[.,]\\d))", digit_led))
        date_groups[name] = DateGroup(name, fmt.ambiguous, used.get("d"), used.get("m"), used.get("month"),
                                      used.get("y"), used.get("yy"), used.get("d2"),
                                      None if fmt.cues is None else _cue_regex(fmt.cues), fmt.otherwise == "fraction",
                                      LazyRegex(rf"\s*(?:{alternation(fmt.not_before)}){_WORD_END}", re.IGNORECASE)
                                      if fmt.not_before else None)

    tokens = "|".join(f"(?:{t})" for t in spec.lookalikes.tokens) or r"(?!x)x"
    literals = alternation(spec.lookalikes.literals, case_sensitive=True)
    fraction_connectors = alternation(spec.fractions.connectors)
    determiners = alternation(spec.fractions.determiners)
    word_fraction = (
        rf"|(?P<fr_c>{whole}){SP}{fraction_connectors}{SP}(?:{determiners}{SP})?(?P<fr_d>{whole})(?![\w/]|[.,]\d)"
        if spec.fractions.connectors else ""
    )
    percent_signs = alternation(spec.percent.points + spec.percent.signs)
    currency_symbols = alternation(list(spec.currencies.symbols), case_sensitive=True)
    currency_words = alternation(list(spec.currencies.words))
    units = alternation(list(spec.units), case_sensitive=True)
    short_weekdays = alternation([w for w in weekdays if len(w) <= 4])  # abbreviations: "wed", "t2"
    long_weekdays = alternation([w for w in weekdays if len(w) > 4])

    # Each alternative with where it can start: a digit ("digit"), anything else ("word"),
    # or either; the scanner for the character at a value's start holds only its own.
    parts = [
        ("either", rf"(?P<skip_literal>{_WORD_START}{literals}(?![\w/]))"),
        *(("digit" if digit_led else "word", alt) for alt, digit_led in date_alts),
        ("digit", rf"(?P<year_range>{_BEFORE}(?P<yr_a>{YEAR})\s?[-–—]\s?(?P<yr_b>{YEAR}|\d\d(?!\d))(?![\w/]|[.,]\d))"),
        # a weekday before the look-alike codes: "T5, 05/08/2020" is Thursday, not a code like G7.
        # Only an abbreviation takes a dot ("Wed., Aug. 5"); after a full name it is a full stop.
        ("word", rf"(?P<weekday>{_WORD_START}(?:{long_weekdays}|{short_weekdays}\.?){_WORD_END})"),
        ("either", rf"(?P<skip>{_WORD_START}(?:{tokens}))"),
        ("either", rf"(?P<fraction>{_BEFORE}(?P<fr_a>{integer})\s?/\s?(?P<fr_b>{integer})(?![\w/]|[.,]\d){word_fraction})"),
        ("word", rf"(?P<money_a>(?P<ma_c>{currency_symbols})\s?(?P<ma_n>{digits})(?:(?P<ma_x>{suffix})|(?P<ma_s>{scale}))?"
                 rf"(?:\s?(?P<ma_w>{currency_words}){_WORD_END})?)"),
        # a number and what follows it, read once: a percentage, money, a quantity, a
        # duration, or a bare number (or year); the first that fits, in that order
        ("either", rf"(?P<value>(?P<v_n>{num})(?:\s?(?P<v_pct>{percent_signs})(?![^\W\d_])"
                   rf"|(?P<v_s1>{scale})?\s?(?P<v_cur>{currency_words}){_WORD_END}"
                   rf"|(?P<v_s2>{scale})?[\s-]?(?P<v_unit>{units})(?![\w²³])"
                   rf"|[\s-]+(?P<v_dur>{durations}){_WORD_END}"
                   rf"|(?P<v_s3>{scale})?(?![^\W\d_])))"),
    ]
    # No value starts inside a word (G7, COVID-19 and 4G are look-alikes).
    digit_scanner = LazyRegex(rf"(?<!\w)(?:{'|'.join(p for lead, p in parts if lead != 'word')})", re.IGNORECASE)
    word_scanner = LazyRegex(rf"(?<!\w)(?:{'|'.join(p for lead, p in parts if lead != 'digit')})", re.IGNORECASE)
    # Where a value can start: a run of digits, a currency symbol, a bracket or sign
    # before a digit, a word just before a digit ("ngày 5", "quý 1/2021", "August 5",
    # "COVID-19"), a weekday or a number word. Trying the scanners only there is what
    # makes scanning fast. No value starts inside a word, so the start regex consumes
    # the character before the start (the text is searched with a space in front) and
    # captures the start in a lookahead (group 1 led by a digit or sign, group 2 by a
    # word): a regex beginning with a character class lets the engine skip from one
    # space or punctuation mark to the next in C. It searches lower-cased text; the
    # word before a digit is looked up from the digit.
    symbols = "".join(sorted({re.escape(c[0]) for c in spec.currencies.symbols if not c[0].isalnum()}))
    start_words = list(weekdays) + list(nums.words) + [c for c in spec.currencies.symbols if c[0].isalnum()]
    digit_led = rf"\d(?:[\d.,/]*\d)?|[{symbols}]|[(+](?=\d)"  # "2.340,5", "7/13": one start each
    word_before_digit = LazyRegex(r"(?<!\w)[^\W\d_]+\.?[\-–+$]{0,2}\Z")  # attached: COVID-19, US$1
    lead_words = _lead_words(spec, cldr_months)  # words that open a value before its digits: ngày, tháng, quý
    word_led = (rf"{alternation([w.lower() for w in start_words], case_sensitive=True)}(?!\w)|{counting}"
                rf"|{alternation(lead_words, case_sensitive=True)}(?=\.?[\s\-–+$]{{0,2}}\d)")
    starts = LazyRegex(rf"\W(?=({digit_led})|({word_led}))")

    hedge_names = {w.lower(): name for name, ws in spec.hedges.items() for w in ws}
    hedge = LazyRegex(rf"{_WORD_START}({alternation(list(hedge_names))}){SP}\Z", re.IGNORECASE)
    needs_date = "|".join(f"(?:{p})" for p in spec.dates.weekdays_need_date) or r"(?!x)x"
    return Lexicon(
        code=spec.code,
        name=spec.name,
        decimal=decimal,
        group=group,
        loose_decimal=nums.loose_decimal,
        digit_scanner=digit_scanner,
        word_scanner=word_scanner,
        starts=starts,
        word_before_digit=word_before_digit,
        number=LazyRegex(digits),
        hedge=hedge,
        hedge_names=hedge_names,
        hedge_last_words=frozenset(re.findall(r"\w+", w)[-1] for w in hedge_names if re.search(r"\w", w)),
        scales={k.lower(): v for k, v in nums.scales.items()},
        suffix_scales=dict(nums.suffix_scales),
        words={k.lower(): v for k, v in {**nums.duration_words, **nums.words}.items()},
        currency_symbols=dict(spec.currencies.symbols),
        currency_words={k.lower(): v for k, v in spec.currencies.words.items()},
        units=dict(spec.units),
        durations={k.lower(): v for k, v in spec.durations.items()},
        months=months,
        weekdays=weekdays,
        weekday_needs_date=LazyRegex(needs_date, re.IGNORECASE),
        weekday_link=LazyRegex(spec.dates.weekday_link, re.IGNORECASE),
        weekday_after=LazyRegex(rf"(?:[^\w\s]|{_WORD_START}(?:{alternation(spec.dates.weekday_after)}))\Z",
                                 re.IGNORECASE),
        date_cue=_cue_regex(spec.dates.cues),
        date_link=LazyRegex(rf"\s*(?:{spec.dates.range_link})?\s*", re.IGNORECASE),
        date_chain_after=LazyRegex(rf"\s*(?:{spec.dates.range_link})\s*{DAY}/{MONTH}(?![\d/])", re.IGNORECASE),
        not_fraction_after=LazyRegex(
            rf"{_WORD_START}(?:{alternation(spec.lookalikes.not_fraction_after)})\s*\Z", re.IGNORECASE
        ),
        point_signs=frozenset(s.lower() for s in spec.percent.points),
        detect_words=frozenset(w.lower() for w in spec.detect_words),
        detect_letters=frozenset(spec.detect_letters.lower()),
        abbreviations=frozenset(spec.abbreviations),
        date_groups=date_groups,
    )
