"""The pipeline for one document: text → mentions → claims → rule evaluations → findings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..extracting.claims import Claim, extract
from ..extracting.mentions import Mention
from ..extracting.sentences import encode
from ..reading.documents import Document, detect_language
from ..reading.markup import prose_view, published_date
from ..reading.offsets import normalize
from .expressions import Evaluator, render
from .findings import Check, Finding, Fix, Span
from .values import FieldValue, Num, Undetermined, evidence_number
from .wording import in_language

if TYPE_CHECKING:  # built by the loading stage; checking only reads them
    from ..loading.catalog import Catalog
    from ..loading.languages import Language
    from ..loading.rule_files import Rule

_DATELINE_CHARS = 400  # a dateline sits in the first lines of an article
_DATELINE_LINE = 80  # ... on a short line of its own
_DATELINE_WORDS = 5  # ... beside a weekday, a place, "updated", a time zone, not a sentence
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Evaluation:
    rule: str
    claim: int
    result: bool | None  # None: the rule could not be evaluated (see reason)
    reason: str | None = None
    holds: Check | None = None  # a claim that holds, as the html report shows it (when the catalog keeps them)


@dataclass
class Analysis:
    """Everything the engine saw in one document (what ``factcheck explain`` shows)."""

    document: Document
    mentions: list[Mention]
    claims: list[Claim]
    evaluations: list[Evaluation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def analyse(doc: Document, catalog: Catalog) -> Analysis:
    """Everything one document says and how the rules judge it.

    Scanning reads the prose view (markup blanked, same length) in NFC; offsets are
    mapped back to the stored text before anything leaves this function. The caller's
    document is not changed: the analysis holds a copy with the language and the
    publication date found.
    """
    norm = normalize(prose_view(doc.text, doc.kind))
    lang = doc.lang
    if lang is None:
        signs = {c: (lang.lexicon.detect_words, lang.lexicon.detect_letters) for c, lang in catalog.languages.items()}
        lang = detect_language(norm.text, signs)
    language = catalog.languages[lang]
    published = doc.published if doc.published is not None else published_date(doc.text, doc.kind)
    mentions = language.scanner.scan(norm.text, published)
    if published is None:
        published = _dateline(mentions, norm.text)
        if published is not None and any(m.kind == "date" and m.value is None for m in mentions):
            mentions = language.scanner.scan(norm.text, published)  # now day/month dates get a year
    if (lang, published) != (doc.lang, doc.published):
        doc = replace(doc, lang=lang, published=published)
    encoded = encode(norm.text, mentions, language.lexicon.abbreviations)
    claims = extract(encoded, mentions, language.patterns, catalog.list_fields, language.frames,
                     language.breakdowns, language.ratios, language.shares, language.named_ratios)
    if norm.text is not doc.text:  # markup blanked or NFC applied: offsets and texts come from the stored text
        for m in mentions:
            _to_stored(m, norm, doc.text)
    analysis = Analysis(doc, mentions, claims)
    _evaluate(analysis, catalog, language)
    return analysis


def _to_stored(m: Mention, norm: Any, stored: str) -> None:
    """Move a mention's offsets (and its parts') from the normalised to the stored text."""
    m.start, m.end = norm.stored(m.start), norm.stored(m.end)
    m.phrase_start = norm.stored(m.phrase_start)
    m.text = stored[m.start : m.end]
    m.phrase = stored[m.phrase_start : m.end]
    for part in (m.parts or {}).values():
        _to_stored(part, norm, stored)


def _dateline(mentions: list[Mention], text: str) -> dt.date | None:
    """The publication date from a dateline: a full date on a short line near the top,
    with few words beside it ("Thứ Tư, 05/08/2020, 08:11", "Updated: 5 August 2020").
    A sentence that mentions a date ("... finish the programme by December 31, 2025.")
    is not a dateline."""
    for m in mentions:
        if m.start > _DATELINE_CHARS:
            break
        if m.kind == "date" and isinstance(m.value, str) and len(m.value) == 10:
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line_end = len(text) if line_end < 0 else line_end
            beside = _WORD.findall(text, line_start, m.start) + _WORD.findall(text, m.end, line_end)
            if line_end - line_start <= _DATELINE_LINE and len(beside) <= _DATELINE_WORDS:
                return dt.date.fromisoformat(m.value)
    return None


@dataclass(frozen=True, slots=True)
class Voice:
    """How a document's findings are written: in which language, with each language's number symbols
    (53,8 in Vietnamese, 53.8 in English), and whether a claim that holds gets its arithmetic written out."""

    lang: str
    symbols: dict[str, tuple[str, str]] = field(default_factory=dict)  # language -> (decimal, group)
    shows_holds: bool = False

    def number_symbols(self, lang: str) -> tuple[str, str]:
        return self.symbols.get(lang, (".", ","))


def _evaluate(analysis: Analysis, catalog: Catalog, language: Language) -> None:
    """Every rule on every claim. Claims of one group are readings of the same words: when one
    reading holds (a rule passed on it and none failed), the others' findings are dropped;
    when none holds, only the first reading's findings are reported."""
    doc = analysis.document
    by_kind: dict[str, list[Rule]] = {}
    for rule in catalog.rules:
        if rule.runs_on(doc.lang or ""):
            by_kind.setdefault(rule.spec.applies_to, []).append(rule)
    found: list[tuple[Claim, Finding]] = []
    holds: set[int] = set()  # groups with a reading that holds
    voice = Voice(catalog.message_lang or doc.lang or "en", catalog.number_symbols, catalog.keep_checked)
    for ci, claim in enumerate(analysis.claims):
        results = []
        for rule in by_kind.get(claim.kind, []):
            evaluation, finding = evaluate(rule, claim, doc, language, voice)
            analysis.evaluations.append(Evaluation(rule.id, ci, *evaluation))
            results.append(evaluation[0])
            if finding is not None:
                found.append((claim, finding))
        if claim.group >= 0 and True in results and False not in results:
            holds.add(claim.group)
    analysis.findings.extend(f for claim, f in found
                             if claim.group < 0 or (claim.primary and claim.group not in holds))
    analysis.findings.sort(key=Finding.sort_key)


def _names(claim: Claim, published: dt.date | None) -> dict[str, Any]:
    """What a rule's expressions see: the claim's fields, and the publication date."""
    names: dict[str, Any] = {"published": None}
    if published is not None:
        iso = published.isoformat()
        names["published"] = FieldValue(Mention("date", -1, -1, iso, iso, exact=True, unit="day"))
    for name, bound in claim.fields.items():
        if isinstance(bound, list):
            names[name] = [FieldValue(b.mention, b.owner) for b in bound]
        else:
            names[name] = FieldValue(bound.mention, bound.owner)
    return names


def evaluate(rule: Rule, claim: Claim, doc: Document, language: Language, voice: Voice | None = None
             ) -> tuple[tuple[bool | None, str | None, Check | None], Finding | None]:
    """Run one rule on one claim: ((result, reason, the claim as the html report shows it when it holds),
    finding or None).

    The message is the rule's in ``voice.lang`` (English when it has no translation), its
    numbers in that language's format; a fix is in the document's own format.
    """
    voice = voice or Voice("en")
    evaluator = Evaluator(rule.params, _names(claim, doc.published))
    try:
        if rule.where is not None and not evaluator.run(rule.where):
            return (None, "where is false", None), None
        if evaluator.run(rule.check):
            return (True, None, _holds(rule, claim, evaluator, voice) if voice.shows_holds else None), None
        message_lang, template = in_language(rule.messages, voice.lang)
        message = render(template, evaluator, *voice.number_symbols(message_lang))
        evidence = dict(evaluator.evidence)
        for name, expr in rule.evidence.items():
            evidence[name] = _plain(evaluator.run(expr))
        fix_text = None
        if rule.fix is not None:
            lex = language.lexicon
            fix_text = render(rule.fix[1], evaluator, lex.decimal, lex.group)
    except (Undetermined, ZeroDivisionError, TypeError, ValueError, OverflowError) as exc:
        return (None, f"cannot evaluate: {exc}", None), None
    spans, owner_index = _spans(rule, claim)
    fix = None
    if rule.fix is not None and fix_text is not None:
        target = claim.fields[rule.fix[0]]
        if not isinstance(target, list):
            fix = Fix(owner_index[id(target.owner)], fix_text)
    finding = Finding(rule.id, rule.severity, message, doc.path, spans, evidence, fix,
                      rule.help(message_lang), rule.title(message_lang), message_lang)
    return (False, None, None), finding


def _holds(rule: Rule, claim: Claim, evaluator: Evaluator, voice: Voice) -> Check:
    """A claim that holds with its arithmetic ("25 = 11 + 14"): the rule's ``holds``, else its evidence."""
    arithmetic = ", ".join(f"{name} {value}" for name, value in evaluator.evidence.items())
    if rule.holds:
        template = in_language(rule.holds, voice.lang)[1]
        try:  # numbers as the reader writes them; a template that cannot be filled leaves the evidence
            arithmetic = render(template, evaluator, *voice.number_symbols(voice.lang))
        except (Undetermined, ZeroDivisionError, TypeError, ValueError, OverflowError):
            pass
    return Check(rule.id, _spans(rule, claim)[0], arithmetic, rule.title(voice.lang))


def _plain(value: Any) -> Any:
    """An evidence value as JSON can hold it."""
    if isinstance(value, FieldValue):
        value = value.value
    if isinstance(value, (Num, float)) and not isinstance(value, bool):
        return evidence_number(float(value))
    return value


def _spans(rule: Rule, claim: Claim) -> tuple[list[Span], dict[int, int]]:
    """One span per mention the claim uses, in field order, labelled by the first field."""
    spans: list[Span] = []
    index: dict[int, int] = {}
    for name, bound in claim.fields.items():
        for b in bound if isinstance(bound, list) else [bound]:
            if id(b.owner) in index or b.index < 0:  # implied numbers ("doubled") have no span
                continue
            index[id(b.owner)] = len(spans)
            spans.append(Span(b.owner.start, b.owner.end, b.owner.text, rule.label(name)))
    return spans, index
