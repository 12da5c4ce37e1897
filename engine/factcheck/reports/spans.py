"""Line and column of finding spans, computed from offsets when a report is rendered."""

from __future__ import annotations

from typing import Any

from ..checking.findings import Report, Span
from ..reading.offsets import LineIndex


class Locator:
    """Line indexes for the documents of a report, built once per path."""

    def __init__(self, report: Report):
        self._texts = report.texts
        self._indexes: dict[str, LineIndex] = {}

    def index(self, path: str) -> LineIndex:
        if path not in self._indexes:
            self._indexes[path] = LineIndex(self._texts.get(path, ""))
        return self._indexes[path]

    def region(self, path: str, span: Span) -> dict[str, Any]:
        """start/end offsets with 1-based line and column; end_column is exclusive."""
        idx = self.index(path)
        line, column = idx.line_col(span.start)
        end_line, end_column = idx.line_col(span.end)
        return {"start": span.start, "end": span.end, "line": line, "column": column,
                "end_line": end_line, "end_column": end_column}
