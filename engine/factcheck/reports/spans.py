"""Line and column of finding spans, computed from offsets when a report is rendered."""

from __future__ import annotations

from typing import Any

from ..checking.findings import Finding, Report, Span
from ..reading.offsets import LineIndex


class Locator:
    """Line indexes for the documents of a report, built once per path."""

    def __init__(self, report: Report):
        self._texts = report.texts
        self._indexes: dict[str, LineIndex] = {}

    def index(self, finding: Finding) -> LineIndex:
        """The line index of a finding's document."""
        key = finding.document
        if key not in self._indexes:
            self._indexes[key] = LineIndex(self._texts.get(key, ""))
        return self._indexes[key]

    def region(self, finding: Finding, span: Span) -> dict[str, Any]:
        """start/end offsets with 1-based line and column; end_column is exclusive."""
        idx = self.index(finding)
        line, column = idx.line_col(span.start)
        end_line, end_column = idx.line_col(span.end)
        return {"start": span.start, "end": span.end, "line": line, "column": column,
                "end_line": end_line, "end_column": end_column}
