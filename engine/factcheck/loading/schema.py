"""The pydantic models of everything a person writes: rules, claim kinds, language packs.

These models are the one source of the file formats: loading validates against them
(unknown keys are errors), and ``factcheck schema`` prints the JSON Schema generated
from them for editors. The hot path never sees them: loading turns them into
compiled, plain objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from ..extracting.mentions import MENTION_KINDS  # the kinds the scanner produces; a field's ``type`` is one of them

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
HedgeName = Literal["over", "under", "nearly", "about"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)


# --- rules ---------------------------------------------------------------------


class RuleCase(Strict):
    """One embedded example: a text the rule must pass, or fail with these spans."""

    lang: str = Field(description="Language code of the text, e.g. vi or en.")
    text: str = Field(description="The example text.")
    published: dt.date | None = Field(None, description="Publication date, for checks that need one.")
    name: str | None = Field(None, description="A short name shown in test ids.")
    spans: list[str] | None = Field(
        None, description="fail only: the text of each span the finding must carry, in order."
    )
    message: str | None = Field(None, description="fail only: a substring the message must contain.")


class RuleTests(Strict):
    pass_: list[RuleCase] = Field(alias="pass", min_length=1, description="Texts that must raise no finding.")
    fail: list[RuleCase] = Field(min_length=1, description="Texts that must raise a finding of this rule.")


class FixSpec(Strict):
    field: str = Field(description="The claim field whose value the replacement is for.")
    replacement: str = Field(description="A template for the corrected value.")


class RuleSpec(Strict):
    """A check, evaluated against every claim of one kind."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id, e.g. ratio-percent.")
    aliases: list[str] = Field(default_factory=list, description="Former ids that still select this rule.")
    title: str = Field(description="One line: what holds when the text is right.")
    severity: Severity = "error"
    applies_to: str = Field(description="A claim kind from rules/kinds.yaml.")
    langs: list[str] | None = Field(None, description="Languages the rule runs on (default: all).")
    params: dict[str, float | int | str | bool] = Field(
        default_factory=dict, description="Named defaults that factcheck.yaml may override."
    )
    where: str | None = Field(None, description="Precondition; claims where it is false are skipped.")
    assert_: str = Field(alias="assert", description="Holds when the claim is consistent.")
    message: str = Field(description="Shown when assert fails; {expressions} are filled in.")
    fix: str | FixSpec | None = Field(
        None, description="Replacement for the stated value (the stated argument of agrees()), or {field, replacement}."
    )
    help: str | None = Field(None, description="What the writer can do about it.")
    labels: dict[str, str] = Field(default_factory=dict, description="Span labels overriding the kind's.")
    evidence: dict[str, str] = Field(
        default_factory=dict,
        description="Named expressions reported with a finding (default: what agrees() or close() compared).",
    )
    doc: str | None = Field(None, description="Longer documentation: what it checks and why it matters.")
    tests: RuleTests


# --- claim kinds -----------------------------------------------------------------


class FieldSpec(Strict):
    type: str = Field(
        description="A mention kind (" + ", ".join(MENTION_KINDS) + "), or several joined by '|': number|money."
    )
    list: bool = Field(False, description="The field holds one or more values.")
    label: str = Field(description="The label of this field's span in reports.")
    description: str | None = None

    def types(self) -> set[str]:
        return {t.strip() for t in self.type.split("|")}


class KindSpec(Strict):
    description: str
    fields: dict[str, FieldSpec]


class KindsFile(Strict):
    kinds: dict[str, KindSpec]


# --- language packs -----------------------------------------------------------------


class NumberSpec(Strict):
    decimal: str | None = Field(None, description="Decimal symbol; default from CLDR for the locale.")
    group: str | None = Field(None, description="Grouping symbol; default from CLDR for the locale.")
    loose_decimal: bool = Field(
        False, description="Read the group symbol as a decimal point when the group is not 3 digits (vi '1.5')."
    )
    scales: dict[str, float] = Field(default_factory=dict, description="Scale words after a number: million: 1e6.")
    suffix_scales: dict[str, float] = Field(
        default_factory=dict, description="Scale suffixes written against the number: $639m, 1.13bn."
    )
    words: dict[str, int] = Field(default_factory=dict, description="Number words: seven: 7.")


class PercentSpec(Strict):
    signs: list[str] = Field(description="What follows a number to make it a percentage.")
    points: list[str] = Field(default_factory=list, description="Percentage points: 'percentage points'.")


class CurrencySpec(Strict):
    symbols: dict[str, str] = Field(default_factory=dict, description="Symbol before the number → ISO code.")
    words: dict[str, str] = Field(default_factory=dict, description="Word after the number → ISO code.")


class DateFormat(Strict):
    format: str = Field(
        description="Template with {d} day, {m} month number, {month} month name, {y} year, {yy} two-digit year,"
        " e.g. '{d}/{m}/{y}'."
    )
    ambiguous: bool = Field(
        False, description="Also reads as a fraction (d/m): a date only after a date cue or alone in brackets."
    )


class DateSpec(Strict):
    formats: list[DateFormat]
    months: dict[str, int] = Field(default_factory=dict, description="Month names beyond CLDR's.")
    weekdays: dict[str, int] = Field(
        default_factory=dict, description="Weekday names beyond CLDR's (0 = Monday … 6 = Sunday)."
    )
    weekdays_need_date: list[str] = Field(
        default_factory=list,
        description="Regexes of weekday forms that are also ordinals ('thứ 2'): weekdays only right before a date.",
    )
    weekday_after: list[str] = Field(
        default_factory=list,
        description="Words that may stand before such a form ('vào thứ Ba'); after any other word it is an ordinal"
        " even next to a date ('lần thứ 2 (17/3)', 'Kỳ họp thứ 3, ngày 5/6'). The start of a line or"
        " sentence and punctuation are always allowed.",
    )
    weekday_link: str = Field(
        r"[\s,(]*", description="Regex of what may stand between such a weekday and its date."
    )
    cues: list[str] = Field(default_factory=list, description="Words before an ambiguous d/m that make it a date.")
    range_link: str = Field(
        r"[-–]", description="Regex of what joins two dates of a range ('30/4 và 1/5'): either makes the other a date."
    )


class FractionSpec(Strict):
    connectors: list[str] = Field(default_factory=list, description="Words between part and whole: of, out of.")
    determiners: list[str] = Field(default_factory=list, description="Words that may follow the connector: the, its.")


class LookalikeSpec(Strict):
    not_fraction_after: list[str] = Field(
        default_factory=list, description="Words before N/M that make it a document number or a period."
    )
    literals: list[str] = Field(
        default_factory=list, description="Exact strings that are never values, checked before anything else: 24/7."
    )
    tokens: list[str] = Field(
        default_factory=list, description="Regexes of look-alikes (decree numbers, phone numbers, clock times)."
    )


class ListSpec(Strict):
    item: str = Field(description="Pattern of one item, e.g. '{:number} {words:0-4}'.")
    separator: str = Field(description="Pattern between items, e.g. '(,|và|;)'.")


class PatternSpec(Strict):
    id: str
    kind: str = Field(description="The claim kind the pattern produces.")
    match: str = Field(description="The pattern; see docs/writing-a-rule.md.")
    fields: dict[str, str | float] = Field(
        default_factory=dict,
        description="Claim field → capture, capture.part for a compound mention's part, or a number"
        " the phrasing implies ('doubled': factor: 2).",
    )
    examples: list[str] = Field(default_factory=list, description="Texts the pattern must match.")
    counterexamples: list[str] = Field(default_factory=list, description="Texts it must not match.")
    description: str | None = None


class LangSpec(Strict):
    code: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str
    locale: str = Field(description="CLDR locale for number symbols and weekday/month names.")
    detect_words: list[str] = Field(description="Common words that identify the language.")
    detect_letters: str = Field("", description="Letters that only this language uses, for detecting it.")
    numbers: NumberSpec = NumberSpec()
    percent: PercentSpec
    fractions: FractionSpec = FractionSpec()
    hedges: dict[HedgeName, list[str]] = Field(default_factory=dict)
    currencies: CurrencySpec = CurrencySpec()
    units: dict[str, str] = Field(default_factory=dict, description="Unit word → pint unit name.")
    durations: dict[str, str] = Field(default_factory=dict, description="Duration word → year, month, week, day, hour.")
    dates: DateSpec
    lookalikes: LookalikeSpec = LookalikeSpec()
    abbreviations: list[str] = Field(default_factory=list, description="Words ending in '.' that end no sentence.")
    lists: dict[str, ListSpec] = Field(default_factory=dict)
    patterns: list[PatternSpec] = Field(default_factory=list)


class LangExtension(Strict):
    """A language file in a user's rule folder that adds phrasings to a language already loaded."""

    code: str = Field(pattern=r"^[a-z]{2,3}$", description="The language extended, e.g. vi.")
    lists: dict[str, ListSpec] = Field(default_factory=dict)
    patterns: list[PatternSpec] = Field(default_factory=list)


# --- project configuration -----------------------------------------------------------

FailOnName = Literal["error", "warning", "info", "never"]
ParamValue = float | int | str | bool


class ConfigSpec(Strict):
    """factcheck.yaml (or ``[tool.factcheck]`` in pyproject.toml): a project's settings."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=True)

    rules: list[str] = Field(default_factory=list, description="Extra rule folders or files, relative to this file.")
    disable: list[str] = Field(default_factory=list, description="Rules (ids or aliases) not to run.")
    only: list[str] = Field(default_factory=list, description="Run only these rules (ids or aliases).")
    severity: dict[str, Severity] = Field(default_factory=dict, description="A severity per rule, e.g. ratio-percent: warning.")
    params: dict[str, dict[str, ParamValue]] = Field(
        default_factory=dict, description="Per rule, values for the params it declares (its tolerances)."
    )
    lang: str | None = Field(None, description="Language of the texts (default: detected per document).")
    include: list[str] = Field(
        default_factory=list, description="Glob patterns, relative to this file: only files found in folders that match."
    )
    exclude: list[str] = Field(
        default_factory=list, description="Glob patterns, relative to this file: files never checked, even when named."
    )
    fail_on: FailOnName | None = Field(None, alias="fail-on", description="Lowest severity that makes the exit code 1.")
    format: str | None = Field(None, description="Output format on standard output (text, json, sarif, ...).")
    max_document_mb: float | None = Field(
        None, alias="max-document-mb", gt=0,
        description="The largest document checked, in MB (default 20); a larger one is one error, the rest checked.")


# --- one schema for editors ---------------------------------------------------------

RuleFile = Union[RuleSpec, list[RuleSpec]]
RuleFileSchema = Annotated[RuleFile, Field(description="One rule, or a list of rules.")]
