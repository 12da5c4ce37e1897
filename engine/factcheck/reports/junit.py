"""JUnit XML for CI test views: a test suite per file, a test case per rule that found something.

A failing test case has exactly one ``<failure>``, as many JUnit readers keep only one:
its ``message`` is the first finding's message, with "(and N more)" when the rule found
several in the file; its ``type`` is the most severe of their severities; its body lists
every finding of the rule in the file, one a line, as ``path:line:col: severity: message``.
A test case fails as the run does: when one of its findings is at or above ``fail_on``
(the CLI's ``--fail-on``; by default every finding fails). A test case whose findings are
all below it passes and lists them in ``<system-out>``. A file without findings is one
passing test case; an unreadable input is a test case with an ``<error>``. ``tests``,
``failures`` and ``errors`` count test cases, as JUnit does, not findings.

A report from a run lists every file it checked (``Report.paths``); one built by hand
may name only the files with findings, and then the clean files it only counts are
counted together in one passing test case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ..checking.findings import SEVERITY_RANK, Finding, Report
from .spans import Locator

# characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report: Report, fail_on: str = "info", **_: Any) -> str:
    """The report as a JUnit XML document; a test case fails on a finding at or above ``fail_on`` (``never``: none)."""
    lowest = SEVERITY_RANK.get(fail_on, len(SEVERITY_RANK))
    locate = Locator(report)
    by_path: dict[str, dict[str, list[Finding]]] = {p: {} for p in report.paths}
    for f in report.findings:
        by_path.setdefault(f.path, {}).setdefault(f.rule, []).append(f)
    root = ET.Element("testsuites", name="factcheck")
    for path in sorted(by_path):
        suite = _suite(root, path)
        for rule, findings in sorted(by_path[path].items()):
            _failure(_case(suite, path, rule), sorted(findings, key=Finding.sort_key), locate, lowest)
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


def _failure(case: ET.Element, findings: list[Finding], locate: Locator, lowest: int) -> None:
    """The test case's one ``<failure>``, for every finding of its rule in its file (below ``lowest``: its output)."""
    more = len(findings) - 1
    message = findings[0].message + (f" (and {more} more)" if more else "")
    worst = max((f.severity for f in findings), key=lambda s: SEVERITY_RANK.get(s, -1))
    body = "\n".join(_line(f, locate) for f in findings)
    if SEVERITY_RANK.get(worst, -1) >= lowest:
        _child(case, "failure", body, message=message, type=worst)
    else:
        _child(case, "system-out", body)


def _line(f: Finding, locate: Locator) -> str:
    """``path:line:col: severity: message``, where the finding's first span starts, on one line."""
    message = " ".join(f.message.splitlines())
    if not f.spans:
        return f"{f.path}: {f.severity}: {message}"
    r = locate.region(f, f.spans[0])
    return f"{f.path}:{r['line']}:{r['column']}: {f.severity}: {message}"


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
