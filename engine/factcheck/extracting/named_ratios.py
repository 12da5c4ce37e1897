"""Named ratios: a percentage named for the ratio of two quantities named in the same sentence.

"load factor fell to 52.1 pct from 56.7 pct, as revenue passenger miles rose 4.7 pct to 4.97
billion from 4.75 billion and available seat miles rose 14.0 pct to 9.55 billion from 8.37
billion": the load factor is revenue passenger miles over available seat miles, so 52.1 % must
be 4.97 / 9.55, and 56.7 % must be 4.75 / 8.37. "(Tổng số trận 136, chiến thắng 55 trận, ...,
tỷ lệ chiến thắng 40,44%)": the win rate is the wins over the games.

A language pack names each ratio, its part and its whole (``named_ratios:``). Each name takes
the first value of its kind that follows it before the next name (a percentage for the ratio,
an amount for the part and the whole; a part named twice, "traffic was 436 mln revenue passenger
miles vs 295.4 mln", keeps its values), and a second one after a **then** word ("from", "vs",
"so với"): the earlier figure. When all three names have their current figure they make a
claim, and a second one when all three have an earlier figure too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from .tokens import Phrase, Token, unit
from .tokens import at_phrase as _at
from .value_types import Mention

_AMOUNTS = frozenset({"number", "money", "quantity"})
_ROLES = ("part", "whole", "pct")


@dataclass(frozen=True)
class NamedRatio:
    """One named ratio, compiled from a pack's ``named_ratios:`` entry (loading/schema_readers.py)."""

    id: str
    kind: str
    names: dict[Phrase, str]  # name → role: pct (the ratio), part or whole
    then: tuple[Phrase, ...]  # words before an earlier figure: from, vs, so với
    breaks: frozenset[str] = frozenset({";"})

    @property
    def cue_words(self) -> tuple[str, ...]:
        """The last word of each name of the ratio: a name may be wrapped over two lines ("load\nfactor")."""
        return tuple(sorted({p[-1] for p, role in self.names.items() if role == "pct"}))


def read(ratio: NamedRatio, tokens: list[Token], mentions: list[Mention]) -> Iterator[dict[str, int]]:
    """The claims of one sentence: field → mention index, the current figures first. Another name
    met once all three have their figure starts the next group ("(Tổng số trận 136, chiến thắng 55,
    ..., tỷ lệ chiến thắng 40,44%) ... (Tổng số trận 90, thắng 53, ..., tỷ lệ chiến thắng 58,89%)")."""
    figures = _empty()
    role = None
    by_length = sorted(ratio.names, key=len, reverse=True)
    i = 0
    while i < len(tokens):
        if tokens[i].text in ratio.breaks:
            role = None
        name = next((p for p in by_length if _at(tokens, i, p)), None)
        if name is not None:
            # the same quantity named again ("capacity was 863.3 mln available seat miles") goes on;
            # another name once every figure is in starts the next group
            if ratio.names[name] != role and all(figures[r]["now"] for r in _ROLES):
                yield from _claims(figures)
                figures = _empty()
            role = ratio.names[name]
            i += len(name)
            continue
        token = tokens[i]
        if role is not None and token.index >= 0 and _fits(role, mentions[token.index]):
            side = "then" if any(_at(tokens, i - len(t), t) for t in ratio.then) else "now"
            if not figures[role][side]:  # the first figure after a name ("chiến thắng 55 trận, hòa 43 trận")
                figures[role][side].append(token.index)
        i += 1
    yield from _claims(figures)


Figures = dict[str, dict[str, list[int]]]  # role → side (now, then) → mention indices


def _empty() -> Figures:
    return {role: {"now": [], "then": []} for role in _ROLES}


def _claims(figures: Figures) -> Iterator[dict[str, int]]:
    for side in ("now", "then"):
        found = [figures[r][side] for r in _ROLES]
        if all(len(f) == 1 for f in found):
            yield {r: f[0] for r, f in zip(_ROLES, found)}


def _fits(role: str, mention: Mention) -> bool:
    if role == "pct":
        return mention.kind == "percent" and unit(mention) == "%"
    return mention.kind in _AMOUNTS
