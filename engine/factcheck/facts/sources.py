"""Facts sources as a configuration or the command line names them, loaded into one table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..errors import ConfigError, display_path
from ..loading.yamlsource import SourceError
from .rows import Row, file_rows, table
from .sql import DatabaseError, query_rows, shown_url
from .table import FactTable


@dataclass(frozen=True)
class FactSource:
    """A facts file (``path``), or a database (``url``) and the query that gives its facts
    (None: ``SELECT * FROM facts``) with the values of its ``:name`` parameters."""

    path: Path | None = None
    url: str | None = None
    query: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def named(cls, name: str | Path, folder: Path | None = None) -> "FactSource":
        """A source from ``--facts``: a database URL (``sqlite:///facts.db``) or a file path
        (relative to ``folder`` when given)."""
        text = str(name)
        if "://" in text:
            return cls(url=text)
        path = Path(text)
        return cls(path=folder / path if folder is not None and not path.is_absolute() else path)

    def __str__(self) -> str:
        return display_path(self.path) if self.path is not None else shown_url(self.url or "")


def load_facts(sources: Iterable[FactSource | str | Path]) -> FactTable:
    """One table of every source's facts; ConfigError lists every problem of every source."""
    chosen = [s if isinstance(s, FactSource) else FactSource.named(s) for s in sources]
    errors: list[SourceError | str] = []
    rows: list[Row] = []
    for source in chosen:
        try:
            for row in _rows(source):  # the rows before a line that cannot be read are still checked
                rows.append(row)
        except (SourceError, DatabaseError) as exc:
            errors.append(exc if isinstance(exc, SourceError) else str(exc))
    shown = tuple(str(s) for s in chosen)
    facts = table(rows, errors, shown)
    if errors:  # in the order of the sources, then of their lines
        raise ConfigError(sorted(errors, key=lambda e: (_source_of(e, shown), getattr(e, "line", 0),
                                                         getattr(e, "column", 0))))
    return facts


def _source_of(error: SourceError | str, shown: tuple[str, ...]) -> int:
    where = error.path if isinstance(error, SourceError) else error
    return next((i for i, name in enumerate(shown) if where.startswith(name)), len(shown))


def facts_of(records: Sequence[Mapping[str, Any]], origin: str) -> FactTable:
    """A table of facts given as mappings (a rule test's ``facts:``); ConfigError lists every problem."""
    errors: list[SourceError | str] = []
    rows = []
    for i, record in enumerate(records):
        def locate(key: str, message: str, i: int = i) -> SourceError:
            return SourceError(origin, 1, 1, f"facts.{i}.{key}", message)

        rows.append(Row({str(k).lower(): v for k, v in record.items()}, locate, f"{origin} fact {i}"))
    facts = table(rows, errors, (origin,))
    if errors:
        raise ConfigError(errors)
    return facts


def _rows(source: FactSource) -> Iterator[Row]:
    if source.url is not None:
        return query_rows(source.url, source.query, source.params)
    assert source.path is not None
    if not source.path.is_file():
        raise SourceError(display_path(source.path), 1, 1, "", "no such facts file")
    return file_rows(source.path)


def sources_of(entries: Sequence[Any], folder: Path) -> list[FactSource]:
    """The configuration's ``facts:`` entries (a path or URL, or {path} / {url, query, params}),
    paths read from the configuration's folder."""
    out = []
    for entry in entries:
        if isinstance(entry, str):
            out.append(FactSource.named(entry, folder))
        elif entry.path is not None:
            out.append(FactSource.named(entry.path, folder))
        else:
            out.append(FactSource(url=entry.url, query=entry.query, params=dict(entry.params or {})))
    return out
