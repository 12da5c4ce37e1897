"""What the engine saw in one document, for rule authors: ``factcheck explain`` and ``rules show``."""

from __future__ import annotations

from typing import Any

from ..checking.analysis import Analysis
from ..extracting.claims import Binding, Claim
from ..extracting.figures import StatedFigure
from ..extracting.value_types import Date, Figure, Mention, Month, Number, Value, Weekday
from ..loading.catalog import Catalog
from ..loading.rule_files import Rule
from ..reading.offsets import LineIndex


def _number(value: Any) -> Any:
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 4)
    return value


def _mention(m: Mention) -> dict[str, Any]:
    return {
        "kind": m.kind, "text": m.text, "start": m.start, "end": m.end, "value": _number(m.value.plain()),
        "parts": {k: _number(p.value.plain()) for k, p in (m.parts or {}).items()} or None,
        "precision": _number(m.value.stated_precision()),
        "hedge": m.hedge,
    }


def _field(b: Binding) -> dict[str, Any]:
    return {"mention": b.index if b.index >= 0 else None, "value": _number(b.mention.value.plain())}


def _notes(value: Value) -> list[str]:
    """What the text view adds after a value: its unit, where its year came from."""
    if isinstance(value, Number):
        notes = [] if value.precision in (0.0, 1.0) else [f"precision {value.precision:g}"]
        notes += [] if value.scale == 1.0 else [f"scale {value.scale:g}"]
        unit = getattr(value, "unit", None)
        return notes + ([f"unit {unit}"] if unit else [])
    if isinstance(value, Date):
        if value.year is None:
            return ["unit day", f"--{value.month:02d}-{value.day:02d}"]
        return ["unit day"] + (["year assumed from the publication date"] if value.year_assumed else [])
    if isinstance(value, Month):
        return ["unit month"]
    if isinstance(value, Weekday):
        return [f"unit {value.name}"]
    return []


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "kind": c.kind, "pattern": c.pattern, "start": c.start, "end": c.end,
        "fields": {k: ([_field(b) for b in v] if isinstance(v, list) else _field(v)) for k, v in c.fields.items()},
    }


def _figure(f: StatedFigure, outcome: str) -> dict[str, Any]:
    """A stated figure: its number (an index into mentions), what it counts, whose it is, when,
    and the record it was matched to or why none was."""
    value = f.figure.value
    assert isinstance(value, Figure)
    return {"mention": f.index, "text": f.figure.text, "measure": value.measure, "subject": f.subject,
            "holder": value.owner or None, "period": value.period or None, "outcome": outcome}


def as_dict(a: Analysis) -> dict[str, Any]:
    doc = a.document
    return {
        "path": doc.path,
        "lang": doc.lang,
        "published": doc.published.isoformat() if doc.published else None,
        "mentions": [_mention(m) for m in a.mentions],
        "claims": [_claim(c) for c in a.claims],
        "evaluations": [
            {"rule": e.rule, "claim": e.claim, "result": e.result, **({"reason": e.reason} if e.reason else {})}
            for e in a.evaluations
        ],
        "figures": [_figure(f, outcome) for f, outcome in a.figures],
    }


def as_text(a: Analysis) -> str:
    doc = a.document
    idx = LineIndex(doc.text)
    published = doc.published.isoformat() if doc.published else "unknown"
    out = [f"{doc.path} (language {doc.lang}, published {published})", "", f"mentions ({len(a.mentions)})"]
    for i, m in enumerate(a.mentions):
        line, col = idx.line_col(m.start)
        extra = [f"hedge {m.hedge} ({m.phrase!r})"] if m.hedge else []
        extra += _notes(m.value)
        value = _number(m.value.plain())
        out.append(f"  #{i:<3} {f'{line}:{col}':<9} {m.kind:<10} {m.text!r:<24} = {value!r}"
                   + (f"  [{'; '.join(extra)}]" if extra else ""))
    out += ["", f"claims ({len(a.claims)})"]
    verdicts: dict[int, list[str]] = {}
    for e in a.evaluations:
        word = {True: "pass", False: "FAIL", None: "skipped"}[e.result]
        verdicts.setdefault(e.claim, []).append(f"{e.rule}: {word}" + (f" ({e.reason})" if e.reason else ""))
    messages = {(f.rule, f.spans[0].start): f.message for f in a.findings if f.spans}
    for ci, c in enumerate(a.claims):
        fields = ", ".join(
            f"{k}=" + ("[" + ", ".join(f"#{b.index} {b.mention.text}" for b in v) + "]" if isinstance(v, list)
                       else f"#{v.index} {v.mention.text}")
            for k, v in c.fields.items())
        line, col = idx.line_col(c.start)
        out.append(f"  #{ci:<3} {f'{line}:{col}':<9} {c.kind} via {c.pattern}: {fields}")
        for v in verdicts.get(ci, ["no rule applies"]):
            out.append(f"        {v}")
        for f in a.findings:
            if f.spans and c.start <= f.spans[0].start < c.end + 1 and (f.rule, f.spans[0].start) in messages:
                if any(v.startswith(f"{f.rule}: FAIL") for v in verdicts.get(ci, [])):
                    out.append(f"          {f.message}")
                    messages.pop((f.rule, f.spans[0].start))
    if a.figures:
        out += ["", f"stated figures ({len(a.figures)})"]
        for f, outcome in a.figures:
            shown = _figure(f, outcome)
            line, col = idx.line_col(f.figure.start)
            out.append(f"  #{f.index:<3} {f'{line}:{col}':<9} {f.figure.text} {shown['measure']!r} of "
                       f"{f.subject or '(no subject)'!r}, period {shown['period'] or 'not stated'}: {outcome}")
    return "\n".join(out) + "\n"


def describe_rule(rule: Rule, catalog: Catalog) -> str:
    """A rule's documentation, expressions and an example finding (from its first fail test)."""
    from ..checking.analysis import analyse
    from ..checking.findings import Report
    from ..checking.wording import per_language
    from ..reading.documents import Document
    from . import render

    spec = rule.spec
    kind_fields = ", ".join(f"{n} ({f.type}{', list' if f.list else ''})" for n, f in rule.kind.fields.items())
    out = [f"{spec.id}: {rule.title()}", "",
           f"  severity    {spec.severity}",
           f"  applies to  {spec.applies_to}: {kind_fields}",
           f"  languages   {', '.join(spec.langs or sorted(catalog.languages))}",
           f"  file        {rule.path}:{rule.line}"]
    if spec.aliases:
        out.append(f"  aliases     {', '.join(spec.aliases)}")
    if spec.params:
        out.append(f"  params      {', '.join(f'{k}={v}' for k, v in rule.params.items())}")
    if spec.where:
        out.append(f"  where       {spec.where}")
    out.append(f"  assert      {spec.assert_}")
    for key in ("message", "help", "holds"):
        for lang, text in per_language(getattr(spec, key)).items():
            out.append(f"  {f'{key}/{lang}':<11} {text}")
    if spec.doc:
        out += [""] + ["  " + line for line in spec.doc.strip().splitlines()]
    case = spec.tests.fail[0]
    doc = Document(f"example ({case.lang})", case.text, case.lang, case.published)
    if case.facts is not None:
        from ..facts.sources import facts_of

        catalog = catalog.with_facts(facts_of(case.facts, rule.path))
    findings = [f for f in analyse(doc, catalog).findings if f.rule == rule.id]
    out += ["", "Example:", f"  {case.text}", ""]
    if findings:
        report = Report(findings=findings[:1], files=1, texts={doc.path: case.text})
        rendered = render(report, "text").rsplit("\n", 2)[0]  # without the summary line
        out += ["  " + line if line else "" for line in rendered.splitlines()]
    return "\n".join(out).rstrip() + "\n"
