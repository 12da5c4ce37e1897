"""SARIF 2.1.0 for code scanning (GitHub and other SARIF viewers).

One run. ``tool.driver.rules`` describes every rule that has a finding; each result
points at the finding's first span, with the other spans as related locations.
Offsets and columns count code points (``run.columnKind``), as the JSON report's do.
``partialFingerprints`` hash the rule and the claim's span texts, not their line,
so an alert survives edits above it. Unreadable inputs are tool notifications, and
make ``executionSuccessful`` false.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from importlib import metadata
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..checking.findings import Finding, Report, Span
from .spans import Locator

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "factcheckClaimHash/v1"


def render(report: Report, version: str = __version__, **_: Any) -> str:
    """The report as a SARIF 2.1.0 log, pretty-printed JSON."""
    locate = Locator(report)
    rule_ids = sorted({f.rule for f in report.findings})
    seen: dict[tuple[str, str], int] = {}
    driver: dict[str, Any] = {"name": "factcheck", "version": version}
    if uri := _information_uri():
        driver["informationUri"] = uri
    driver["rules"] = [_rule(next(f for f in report.findings if f.rule == r), report) for r in rule_ids]
    notes = [{"level": "error", "message": {"text": f"{e.path}: {e.message}"},
              "locations": [{"physicalLocation": {"artifactLocation": _artifact(e.path)}}]} for e in report.errors]
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notes}],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, rule_ids.index(f.rule), locate, seen) for f in report.findings],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _rule(f: Finding, report: Report) -> dict[str, Any]:
    doc = _doc(report, f.rule)
    title = f.title or f.rule
    return {
        "id": f.rule,
        "name": "".join(part.capitalize() for part in f.rule.split("-")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": doc or title},
        "help": {"text": "\n\n".join(t for t in (f.help, doc) if t) or title},
        "defaultConfiguration": {"level": LEVELS[f.severity]},
    }


def _result(f: Finding, rule_index: int, locate: Locator, seen: dict[tuple[str, str], int]) -> dict[str, Any]:
    artifact = _artifact(f.path)

    def location(span: Span, **extra: Any) -> dict[str, Any]:
        region = _region(locate, f, span)
        return {**extra, "physicalLocation": {"artifactLocation": artifact, "region": region},
                "message": {"text": span.label}}

    texts = "\0".join(unicodedata.normalize("NFC", s.text) for s in f.spans)
    digest = hashlib.sha256(f"{f.rule}\0{texts}".encode()).hexdigest()[:32]
    seen[f.path, digest] = seen.get((f.path, digest), 0) + 1  # the same claim twice in a file
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [location(f.spans[0]) if f.spans else {"physicalLocation": {"artifactLocation": artifact}}],
    }
    if len(f.spans) > 1:
        out["relatedLocations"] = [location(s, id=i) for i, s in enumerate(f.spans[1:], 1)]
    out["partialFingerprints"] = {FINGERPRINT: f"{digest}:{seen[f.path, digest]}"}
    if f.evidence:
        out["properties"] = {"evidence": f.evidence}
    if f.fix is not None and f.fix.span < len(f.spans):
        span = f.spans[f.fix.span]
        edited = Span(f.fix.start, f.fix.end, span.text[f.fix.start - span.start : f.fix.end - span.start], span.label)
        deleted = _region(locate, f, edited)
        out["fixes"] = [{"description": {"text": f"write {f.fix.replacement} for {span.text}"},
                         "artifactChanges": [{"artifactLocation": artifact, "replacements": [
                             {"deletedRegion": deleted, "insertedContent": {"text": f.fix.replacement}}]}]}]
    return out


def _region(locate: Locator, f: Finding, span: Span) -> dict[str, Any]:
    r = locate.region(f, span)
    return {"startLine": r["line"], "startColumn": r["column"], "endLine": r["end_line"],
            "endColumn": r["end_column"], "charOffset": span.start, "charLength": span.end - span.start,
            "snippet": {"text": span.text}}


def _artifact(path: str) -> dict[str, str]:
    if path.startswith("/") or re.match(r"[A-Za-z]:/", path):  # absolute: a file URI, no base
        return {"uri": "file://" + quote(path if path.startswith("/") else "/" + path, safe="/:")}
    return {"uri": quote(path), "uriBaseId": "%SRCROOT%"}


def _doc(report: Report, rule_id: str) -> str | None:
    """The rule's longer documentation, unwrapped, from the rules the run used."""
    doc = report.rule_docs.get(rule_id)
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", doc.strip())) if doc else None


def _information_uri() -> str | None:
    """The project's home page, when the installed package declares one (``[project.urls]``)."""
    try:
        urls = metadata.metadata("factcheck").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    return next((u.split(",", 1)[1].strip() for u in urls if "," in u), None)
