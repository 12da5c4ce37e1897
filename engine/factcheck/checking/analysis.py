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
from .expressions import Evaluator
from .findings import Finding, Fix, Span
from .rule_warnings import rule_warning
from .templates import render
from .values import FieldValue, Num, Undetermined, evidence_number

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
    problem: str | None = None  # a fault of the rule itself (not of the claim's values), for its author


#: Failures that come from a claim's values (a date without its year, a whole of zero): the
#: rule has nothing to say about that claim. Any other exception is a fault of the rule.
_VALUE_FAILURES = (Undetermined, ZeroDivisionError)


@dataclass
class Analysis:
    """Everything the engine saw in one document (what ``factcheck explain`` shows)."""

    document: Document
    mentions: list[Mention]
    claims: list[Claim]
    evaluations: list[Evaluation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: for each rule at fault on some claim here, the first problem: "rules/x.yaml:1: warning: rule 'x': …"
    warnings: list[str] = field(default_factory=list)


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
    claims = extract(encoded, mentions, language.patterns, catalog.list_fields)
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


def _evaluate(analysis: Analysis, catalog: Catalog, language: Language) -> None:
    doc = analysis.document
    by_kind: dict[str, list[Rule]] = {}
    for rule in catalog.rules:
        if rule.runs_on(doc.lang or ""):
            by_kind.setdefault(rule.spec.applies_to, []).append(rule)
    warned: set[str] = set()
    for ci, claim in enumerate(analysis.claims):
        for rule in by_kind.get(claim.kind, []):
            evaluation, finding = evaluate(rule, claim, doc, language)
            analysis.evaluations.append(Evaluation(rule.id, ci, *evaluation))
            if finding is not None:
                analysis.findings.append(finding)
            problem = evaluation[2]
            if problem is not None and rule.id not in warned:
                warned.add(rule.id)
                analysis.warnings.append(rule_warning(rule.path, rule.line, rule.id, problem, doc.path))
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


def evaluate(rule: Rule, claim: Claim, doc: Document, language: Language
             ) -> tuple[tuple[bool | None, str | None, str | None], Finding | None]:
    """Run one rule on one claim: ((result, reason, problem), finding or None).

    Nothing a rule does escapes: an exception while checking makes the claim
    undetermined, with the reason (and, when the rule is at fault, the problem). A claim
    that fails is reported even when its message, fix or evidence cannot be computed:
    the message then names the rule and the values, and the problem says what failed.
    """
    evaluator = Evaluator(rule.params, _names(claim, doc.published))
    try:
        if rule.where is not None and not evaluator.run(rule.where):
            return (None, "where is false", None), None
        if evaluator.run(rule.check):
            return (True, None, None), None
    except Exception as exc:  # anything a rule can raise, out of any library it calls
        reason = f"cannot evaluate: {_describe(exc)}"
        return (None, reason, None if isinstance(exc, _VALUE_FAILURES) else reason), None
    problems: list[str] = []
    evidence = dict(evaluator.evidence)
    try:
        message = render(rule.message, evaluator)
    except Exception as exc:
        problems.append(f"the message cannot be written: {_describe(exc)}")
        message = _fallback_message(rule, claim, _describe(exc))
    for name, expr in rule.evidence.items():
        try:
            evidence[name] = _plain(evaluator.run(expr))
        except Exception as exc:
            problems.append(f"evidence {name!r} cannot be computed: {_describe(exc)}")
    spans, owner_index = _spans(rule, claim)
    fix = None
    if rule.fix is not None:
        lex = language.lexicon
        try:
            fix_text = render(rule.fix[1], evaluator, lex.decimal, lex.group)
        except Exception as exc:
            problems.append(f"the fix cannot be written: {_describe(exc)}")
        else:
            target = claim.fields[rule.fix[0]]
            if not isinstance(target, list):
                fix = Fix(owner_index[id(target.owner)], fix_text)
    finding = Finding(rule.id, rule.severity, message, doc.path, spans, evidence, fix,
                      rule.spec.help, rule.spec.title)
    problem = "; ".join(problems) or None
    return (False, problem, problem), finding


def _describe(exc: BaseException) -> str:
    """An exception as a reason: its own words for a value that is not known, with its type
    for anything else ("TypeError: unsupported operand …")."""
    if isinstance(exc, Undetermined):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _fallback_message(rule: Rule, claim: Claim, error: str) -> str:
    """A finding's message when the rule's own cannot be written: the rule and the values."""
    values = []
    for name, bound in claim.fields.items():
        items = bound if isinstance(bound, list) else [bound]
        values.append(f"{name} {' + '.join(b.mention.phrase or b.mention.text for b in items)}")
    return f"{rule.id} fails on {', '.join(values)} (its message cannot be written: {error})"


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
