"""GitHub Actions annotations: one workflow command per finding, printed in a job's log.

    ::error file=seeds/a.txt,line=23,col=571,endLine=23,endColumn=574,title=ratio-percent::7/13 = 53.8%25, ...

``warning`` stays ``::warning``, ``info`` becomes ``::notice``. The place is the finding's
first span; GitHub's ``endColumn`` is inclusive (a one-character span has ``endColumn``
equal to ``col``), and columns are given only when the span stays on one line. Data is
escaped as GitHub reads it back (``%``, CR, LF), and property values also for ``:`` and
``,``; other control characters (ESC, NUL) are shown as visible symbols. Unreadable inputs are ``::error file=PATH::message``.
"""

from __future__ import annotations

from typing import Any

from ..checking.findings import Finding, Report
from .escape import visible
from .spans import Locator

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(report: Report, **_: Any) -> str:
    """The report as workflow commands, one a line."""
    locate = Locator(report)
    lines = [_annotation(f, locate) for f in report.findings]
    lines += [f"::error file={_property(e.path)}::{_data(e.message)}" for e in report.errors]
    return "".join(line + "\n" for line in lines)


def _annotation(f: Finding, locate: Locator) -> str:
    props: dict[str, str | int] = {"file": f.path}
    if f.spans:
        r = locate.region(f, f.spans[0])
        props.update(line=r["line"], endLine=r["end_line"])
        if r["line"] == r["end_line"]:
            props.update(col=r["column"], endColumn=max(r["column"], r["end_column"] - 1))
    props["title"] = f.rule
    order = ["file", "line", "col", "endLine", "endColumn", "title"]
    fields = ",".join(f"{k}={_property(str(props[k]))}" for k in order if k in props)
    return f"::{COMMANDS[f.severity]} {fields}::{_data(f.message)}"


def _data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped, tabs=True)  # ESC, NUL and other controls shown, never passed to the log


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
