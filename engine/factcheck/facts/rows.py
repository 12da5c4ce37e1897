"""Reading facts sources into rows, and rows into a facts table.

A facts source is a CSV file, a JSON Lines file, a YAML file or a database query (sql.py);
each gives rows with the same fields (docs/facts.md):

    entity            whose figure it is ("huyện Bình Liêu")                      required
    entity_aliases    other names of it, separated by "|" (or a list)
    measure           what it counts ("party members")                            required
    measure_<lang>    its names in one language ("đảng viên"), separated by "|"
    period            2020, 2020-Q2, 2020-06, 2020-08-05, or empty for none
    value             the number, written 2340 or 12.5 (no group separators)      required
    unit              empty for a count, %, a currency code (VND), or a pint unit (hectare)
    source            the title findings cite                                      required
    url               where the source is

Every problem in every row of every source is reported at once, with its file, line and
field; a table is built only when there is none.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..errors import display_path
from ..loading.yamlsource import SourceError, load_yaml
from .table import Fact, FactTable, Period, fold, parse_period, unit_kind

REQUIRED = ("entity", "measure", "value", "source")
OPTIONAL = ("entity_aliases", "period", "unit", "url")
_MEASURE_IN = re.compile(r"^measure_([a-z]{2,3})$")
_GROUPED = re.compile(r"^-?\d{1,3}(?:[.,]\d{3})+$")

#: Makes the error for one field of one row: (field, message) -> SourceError.
Locate = Callable[[str, str], SourceError]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a facts source, with what locates its fields in errors."""

    data: dict[str, Any]
    locate: Locate
    origin: str  # "facts.csv:12"


def file_rows(path: Path) -> Iterator[Row]:
    """The rows of a CSV, JSON Lines or YAML facts file (SourceError for a file that cannot be read)."""
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        yield from _yaml_rows(path, shown)
        return
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(shown, 1, 1, "", f"cannot read the facts file: {exc}") from None
    if suffix == ".csv":
        yield from _csv_rows(text, shown)
    elif suffix in (".jsonl", ".ndjson"):
        yield from _jsonl_rows(text, shown)
    else:
        raise SourceError(shown, 1, 1, "", "a facts file is .csv, .jsonl or .yaml")


def _csv_rows(text: str, shown: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    for record in reader:
        line = reader.line_num
        if header is None:
            header = [h.strip().lower() for h in record]
            continue
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            raise SourceError(shown, line, 1, "", f"{len(record)} cells, but the header names {len(header)}")
        data = {name: cell for name, cell in zip(header, record)}

        def locate(key: str, message: str, line: int = line, columns: list[str] = header) -> SourceError:
            column = columns.index(key) + 1 if key in columns else 1
            return SourceError(shown, line, column, key, message)

        yield Row(data, locate, f"{shown}:{line}")


def _jsonl_rows(text: str, shown: str) -> Iterator[Row]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(shown, number, exc.colno, "", f"not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise SourceError(shown, number, 1, "", "each line is one JSON object: a fact")

        def locate(key: str, message: str, number: int = number) -> SourceError:
            return SourceError(shown, number, 1, key, message)

        yield Row({str(k).lower(): v for k, v in data.items()}, locate, f"{shown}:{number}")


def _yaml_rows(path: Path, shown: str) -> Iterator[Row]:
    doc = load_yaml(path)
    facts = doc.data.get("facts") if isinstance(doc.data, dict) else None
    if not isinstance(facts, list) or set(doc.data) - {"facts"}:
        raise doc.error((), "a YAML facts file is a mapping with one key, facts: a list of facts")
    for i, data in enumerate(facts):
        line = doc.locate(("facts", i))[0]
        if not isinstance(data, dict):
            raise doc.error(("facts", i), "a fact is a mapping: entity, measure, period, value, unit, source, url")

        def locate(key: str, message: str, i: int = i) -> SourceError:
            return doc.error(("facts", i, key), message)

        yield Row({str(k).lower(): v for k, v in data.items()}, locate, f"{shown}:{line}")


def table(rows: Iterable[Row], errors: list[SourceError | str], sources: tuple[str, ...] = ()) -> FactTable:
    """The facts table of some rows; each problem is added to ``errors`` (the table then holds
    only the rows without one)."""
    facts: dict[tuple[str, str], list[Fact]] = {}
    entities: dict[str, set[str]] = {}
    measures: dict[str, dict[str, set[str]]] = {}
    names: dict[str, dict[str, str]] = {}
    for row in rows:
        fact = _fact(row, errors)
        if fact is None:
            continue
        entity, measure = fold(fact.entity), fold(fact.measure)
        facts.setdefault((entity, measure), []).append(fact)
        for alias in [fact.entity, *_names(row.data.get("entity_aliases"))]:
            entities.setdefault(fold(alias), set()).add(entity)
        measures.setdefault("*", {}).setdefault(measure, set()).add(measure)
        for key, value in row.data.items():
            lang = _MEASURE_IN.match(key)
            if lang is None:
                continue
            for i, name in enumerate(_names(value)):
                measures.setdefault(lang.group(1), {}).setdefault(fold(name), set()).add(measure)
                if i == 0:
                    names.setdefault(measure, {}).setdefault(lang.group(1), name.strip())
    frozen = {key: tuple(sorted(found, key=_order)) for key, found in facts.items()}
    longest = max((len(alias.split()) for alias in entities), default=1)
    return FactTable(frozen, {a: frozenset(e) for a, e in entities.items()},
                     {lang: {a: frozenset(m) for a, m in table.items()} for lang, table in measures.items()},
                     names, _digest(frozen, entities, measures), sources, longest)


def _fact(row: Row, errors: list[SourceError | str]) -> Fact | None:
    data, problems = row.data, []
    for key in data:
        if key not in REQUIRED and key not in OPTIONAL and not _MEASURE_IN.match(key):
            problems.append(row.locate(key, f"unknown field (known: {', '.join(REQUIRED + OPTIONAL)}, measure_<lang>)"))
    text: dict[str, str] = {}
    for key in REQUIRED + ("period", "unit", "url"):
        value = data.get(key)
        text[key] = "" if value is None else str(value).strip()
        if key in REQUIRED and not text[key]:
            problems.append(row.locate(key, "missing: every fact has an entity, a measure, a value and a source"))
    value = _number(data.get("value"))
    if isinstance(data.get("value"), str) and _GROUPED.match(text["value"]):
        value = None  # "2.340": 2340 written with a group separator, or 2.34? A record must not be read wrong
        problems.append(row.locate("value", f"{text['value']!r} looks like a number written with a group separator:"
                                            " write 2340 (or 2.34)"))
    elif text["value"] and value is None:
        problems.append(row.locate("value", f"{text['value']!r} is not a number (write 2340 or 12.5: no group separators)"))
    period: Period | None = None
    if text["period"]:
        try:
            period = parse_period(text["period"])
        except ValueError as exc:
            problems.append(row.locate("period", str(exc)))
    unit = text["unit"]
    if unit and unit_kind(unit) == "quantity" and not _known_unit(unit):
        problems.append(row.locate("unit", f"unknown unit {unit!r} (a count has none; %, a currency code such as VND,"
                                           " or a unit pint knows: hectare, km**2, tonne)"))
    if text["url"] and not re.match(r"^https?://", text["url"]):
        problems.append(row.locate("url", f"{text['url']!r} is not a web address (http:// or https://)"))
    errors.extend(problems)
    if problems or value is None:
        return None
    return Fact(text["entity"], text["measure"], period, value, unit, text["source"], text["url"], row.origin)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", value):
        return float(value)
    return None


def _known_unit(unit: str) -> bool:
    from ..checking.units import dimensionality
    from ..checking.values import Undetermined

    try:
        dimensionality(unit)
    except Undetermined:
        return False
    return True


def _names(value: Any) -> list[str]:
    """Names given as "a | b" or as a list."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    return []


def _order(fact: Fact) -> tuple[str, str]:
    return (fact.period.key if fact.period else "", fact.origin)


def _digest(facts: dict[tuple[str, str], tuple[Fact, ...]], entities: dict[str, set[str]],
            measures: dict[str, dict[str, set[str]]]) -> str:
    content = [sorted((k, [(f.period.key if f.period else "", f.value, f.unit, f.source, f.url) for f in v])
                      for k, v in facts.items()),
               sorted((a, sorted(e)) for a, e in entities.items()),
               sorted((lang, sorted((a, sorted(m)) for a, m in t.items())) for lang, t in measures.items())]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()[:16]
