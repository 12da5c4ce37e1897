"""Baselines: today's findings recorded, so that a run reports only new ones.

A finding is keyed by its path (relative to the baseline file's folder), its rule and
the texts of its spans ("7/13|56,8%"), not by its offsets, so it survives edits above
it. A key recorded N times absorbs N findings.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .findings import Finding

VERSION: Literal[1] = 1
Key = tuple[str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read or is not a factcheck baseline."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BaselineEntry(_Strict):
    path: str = Field(description="The document, relative to the baseline file's folder.")
    rule: str
    spans: str = Field(description="The texts of the finding's spans, joined with |.")
    count: int = Field(1, ge=1, description="How many findings have this key.")


class BaselineFile(_Strict):
    version: Literal[1]
    tool: Literal["factcheck"] = "factcheck"
    findings: list[BaselineEntry]


def finding_key(finding: Finding, folder: Path) -> Key:
    """What identifies a finding across edits: (path from ``folder``, rule, span texts)."""
    return (_relative(finding.path, folder), finding.rule, "|".join(s.text for s in finding.spans))


def baseline_text(path: Path, findings: Iterable[Finding]) -> tuple[str, int]:
    """The baseline file to write at ``path`` recording ``findings``, and how many it records."""
    folder = path.resolve().parent
    counts = Counter(finding_key(f, folder) for f in findings)
    entries = [BaselineEntry(path=p, rule=r, spans=s, count=n) for (p, r, s), n in sorted(counts.items())]
    data = BaselineFile(version=VERSION, findings=entries).model_dump()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", sum(counts.values())


def read_baseline(path: Path) -> Counter[Key]:
    """The keys recorded in a baseline file, with their counts; BaselineError if it is unusable."""
    shown = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline {shown}: no such file (make one with: factcheck baseline create)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"baseline {shown}: cannot read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"baseline {shown}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    try:
        parsed = BaselineFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_problem(e) for e in exc.errors()[:3])
        raise BaselineError(f"baseline {shown}: not a factcheck baseline (version {VERSION}, as "
                            f"'factcheck baseline create' writes): {problems}") from None
    counts: Counter[Key] = Counter()
    for e in parsed.findings:
        counts[(e.path, e.rule, e.spans)] += e.count
    return counts


def filter_baseline(findings: list[Finding], baseline: Counter[Key], baseline_path: Path) -> tuple[list[Finding], int]:
    """The findings the baseline does not absorb, and how many it hid."""
    folder = baseline_path.resolve().parent
    left = Counter(baseline)
    kept: list[Finding] = []
    for f in findings:
        key = finding_key(f, folder)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(f)
    return kept, len(findings) - len(kept)


#: What each kind of mistake means in a baseline file, in its own words (not pydantic's, which name our classes).
_EXPECTED = {"dict_type": "an object", "model_type": "an object", "list_type": "a list", "string_type": "a string",
             "int_type": "a whole number", "int_parsing": "a whole number", "greater_than_equal": "at least 1"}


def _problem(error: Any) -> str:
    """One validation error as a person reads it: where in the file, and what was expected there."""
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"]).lstrip(".")
    kind = error["type"]
    if kind == "missing":
        return f"{where or 'the file'}: missing"
    if kind == "extra_forbidden":
        return f"{where}: unknown key"
    if kind == "literal_error":
        return f"{where}: expected {error['ctx']['expected']}, not {json.dumps(error['input'])}"
    expected = _EXPECTED.get(kind)
    found = f", not {json.dumps(error['input'])[:40]}"
    return f"{where or 'the file'}: expected {expected}{found}" if expected else f"{where or 'the file'}: {error['msg']}"


def _relative(path: str, folder: Path) -> str:
    if path == "-" or path.startswith("<"):
        return path
    return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()
