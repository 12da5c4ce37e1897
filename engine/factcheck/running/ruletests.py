"""Embedded tests: the examples in rule files and language patterns, run as test cases.

``factcheck test`` and the project's pytest run the same cases: each rule's ``pass``
texts must raise no finding of that rule, each ``fail`` text must raise one, with the
spans and message given (the message in the case's language); each pattern, frame and
breakdown must read its examples and not its counterexamples; each shipped rule speaks
every shipped language (its title, message and help in each; ``holds`` too, unless it is
one language-neutral string).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..checking.analysis import Analysis, analyse
from ..checking.findings import Finding
from ..checking.wording import per_language
from ..errors import display_path
from ..extracting.kinds import MENTION_KINDS
from ..extracting.patterns import BOUNDARY, PLACEHOLDER, how_far
from ..extracting.sentences import encode
from ..loading.catalog import Catalog
from ..loading.fingerprints import shipped_rules_dir
from ..reading.documents import Document

if TYPE_CHECKING:
    from ..loading.rule_files import Rule
    from ..loading.schema import RuleCase


@dataclass
class CaseResult:
    id: str  # ratio-percent::fail[0] or ratio-percent::fail[seed]
    ok: bool
    detail: str = ""  # what was expected and what happened, when not ok
    source: str = ""  # file the case comes from


def rule_cases(catalog: Catalog) -> Iterator[tuple[str, Callable[[], CaseResult]]]:
    """(case id, function returning a CaseResult) for every embedded case."""
    for rule in catalog.rules:
        for group in ("pass", "fail"):
            cases = rule.spec.tests.pass_ if group == "pass" else rule.spec.tests.fail
            for i, case in enumerate(cases):
                cid = f"{rule.id}::{group}[{case.name or i}]"
                yield cid, partial(_run_rule_case, catalog, rule, case, group, cid)
    shipped = shipped_rules_dir()
    languages = sorted(p.stem for p in (shipped / "lang").glob("*.yaml") if "-" not in p.stem)  # not vi-frames
    for rule in catalog.rules:
        if Path(rule.file).is_relative_to(shipped):
            cid = f"{rule.id}::languages"
            yield cid, partial(_run_languages_case, rule, languages, cid)
    for code, language in sorted(catalog.languages.items()):
        for spec, path in [*language.pattern_specs, *language.frame_specs, *language.breakdown_specs,
                           *language.ratio_specs, *language.named_ratio_specs, *language.share_specs]:
            for group, texts in (("example", spec.examples), ("counterexample", spec.counterexamples)):
                for i, text in enumerate(texts):
                    cid = f"{code}:{spec.id}::{group}[{i}]"
                    yield cid, partial(_run_pattern_case, catalog, code, spec.id, text, group == "example",
                                       cid, display_path(path))


def _run_rule_case(catalog: Catalog, rule: Rule, case: RuleCase, group: str, cid: str) -> CaseResult:
    if case.lang not in catalog.languages:
        return CaseResult(cid, False, f"no language pack for {case.lang!r}", rule.path)
    only = catalog.select(only=[rule.id])
    if case.facts is not None:
        from ..facts.sources import facts_of

        only = only.with_facts(facts_of(case.facts, rule.path))
    analysis = analyse(Document(f"<{cid}>", case.text, case.lang, case.published), only)
    findings = [f for f in analysis.findings if f.rule == rule.id]
    evaluations = [e for e in analysis.evaluations if e.rule == rule.id]
    faults = [e.problem for e in evaluations if e.problem]
    if faults:  # a case that passes only because the rule fails is no pass
        return CaseResult(cid, False, f"the rule is at fault: {faults[0]}", rule.path)
    if group == "pass":
        if findings:
            return CaseResult(cid, False, "expected no finding, got:\n" + _describe(findings), rule.path)
        return CaseResult(cid, True, source=rule.path)
    if not findings:
        claims = [c for c in analysis.claims if c.kind == rule.spec.applies_to]
        reasons = sorted({e.reason for e in evaluations if e.result is None and e.reason})
        why = (f"{len(claims)} {rule.spec.applies_to} claim(s) found, none failed"
               + (f": {'; '.join(reasons)}" if reasons else "")
               if claims else f"no {rule.spec.applies_to} claim was found in the text")
        return CaseResult(cid, False, f"expected a finding, got none ({why})", rule.path)
    for f in findings:
        spans_ok = case.spans is None or [s.text for s in f.spans] == case.spans
        message_ok = case.message is None or case.message in f.message
        fix_ok = case.fix is None or (f.fix is not None and f.fix.replacement == case.fix)
        if spans_ok and message_ok and fix_ok:
            return CaseResult(cid, True, source=rule.path)
    expected = []
    if case.spans is not None:
        expected.append(f"spans {case.spans}")
    if case.message is not None:
        expected.append(f"a message containing {case.message!r}")
    if case.fix is not None:
        expected.append(f"the fix {case.fix!r}")
    return CaseResult(cid, False, f"expected {' and '.join(expected)}, got:\n" + _describe(findings), rule.path)


def _run_pattern_case(catalog: Catalog, code: str, pattern_id: str, text: str, should_match: bool,
                      cid: str, path: str) -> CaseResult:
    analysis = analyse(Document(f"<{cid}>", text, code), catalog)
    matched = [c for c in analysis.claims if c.pattern == pattern_id]
    if should_match and not matched:
        kinds = sorted({c.pattern for c in analysis.claims})
        seen = ", ".join(f"{m.kind} {m.text!r}" for m in analysis.mentions) or "no values"
        return CaseResult(cid, False, f"pattern did not match {text!r}\n  values seen: {seen}"
                                      + f"\n  {_how_far(catalog, code, pattern_id, analysis)}"
                                      + (f"\n  matched instead: {', '.join(kinds)}" if kinds else ""), path)
    if not should_match and matched:
        return CaseResult(cid, False, f"pattern matched {text!r}, which it must not", path)
    return CaseResult(cid, True, source=path)


def _run_languages_case(rule: Rule, languages: list[str], cid: str) -> CaseResult:
    """A shipped rule's texts in every shipped language (a reader gets English otherwise)."""
    texts = {"title": rule.spec.title, "message": rule.spec.message, "help": rule.spec.help}
    if rule.spec.holds is not None and not isinstance(rule.spec.holds, str):
        texts["holds"] = rule.spec.holds
    missing = [f"{key} in {lang}" for key, text in texts.items() if text is not None
               for lang in languages if lang not in per_language(text)]
    if missing:
        return CaseResult(cid, False, f"no {', no '.join(missing)}", rule.path)
    return CaseResult(cid, True, source=rule.path)


def _how_far(catalog: Catalog, code: str, pattern_id: str, analysis: Analysis) -> str:
    """How far the pattern got in the example: the longest start of it that matches there."""
    language = catalog.languages[code]
    source = next(spec.match for spec, _ in language.pattern_specs if spec.id == pattern_id)
    mentions = analysis.mentions
    encoded = encode(analysis.document.text, mentions, language.lexicon.abbreviations, language.lexicon.lines)
    whole = next(p for p in language.patterns if p.id == pattern_id)
    if whole.regex.compiled.search(encoded):
        return "the pattern matches, but a field of its claim could not be bound, or a claim with more items took it in"
    got = how_far(source, language.lists, MENTION_KINDS, encoded)
    if got is None:
        return "not even its first item matched"
    head, following, where = got
    shown = PLACEHOLDER.sub(lambda m: mentions[int(m.group(2))].text, where).replace(BOUNDARY, "")
    return f"it matched {head!r} (on {shown!r}), but not the {following!r} after it"


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.rule}: {f.message} (spans {[s.text for s in f.spans]}"
                     + (f", fix {f.fix.replacement!r}" if f.fix else "") + ")" for f in findings)


def run_all(catalog: Catalog) -> list[CaseResult]:
    """Every embedded case of a catalog, run."""
    return [run() for _, run in rule_cases(catalog)]
