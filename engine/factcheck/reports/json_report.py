"""JSON: the binding machine contract (see DESIGN.md, "JSON report")."""

from __future__ import annotations

import json
from typing import Any

from ..checking.findings import Finding, Report
from .spans import Locator


def as_dict(report: Report, version: str) -> dict[str, Any]:
    locate = Locator(report)
    return {
        "tool": {"name": "factcheck", "version": version},
        "findings": [_finding(f, locate) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "summary": {
            "files": report.files,
            "error": report.count("error"),
            "warning": report.count("warning"),
            "info": report.count("info"),
            "unreadable": len(report.errors),
        },
    }


def _finding(f: Finding, locate: Locator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "message_lang": f.message_lang,
        "path": f.path,
        "spans": [{**locate.region(f, s), "text": s.text, "label": s.label} for s in f.spans],
        "evidence": f.evidence,
    }
    if f.origin is not None:  # an archive record: where it was read (ids need not be unique)
        out["origin"] = f.origin
    if f.fix is not None:
        out["fix"] = {"span": f.fix.span, "replacement": f.fix.replacement, "start": f.fix.start, "end": f.fix.end}
    return out


def render(report: Report, version: str = "0.1.0", **_: Any) -> str:
    return json.dumps(as_dict(report, version), ensure_ascii=False, indent=2) + "\n"
