"""Ratios: a count, the percentage that restates it, and the whole it is a share of, named earlier.

"là 1.890 người thì chỉ có 117 người (6,19%)"; "kiểm tra 54.750 lượt hộ, phát hiện 9.056 hộ vi
phạm (chiếm 16,54%)"; "vốn điều lệ 55 tỷ đồng, trong đó X góp 16,5 tỷ đồng (tương đương 30%)";
"the fund has 900 members, 270 of them in Asia, or 30%". The percentage stands right after
its count, behind a **marker** (a bracket, "chiếm", "tương đương", ", or"), and alone: a
percentage that names its own base ("(chiếm 25% cả nước)", "(53,8% số phiếu)") or goes on
("(tăng 12%)") is not read.

The whole is not marked: it is one of the values of the same unit before the count, in the
same clause (after the last ";"), larger than the count. A value inside a bracket that closed
before the count is an aside ("1.890 người (... dưới 40 tuổi có 219 người) thì chỉ có 117
người"), and a value restated as a percentage of its own is a part of something else ("18 triệu
ca, chiếm 12,4% tổng số ca, trong đó 290 nghìn ca tử vong, chiếm 9,4%"): neither is a candidate.
Each candidate is one reading of a claim group, the nearest first: the relation is wrong only
if no candidate gives the stated percentage.

Every word is data in the language packs (``ratios:`` in rules/lang/*.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .tokens import Phrase, Token, amount, same_unit, unit
from .tokens import at_phrase as _at
from .value_types import Mention

_COUNTS = frozenset({"number", "money", "quantity"})
_OWN_SHARE = 12  # tokens at most between a value and a percentage that restates it


@dataclass(frozen=True)
class RatioReader:
    """A count and its percentage, compiled from a pack's ``ratios:`` entry (loading/schema.py RatioSpec)."""

    id: str
    kind: str
    markers: tuple[Phrase, ...]  # what stands between a count (and its noun) and its percentage
    ends: frozenset[str]  # what may follow the percentage: the sentence's end, ",", ";"
    stops: tuple[Phrase, ...]  # a value right after these is no count of a ratio: tăng, so với, cứ
    not_after: frozenset[str]  # a number right after these words names something: tháng 5, lớp 10
    breaks: frozenset[str] = frozenset({";"})
    reach: int = 4  # words at most between a count and its marker ("9.056 hộ vi phạm (chiếm")

    @property
    def cue_words(self) -> tuple[str, ...]:
        return tuple(sorted({" ".join(m) for m in self.markers}))


def read(reader: RatioReader, tokens: list[Token], mentions: list[Mention], taken: set[int]
         ) -> Iterator[list[tuple[int, int, int]]]:
    """For each percentage that restates a count: its readings (part, whole, percentage), as mention
    indices, the nearest whole first. ``taken`` are percentages other claims read already."""
    for at, token in enumerate(tokens):
        if token.kind != "percent" or token.index in taken or unit(mentions[token.index]) != "%":
            continue
        marker = next((m for m in reader.markers if _at(tokens, at - len(m), m)), None)
        if marker is None or not _alone(reader, tokens, at, marker):
            continue
        part = _count_before(reader, tokens, at - len(marker))
        if part is None:
            continue
        wholes = _wholes(reader, tokens, mentions, part)
        if wholes:
            yield [(tokens[part].index, tokens[w].index, token.index) for w in wholes]


def _alone(reader: RatioReader, tokens: list[Token], at: int, marker: Phrase) -> bool:
    """Nothing follows the percentage but the end of its bracket or clause."""
    after = tokens[at + 1].text if at + 1 < len(tokens) else ""
    if "(" in marker:
        return after == ")"
    return at + 1 == len(tokens) or (tokens[at + 1].index < 0 and after in reader.ends)


def _count_before(reader: RatioReader, tokens: list[Token], end: int) -> int | None:
    """The count a marker ending before ``end`` restates: a value with at most ``reach`` words after it."""
    j = end - 1
    for _ in range(reader.reach + 1):
        if j < 0:
            return None
        token = tokens[j]
        if token.index >= 0:
            named = j + 1 < end and tokens[j + 1].capital  # "402.000.000 VNĐ Thuế trước bạ (12%)": a table's next row
            return j if token.kind in _COUNTS and _free(reader, tokens, j) and not named else None
        if not token.text.isalpha():
            return None
        j -= 1
    return None


def _free(reader: RatioReader, tokens: list[Token], at: int) -> bool:
    """The value is a count of its own, not a change, a rate's base or a name ("tăng 300", "cứ 10", "lớp 10")."""
    if at and tokens[at - 1].text in reader.not_after:
        return False
    return not any(_at(tokens, at - len(s), s) for s in reader.stops)


def _wholes(reader: RatioReader, tokens: list[Token], mentions: list[Mention], part: int) -> list[int]:
    """The candidate wholes of a count, nearest first (see the module's docstring)."""
    count = mentions[tokens[part].index]
    value = amount(count)
    found = []
    depth = 0
    for j in range(part - 1, -1, -1):
        token = tokens[j]
        if token.text in reader.breaks:
            break
        depth += (token.text == ")") - (token.text == "(")
        if depth < 0:
            break  # the count is inside a bracket: its whole is too
        if depth or token.index < 0 or token.kind not in _COUNTS or not _free(reader, tokens, j):
            continue
        whole = mentions[token.index]
        if (amount(whole) > value and same_unit(count, whole) and bool(unit(count)) == bool(unit(whole))
                and not _restated(reader, tokens, j)):
            found.append(j)
    return found


def _restated(reader: RatioReader, tokens: list[Token], at: int) -> bool:
    """The value has a percentage of its own right after it ("18 triệu ca mắc Covid-19, chiếm
    12,4%"): it is a part of another whole."""
    for j in range(at + 1, min(len(tokens), at + _OWN_SHARE)):
        if tokens[j].text in reader.breaks:
            return False
        if tokens[j].index >= 0:
            return tokens[j].kind == "percent" and any(_at(tokens, j - len(m), m) for m in reader.markers)
    return False
