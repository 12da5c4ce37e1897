"""The pydantic models of the share and ratio readers of a language pack (``shares:`` and ``ratios:``).

Kept apart from schema.py, which holds the other formats; LangSpec and LangExtension use them.
See extracting/shares.py and extracting/ratios.py for how each field is read.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)


class ShareAnswers(_Spec):
    """Poll answers by side: shares that give answers of different sides answer one question."""

    favour: list[str] = Field(default_factory=list, description="in favour, supported, ủng hộ, đồng ý")
    against: list[str] = Field(default_factory=list, description="against, opposed, phản đối, không đồng ý")
    neither: list[str] = Field(default_factory=list, description="undecided, don't know, không trả lời")


class ShareSpec(_Spec):
    """Percentages of one whole, read as a list wherever they stand in a sentence."""

    id: str
    description: str | None = None
    cues: list[str] = Field(
        default_factory=list, description="Words right before a percentage that make it a share: chiếm, accounted for."
    )
    follows: list[str] = Field(
        default_factory=list, description="Words right before a later share that continue a split of one whole:"
        " 'leaving … with' (… stands for up to three words), 'tiếp theo là'."
    )
    answers: ShareAnswers = ShareAnswers()
    rest: list[str] = Field(
        default_factory=list, description="Words right before or after a share that make it the rest: còn lại,"
        " the remaining. The list then covers the whole."
    )
    others: list[str] = Field(
        default_factory=list, description="Words after a share's noun that make it the rest ('4% các tư thế khác'); right"
        " after the percentage they mean 'another' ('40% khác')."
    )
    wholes: list[str] = Field(
        default_factory=list, description="Words before a list of shares that announce the whole: gồm, comprising."
    )
    versus: list[str] = Field(
        default_factory=list, description="Words between a share and its value at another time or of another side:"
        " against, so với. Pairs make two lists ('21.0 pct against 21.5 pct, 16.5 pct against 17.3 pct')."
    )
    joins: list[str] = Field(
        default_factory=list, description="Words that join the items of a list (và, and, while): a share's own words"
        " end before them."
    )
    bases: list[str] = Field(
        default_factory=list, description="Words right after a percentage that name its whole: of, trong số. Shares"
        " that name different wholes are no list."
    )
    apart: list[str] = Field(
        default_factory=list, description="Words that start a share of a share, or another matter: trong số đó, of them."
    )
    stops: list[str] = Field(
        default_factory=list, description="Words right before a percentage that make it no share: tăng, rose, by."
    )
    fillers: list[str] = Field(
        default_factory=list, description="Words skipped when naming a whole (the, các) or between 'gồm' and a share."
    )
    share_of: list[str] = Field(
        ["fraction_percent"], description="Claim kinds that read a percentage as a share of their other values: two"
        " shares read with different wholes are no list."
    )
    not_shares: list[str] = Field(
        ["change", "change_amount", "change_amount_percent", "change_both", "multiple"],
        description="Claim kinds that read a percentage as something else (a change): such a percentage is no share.",
    )
    reach: int = Field(16, ge=1, le=40, description="Words at most between two shares of a list no cue marks.")
    complete_kind: str = Field("shares_complete", description="The claim kind of shares that cover the whole.")
    partial_kind: str = Field("shares", description="The claim kind of shares that may not cover it.")
    examples: list[str] = Field(default_factory=list, description="Texts from which shares must be read.")
    counterexamples: list[str] = Field(default_factory=list, description="Texts from which none must be read.")


class NamedRatioSpec(_Spec):
    """A percentage named for the ratio of two quantities the sentence names: the load factor is revenue
    passenger miles over available seat miles."""

    id: str
    description: str | None = None
    kind: str = Field("fraction_percent", description="The claim kind: fields part, whole and pct.")
    ratio: list[str] = Field(description="Names of the ratio: load factor, tỷ lệ chiến thắng.")
    part: list[str] = Field(description="Names of the part: revenue passenger miles, traffic.")
    whole: list[str] = Field(description="Names of the whole: available seat miles, capacity.")
    then: list[str] = Field(
        default_factory=list, description="Words before an earlier figure of the same name: from, vs, so với."
    )
    examples: list[str] = Field(default_factory=list, description="Texts from which a ratio must be read.")
    counterexamples: list[str] = Field(default_factory=list, description="Texts from which none must be read.")


class RatioSpec(_Spec):
    """A count, the percentage that restates it, and the candidate wholes before it."""

    id: str
    description: str | None = None
    kind: str = Field("fraction_percent", description="The claim kind: fields part, whole and pct.")
    markers: list[str] = Field(
        description="What stands between a count (and its noun) and its percentage: '(', '( chiếm', ', or'."
    )
    ends: list[str] = Field(
        [".", ",", ";"], description="What may follow the percentage (after a marker without a bracket)."
    )
    stops: list[str] = Field(
        default_factory=list, description="Words right before a value that make it no count of a ratio: tăng, so với, cứ."
    )
    not_after: list[str] = Field(
        default_factory=list, description="Words after which a number names something: tháng, lớp, số."
    )
    breaks: list[str] = Field([";"], description="Signs a whole is not looked for across.")
    reach: int = Field(4, ge=0, le=10, description="Words at most between a count and its marker: 'người', 'hộ vi phạm'.")
    examples: list[str] = Field(default_factory=list, description="Texts from which a ratio must be read.")
    counterexamples: list[str] = Field(default_factory=list, description="Texts from which none must be read.")
