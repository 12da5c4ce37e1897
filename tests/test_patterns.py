"""The pattern language: each construct, its errors, bounded gaps, lists, and linear matching.

Patterns match encoded sentences: ``v("percent", 1)`` below is the placeholder that the
sentence stage puts where mention #1, a percentage, stood.
"""

from __future__ import annotations

import re

import pytest

from factcheck.extracting.claims import extract
from factcheck.extracting.patterns import (
    BOUNDARY,
    PH_CLOSE,
    PH_OPEN,
    Capture,
    PatternError,
    compile_list,
    compile_pattern,
    how_far,
)
from factcheck.extracting.sentences import encode
from factcheck.loading.catalog import default_catalog
from factcheck.loading.schema import MENTION_KINDS

KNOWN = ", ".join(MENTION_KINDS)


def v(kind: str, index: int) -> str:
    """The placeholder of mention ``index`` of ``kind``."""
    return f"{PH_OPEN}{kind}#{index}{PH_CLOSE}"


N0, N1, N2, N3 = (v("number", i) for i in range(4))
P1, P2 = v("percent", 1), v("percent", 2)
AB = {"a": "0", "b": "1"}  # captured: a = mention #0, b = mention #1


def count_list(separator: str = "(, and|,|;|and)"):
    return compile_list("{:number} {words:1-4}", separator, MENTION_KINDS)


def pattern(source: str, lists: dict | None = None):
    return compile_pattern("p", "k", source, lists or {}, MENTION_KINDS)


def captured(source: str, encoded: str, lists: dict | None = None) -> dict[str, str | None] | None:
    """The groups of the first match of ``source`` in ``encoded``, or None."""
    m = pattern(source, lists).regex.search(encoded)
    return None if m is None else m.groupdict()


# --- constructs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("source, encoded, groups", [
    # {name:kind} captures the mention's index
    ("{a:number} is {b:percent}", f"{N0} is {P1}", AB),
    ("{a:number} is {b:percent}", f"{N0} is {v('money', 1)}", None),
    # {name:a|b}: any of several kinds
    ("{a:number|money} is {b:percent}", f"{v('money', 0)} is {P1}", AB),
    # {:kind} matches without capturing
    ("{:number} is {b:percent}", f"{N0} is {P1}", {"b": "1"}),
    ("{:number} is {b:percent}", f"{v('year', 0)} is {P1}", None),
    # words match themselves, ignoring case, as whole words
    ("{a:number} IS {b:percent}", f"{N0} is {P1}", AB),
    ("{a:number} is {b:percent}", f"{N0} this {P1}", None),
    ("{a:number} đạt {b:percent}", f"{N0} ĐẠT {P1}", AB),
    # punctuation matches itself; spaces in the pattern are optional in the text
    ("{a:number} , {b:percent}", f"{N0}, {P1}", AB),
    ("{a:number} : {b:percent}", f"{N0}:{P1}", AB),
    # (a|b) alternatives, of one word or several
    ("{a:number} (or|that is) {b:percent}", f"{N0} that is {P1}", AB),
    ("{a:number} (or|that is) {b:percent}", f"{N0} or {P1}", AB),
    ("{a:number} (or|that is) {b:percent}", f"{N0} is {P1}", None),
    # [opt] may be absent or present
    ("{a:number} [,] [about] {b:percent}", f"{N0} {P1}", AB),
    ("{a:number} [,] [about] {b:percent}", f"{N0}, about {P1}", AB),
    # escapes: literal brackets
    ("{a:number} \\( {b:percent} \\)", f"{N0} ({P1})", AB),
    ("{a:number} \\[ {b:percent} \\]", f"{N0} [{P1}]", AB),
    ("{a:number} \\( {b:percent} \\)", f"{N0} {P1}", None),
    # $ is the end of the sentence
    ("{a:number} $", f"x {N0} {BOUNDARY} next", {"a": "0"}),
    ("{a:number} $", f"x {N0}", {"a": "0"}),
    ("{a:number} $", f"x {N0} y", None),
])
def test_constructs(source, encoded, groups):
    assert captured(source, encoded) == groups


def test_captures_name_their_kinds_and_repeated_names_get_their_own_groups():
    compiled = pattern("{a:number|money} {:year} {b:percent} {b:percent}")
    assert compiled.captures == [Capture("a", "a", ("number", "money"), False),
                                 Capture("b", "b", ("percent",), False),
                                 Capture("b", "b__1", ("percent",), False)]
    m = compiled.regex.search(f"{v('money', 0)} {v('year', 1)} {P2} {v('percent', 3)}")
    assert (m.group("a"), m.group("b"), m.group("b__1")) == ("0", "2", "3")
    assert (compiled.id, compiled.kind, compiled.bindings) == ("p", "k", {})


def test_a_word_never_matches_inside_another_word():
    assert captured("{a:number} or {b:percent}", f"{N0} for {P1}") is None
    assert captured("{a:number} or {b:percent}", f"{N0} orange {P1}") is None


def test_a_pattern_never_crosses_a_sentence_boundary():
    assert captured("{a:number} {gap:0-6} is {b:percent}", f"{N0} x{BOUNDARY} is {P1}") is None
    assert captured("{a:number} {words:0-6} is {b:percent}", f"{N0} x {BOUNDARY} y is {P1}") is None


# --- gaps and words ---------------------------------------------------------------------------------

@pytest.mark.parametrize("source, between, matches", [
    ("{gap:0-2}", " ", True),
    ("{gap:0-2}", " x y ", True),
    ("{gap:0-2}", " x y z ", False),  # bounded
    ("{gap:2-3}", " x ", False),  # at least m words
    ("{gap:0-2}", ", x, y, ", True),  # commas and dashes come free
    ("{gap:0-2}", " x - y ", True),
    ("{gap:0-2}", " TP.HCM ", True),  # a dotted word is one word
    ("{words:0-2}", " x y ", True),
    ("{words:0-2}", " x y z ", False),
    ("{words:0-2}", " x, y ", False),  # plain words: no commas
])
def test_gaps_and_words_are_bounded(source, between, matches):
    assert (captured(f"{{a:number}} {source} is {{b:percent}}", f"{N0}{between}is {P1}") is not None) is matches


@pytest.mark.parametrize("context", ["year", "date", "year_range", "duration", "weekday"])
def test_a_gap_steps_over_context_values(context):
    encoded = f"{N0}, in {v(context, 1)}, is {P2}"
    assert captured("{a:number} {gap:0-3} is {b:percent}", encoded) == {"a": "0", "b": "2"}


@pytest.mark.parametrize("other", ["number", "percent", "fraction", "money", "quantity"])
def test_a_gap_stops_at_other_values(other):
    encoded = f"had {N0} in {v(other, 1)} is {P2}"
    assert captured("had {a:number} {gap:0-3} is {b:percent}", encoded) is None


def test_a_gap_never_relates_a_value_across_another_of_its_kind():
    # the match may start at the later number, not skip from the first
    assert captured("{a:number} {gap:0-2} is {b:percent}", f"{N0} {N1} is {P2}") == {"a": "1", "b": "2"}


def test_a_gap_is_lazy_and_a_list_gap_greedy():
    lazy = pattern("{a:number} {gap:0-5} (is)").regex.search(f"{N0} x is y is")
    assert lazy.group().endswith("x is")
    lists = {"cl": count_list()}
    m = pattern("{parts:cl}", lists).regex.search(f"{N0} big red schools and {N1} small ones here")
    assert m.group("parts") == f"{N0} big red schools and {N1} small ones here"


# --- lists ------------------------------------------------------------------------------------------

def test_a_list_takes_all_its_items():
    lists = {"count_list": count_list()}
    encoded = f"has {N0} schools: {N1} kindergartens, {N2} primary and {N3} secondary."
    m = pattern("{total:number} {words:1-4} : {parts:count_list}", lists).regex.search(encoded)
    assert m.group("total") == "0"
    assert m.group("parts") == f"{N1} kindergartens, {N2} primary and {N3} secondary"


def test_a_list_item_never_swallows_the_separator_before_the_next():
    lists = {"cl": compile_list("{:number} {words:1-4}", "(,|và)", MENTION_KINDS)}
    encoded = f"gồm {N0} đảng bộ và {N1} chi bộ và {N2} tổ"
    m = pattern("gồm {parts:cl}", lists).regex.search(encoded)
    assert m.group("parts") == f"{N0} đảng bộ và {N1} chi bộ và {N2} tổ"


def test_a_list_needs_two_items():
    lists = {"cl": count_list()}
    assert captured("gồm {parts:cl}", f"gồm {N0} đảng bộ", lists) is None


def test_a_list_capture_records_its_item_kinds():
    lists = {"mixed": compile_list("{:number|percent} {words:0-2}", "(,)", MENTION_KINDS)}
    assert lists["mixed"].item_kinds == ("number", "percent")
    compiled = pattern("{parts:mixed}", lists)
    assert compiled.captures == [Capture("parts", "parts", ("number", "percent"), True)]
    assert pattern("{:mixed} x", lists).captures == []


def test_a_list_item_without_a_value_is_an_error():
    with pytest.raises(PatternError, match=re.escape("list item '{words:1-2}' has no value in it, such as {:number}")):
        compile_list("{words:1-2}", ",", MENTION_KINDS)


# --- errors -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("source, message", [
    ("{x:numbr}", f"unknown kind 'numbr' (known: {KNOWN})"),
    ("{x:number|pct}", f"unknown kind 'pct' (known: {KNOWN})"),
    ("{gap:6-0}", "{gap:...} needs a range such as 0-6, not '6-0'"),
    ("{gap:a-b}", "{gap:...} needs a range such as 0-6, not 'a-b'"),
    ("{words:3}", "{words:...} needs a range such as 0-6, not '3'"),
    ("{x}", "'{x}' needs a kind, as in {name:number}"),
    ("{1x:number}", "capture name '1x' is not a name"),
    ("(a|b", "missing ')' at column 5 of pattern '(a|b'"),
    ("[a", "missing ']' at column 3 of pattern '[a'"),
    ("a)", "unbalanced ')' at column 2 of pattern 'a)'"),
    ("a]", "unbalanced ']' at column 2 of pattern 'a]'"),
    ("}", "unbalanced '}' at column 1 of pattern '}'"),
    ("a | b", "'|' outside brackets at column 3 of pattern 'a | b'"),
    ("{x:number", "missing '}' at column 1 of pattern '{x:number'"),
    ("a \\", "'\\' at the end at column 3 of pattern 'a \\\\'"),
    # limits that keep matching bounded
    ("a " + "[" * 9 + "b" + "]" * 9, "brackets nested more than 8 deep at column 11"),
    ("a " + "[" * 500 + "b" + "]" * 500, "brackets nested more than 8 deep at column 11"),  # was a RecursionError
    ("{gap:0-4294967296}", "{gap:0-4294967296} may skip 4294967296 words: at most 20 at column 1"),  # an OverflowError
    ("{words:2-21}", "{words:2-21} may skip 21 words: at most 20 at column 1"),
    ("{gap:0-14} a {gap:0-14} b {gap:0-14}", "the gaps up to {gap:0-14} skip 42 words in all: at most 40 per pattern"
                                            " at column 27"),
    # regular-expression habits, which would match nothing
    ("{a:number} .* {b:percent}", "'.*' is regular-expression syntax: write {gap:0-6} for some words at column 12"),
    ("{a:number} \\s+ {b:percent}", "'\\s' is regular-expression syntax: spaces between items are matched already"),
    ("{a:number} \\d+ %", "'\\d' is regular-expression syntax: write {:number} for a number (\\d+) at column 12"),
    ("tăng+ {b:percent}", "'+' is regular-expression syntax: write [word] for an optional word, {words:1-3} for"
                          " several, or \\+ for the sign itself at column 5"),
    ("rose? {b:percent}", "'?' is regular-expression syntax"),
    ("(a|b)* {b:percent}", "'*' is regular-expression syntax"),
    ("^{b:percent}", "'^' is regular-expression syntax: a pattern matches anywhere in a sentence already at column 1"),
    ("{a:number} \\q", "'\\q' is regular-expression syntax: only signs and brackets are escaped, as in \\("),
])
def test_errors_say_what_and_where(source, message):
    with pytest.raises(PatternError) as exc:
        pattern(source)
    assert message in str(exc.value)
    assert str(exc.value).endswith(f"of pattern {source!r}")


@pytest.mark.parametrize("source, encoded", [
    ("{a:number} \\+ {b:number}", f"{N0} + {N1}"),  # an escaped sign is the sign itself
    ("{a:number} + {b:number}", f"{N0} + {N1}"),  # and so is a sign standing alone
    ("{a:number} đúng không \\? {b:number}", f"{N0} đúng không? {N1}"),
])
def test_signs_that_look_like_regular_expressions(source, encoded):
    assert captured(source, encoded) == AB


def test_gaps_that_could_share_out_the_words_in_too_many_ways_are_refused():
    # four {gap:0-100} ran for over two minutes on a 300-word sentence; three {gap:0-12}
    # would try 2,197 ways at each start
    with pytest.raises(PatternError) as exc:
        pattern("{a:number} {gap:0-12} {gap:0-12} {gap:0-12} {b:percent}")
    assert str(exc.value).startswith("its gaps can share out the words they skip in 2,197 ways (the product of their"
                                     " widths) (at most 1,000), and a search may try each of them wherever the"
                                     " pattern can start: narrow the gaps, or join gaps next to each other")
    with pytest.raises(PatternError, match="in 1,089 ways"):  # alternatives: the widest counts
        pattern("{a:number} ({gap:0-10} x|{gap:0-2}) {gap:0-10} [{gap:0-8} y] {b:percent}")
    with pytest.raises(PatternError, match=re.escape("in 1,344 ways")):  # a list counts one item and separator
        compile_list("{:number} {words:0-20} {words:0-15}", "(,|{words:0-3})", MENTION_KINDS)


def test_the_most_a_pattern_may_try_still_returns_at_once():
    three_gaps = pattern("{a:number} {gap:0-9} {gap:0-9} {gap:0-9} {b:percent}")  # 1,000 ways: the limit
    sentence = " ".join(f"{v('number', i)} " + " ".join(["từ"] * 30) for i in range(100))
    assert three_gaps.regex.search(sentence) is None


def test_how_far_a_pattern_got():
    source = "{f:fraction} {words:0-3} đạt tỷ lệ {pct:percent}"
    encoded = f"kết nạp {v('fraction', 0)} đảng viên mới, đạt trên {v('percent', 1)}"
    # the words before "đạt" cannot cross the comma: the gap matched none of them, lazily
    assert how_far(source, {}, MENTION_KINDS, encoded) == ("{f:fraction} {words:0-3}", "đạt", f"{v('fraction', 0)} ")
    assert how_far("năm {f:fraction}", {}, MENTION_KINDS, encoded) is None


def test_an_unknown_kind_lists_the_lists_too():
    with pytest.raises(PatternError, match=re.escape(f"(known: {KNOWN}, count_list)")):
        pattern("{parts:count_lst}", {"count_list": count_list()})


@pytest.mark.parametrize("source", ["{x:numbr}", "{gap:6-0}", "{x}"])
def test_an_error_in_a_hole_points_at_the_hole(source):
    with pytest.raises(PatternError, match=f"at column 1 of pattern {re.escape(repr(source))}"):
        pattern(source)


# --- no catastrophic backtracking -------------------------------------------------------------------

WORDS = " ".join(f"word{i % 7}" for i in range(20_000))


@pytest.mark.parametrize("source, encoded", [
    ("{f:fraction} {gap:0-6} (đạt|bằng|chiếm) {pct:percent}", f"{v('fraction', 0)} {WORDS} đạt"),
    ("{f:fraction} {words:0-4} \\( {pct:percent} \\)", f"{v('fraction', 0)} {WORDS} ("),
    ("{total:number} {gap:0-10} (gồm có|bao gồm|gồm) [:] {parts:cl}",
     " ".join(f"{v('number', i)} w{i} w w," for i in range(5_000)) + " gồm x"),
    ("{total:number} {gap:0-10} (gồm) {parts:cl}",
     " ".join(f"{v('year', i)} w{i}, w - w," for i in range(5_000)) + " gồm x"),
])
def test_a_long_sentence_with_no_match_returns(source, encoded):
    assert pattern(source, {"cl": count_list()}).regex.search(encoded) is None


def test_a_list_of_five_thousand_items_is_taken_whole():
    items = ", ".join(f"{v('number', i)} w w" for i in range(1, 5_001))
    m = pattern("{total:number} {words:1-4} : {parts:cl}", {"cl": count_list()}).regex.search(f"{N0} w : {items} x")
    assert m.group("parts") == f"{items} x"


def test_a_twenty_thousand_word_sentence_through_the_shipped_patterns():
    catalog = default_catalog()
    for lang, opener in (("vi", "Có 7/13 đảng viên, 25 tổ chức gồm"), ("en", "Seven of the 13, 25 groups comprising")):
        language = catalog.languages[lang]
        text = f"{opener} {WORDS} xong"
        mentions = language.scanner.scan(text)
        encoded = encode(text, mentions, language.lexicon.abbreviations)
        assert extract(encoded, mentions, language.patterns, catalog.list_fields) == []
