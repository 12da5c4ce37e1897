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
from typing import Callable, Iterator

from ..checking.analysis import analyse
from ..checking.findings import Finding
from ..checking.wording import per_language
from ..errors import display_path
from ..loading.catalog import Catalog
from ..loading.fingerprints import shipped_rules_dir
from ..loading.rule_files import Rule
from ..reading.documents import Document


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
                yield cid, (lambda rule=rule, case=case, group=group, cid=cid: _run_rule_case(
                    catalog, rule, case, group, cid))
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
                    yield cid, (lambda code=code, spec=spec, text=text, group=group, cid=cid, path=display_path(path):
                                _run_pattern_case(catalog, code, spec.id, text, group == "example", cid, path))


def _run_rule_case(catalog: Catalog, rule, case, group: str, cid: str) -> CaseResult:
    if case.lang not in catalog.languages:
        return CaseResult(cid, False, f"no language pack for {case.lang!r}", rule.path)
    only = catalog.select(only=[rule.id])
    analysis = analyse(Document(f"<{cid}>", case.text, case.lang, case.published), only)
    findings = [f for f in analysis.findings if f.rule == rule.id]
    if group == "pass":
        if findings:
            return CaseResult(cid, False, "expected no finding, got:\n" + _describe(findings), rule.path)
        return CaseResult(cid, True, source=rule.path)
    if not findings:
        claims = [c for c in analysis.claims if c.kind == rule.spec.applies_to]
        why = (f"{len(claims)} {rule.spec.applies_to} claim(s) found, none failed"
               if claims else f"no {rule.spec.applies_to} claim was found in the text")
        return CaseResult(cid, False, f"expected a finding, got none ({why})", rule.path)
    for f in findings:
        spans_ok = case.spans is None or [s.text for s in f.spans] == case.spans
        message_ok = case.message is None or case.message in f.message
        if spans_ok and message_ok:
            return CaseResult(cid, True, source=rule.path)
    expected = []
    if case.spans is not None:
        expected.append(f"spans {case.spans}")
    if case.message is not None:
        expected.append(f"a message containing {case.message!r}")
    return CaseResult(cid, False, f"expected {' and '.join(expected)}, got:\n" + _describe(findings), rule.path)


def _run_pattern_case(catalog: Catalog, code: str, pattern_id: str, text: str, should_match: bool,
                      cid: str, path: str) -> CaseResult:
    analysis = analyse(Document(f"<{cid}>", text, code), catalog)
    matched = [c for c in analysis.claims if c.pattern == pattern_id]
    if should_match and not matched:
        kinds = sorted({c.pattern for c in analysis.claims})
        seen = ", ".join(f"{m.kind} {m.text!r}" for m in analysis.mentions) or "no values"
        return CaseResult(cid, False, f"pattern did not match {text!r}\n  values seen: {seen}"
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


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.rule}: {f.message} (spans {[s.text for s in f.spans]})" for f in findings)


def run_all(catalog: Catalog) -> list[CaseResult]:
    return [run() for _, run in rule_cases(catalog)]
