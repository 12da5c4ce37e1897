"""The pydantic models of everything a person writes: rules, claim kinds, language packs.

These models are the one source of the file formats: loading validates against them
(unknown keys are errors), and ``factcheck schema`` prints the JSON Schema generated
from them for editors. The hot path never sees them: loading turns them into
compiled, plain objects.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from ..extracting.kinds import MENTION_KINDS  # the kinds the scanner produces; a field's ``type`` is one of them
from .schema_readers import NamedRatioSpec, RatioSpec, ShareSpec

Severity = Literal["error", "warning", "info"]
HedgeName = Literal["over", "under", "nearly", "about"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)


# --- rules ---------------------------------------------------------------------

LANG_CODE = r"^[a-z]{2,3}$"
LangCode = Annotated[str, StringConstraints(pattern=LANG_CODE)]


def _check_local_text(value: object) -> object:
    """One clear error for a text that is neither a string nor {language: string} (not one per union branch)."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or not value:
        raise ValueError("expected a text, or one per language: {en: ..., vi: ...}")
    for lang, text in value.items():
        if not isinstance(lang, str) or not re.match(LANG_CODE, lang):
            raise ValueError(f"{lang!r} is not a language code (two or three lowercase letters, e.g. en, vi)")
        if not isinstance(text, str):
            raise ValueError(f"the {lang} text must be a string, not {type(text).__name__}")
    return value


#: A text a reader sees, per language ({en: "...", vi: "..."}); a plain string is English.
LocalText = Annotated[Union[str, dict[LangCode, str]], BeforeValidator(_check_local_text)]


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
    fix: str | None = Field(None, description="fail only: the replacement the finding's fix must propose ('53,8').")
    facts: list[dict[str, str | int | float]] | None = Field(
        None, description="Reference facts the text is checked against: rows with a facts file's fields (entity, measure,"
        " measure_vi, period, value, unit, source, url; see docs/facts.md)."
    )


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
    title: LocalText = Field(description="One line: what holds when the text is right (a string, or one per language).")
    severity: Severity = "error"
    applies_to: str = Field(description="A claim kind from rules/kinds.yaml.")
    langs: list[str] | None = Field(None, description="Languages the rule runs on (default: all).")
    params: dict[str, float | int | str | bool] = Field(
        default_factory=dict, description="Named defaults that factcheck.yaml may override."
    )
    where: str | None = Field(None, description="Precondition; claims where it is false are skipped.")
    assert_: str = Field(alias="assert", description="Holds when the claim is consistent.")
    message: LocalText = Field(
        description="Shown when assert fails; {expressions} are filled in. A string (English) or one per language:"
        " {en: ..., vi: ...}; numbers are written in that language's format."
    )
    fix: str | FixSpec | None = Field(
        None, description="Replacement for the stated value (the stated argument of agrees()), or {field, replacement}."
    )
    help: LocalText | None = Field(None, description="What the writer can do about it (a string, or one per language).")
    holds: LocalText | None = Field(
        None, description="The arithmetic the html report shows for a claim that holds, e.g. '{total.text} = {join(parts)}'"
        " (a template like message; a string, or one per language)."
    )
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


class SpaceGroupSpec(Strict):
    """Thousands grouped with a plain space ("2 340"), read only where the reading is safe."""

    not_after: list[str] = Field(
        default_factory=list,
        description="Words that take a number of their own, after which '12 345' is two numbers ('tháng 12 345 hộ')."
        " A spaced number is never read right after another number ('năm 2020 2 340') nor unless a word or '%'"
        " follows it (a table's '213 208 211').",
    )


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
    duration_words: dict[str, int] = Field(
        default_factory=dict, description="Words that are numbers only right before a duration word, and other"
        " words elsewhere: vi ba: 3 ('ba năm', three years; 'ba' alone is also 'father')."
    )
    space_groups: SpaceGroupSpec | None = Field(
        None, description="Set where outlets group thousands with a plain space ('2 340'); no-break spaces always group."
    )


class PercentSpec(Strict):
    signs: list[str] = Field(description="What follows a number to make it a percentage.")
    points: list[str] = Field(default_factory=list, description="Percentage points: 'percentage points'.")


class CurrencySpec(Strict):
    symbols: dict[str, str] = Field(default_factory=dict, description="Symbol before the number → ISO code.")
    words: dict[str, str] = Field(default_factory=dict, description="Word after the number → ISO code.")


class DateFormat(Strict):
    format: str = Field(
        description="Template with {d} day, {m} month number, {month} month name, {y} year, {yy} two-digit year,"
        " e.g. '{d}/{m}/{y}'; a day range that writes its month once has {d2} for its last day and {to} for"
        " what joins the two ('{d}{to}{d2} {month}': 4-6 March), and reads as two dates. List it before the"
        " formats it starts with."
    )
    ambiguous: bool = Field(
        False, description="Also reads as a fraction (d/m): a date only after a date cue or alone in brackets."
    )
    link: str | None = Field(None, description="Regex of what {to} may be, when not the dates' range_link.")
    cues: list[str] | None = Field(
        None, description="Words right before an ambiguous format that make it a date, when not the dates' cues:"
        " a d-m ('30-4') takes fewer than a d/m, since after 'từ' '10-12' is a range. Such a format is no date in"
        " brackets alone ('(2-1)' is a score); a weekday or a date before it still makes it one."
    )
    not_before: list[str] = Field(
        default_factory=list, description="With its own cues: words right after it that make it a count, not a date"
        " ('ngày 3-4 lần': three or four times a day)."
    )
    otherwise: Literal["fraction", "nothing"] = Field(
        "fraction", description="What an ambiguous format is where nothing makes it a date: a fraction (d/m:"
        " '7/12 đảng viên') or no value at all (d-m: '10-12 tuổi', a range; 'thắng 3-1', a score)."
    )

    @model_validator(mode="after")
    def _slots(self) -> DateFormat:
        slots = re.findall(r"\{(\w+)\}", self.format)
        unknown = sorted(set(slots) - {"d", "m", "month", "y", "yy", "d2", "to"})
        if unknown:
            raise ValueError(f"unknown slot {{{unknown[0]}}} in {self.format!r}")
        if ("d2" in slots) != ("to" in slots) or ("d2" in slots and "d" not in slots):
            raise ValueError(f"a day range needs {{d}}, {{to}} and {{d2}}: {self.format!r}")
        return self


class BracketSpec(Strict):
    """An ambiguous d/m alone in brackets: "(27/4)"."""

    date: bool = Field(True, description="It is a date ...")
    unless_after: list[str] = Field(
        default_factory=lambda: ["percent"],
        description="... unless it follows a value of one of these mention kinds: '58,3% (7/12)' glosses a percentage.",
    )
    within: int = Field(3, ge=0, description="... at most this many characters before the bracket.")


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
    in_brackets: BracketSpec = BracketSpec()
    abbreviation_length: int = Field(
        4, ge=0, description="Weekday names this long or shorter are abbreviations, which may take a dot ('Wed.')."
    )
    two_digit_year_pivot: int = Field(
        50, ge=0, le=100, description="A two-digit year below this is 20yy, else 19yy ('15/5/05' is 2005)."
    )


class FractionSpec(Strict):
    connectors: list[str] = Field(default_factory=list, description="Words between part and whole: of, out of.")
    determiners: list[str] = Field(default_factory=list, description="Words that may follow the connector: the, its.")
    years_not_wholes: tuple[int, int] = Field(
        (1800, 2099), description="First and last year: a whole after a connector in this range, written without a"
        " group symbol, is a year ('one of 2019's best')."
    )

    @field_validator("years_not_wholes")
    @classmethod
    def _in_order(cls, years: tuple[int, int]) -> tuple[int, int]:
        if years[0] > years[1]:
            raise ValueError("the first year comes after the last")
        return years


class SentenceSpec(Strict):
    """When a single line break ends a sentence."""

    stops: str = Field(".!?:;…", description="A line ending in one of these signs ends its sentence.")
    wrapped_width: int = Field(
        50, ge=0, description="A line at least this long that ends mid-sentence was probably wrapped ..."
    )
    wrapped_starts: str = Field(
        "$£€(", description="... when the next line starts lower-case, with a digit, or with one of these signs."
    )


class DatelineSpec(Strict):
    """Where a dateline's date may stand: the publication date, when nothing else gives it."""

    within: int = Field(400, ge=0, description="Within this many characters of the top.")
    line_length: int = Field(80, ge=0, description="On a line at most this long.")
    words_beside: int = Field(
        5, ge=0, description="With at most this many words beside it (a weekday, a place, 'updated'): not a sentence."
    )


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
    readings: list[dict[str, float]] = Field(
        default_factory=list,
        description="Ways the words may be read, each giving the numbers it implies for fields the pattern does"
        " not capture ({inclusive: 0} and {inclusive: 1}: a count of days without or with both end days); the"
        " claims of one match form a group, wrong only if no reading holds.",
    )
    examples: list[str] = Field(default_factory=list, description="Texts the pattern must match.")
    counterexamples: list[str] = Field(default_factory=list, description="Texts it must not match.")
    description: str | None = None


class FrameAnchor(Strict):
    words: list[str] = Field(description="Words that open the frame: rose, tăng, up.")
    fields: dict[str, float] = Field(
        default_factory=dict, description="Fields these words imply: direction: 1 for a rise, factor: 2 for 'doubled'."
    )


class FrameRole(Strict):
    kinds: list[str] = Field(description="The mention kinds a value of this role may be.")
    markers: list[str] = Field(
        default_factory=list, description="Words right before a value that give it this role: from, so với."
    )
    next: bool = Field(False, description="A value right after the anchor takes this role when its kind fits.")
    before: bool = Field(False, description="An unmarked value before the anchor may take this role (its subject).")
    restated: bool = Field(
        False, description="A value restated after another restated role's value ('2 USD, tương đương 1%') takes this role."
    )
    alternative: str | None = Field(
        None, description="A value given this role by position alone may instead be read as this role ('up 23,600 to"
        " 27,700': up by 23,600, or up from it); the claim is wrong only if neither reading holds."
    )


class FrameEmit(Strict):
    kind: str = Field(description="A claim kind; emitted when these roles are filled.")
    roles: list[str]


class FrameSpec(Strict):
    """A claim read by roles: an anchor word, and values placed by the words that announce them."""

    id: str
    description: str | None = None
    anchors: list[FrameAnchor]
    roles: dict[str, FrameRole]
    emit: list[FrameEmit]
    restate: list[str] = Field(default_factory=list, description="Words after which a value restates the one before: or.")
    fillers: list[str] = Field(default_factory=list, description="Words a marker may skip before its value: the, a, revised.")
    breaks: list[str] = Field([";"], description="Signs a frame never crosses.")
    joins: list[str] = Field([","], description="Words or signs at which two frames of one sentence part: ',', and, và.")
    opens: list[str] = Field(
        default_factory=list, description="Words that open a clause of its own (while, although, trong khi): a"
        " frame reads no value before them and takes no role from the frame before them."
    )
    continues: list[str] = Field(
        default_factory=list, description="Words that, between a clause opener and the anchor, keep the subject of the"
        " clause before ('but were up'): the frame then takes the roles it inherits."
    )
    inherit: list[str] = Field(
        default_factory=list, description="Roles a frame takes from the frame before it in the sentence when it has none."
    )
    same_unit: list[str] = Field(default_factory=list, description="Roles whose values must be measured in one unit.")
    same_scale: list[str] = Field(
        default_factory=list, description="Roles whose values must be within max_ratio of each other (else one is"
        " in another scale or about something else)."
    )
    max_ratio: float = Field(100.0, gt=1, description="How far apart same_scale values may be.")
    not_anchors: list[str] = Field(
        default_factory=list, description="Phrases holding an anchor word that open nothing: 'up to' (as many as)."
    )
    not_after: list[str] = Field(
        default_factory=list, description="Words after which a number is not a quantity of the frame: tháng 5, năm 2."
    )
    max_fillers: int = Field(3, ge=0, le=8, description="How many filler words a marker may skip.")
    examples: list[str] = Field(default_factory=list, description="Texts from which the frame must read a claim.")
    counterexamples: list[str] = Field(default_factory=list, description="Texts from which it must read none.")


class BreakdownCue(Strict):
    words: list[str] = Field(description="Cue words: gồm, trong đó, including, of which, ':', '('.")
    total: Literal["before", "after", "first", "end"] = Field(
        description="Where the total stands: before the cue (the parts after it), after it (the parts before"
        " it: 'tổng cộng', 'making a total of'), first after it with the parts following ('trong số'), or at"
        " the end of the list, right before the cue ('... and $184m in total')."
    )
    complete: bool = Field(description="The list is the whole (gồm, comprising, a colon) or may be some of it.")
    closes: str = Field("", description="The sign that ends the list: ')' for a bracket.")
    exact: bool = Field(False, description="Read only when the parts add up exactly (a bracket may hold a conversion).")
    near: int = Field(0, ge=0, description="The parts stand at most this many tokens from the cue (0: anywhere).")


class BreakdownSpec(Strict):
    """A total and its parts, read around the cue words that announce them."""

    id: str
    description: str | None = None
    cues: list[BreakdownCue]
    kinds: list[str] = Field(["number", "money", "quantity"], description="The mention kinds of a total and its parts.")
    complete_kind: str = Field("total_parts", description="The claim kind of a complete list.")
    partial_kind: str = Field("total_partial", description="The claim kind of a list that may be partial.")
    stops: list[str] = Field(default_factory=list, description="Words after which a value is no part: so với, from.")
    not_totals: list[str] = Field(default_factory=list, description="Words after which a value is no total: from, so với.")
    ends: list[str] = Field(default_factory=list, description="Words that end a list of parts: while, trong khi.")
    reach: int = Field(12, ge=1, le=40, description="Tokens at most between a total and its cue.")
    separators: list[str] = Field([",", ";"], description="What stands between the items of a list.")
    fractions: bool = Field(False, description="A fraction written in words ('five of the nine') is a part of its whole.")
    slack: float = Field(
        0.25, ge=0, le=1, description="A complete list whose parts miss the total by more than this share of it is"
        " not read as one (it is more likely incomplete than wrong)."
    )
    examples: list[str] = Field(default_factory=list, description="Texts from which a breakdown must be read.")
    counterexamples: list[str] = Field(default_factory=list, description="Texts from which none must be read.")


class FigureSpec(Strict):
    """How stated figures are read ("Đảng bộ huyện Bình Liêu có 2.340 đảng viên"): the words around
    a number that make it a figure of its clause's subject, and those that leave it unread."""

    cues: list[str] = Field(description="Words right before a figure that say its subject has it: có, với, has, with.")
    ends: list[str] = Field(
        default_factory=list, description="Words that end the measure after a figure ('2.340 đảng viên của huyện'): của, in."
    )
    owners: list[str] = Field(
        default_factory=list, description="Nouns that, beside a capitalised name, name an owner: huyện, xã, district."
    )
    present: list[str] = Field(
        default_factory=list, description="Words that put a figure in the publication's year: hiện nay, this year."
    )
    undated: list[str] = Field(
        default_factory=list, description="Words of a time the text does not date, or of part of a period (no figure is"
        " read): khi đó, quý, last year, first half."
    )
    changes: list[str] = Field(
        default_factory=list, description="Words of a change or a comparison (no figure is read in the sentence): tăng, so"
        " với, rose, compared with."
    )
    parts: list[str] = Field(
        default_factory=list, description="Words after which a figure is a part or a rate, not its owner's whole: trong đó,"
        " mỗi, of which, per."
    )
    here: list[str] = Field(
        default_factory=list, description="Subjects that point at the article's own place (toàn huyện, the district): such a"
        " figure is the place's when the title or dateline names one place of the facts."
    )
    openers: list[str] = Field(
        default_factory=list, description="Words that open a clause, left off its subject: và, còn, and, while."
    )
    max_measure: int = Field(6, ge=1, le=12, description="Words at most in a measure.")
    max_subject: int = Field(10, ge=1, le=20, description="Words at most in a subject (a longer clause is not read).")


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
    sentences: SentenceSpec = SentenceSpec()
    dateline: DatelineSpec = DatelineSpec()
    lists: dict[str, ListSpec] = Field(default_factory=dict)
    patterns: list[PatternSpec] = Field(default_factory=list)
    frames: list[FrameSpec] = Field(default_factory=list)
    breakdowns: list[BreakdownSpec] = Field(default_factory=list)
    ratios: list[RatioSpec] = Field(default_factory=list)
    named_ratios: list[NamedRatioSpec] = Field(default_factory=list)
    shares: list[ShareSpec] = Field(default_factory=list)
    figures: FigureSpec | None = Field(None, description="How stated figures are read (none: no figure is read).")


class LangExtension(Strict):
    """A language file that adds phrasings to a language already loaded (a user's, or a shipped one
    kept in its own file, such as lang/vi-frames.yaml)."""

    code: str = Field(pattern=r"^[a-z]{2,3}$", description="The language extended, e.g. vi.")
    lists: dict[str, ListSpec] = Field(default_factory=dict)
    patterns: list[PatternSpec] = Field(default_factory=list)
    frames: list[FrameSpec] = Field(default_factory=list)
    breakdowns: list[BreakdownSpec] = Field(default_factory=list)
    ratios: list[RatioSpec] = Field(default_factory=list)
    named_ratios: list[NamedRatioSpec] = Field(default_factory=list)
    shares: list[ShareSpec] = Field(default_factory=list)
    figures: FigureSpec | None = Field(None, description="How stated figures are read (lang/<code>-figures.yaml).")


# --- project configuration -----------------------------------------------------------

FailOnName = Literal["error", "warning", "info", "never"]
ParamValue = float | int | str | bool


def _named_source(value: object) -> object:
    """A source named by a string: a database URL (with ://) or a file path."""
    if isinstance(value, str):
        return {"url": value} if "://" in value else {"path": value}
    return value


class FactSourceSpec(Strict):
    """A facts source: a file, or a database and the query that gives its facts (docs/facts.md)."""

    path: str | None = Field(None, description="A CSV, JSON Lines (.jsonl) or YAML facts file, relative to this file.")
    url: str | None = Field(
        None, description="A database: sqlite:///facts.db (relative to the working directory) or"
        " postgresql://user@host/db. ${VAR} is read from the environment, so credentials stay out of this file.")
    query: str | None = Field(
        None, description="The SELECT giving the facts' columns (default: SELECT * FROM facts); parameters are written"
        " :name and bound from params, never pasted into the SQL.")
    params: dict[str, ParamValue] = Field(default_factory=dict, description="The values of the query's :name parameters.")

    @model_validator(mode="after")
    def _one_source(self) -> "FactSourceSpec":
        if (self.path is None) == (self.url is None):
            raise ValueError("give either path (a facts file) or url (a database)")
        if self.path is not None and (self.query is not None or self.params):
            raise ValueError("query and params go with a database url, not a file")
        return self


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
    facts: list[Annotated[FactSourceSpec, BeforeValidator(_named_source)]] = Field(
        default_factory=list, description="Reference facts that stated figures are checked against: facts files (CSV,"
        " JSON Lines, YAML; relative to this file) or databases ({url, query, params}); see docs/facts.md.")


# --- one schema for editors ---------------------------------------------------------

RuleFile = Union[RuleSpec, list[RuleSpec]]
RuleFileSchema = Annotated[RuleFile, Field(description="One rule, or a list of rules.")]
