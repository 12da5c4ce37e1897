"""JUnit XML for CI test views: a test suite per file, a test case per rule that found something.

Each failing test case has a ``<failure>`` per finding (``type`` is its severity, the
body gives ``path:line:col`` and the spans). A file without findings is one passing
test case; an unreadable input is a test case with an ``<error>``. ``failures`` and
``errors`` count test cases, as JUnit does.

A report from a run lists every file it checked (``Report.paths``); one built by hand
may name only the files with findings, and then the clean files it only counts are
counted together in one passing test case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..findings import Finding, Report
from .spans import Locator

# characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report, **_: Any) -> str:
    """The report as a JUnit XML document."""
    locate = Locator(report)
    by_path: dict[str, dict[str, list[Finding]]] = {p: {} for p in [*report.paths, *report.texts]}
    for f in report.findings:
        by_path.setdefault(f.path, {}).setdefault(f.rule, []).append(f)
    root = ET.Element("testsuites", name="factcheck")
    for path in sorted(by_path):
        suite = _suite(root, path)
        for rule, findings in sorted(by_path[path].items()):
            case = _case(suite, path, rule)
            for f in findings:
                _child(case, "failure", _body(f, locate), message=f.message, type=f.severity)
        if not by_path[path]:
            _case(suite, path, "all rules")
    unnamed = 0 if report.paths else report.files - len(by_path)
    if unnamed > 0:
        case = _case(_suite(root, "files without findings"), "", "all rules")
        _child(case, "system-out", f"{unnamed} file{'s' if unnamed != 1 else ''} checked without findings")
    for error in report.errors:
        case = _case(_suite(root, error.path), error.path, "read")
        _child(case, "error", f"{error.path}: {error.message}", message=error.message, type="unreadable")
    for element in [root, *root]:
        cases = list(element.iter("testcase"))
        element.set("tests", str(len(cases)))
        for kind in ("failures", "errors"):
            element.set(kind, str(sum(1 for c in cases if c.find(kind[:-1]) is not None)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=_clean(name))


def _case(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", name=_clean(name), classname=_clean(path))


def _child(parent: ET.Element, tag: str, text: str, **attrs: str) -> None:
    ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()}).text = _clean(text)


def _body(f: Finding, locate: Locator) -> str:
    lines = []
    for i, span in enumerate(f.spans):
        r = locate.region(f.path, span)
        if i == 0:
            lines.append(f"{f.path}:{r['line']}:{r['column']}: {f.severity}[{f.rule}]: {f.message}")
        lines.append(f"  {span.label}: \"{span.text}\" at {r['line']}:{r['column']}")
    if f.help:
        lines.append(f"  help: {f.help}")
    if f.fix is not None and f.fix.span < len(f.spans):
        lines.append(f"  fix: write {f.fix.replacement} for {f.spans[f.fix.span].text}")
    return "\n".join(lines or [f"{f.path}: {f.severity}[{f.rule}]: {f.message}"])


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
