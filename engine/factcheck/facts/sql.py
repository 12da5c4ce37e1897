"""Facts from a database: a query's rows, through SQLAlchemy (SQLite needs nothing installed;
PostgreSQL needs the ``postgres`` extra, psycopg).

The query is the newsroom's own SELECT, run once per run with its parameters bound (``:name``
in the query, values from the configuration: never pasted into the SQL), in a read-only
connection: SQLite opens the file read-only, PostgreSQL runs a READ ONLY transaction, so a
query that writes fails. A URL may take its credentials from the environment (``${VAR}``, or
libpq's own PGPASSWORD and ~/.pgpass); messages show the URL with any password hidden, and
nothing of it reaches a report.
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterator, Mapping

from ..loading.yamlsource import SourceError
from .rows import Row

DEFAULT_QUERY = "SELECT * FROM facts"
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


class DatabaseError(Exception):
    """A database that cannot be read; the message never holds a password."""


def shown_url(url: str) -> str:
    """The URL as messages show it: as written (``${VAR}`` unexpanded), any password hidden."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def expanded(url: str) -> str:
    """The URL with each ``${VAR}`` read from the environment (DatabaseError when one is unset)."""
    missing = [name for name in _ENV.findall(url) if name not in os.environ]
    if missing:
        raise DatabaseError(f"{shown_url(url)}: the environment has no {', '.join(missing)}")
    return _ENV.sub(lambda m: os.environ[m.group(1)], url)


def query_rows(url: str, query: str | None = None, params: Mapping[str, Any] | None = None) -> Iterator[Row]:
    """The rows a query gives, read-only; DatabaseError when the database cannot be read."""
    try:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError, SQLAlchemyError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise DatabaseError("reading facts from a database needs SQLAlchemy (pip install sqlalchemy)") from None
    shown = shown_url(url)
    try:
        target = make_url(expanded(url))
    except ArgumentError:
        raise DatabaseError(f"{shown}: not a database URL (sqlite:///facts.db, postgresql://user@host/db)") from None
    backend = target.get_backend_name()
    options: dict[str, Any] = {}
    if backend == "sqlite":
        database = target.database or ""
        if not database or database == ":memory:":
            raise DatabaseError(f"{shown}: name a database file (sqlite:///facts.db)")
        if not os.path.isfile(database):
            raise DatabaseError(f"{shown}: no such database file")
        # read-only: SQLite opens the file with mode=ro (a URI filename)
        target = target.set(database=f"file:{database}?mode=ro", query={"uri": "true"})
    elif backend == "postgresql":
        if target.drivername == "postgresql":
            target = target.set(drivername="postgresql+psycopg")
        options["postgresql_readonly"] = True
    else:
        raise DatabaseError(f"{shown}: facts are read from SQLite or PostgreSQL, not {backend}")
    engine = None
    try:
        engine = create_engine(target)
        with engine.connect().execution_options(**options) as connection:
            result = connection.execute(text(query or DEFAULT_QUERY), dict(params or {}))
            columns = [str(c).lower() for c in result.keys()]
            records = [tuple(r) for r in result]
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"{shown}: the driver is not installed ({exc.name}); for PostgreSQL:"
                            " install psycopg (the postgres extra: pip install -e \".[postgres]\")") from None
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise DatabaseError(f"{shown}: cannot read the facts: {reason}") from None
    finally:
        if engine is not None:
            engine.dispose()
    for number, record in enumerate(records, start=1):
        def locate(key: str, message: str, number: int = number) -> SourceError:
            return SourceError(shown, number, columns.index(key) + 1 if key in columns else 1, key,
                               f"(row {number} of the query) {message}")

        yield Row(dict(zip(columns, (_plain(v) for v in record))), locate, f"{shown} row {number}")


def _plain(value: Any) -> Any:
    """A database value as a row field: numbers stay numbers (a Decimal too), the rest is text."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (int, float, str, list)):
        return value
    return str(value)  # a date column: 2020-08-05
