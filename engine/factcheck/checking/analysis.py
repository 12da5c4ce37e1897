"""The pipeline for one document: text → mentions → claims → rule evaluations → findings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Mapping

from ..extracting.claims import Binding, Claim, extract
from ..extracting.figures import StatedFigure, period_restatements, read_figures, restatements
from ..extracting.kinds import MentionKind
from ..extracting.lexicon import Lexicon, number_format
from ..extracting.sentences import encode
from ..extracting.value_types import Date, Mention
from ..reading.documents import Document, detect_language
from ..reading.markup import prose_view, published_date
from ..reading.offsets import normalize
from .expressions import Evaluator
from .findings import Check, Finding, Fix, Span
from .rule_warnings import rule_warning
from .templates import Template, render
from .values import FieldValue, Num, Undetermined, evidence_number
from .wording import in_language

if TYPE_CHECKING:  # built by the loading stage; checking only reads them
    from ..loading.catalog import Catalog
    from ..loading.languages import Language
    from ..loading.rule_files import Rule

_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Evaluation:
    rule: str
    claim: int
    result: bool | None  # None: the rule could not be evaluated (see reason)
    reason: str | None = None
    holds: Check | None = None  # a claim that holds, as the html report shows it (when the catalog keeps them)
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
    #: the stated figures read, each with the record it was matched to or why none was
    figures: list[tuple[StatedFigure, str]] = field(default_factory=list)


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
    lexicon = language.lexicon
    mentions = language.scanner.scan(norm.text, published)
    if published is None:
        published = _dateline(mentions, norm.text, lexicon)
        if published is not None and any(isinstance(m.value, Date) and m.value.year is None for m in mentions):
            mentions = language.scanner.scan(norm.text, published)  # now day/month dates get a year
    if (lang, published) != (doc.lang, doc.published):
        doc = replace(doc, lang=lang, published=published)
    encoded = encode(norm.text, mentions, lexicon.abbreviations, lexicon.lines)
    claims = extract(encoded, mentions, language.patterns, catalog.list_fields, language.frames,
                     language.breakdowns, language.ratios, language.shares, language.named_ratios)
    if norm.text is not doc.text:  # markup blanked or NFC applied: offsets and texts come from the stored text
        for m in mentions:
            _to_stored(m, norm, doc.text)
    claims, figures = _with_figures(claims, encoded, mentions, catalog, language, published)
    analysis = Analysis(doc, mentions, claims, figures=figures)
    _evaluate(analysis, catalog, language)
    return analysis


def _with_figures(claims: list[Claim], encoded: str, mentions: list[Mention], catalog: Catalog, language: Language,
                  published: dt.date | None) -> tuple[list[Claim], list[tuple[StatedFigure, str]]]:
    """The claims with those about stated figures: a figure stated twice, a number of years given
    two ranges, and (when the catalog has facts) a figure and the record it was matched to."""
    added = period_restatements(encoded, mentions)
    figures: list[tuple[StatedFigure, str]] = []
    if language.figures is not None:
        read = read_figures(encoded, mentions, language.figures)
        added += restatements(read, mentions)
        if catalog.facts is not None and read:
            matched, figures = catalog.facts.match(read, mentions, encoded, language.lexicon.code, published,
                                                   language.figures)
            added += matched
        else:
            figures = [(f, "not matched: no facts given") for f in read]
    if not added:
        return claims, figures
    return sorted(claims + added, key=lambda c: (c.start, c.end, c.kind)), figures


def _to_stored(m: Mention, norm: Any, stored: str) -> None:
    """Move a mention's offsets (and its parts') from the normalised to the stored text."""
    m.start, m.end = norm.stored(m.start), norm.stored(m.end)
    m.phrase_start = norm.stored(m.phrase_start)
    if m.number_start >= 0:
        m.number_start, m.number_end = norm.stored(m.number_start), norm.stored(m.number_end)
    m.text = stored[m.start : m.end]
    m.phrase = stored[m.phrase_start : m.end]
    for part in (m.parts or {}).values():
        _to_stored(part, norm, stored)


def _dateline(mentions: list[Mention], text: str, lex: Lexicon) -> dt.date | None:
    """The publication date from a dateline: a full date on a short line near the top,
    with few words beside it ("Thứ Tư, 05/08/2020, 08:11", "Updated: 5 August 2020").
    A sentence that mentions a date ("... finish the programme by December 31, 2025.")
    is not a dateline. The language pack sets the limits."""
    limits = lex.dateline
    for m in mentions:
        if m.start > limits.within:
            break
        if isinstance(m.value, Date) and m.value.year is not None:
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line_end = len(text) if line_end < 0 else line_end
            beside = _WORD.findall(text, line_start, m.start) + _WORD.findall(text, m.end, line_end)
            if line_end - line_start <= limits.line_length and len(beside) <= limits.words_beside:
                return m.value.date()
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
    warned: set[str] = set()
    for ci, claim in enumerate(analysis.claims):
        results = []
        for rule in by_kind.get(claim.kind, []):
            evaluation, finding = evaluate(rule, claim, doc, language, voice)
            analysis.evaluations.append(Evaluation(rule.id, ci, *evaluation))
            results.append(evaluation[0])
            if finding is not None:
                found.append((claim, finding))
            problem = evaluation[3]
            if problem is not None and rule.id not in warned:
                warned.add(rule.id)
                analysis.warnings.append(rule_warning(rule.path, rule.line, rule.id, problem, doc.path))
        if claim.group >= 0 and True in results and False not in results:
            holds.add(claim.group)
    analysis.findings.extend(f for claim, f in found
                             if claim.group < 0 or (claim.primary and claim.group not in holds))
    analysis.findings.sort(key=Finding.sort_key)


def _names(claim: Claim, published: dt.date | None, kinds: Mapping[str, MentionKind]) -> dict[str, Any]:
    """What a rule's expressions see: the claim's fields, and the publication date."""
    names: dict[str, Any] = {"published": None}
    if published is not None:
        day = Date(published.year, published.month, published.day, False)
        names["published"] = FieldValue(Mention("date", -1, -1, published.isoformat(), day), kinds=kinds)
    for name, bound in claim.fields.items():
        if isinstance(bound, list):
            names[name] = [FieldValue(b.mention, b.owner, kinds) for b in bound]
        else:
            names[name] = FieldValue(bound.mention, bound.owner, kinds)
    return names


def evaluate(rule: Rule, claim: Claim, doc: Document, language: Language, voice: Voice | None = None
             ) -> tuple[tuple[bool | None, str | None, Check | None, str | None], Finding | None]:
    """Run one rule on one claim: ((result, reason, the claim as the html report shows it when it
    holds, the rule's own problem), finding or None).

    The message is the rule's in ``voice.lang`` (English when it has no translation), its
    numbers in that language's format; a fix is in the document's own format. Nothing a
    rule does escapes: an exception while checking makes the claim undetermined, with the
    reason (and, when the rule is at fault, the problem). A claim that fails is reported
    even when its message, fix or evidence cannot be computed: the message then names the
    rule and the values, and the problem says what failed.
    """
    voice = voice or Voice("en")
    evaluator = Evaluator(rule.params, _names(claim, doc.published, language.scanner.kinds))
    fix_at = _fix_target(rule, claim)
    try:
        if rule.where is not None and not evaluator.run(rule.where):
            return (None, "where is false", None, None), None
        if evaluator.run(rule.check):
            return (True, None, _holds(rule, claim, evaluator, voice) if voice.shows_holds else None, None), None
    except Exception as exc:  # anything a rule can raise, out of any library it calls
        reason = f"cannot evaluate: {_describe(exc)}"
        return (None, reason, None, None if isinstance(exc, _VALUE_FAILURES) else reason), None
    problems: list[str] = []
    evidence = dict(evaluator.evidence)
    message_lang, template = in_language(rule.messages, voice.lang)
    try:
        message = render(template, evaluator, *voice.number_symbols(message_lang))
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
    if rule.fix is not None and fix_at is not None:
        try:
            replacement = _replacement(rule.fix[1], evaluator, fix_at.mention, doc.text, language.lexicon)
        except Exception as exc:
            problems.append(f"the fix cannot be written: {_describe(exc)}")
        else:
            if id(fix_at.owner) in owner_index:
                target = fix_at.mention
                start, end = ((target.number_start, target.number_end) if target.number_start >= 0
                              else (target.start, target.end))
                fix = Fix(owner_index[id(fix_at.owner)], replacement, start, end)
    finding = Finding(rule.id, rule.severity, message, doc.path, spans, evidence, fix,
                      rule.help(message_lang), rule.title(message_lang), message_lang)
    problem = "; ".join(problems) or None
    return (False, problem, None, problem), finding


def _holds(rule: Rule, claim: Claim, evaluator: Evaluator, voice: Voice) -> Check:
    """A claim that holds with its arithmetic ("25 = 11 + 14"): the rule's ``holds``, else its evidence."""
    arithmetic = ", ".join(f"{name} {value}" for name, value in evaluator.evidence.items())
    if rule.holds:
        template = in_language(rule.holds, voice.lang)[1]
        try:  # numbers as the reader writes them; a template that cannot be filled leaves the evidence
            arithmetic = render(template, evaluator, *voice.number_symbols(voice.lang))
        except Exception:
            pass
    return Check(rule.id, _spans(rule, claim)[0], arithmetic, rule.title(voice.lang))


def _fix_target(rule: Rule, claim: Claim) -> Binding | None:
    """The value a rule's fix rewrites (one value, not a list)."""
    if rule.fix is None:
        return None
    target = claim.fields[rule.fix[0]]
    return None if isinstance(target, list) else target


def _replacement(template: Template, evaluator: Evaluator, stated: Mention, stored: str, lex: Lexicon) -> str:
    """A fix's text as the stated figure is written: in its scale (in place of the "35" of
    "35 tỷ đồng", "30", not "30000000000") and with the decimal and group symbols it uses."""
    number = stated.value.as_number()
    scale = number.scale if number is not None else 1.0
    raw = stored[stated.number_start : stated.number_end] if stated.number_start >= 0 else ""
    decimal, group = number_format(raw, lex)
    return render(template, evaluator, decimal, group, scale)


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
